"""Input fields, their parsing and the bilingual errors for bad input.

A field table (the event date here, each document's rules.FIELDS, profile.py puts them together)
is the single description of an input: the parser, the JSON Schema, the batch columns and the
forms on the site are all made from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Optional

from .money import ZERO, date_en, date_zh
from .params import NoValue

# Sanity limits of the input, not of the policy: larger values are typing mistakes, and keeping
# them bounded keeps every Decimal operation exact at the default precision.
MAX_MONEY = Decimal("1E14")
MAX_COUNT = 10_000_000
# A number other than 0 below 1E-20 is a misplaced decimal point; past it, a number written out
# (a rate in an explanation) would take as many characters as its exponent says.
MIN_MAGNITUDE = -20  # Decimal.adjusted(): the exponent of the first digit
# The smallest area a survey records (0.01 m²): below it the price per m² of a cost outgrows
# the precision of the computation.
MIN_AREA = Decimal("0.01")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
# re.ASCII: only 0-9; Decimal would also read other scripts' digits.
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$", re.ASCII)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # date | enum | money | flag | rank | count | rate | grade | area
    group: str
    label_zh: str
    label_en: str
    help_zh: str
    help_en: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    choice_labels: tuple[tuple[str, str], ...] = ()  # (zh, en) per choice
    clause: str = ""


# Field groups of the forms: these two first and last, each document's own groups (its
# rules.GROUPS) between them (profile.py).
GROUPS = {
    "who": ("我们是谁", "Who we are"),
    "options": ("计算选项", "Options"),
}

# The one field every estimate has: the date that decides which documents, and which of their
# versions, apply. The other fields are the documents' own (their rules' FIELDS; profile.py).
EVENT_DATE = Field(
    "event_date", "date", "who", "事项发生日期", "Event date",
    "奖励事项发生（如营收达到门槛、获评称号、完成投资或培训）的日期，用于判断适用哪些文件及其哪个版本，以及是否在有效期内。",
    "The date of the event claimed (revenue reached, title won, investment or training done); "
    "decides which documents, and which of their versions, apply, and whether the event falls "
    "within their validity.", required=True)


# ------------------------------------------------------------------------------------ errors
_MESSAGES = {
    "not_object": ("输入必须是一个 JSON 对象。", "The input must be a JSON object."),
    "unreadable": ("无法读取输入：{detail}", "The input cannot be read: {detail}"),
    "not_utf8": ("输入须为 UTF-8 编码。", "The input must be encoded in UTF-8."),
    "malformed_json": ("输入不是有效的 JSON：{detail}", "The input is not valid JSON: {detail}"),
    "too_deep": ("输入的嵌套超过 {limit} 层：输入须为一个由字段和值组成的 JSON 对象。",
                 "The input is nested more than {limit} levels deep: it must be one JSON object of fields and values."),
    "required": ("“{zh}”为必填项。", "“{en}” is required."),
    "unknown_field": ("未知字段“{name}”。", "Unknown field “{name}”."),
    "not_date": ("“{zh}”须为 YYYY-MM-DD 格式的日期。", "“{en}” must be a date written YYYY-MM-DD."),
    "impossible_date": ("“{zh}”不是一个存在的日期。", "“{en}” is not a real date."),
    "not_choice": ("“{zh}”须为以下之一：{choices}。", "“{en}” must be one of: {choices}."),
    "not_number": ("“{zh}”须为数字（可写成字符串，不带千分位逗号）。",
                   "“{en}” must be a number (a string of digits is fine; no thousands separators)."),
    "not_finite": ("“{zh}”不能是 NaN 或无穷大。", "“{en}” cannot be NaN or infinite."),
    "negative": ("“{zh}”不能为负数。", "“{en}” cannot be negative."),
    "too_large": ("“{zh}”过大，请检查是否多输了位数。", "“{en}” is too large; check for extra digits."),
    "not_flag": ("“{zh}”须为 true 或 false。", "“{en}” must be true or false."),
    "not_whole": ("“{zh}”须为整数。", "“{en}” must be a whole number."),
    "below_one": ("“{zh}”须为不小于 1 的整数。", "“{en}” must be a whole number of at least 1."),
    "rate_range": ("“{zh}”须在 0 到 1 之间。", "“{en}” must be between 0 and 1."),
    "grade_range": ("“{zh}”须为 {low} 到 {high} 的整数。", "“{en}” must be a whole number from {low} to {high}."),
    "not_positive": ("“{zh}”须大于 0。", "“{en}” must be greater than 0."),
    "too_small": ("“{zh}”过小，请检查小数点的位置。", "“{en}” is too small; check the decimal point."),
    "area_too_small": ("“{zh}”须不小于 {minimum} 平方米。", "“{en}” must be at least {minimum} m²."),
    "no_value_on_date": ("“{zh}”为 {day_zh}：本站没有当日适用的{what_zh}（所载数值自 {first_zh} 起适用）。",
                         "“{en}” is {day_en}: this site holds no value in force on that day of "
                         "{what_en} (its values apply from {first_en})."),
}


@dataclass
class InputError(ValueError):
    """Bad input: every problem found, each naming its field, in both languages."""
    errors: list[dict[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(e["message_en"] for e in self.errors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "error": "invalid_input",
            "message_zh": "输入有误，请按提示修改后重试。",
            "message_en": "The input has errors; correct them and try again.",
            "errors": self.errors,
        }


def error(field_name: str, code: str, f: Optional[Field] = None, **details: Any) -> dict[str, str]:
    names = {"zh": f.label_zh if f else field_name, "en": f.label_en if f else field_name,
             "name": field_name}
    zh, en = _MESSAGES[code]
    return {"field": field_name, "code": code,
            "message_zh": zh.format(**names, **details),
            "message_en": en.format(**names, **details)}


def no_value(f: Field, missing: NoValue) -> dict[str, str]:
    """The error of a date field on which a value the computation needs has no entry in force
    (params.NoValue): the date is outside the data, so no figure is given."""
    what = missing.parameter
    return error(f.name, "no_value_on_date", f, day_zh=date_zh(missing.day), day_en=date_en(missing.day),
                 what_zh=f"“{what.description_zh.rstrip('。')}”",
                 what_en=f"“{what.description_en.rstrip('.')}”",
                 first_zh=date_zh(missing.first), first_en=date_en(missing.first))


# ----------------------------------------------------------------------------------- parsing
class _Bad(Exception):
    def __init__(self, code: str, **details: Any):
        super().__init__(code)
        self.code = code
        self.details = details


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise _Bad("not_number")
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, float):
        # A float arrives only from callers that already hold one (e.g. JavaScript numbers in
        # the browser); its shortest repr is the number the person typed.
        number = Decimal(repr(value))
    elif isinstance(value, str) and _DECIMAL.match(value.strip()):
        number = Decimal(value.strip())
    elif isinstance(value, str) and value.strip().lower().lstrip("+-") in ("nan", "inf", "infinity"):
        raise _Bad("not_finite")
    else:
        raise _Bad("not_number")
    if not number.is_finite():
        raise _Bad("not_finite")
    if number.is_zero():
        return number.copy_abs()  # -0 is 0: never "-0.00" in an output
    return number


def _fraction(value: Any) -> Decimal:
    """A number that may have decimals (money, rates, areas), not vanishingly small."""
    number = _decimal(value)
    if not number.is_zero() and number.adjusted() < MIN_MAGNITUDE:
        raise _Bad("too_small")
    return number


def _whole(value: Any, bounds: tuple[int, int], below: str, above: str, **details: Any) -> int:
    """A whole number within `bounds`, checked while it is a Decimal: int() of 1E+10000000
    would first write out its ten million digits."""
    number = _decimal(value)
    if number != number.to_integral_value():
        raise _Bad("not_whole")
    if number < bounds[0]:
        raise _Bad(below, **details)
    if number > bounds[1]:
        raise _Bad(above, **details)
    return int(number)


def _parse_money(value: Any) -> Decimal:
    number = _fraction(value)
    if number < 0:
        raise _Bad("negative")
    if number > MAX_MONEY:
        raise _Bad("too_large")
    return number


def _parse_count(value: Any) -> int:
    return _whole(value, (0, MAX_COUNT), "negative", "too_large")


def _parse_rank(value: Any) -> int:
    return _whole(value, (1, MAX_COUNT), "below_one", "too_large")


def _parse_rate(value: Any) -> Decimal:
    number = _fraction(value)
    if not ZERO <= number <= 1:
        raise _Bad("rate_range")
    return number


def _parse_flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad("not_flag")
    return value


def _parse_date(value: Any) -> date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise _Bad("not_date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _Bad("impossible_date") from None


def _parse_area(value: Any) -> Decimal:
    number = _parse_money(value)
    if number <= 0:
        raise _Bad("not_positive")
    if number < MIN_AREA:
        raise _Bad("area_too_small", minimum=MIN_AREA)
    return number


def _parse_grade(value: Any, low: int, high: int) -> int:
    return _whole(value, (low, high), "grade_range", "grade_range", low=low, high=high)


_PARSERS = {
    "money": _parse_money, "count": _parse_count, "rank": _parse_rank, "rate": _parse_rate,
    "flag": _parse_flag, "date": _parse_date, "area": _parse_area,
}


def parse(data: Any, fields: tuple[Field, ...], grades: tuple[int, int] = (1, 1)) -> dict[str, Any]:
    """Check `data` against `fields`; return the typed values or raise InputError with all errors.

    A missing or null optional field takes its default. `grades` bounds the `grade` kind.
    """
    if not isinstance(data, dict):
        raise InputError([error("", "not_object")])
    by_name = {f.name: f for f in fields}
    errors = [error(str(name), "unknown_field") for name in data if name not in by_name]
    values: dict[str, Any] = {}
    for f in fields:
        raw = data.get(f.name)
        if raw is None:
            if f.required:
                errors.append(error(f.name, "required", f))
            values[f.name] = f.default
            continue
        try:
            if f.kind == "enum":
                if raw not in f.choices:
                    raise _Bad("not_choice", choices=", ".join(f.choices))
                values[f.name] = raw
            elif f.kind == "grade":
                values[f.name] = _parse_grade(raw, *grades)
            else:
                values[f.name] = _PARSERS[f.kind](raw)
        except _Bad as bad:
            errors.append(error(f.name, bad.code, f, **bad.details))
    if errors:
        raise InputError(errors)
    return values
