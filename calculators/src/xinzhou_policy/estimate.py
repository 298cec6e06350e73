"""The full estimate: validate the profile, apply every award rule, check validity, explain."""

from __future__ import annotations

from typing import Any

from .clauses import CLAUSES, CLOSING_CLAUSE
from .findings import Findings, Item, Warning
from .guidance import guidance
from .money import ZERO, date_en, date_zh, money_str, yuan
from .parameters import VALID_FROM, VALID_UNTIL
from .rules import AWARD_RULES
from .validation import PROFILE_FIELDS, parse


def _clause_order(item: Item) -> int:
    return CLAUSES[item.clause].number


def _total(items: list[Item]):
    return sum((i.amount for i in items), ZERO)


def within_validity(day) -> bool:
    """以上政策自发布之日起施行，有效期…年: the issue date and the last day both count."""
    return VALID_FROM <= day <= VALID_UNTIL


def _validity_warning(day, would_be) -> Warning:
    when_zh = "早于政策发布之日" if day < VALID_FROM else "晚于政策有效期届满之日"
    when_en = "before the policy was issued" if day < VALID_FROM else "after the policy's validity ended"
    return Warning(
        "outside_validity",
        f"事项发生日期 {date_zh(day)} {when_zh}（有效期 {date_zh(VALID_FROM)} 至 {date_zh(VALID_UNTIL)}，含首尾两日），"
        f"不能依据本政策获得奖补，除非政策已延续。若在有效期内，估算金额为 {yuan(would_be)} 元（见 if_within_validity）。",
        f"The event date, {date_en(day)}, is {when_en} (valid from {date_en(VALID_FROM)} through "
        f"{date_en(VALID_UNTIL)}, both days included), so no award can be claimed under this "
        f"policy unless it was renewed. Within the validity the estimate would be "
        f"{yuan(would_be)} yuan (see if_within_validity).", CLOSING_CLAUSE)


def _rounded_away(item: Item) -> Warning:
    return Warning(
        "rounds_to_zero", f"“{item.title_zh}”计算结果不足 0.01 元，按四舍五入为 0，不列为奖补项目。",
        f"“{item.title_en}” comes to less than 0.01 yuan and rounds to 0, so it is not listed.",
        item.clause)


def _up_to_warning() -> Warning:
    return Warning(
        "up_to_counted_at_bound",
        "合计中含“最高不超过”的项目，按上限计入；实际金额由主管部门核定，可能更低。",
        "The total includes 'up to' items counted at their upper bound; the competent department "
        "sets the actual amount, which may be lower.")


def assess(values: dict[str, Any]) -> tuple[list[Item], Findings]:
    """Every rule's findings for parsed values, and the items among them in clause order.

    The one computation behind `estimate` and the batch estimates (batch.py), which need the
    amounts but not the JSON document.
    """
    found = Findings()
    for rule in AWARD_RULES:
        found.add(rule(values))
    # Only amounts above zero are items: a share that rounds to 0.00 is no award, and says so.
    return sorted((i for i in found.items if i.amount > 0), key=_clause_order), found


def estimate(profile: Any) -> dict[str, Any]:
    """The estimate for a profile (see the README for fields); raises InputError on bad input."""
    values = parse(profile, PROFILE_FIELDS)
    items, found = assess(values)
    warnings = list(found.warnings) + [_rounded_away(i) for i in found.items if not i.amount > 0]
    if any(i.basis == "up_to" for i in items):
        warnings.append(_up_to_warning())
    day = values["event_date"]
    valid = within_validity(day)
    result: dict[str, Any] = {
        "event_date": day.isoformat(),
        "within_validity": valid,
        "validity": {"from": VALID_FROM.isoformat(), "until": VALID_UNTIL.isoformat(),
                     "clause": CLOSING_CLAUSE},
        "items": [i.to_dict() for i in items] if valid else [],
        "total": money_str(_total(items)) if valid else money_str(ZERO),
        "warnings": [],
        "guidance": guidance(),
        "milestone_mode": values["milestone_mode"],
    }
    if not valid:
        warnings.insert(0, _validity_warning(day, _total(items)))
        result["if_within_validity"] = {"items": [i.to_dict() for i in items],
                                        "total": money_str(_total(items))}
    result["warnings"] = [w.to_dict() for w in warnings]
    return result
