"""Clause (13): the floor of the reserve price (出让底价) of industrial land.

A supported industrial project may go down to a share of the national minimum price for its
land grade (不低于…的 share, so the share is itself allowed), an unsupported one to the national
minimum itself; neither below the actual total cost (不应低于实际各项成本费用之和).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from xinzhou_policy.money import money_str, number, percent, yuan
from xinzhou_policy.readings import readings
from xinzhou_policy.registry import DOCUMENTS
from xinzhou_policy.validation import EVENT_DATE, InputError, parse

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


def grades(day: date) -> dict[int, object]:
    """Land grade -> national minimum price per m², in force on `day`."""
    return {int(t.threshold): t.amount for t in DOCUMENT.parameters.at(day).national_minimum_prices.tiers}


def land(data: Any) -> dict[str, Any]:
    """The reserve-price floor for `{"grade", "area_m2", "total_cost", "supported_project"}`,
    with the standards in force on `event_date` (the latest ones if it is not given)."""
    # The grades' range depends on the date, so the date is read first; a bad one is named with
    # every other error by the full parse.
    try:
        day = parse({"event_date": data.get("event_date")}, (GRANT_DATE,))["event_date"]
    except (InputError, AttributeError):
        day = None
    p = DOCUMENT.parameters.at(day or date.max)
    prices = grades(day or date.max)
    values = parse(data, FIELDS, grades=(min(prices), max(prices)))
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
    return {
        "clause": CLAUSE,
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
        "reference": p.national_minimum_prices.reference,
        "departments": DOCUMENT.departments_of(CLAUSE),
        # The floor of a project outside the supported categories is a reading of the clause.
        "readings": [] if supported else [readings()["policy-land-unsupported"].cited()],
    }
