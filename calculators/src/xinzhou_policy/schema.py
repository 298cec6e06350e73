"""JSON Schemas of the inputs (the estimate's and each document command's), generated from their
field tables (profile.py), and of the estimate's result: what each of its fields means."""

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
        "estimate-result": result_schema(),
        **{name: _schema(name, title_zh, title_en, fields)
           for name, (_, fields, title_zh, title_en) in COMMANDS.items()},
    }


# ------------------------------------------------------------------------------ the result
def _described(kind: str, zh: str, en: str, **more: Any) -> dict[str, Any]:
    return {"type": kind, "description": en, "x-description-zh": zh, **more}


# What each field of an estimate's item means (findings.Item.to_dict).
_ITEM = {
    "id": ("string", "项目标识", "the item's id"),
    "clause": ("string", "依据的条款标识（页面锚点）", "the clause it rests on (a page anchor)"),
    "title_zh": ("string", "项目名称（中文）", "the item's title, Chinese"),
    "title_en": ("string", "项目名称（英文）", "the item's title, English"),
    "clause_label_zh": ("string", "条款的引用名称（中文）", "how the clause is cited, Chinese"),
    "clause_label_en": ("string", "条款的引用名称（英文）", "how the clause is cited, English"),
    "amount": ("string", "金额（元，两位小数）", "the amount in yuan, two decimals"),
    "basis": ("string", "fixed 定额、computed 计算所得、up_to 最高不超过（按上限计）",
              "fixed, computed, or up_to (an upper bound, counted at the bound)"),
    "explanation_zh": ("string", "计算说明（中文）", "how it was computed, Chinese"),
    "explanation_en": ("string", "计算说明（英文）", "how it was computed, English"),
    "departments": ("array", "责任单位", "the responsible units"),
    "parameters": ("array", "所用数值的键（parameters.toml）", "the keys of the values used (parameters.toml)"),
    "parameter_descriptions": ("array", "所用数值的说明（键、中文、英文），页面以此显示所用参数",
                               "what each value used is (key, Chinese, English), as the pages show it"),
    "evidence_zh": ("array", "申报材料（中文）", "the evidence to prepare, Chinese"),
    "evidence_en": ("array", "申报材料（英文）", "the evidence to prepare, English"),
    "recipient": ("string", "受领者", "who receives it"),
    "recipient_zh": ("string", "受领者（中文）", "who receives it, Chinese"),
    "recipient_en": ("string", "受领者（英文）", "who receives it, English"),
    "readings": ("array", "金额所依据的解读", "the readings the amount rests on"),
    "document": ("string", "文件标识", "the document's id"),
    "document_number": ("string", "文件（作品）的文号，即首次印发的文号；引用本项目时不一定用它，见 version_number",
                        "the document's own 文号, as first issued (the work's number); to cite the item, use version_number"),
    "version": ("string", "适用的版本（其施行日期）", "the version applied (its entry into force)"),
    "version_number": ("string", "引用本项目应使用的文号：适用版本的文本的文号（延续、修订的文号），版本无自己的文号时为文件的文号",
                       "the 文号 to cite for this item: that of the text applied (a renewal's or amendment's own), "
                       "else the document's"),
}
# What each entry of the result's `documents` means (estimate._documents).
_DOCUMENT = {
    "id": ("string", "文件标识", "the document's id"),
    "number": ("string", "文件（作品）的文号，即首次印发的文号", "the document's own 文号, as first issued"),
    "title_zh": ("string", "文件标题（中文）", "the title, Chinese"),
    "title_en": ("string", "文件标题（英文）", "the title, English"),
    "status": ("string", "事项发生日期的状态：in_force、not_yet、expired、superseded",
               "its status on the event date: in_force, not_yet, expired, superseded"),
    "version": ("string", "适用的版本，未适用时为最近的版本", "the version applied, or the nearest one"),
    "version_number": ("string", "该版本文本的文号（引用时使用），版本无自己的文号时为文件的文号",
                       "the 文号 of that version's text (the one to cite), else the document's"),
    "validity": ("object", "该版本的有效期", "that version's period of validity"),
    "applied": ("boolean", "是否已适用", "whether it was applied"),
    "reason_zh": ("string", "适用与否的原因（中文）", "why it was applied or not, Chinese"),
    "reason_en": ("string", "适用与否的原因（英文）", "why it was applied or not, English"),
    "readings": ("array", "有效期所依据的解读", "the readings its validity rests on"),
    "successor": ("string", "取代它的文件", "the document that replaced it"),
    "total": ("string", "适用时的合计（元）", "its total when applied (yuan)"),
    "would_have_been": ("string", "未适用时，假如有效的合计（元）", "not applied: its total had it been in force (yuan)"),
}


def result_schema() -> dict[str, Any]:
    """What the estimate's result holds, field by field (the input schemas say what it reads)."""
    item = {"type": "object", "properties": {k: _described(*v) for k, v in _ITEM.items()}}
    document = {"type": "object", "properties": {k: _described(*v) for k, v in _DOCUMENT.items()}}
    options = {f.name: _described("string", f"所选的解读：{f.label_zh}", f"the reading chosen: {f.label_en}")
               for f in PROFILE_FIELDS if f.group == "options"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "xinzhou-policy/estimate-result.schema.json",
        "title": "Enterprise award estimate result",
        "x-title-zh": "企业奖补估算结果",
        "type": "object",
        "properties": {
            "event_date": _described("string", "事项发生日期", "the event date"),
            "within_validity": _described("boolean", "是否有规定奖补的文件适用", "whether some document with awards applied"),
            "validity": _described("object", "适用（或最近）版本的有效期", "the validity of the version applied, or the nearest"),
            "items": _described("array", "适用文件的奖补项目", "the items of the documents applied", items=item),
            "total": _described("string", "全部项目的合计（元）", "the total of every item (yuan)"),
            "totals_by_recipient": _described("object", "按受领者的合计", "the totals per recipient"),
            "warnings": _described("array", "警示（代码稳定）", "the warnings (stable codes)"),
            "guidance": _described("array", "没有金额的支持事项", "support without an amount"),
            **options,
            "if_within_validity": _described("object", "未适用的文件假如有效时的项目与合计",
                                             "what the documents not applied would have given", properties={
                                                 "items": _described("array", "项目", "the items", items=item),
                                                 "total": _described("string", "合计（元）", "their total (yuan)")}),
            "documents": _described("array", "登记的每一文件在事项发生日期的情况", "every document of the registry on the event date",
                                    items=document),
        },
    }
