"""Input fields, their parsing and the bilingual errors for bad input.

The field tables below are the single description of both inputs: the parser, the JSON Schema
and the forms on the site are all made from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Optional

from .money import ZERO

# Sanity limits of the input, not of the policy: larger values are typing mistakes, and keeping
# them bounded keeps every Decimal operation exact at the default precision.
MAX_MONEY = Decimal("1E14")
MAX_COUNT = 10_000_000

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


GROUPS = {
    "who": ("我们是谁", "Who we are"),
    "revenue": ("营业收入", "Revenue"),
    "investment": ("投资与荣誉", "Investment and titles"),
    "provincial": ("已获得的省级奖励", "Provincial awards received"),
    "training": ("职业技能培训", "Training"),
    "options": ("计算选项", "Options"),
    "land": ("土地", "Land"),
}

_F = Field
PROFILE_FIELDS: tuple[Field, ...] = (
    _F("event_date", "date", "who", "事项发生日期", "Event date",
       "奖励事项发生（如营收达到门槛、获评称号、完成投资或培训）的日期，用于判断是否在政策有效期内。",
       "The date of the event claimed (revenue reached, title won, investment or training done); "
       "decides whether it falls within the policy's validity.", required=True,
       clause="policy-closing"),
    _F("role", "enum", "who", "企业类别", "Enterprise category",
       "主管部门认定的专业镇领军企业或骨干企业；都不是则选“无”。",
       "Leading or backbone enterprise of a specialized town as recognized by the competent "
       "department; otherwise none.", default="none",
       choices=("leading", "backbone", "none"),
       choice_labels=(("领军企业", "leading enterprise"), ("骨干企业", "backbone enterprise"),
                      ("无", "none")), clause="policy-4"),
    _F("selected_scale_leader", "flag", "who", "评选为规模化领军企业", "Selected as large-scale leading enterprise",
       "在市级两年一次的竞赛评选中被评为全市特色专业镇规模化领军企业。",
       "Selected in the municipal contest held every two years as a large-scale leading "
       "enterprise of the city's distinctive specialized towns.", default=False, clause="policy-4"),
    _F("town_revenue_rank", "rank", "who", "营收在本专业镇的排名", "Revenue rank in the town",
       "按营业收入在本专业镇中的名次（1 为第一）；不知道则留空。",
       "Rank by revenue among the enterprises of the town (1 = first); leave empty if unknown.",
       clause="policy-5"),
    _F("revenue", "money", "revenue", "本年度营业收入（元）", "Revenue of the year (yuan)",
       "申报年度的营业收入，单位为元。", "Operating revenue of the year claimed, in yuan.",
       default=ZERO, clause="policy-4"),
    _F("previous_max_revenue", "money", "revenue", "以往年度最高营业收入（元）", "Highest earlier annual revenue (yuan)",
       "此前各年度中最高的年营业收入，用于判断是否“首次”达到或突破门槛。",
       "The highest annual revenue of any earlier year; decides whether a threshold is crossed "
       "for the first time.", default=ZERO, clause="policy-4"),
    _F("equipment_investment", "money", "investment", "当年研发、检测、试验设备投资（元）", "R&D, testing and trial equipment bought this year (yuan)",
       "当年购置研发、检测、试验等设备的实际投资额。",
       "Actual investment in R&D, testing and trial equipment bought in the year.",
       default=ZERO, clause="policy-5"),
    _F("first_single_champion_product", "flag", "investment", "首次获评国家级制造业单项冠军产品", "Product first named national single champion",
       "企业产品首次获评国家级制造业单项冠军产品。",
       "The enterprise's product was named a national manufacturing single champion for the "
       "first time.", default=False, clause="policy-5"),
    _F("provincial_key_project_support", "money", "provincial", "省级重点项目支持资金（元）", "Provincial support for key projects (yuan)",
       "产业基础再造、智能制造示范、绿色制造推广、产业链锻长补短等重点项目获得的省级支持资金。",
       "Provincial funding received for key projects in industrial foundation rebuilding, "
       "intelligent manufacturing demonstration, green manufacturing or strengthening the "
       "industrial chain.", default=ZERO, clause="policy-5"),
    _F("provincial_digital_award", "money", "provincial", "省级信息化改造、5G 项目奖励（元）", "Provincial award for informatization or 5G projects (yuan)",
       "信息化改造、5G 融合应用等项目获得的省级奖励资金。",
       "Provincial award received for informatization or 5G application projects.",
       default=ZERO, clause="policy-6"),
    _F("provincial_standards_subsidy", "money", "provincial", "省级标准制修订经费补贴（元）", "Provincial subsidy for standards work (yuan)",
       "主导或参与国际、国家、行业标准制修订获得的省级经费补贴。",
       "Provincial subsidy received for leading or taking part in international, national or "
       "industry standards.", default=ZERO, clause="policy-9"),
    _F("provincial_gi_award", "money", "provincial", "省级地理标志奖励（元）", "Provincial GI award (yuan)",
       "获得国家地理标志产品保护示范区称号或入选中欧地理标志互认互保名单获得的省级奖励。",
       "Provincial award received for a national GI protection demonstration zone or a place "
       "on the China–EU GI list.", default=ZERO, clause="policy-10"),
    _F("provincial_time_honored_brand_award", "money", "provincial", "省级老字号奖励（元）", "Provincial time-honoured brand award (yuan)",
       "新入选“中华老字号”“山西老字号”获得的省级奖励。",
       "Provincial award received for a new listing as a China or Shanxi time-honoured brand.",
       default=ZERO, clause="policy-10"),
    _F("provincial_culture_park_award", "money", "provincial", "省级文化产业示范园区（基地）奖励（元）", "Provincial award for a cultural demonstration park or base (yuan)",
       "首次获评国家级文化产业示范园区、文化出口基地等获得的省级奖励。",
       "Provincial award received for being first named a national cultural-industry "
       "demonstration park, cultural export base or similar.", default=ZERO, clause="policy-14"),
    _F("incumbent_trainees", "count", "training", "参加技能提升培训的在岗职工人数", "In-service employees trained",
       "参加职业技能提升培训的在岗职工人数。",
       "Number of in-service employees who took skills training.", default=0, clause="policy-16"),
    _F("new_hire_trainees", "count", "training", "订单式培训的新招聘人员人数", "New hires in order-based training",
       "新招聘技术技能人才参加订单式、项目制、定向式培训的人数。该补贴给予培训主体（开展培训的单位，可能是企业本身，也可能是院校）。",
       "Number of newly hired skilled workers in order-based, project-based or targeted "
       "training. The subsidy is paid to the body conducting the training (培训主体), which may "
       "be the enterprise itself or the school.", default=0, clause="policy-16"),
    _F("new_hire_training_days", "count", "training", "培训天数（每人）", "Training days per person",
       "每人的培训天数。", "Training days per person.", default=0, clause="policy-16"),
    _F("new_hire_employment_rate", "rate", "training", "培训后就业率（0–1）", "Employment rate after training (0–1)",
       "以签订就业协议或提供就业证明为准的培训后就业率，填 0 到 1 之间的小数，如 0.85。",
       "Share of trainees employed afterwards (employment agreement or proof of employment), "
       "from 0 to 1, e.g. 0.85.", clause="policy-16"),
    _F("milestone_mode", "enum", "options", "同年跨越多个门槛时", "Several thresholds in one year",
       "“分别奖励”：每个新跨越的门槛各奖一次；“只奖最高”：只奖最高一档。条文的“分别”没有说明同年跨越多个门槛时怎样奖励，以主管部门的解释为准。",
       "'each': every newly crossed threshold is awarded; 'highest': only the highest. The "
       "text's 分别 (respectively) does not say which applies when one year crosses several; the "
       "competent department's interpretation prevails.", default="each", choices=("each", "highest"),
       choice_labels=(("分别奖励", "each"), ("只奖最高一档", "highest only")), clause="policy-4"),
)

LAND_FIELDS: tuple[Field, ...] = (
    _F("grade", "grade", "land", "土地等别", "Land grade",
       "所在地土地等别，按《全国工业用地出让最低价标准》填等别序号（第一等填 1）。",
       "The land grade of the site under the national minimum price standard, as its number "
       "(the first grade is 1).", required=True, clause="policy-13"),
    _F("area_m2", "area", "land", "出让面积（平方米）", "Area (m²)",
       "出让土地面积，单位为平方米，须大于 0。", "Area of the land, in m²; must be positive.",
       required=True, clause="policy-13"),
    _F("total_cost", "money", "land", "实际各项成本费用之和（元）", "Actual total cost (yuan)",
       "土地的实际各项成本费用之和；出让底价不低于此数。",
       "The actual total of all costs of the land; the reserve price never goes below it.",
       default=ZERO, clause="policy-13"),
    _F("supported_project", "flag", "land", "支持类工业项目", "Supported industrial project",
       "项目属于支持类工业项目。", "The project is a supported industrial project.",
       default=False, clause="policy-13"),
)


# ------------------------------------------------------------------------------------ errors
_MESSAGES = {
    "not_object": ("输入必须是一个 JSON 对象。", "The input must be a JSON object."),
    "unreadable": ("无法读取输入：{detail}", "The input cannot be read: {detail}"),
    "not_utf8": ("输入须为 UTF-8 编码。", "The input must be encoded in UTF-8."),
    "malformed_json": ("输入不是有效的 JSON：{detail}", "The input is not valid JSON: {detail}"),
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
    return number


def _whole(value: Any) -> int:
    number = _decimal(value)
    if number != number.to_integral_value():
        raise _Bad("not_whole")
    return int(number)


def _parse_money(value: Any) -> Decimal:
    number = _decimal(value)
    if number < 0:
        raise _Bad("negative")
    if number > MAX_MONEY:
        raise _Bad("too_large")
    return number


def _parse_count(value: Any) -> int:
    number = _whole(value)
    if number < 0:
        raise _Bad("negative")
    if number > MAX_COUNT:
        raise _Bad("too_large")
    return number


def _parse_rank(value: Any) -> int:
    number = _whole(value)
    if number < 1:
        raise _Bad("below_one")
    if number > MAX_COUNT:
        raise _Bad("too_large")
    return number


def _parse_rate(value: Any) -> Decimal:
    number = _decimal(value)
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
    return number


def _parse_grade(value: Any, low: int, high: int) -> int:
    number = _whole(value)
    if not low <= number <= high:
        raise _Bad("grade_range", low=low, high=high)
    return number


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
