"""JSON Schemas of the inputs (the estimate's and each document command's), generated from their
field tables (profile.py)."""

from __future__ import annotations

from typing import Any

from .profile import COMMANDS, GROUPS, PROFILE_FIELDS, SITUATIONS
from .validation import MAX_COUNT, MAX_MONEY, MIN_AREA, Field

_NUMBER_TEXT = r"^[+-]?(\d+(\.\d*)?|\.\d+)$"


def _number_or_text(minimum: Any, maximum: Any) -> list[dict[str, Any]]:
    return [{"type": "number", "minimum": minimum, "maximum": maximum},
            {"type": "string", "pattern": _NUMBER_TEXT}]


def _type(f: Field) -> dict[str, Any]:
    if f.kind == "date":
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if f.kind == "enum":
        return {"enum": list(f.choices),
                "x-choice-labels": {c: {"zh": zh, "en": en}
                                    for c, (zh, en) in zip(f.choices, f.choice_labels)}}
    if f.kind == "flag":
        return {"type": ["boolean", "null"]}
    if f.kind == "money":
        return {"anyOf": [*_number_or_text(0, float(MAX_MONEY)), {"type": "null"}]}
    if f.kind == "area":
        return {"anyOf": [*_number_or_text(float(MIN_AREA), float(MAX_MONEY)), {"type": "null"}]}
    if f.kind == "count":
        return {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_COUNT}
    if f.kind == "rank":
        return {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_COUNT}
    if f.kind == "rate":
        return {"anyOf": [*_number_or_text(0, 1), {"type": "null"}]}
    if f.kind == "grade":
        return {"type": "integer", "minimum": 1}
    raise ValueError(f"no schema for field kind {f.kind!r}")


def _property(f: Field) -> dict[str, Any]:
    prop = {"title": f.label_en, "x-title-zh": f.label_zh, "description": f.help_en,
            "x-description-zh": f.help_zh, "x-group": f.group, "x-clause": f.clause,
            **_type(f)}
    if f.default is not None:
        prop["default"] = f.default if isinstance(f.default, (bool, int, str)) else str(f.default)
    return prop


def _schema(name: str, title_zh: str, title_en: str, fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"xinzhou-policy/{name}.schema.json",
        "title": title_en,
        "x-title-zh": title_zh,
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {f.name: _property(f) for f in fields},
        # Each group's name; "situation": a situation the forms' picker offers (profile.py).
        "x-groups": {key: {"zh": zh, "en": en, "situation": key in SITUATIONS}
                     for key, (zh, en) in GROUPS.items() if any(f.group == key for f in fields)},
    }


def schemas() -> dict[str, dict[str, Any]]:
    return {
        "estimate": _schema("estimate", "企业奖补估算输入", "Enterprise award estimate input", PROFILE_FIELDS),
        **{name: _schema(name, title_zh, title_en, fields)
           for name, (_, fields, title_zh, title_en) in COMMANDS.items()},
    }
