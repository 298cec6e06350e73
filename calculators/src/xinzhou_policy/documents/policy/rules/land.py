"""Clause (13): the floor of the reserve price (出让底价) of industrial land.

A supported industrial project may go down to a share of the national minimum price for its
land grade (不低于…的 share, so the share is itself allowed), an unsupported one to the national
minimum itself; neither below the actual total cost (不应低于实际各项成本费用之和).

Dates. The national minimum prices are a standard outside the policy with dates of their own:
those in force on the grant date apply, and a date before their first entry is an error of the
date (no figure can be given). The policy's own values are those of its version in force on the
date; on a date outside its validity (before it, in a gap between versions, after it ended,
after a successor took over) they are those of the nearest version, as the estimate's "would
have been", and a warning says that the clause cannot be applied on that date. Without a date,
the latest values the site holds apply, and a note says which version that is.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from xinzhou_policy.findings import Warning
from xinzhou_policy.money import date_en, date_zh, money_str, number, percent, yuan
from xinzhou_policy.params import NoValue, Scale
from xinzhou_policy.readings import readings
from xinzhou_policy.registry import DOCUMENTS, Status, Version
from xinzhou_policy.validation import EVENT_DATE, InputError, no_value, parse
from xinzhou_policy.validity import as_dict, name, other_reading, unless, validity_readings, window

from .fields import LAND_FIELDS

CLAUSE = "policy-13"
DOCUMENT = DOCUMENTS["policy"]
# The land command's own date field: optional, as the reserve price is set for a grant to come.
GRANT_DATE = replace(
    EVENT_DATE, required=False, clause=CLAUSE, group="land", label_zh="出让日期（可选）",
    label_en="Date of the grant (optional)",
    help_zh="土地出让的日期，按当日适用的标准计算；留空则按本站所载的最新标准计算。",
    help_en="The date of the grant: the standards in force on that day apply. Left empty, the "
            "latest standards this site holds apply.")
FIELDS = (*LAND_FIELDS, GRANT_DATE)


def grades(scale: Scale) -> dict[int, object]:
    """Land grade -> national minimum price per m²."""
    return {int(t.threshold): t.amount for t in scale.tiers}


def _grant_date(data: Any) -> date | None:
    # The grades' range depends on the date, so the date is read first; a bad one is named with
    # every other error by the full parse.
    try:
        return parse({"event_date": data.get("event_date")}, (GRANT_DATE,))["event_date"]
    except (InputError, AttributeError):
        return None


def land(data: Any) -> dict[str, Any]:
    """The reserve-price floor for `{"grade", "area_m2", "total_cost", "supported_project"}`,
    with the standards in force on `event_date` (the latest ones if it is not given)."""
    day = _grant_date(data)
    errors = []
    try:
        national = DOCUMENT.parameters.at(day or date.max).national_minimum_prices
    except NoValue as missing:
        errors.append(no_value(GRANT_DATE, missing))
        national = DOCUMENT.parameters.all[missing.parameter.key].at(missing.first)  # the grades' range only
    prices = grades(national)
    try:
        values = parse(data, FIELDS, grades=(min(prices), max(prices)))
    except InputError as bad:
        raise InputError(bad.errors + errors) from None
    if errors:
        raise InputError(errors)
    status = DOCUMENT.status_on(day) if day else None
    version = status.version if status else DOCUMENT.latest
    # The policy's own values: of the version in force, else of the nearest one (module docstring).
    p = DOCUMENT.parameters.at(DOCUMENT.day_within(version, day) if day else date.max)
    grade, area, cost = values["grade"], values["area_m2"], values["total_cost"]
    supported = values["supported_project"]
    unit_minimum = prices[grade]
    national_total = unit_minimum * area
    ratio = p.land_supported_ratio.value if supported else 1
    price_floor = national_total * ratio
    cost_applies = cost > price_floor
    floor = cost if cost_applies else price_floor
    if supported:
        rule_zh = f"支持类工业项目，可按国家最低价的 {percent(ratio)} 执行：{yuan(price_floor)} 元"
        rule_en = (f"A supported industrial project may go down to {percent(ratio)} of the national "
                   f"minimum: {yuan(price_floor)} yuan")
    else:
        rule_zh = f"非支持类项目，按国家最低价执行：{yuan(price_floor)} 元"
        rule_en = f"An unsupported project's floor is the national minimum: {yuan(price_floor)} yuan"
    cost_zh = (f"；但不低于实际各项成本费用之和 {yuan(cost)} 元，故底价为成本" if cost_applies
               else f"；高于实际各项成本费用之和 {yuan(cost)} 元")
    cost_en = (f"; but never below the actual total cost of {yuan(cost)} yuan, so the cost is the floor"
               if cost_applies else f"; this is above the actual total cost of {yuan(cost)} yuan")
    label_zh, label_en = DOCUMENT.clause_label(CLAUSE)
    return {
        "clause": CLAUSE,
        "clause_label_zh": label_zh,
        "clause_label_en": label_en,
        "event_date": day.isoformat() if day else None,
        "within_validity": status.in_force if status else None,
        "version": version.id,
        "validity": as_dict(version),
        "grade": grade,
        "area_m2": number(area),
        "supported_project": supported,
        "national_minimum_unit_price": money_str(unit_minimum),
        "national_minimum_total": money_str(national_total),
        "applied_ratio": number(ratio),
        "price_floor": money_str(price_floor),
        "total_cost": money_str(cost),
        "cost_floor_applies": cost_applies,
        "floor_price": money_str(floor),
        "floor_unit_price": money_str(floor / area),
        "explanation_zh": (f"第{grade}等土地的国家工业用地出让最低价为每平方米 {yuan(unit_minimum)} 元，"
                           f"{number(area)} 平方米合计 {yuan(national_total)} 元。{rule_zh}{cost_zh}。"
                           f"出让底价不低于 {yuan(floor)} 元。"),
        "explanation_en": (f"The national minimum price for grade {grade} industrial land is "
                           f"{yuan(unit_minimum)} yuan per m², or {yuan(national_total)} yuan for "
                           f"{number(area)} m². {rule_en}{cost_en}. The reserve price is at least "
                           f"{yuan(floor)} yuan."),
        "reference": national.reference,
        "warnings": [w.to_dict() for w in _warnings(status, version, day)],
        "departments": DOCUMENT.departments_of(CLAUSE),
        # The floor of a project outside the supported categories is a reading of the clause.
        "readings": [] if supported else [readings()["policy-land-unsupported"].cited()],
    }


# ------------------------------------------------------------------------------ the date
def _warnings(status: Status | None, version: Version, day: date | None) -> list[Warning]:
    """What the reader must know of the policy's validity on the grant date (module docstring)."""
    (name_zh, name_en), (window_zh, window_en) = name(DOCUMENT), window(version)
    cite_zh, cite_en = DOCUMENT.cite(CLAUSE)
    clause, cited = version.validity_clause or version.in_force_clause, validity_readings(version)
    used_zh = f"以上按该文件 {date_zh(version.in_force)} 起施行的版本计算，仅供参考。"
    used_en = f"The figures above follow its version in force from {date_en(version.in_force)}, for reference only."
    if status is None:
        return [Warning(
            "latest_standards",
            f"未填写出让日期：以上按本站所载的最新标准计算（{name_zh} {date_zh(version.in_force)} 起施行的版本，"
            f"有效期 {window_zh}）。填写出让日期可核对当日适用的标准以及该文件当日是否有效。",
            f"No date of the grant was given: the figures above follow the latest standards this "
            f"site holds ({name_en}, its version in force from {date_en(version.in_force)}, valid "
            f"{window_en}). Give the date of the grant to check the standards of that day and "
            "whether the document was in force.", clause, cited, DOCUMENT.id)]
    if status.in_force:
        return []
    warnings = []
    if status.code == "superseded":
        new_zh, new_en = name(status.successor)
        warnings.append(Warning(
            "superseded",
            f"出让日期 {date_zh(day)} 时，{name_zh}已被{new_zh}取代（后者自 "
            f"{date_zh(status.successor.first.in_force)} 起施行），出让底价应依据新文件确定。{used_zh}",
            f"On the date of the grant, {date_en(day)}, {name_en} had been superseded by {new_en} "
            f"(in force from {date_en(status.successor.first.in_force)}): the reserve price rests "
            f"on the new document. {used_en}", clause, cited, DOCUMENT.id))
    else:
        if status.code == "not_yet":
            when_zh, when_en = f"早于{name_zh}施行之日", f"before {name_en} entered into force"
            unless_zh, unless_en = "", ""
        else:
            when_zh, when_en = f"晚于{name_zh}有效期届满之日", f"after the validity of {name_en} ended"
            unless_zh, unless_en = unless(DOCUMENT, day)
        warnings.append(Warning(
            "outside_validity",
            f"出让日期 {date_zh(day)} {when_zh}（有效期 {window_zh}），当日不能依据{cite_zh}确定出让底价"
            f"{unless_zh}。{used_zh}",
            f"The date of the grant, {date_en(day)}, is {when_en} (valid {window_en}), so "
            f"{cite_en} cannot set the reserve price on that day{unless_en}. {used_en}",
            clause, cited, DOCUMENT.id))
    between = other_reading(DOCUMENT, status, day)
    if between:
        other, reading = between
        warnings.append(Warning(
            "validity_other_reading",
            f"出让日期 {date_zh(day)} 正好落在对有效期最后一天的两种理解之间：本站从发布之日当天起算，"
            f"{name_zh}到 {date_zh(version.last_day)} 届满；如参照《中华人民共和国民法典》第二百零一条、第二百零二条"
            f"（开始的当日不计入），则到 {date_zh(other)} 届满，当日仍可依据{cite_zh}确定出让底价。"
            "以主管部门的解释为准。",
            f"The date of the grant, {date_en(day)}, falls between the two readings of the "
            f"validity's last day: counting from the day of publication itself, as this site does, "
            f"{name_en} expired after {date_en(version.last_day)}; by analogy with Articles 201 and "
            f"202 of the Civil Code (the first day does not count) it would run through "
            f"{date_en(other)}, and {cite_en} would still set the reserve price on that day. The "
            "competent department's interpretation prevails.", version.validity_clause,
            (reading.id,), DOCUMENT.id))
    return warnings
