"""The full estimate: validate the profile, apply every document in force on the event date,
explain what was applied and what was not.

Each award document of the registry is looked at on the event date (registry.Document.status_on):
in force, its rules run with the parameters of the version in force that day, and its items are
the estimate's; not in force, they run with the values of the nearest version, and what the
document would have given is shown apart (`if_within_validity`), with the document's own
warning, and an event after a document was superseded is pointed to its successor.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from .findings import RECIPIENTS, Findings, Item, Warning
from .guidance import guidance
from .money import ZERO, date_en, date_zh, money_str, yuan
from .params import NoValue
from .profile import PROFILE_FIELDS
from .readings import readings
from .registry import DOCUMENTS, Document, Status, award_documents
from .validation import parse
from .validity import as_dict, name, other_reading, unless, validity_readings, window


@dataclass(frozen=True)
class Assessment:
    """One award document on the event date: its status, and its rules' findings with the
    values of the version that applied (or, not in force, of the nearest version)."""
    document: Document
    status: Status
    items: list[Item]  # amounts above zero, in clause order
    found: Findings
    # The rules that could not be computed: a value they need has no entry on the date whose
    # values apply (a value only a later version has, a reference table that starts later).
    missing: list[tuple[str, NoValue]] = field(default_factory=list)  # (clause, what is missing)


def _total(items: list[Item]) -> Decimal:
    return sum((i.amount for i in items), ZERO)


def assess(values: dict[str, Any]) -> list[Assessment]:
    """Every award document's findings for parsed values: the one computation behind `estimate`
    and the batch estimates (batch.py), which need the amounts but not the JSON document."""
    day = values["event_date"]
    assessed = []
    for doc in award_documents():
        status = doc.status_on(day)
        p = doc.parameters.at(doc.day_within(status.version, day))
        found, missing = Findings(), []
        for rule in doc.rules.AWARD_RULES:
            try:
                result = rule.apply(values, p)
            except NoValue as absent:
                missing.append((rule.clause, absent))
                continue
            stray = [i.id for i in result.items if i.recipient != rule.recipient]
            if stray:
                raise ValueError(f"{stray}: a recipient other than the rule's ({rule.recipient})")
            found.add(result)
        # Only amounts above zero are items: a share that rounds to 0.00 is no award, and says so.
        # An item links the readings of the words of the version applied (readings.toml, `versions`).
        items = sorted((replace(i, document=doc.id, version=status.version.id,
                                readings=tuple(r for r in i.readings if readings()[r].applies(status.version.id)))
                        for i in found.items if i.amount > 0), key=lambda i: doc.clause_order(i.clause))
        assessed.append(Assessment(doc, status, items, found, missing))
    return assessed


def in_force_items(assessed: list[Assessment]) -> list[Item]:
    return [i for a in assessed if a.status.in_force for i in a.items]


# ------------------------------------------------------------------------------ warnings
def _validity_warning(a: Assessment, day: date) -> Warning:
    doc, status = a.document, a.status
    (name_zh, name_en), (window_zh, window_en) = name(doc), window(status.version)
    would_zh = f"若在有效期内，估算金额为 {yuan(_total(a.items))} 元。"
    would_en = f"Within the validity the estimate would be {yuan(_total(a.items))} yuan."
    clause = status.version.validity_clause or status.version.in_force_clause
    cited = validity_readings(status.version)
    if status.code == "superseded":
        new_zh, new_en = name(status.successor)
        return Warning(
            "superseded",
            f"事项发生日期 {date_zh(day)} 时，{name_zh}已被{new_zh}取代（后者自 "
            f"{date_zh(status.successor.first.in_force)} 起施行），该事项应依据新文件申报。{would_zh}",
            f"On the event date, {date_en(day)}, {name_en} had been superseded by {new_en} (in "
            f"force from {date_en(status.successor.first.in_force)}): a claim for this event rests "
            f"on the new document. {would_en}", clause, cited, doc.id)
    if status.code == "not_yet":
        when_zh, when_en = f"早于{name_zh}施行之日", f"before {name_en} entered into force"
        unless_zh, unless_en = "", ""
    else:
        when_zh, when_en = f"晚于{name_zh}有效期届满之日", f"after the validity of {name_en} ended"
        unless_zh, unless_en = unless(doc, day)
    return Warning(
        "outside_validity",
        f"事项发生日期 {date_zh(day)} {when_zh}（有效期 {window_zh}），不能依据该文件获得奖补"
        f"{unless_zh}。{would_zh}",
        f"The event date, {date_en(day)}, is {when_en} (valid {window_en}), so no award can be "
        f"claimed under it{unless_en}. {would_en}", clause, cited, doc.id)


def _other_reading_warning(a: Assessment, day: date) -> Warning | None:
    """An event after the last day as counted here, but on it as the other reading counts it."""
    between = other_reading(a.document, a.status, day)
    if between is None:
        return None
    (other, reading), version = between, a.status.version
    (name_zh, name_en), amount = name(a.document), yuan(_total(a.items))
    return Warning(
        "validity_other_reading",
        f"事项发生日期 {date_zh(day)} 正好落在对有效期最后一天的两种理解之间：本站从发布之日当天起算，"
        f"{name_zh}到 {date_zh(version.last_day)} 届满；如参照《中华人民共和国民法典》第二百零一条、第二百零二条"
        f"（开始的当日不计入），则到 {date_zh(other)} 届满，本事项仍在有效期内，估算金额为 {amount} 元。"
        "以主管部门的解释为准。",
        f"The event date, {date_en(day)}, falls between the two readings of the validity's last "
        f"day: counting from the day of publication itself, as this site does, {name_en} expired "
        f"after {date_en(version.last_day)}; by analogy with Articles 201 and 202 of the Civil Code "
        f"(the first day does not count) it would run through {date_en(other)}, and this event "
        f"would be within it, for an estimate of {amount} yuan. The competent department's "
        "interpretation prevails.", version.validity_clause, (reading.id,), a.document.id)


def _not_computed(doc: Document, clause: str, missing: NoValue) -> Warning:
    """A rule whose value has no entry on the date used: no item, and the reader is told."""
    cite_zh, cite_en = doc.cite(clause)
    what = missing.parameter
    return Warning(
        "no_value_on_date",
        f"{cite_zh}所需的“{what.description_zh.rstrip('。')}”没有 {date_zh(missing.day)} 适用的数值"
        f"（本站所载的数值自 {date_zh(missing.first)} 起适用），该项未能估算，未计入合计。",
        f"{cite_en[0].upper()}{cite_en[1:]} needs “{what.description_en.rstrip('.')}”, which has no "
        f"value in force on {date_en(missing.day)} (the values this site holds apply from "
        f"{date_en(missing.first)}): that item was not estimated and is not in the total.",
        clause, document=doc.id)


def _rounded_away(item: Item) -> Warning:
    return Warning(
        "rounds_to_zero", f"“{item.title_zh}”计算结果不足 0.01 元，按四舍五入为 0，不列为奖补项目。",
        f"“{item.title_en}” comes to less than 0.01 yuan and rounds to 0, so it is not listed.",
        item.clause)


def _up_to_warning(cited: tuple[str, ...]) -> Warning:
    return Warning(
        "up_to_counted_at_bound",
        "合计中含“最高不超过”的项目，按上限计入；实际金额由主管部门核定，可能更低。",
        "The total includes 'up to' items counted at their upper bound; the competent department "
        "sets the actual amount, which may be lower.", readings=cited)


# ------------------------------------------------------------------------------ the result
def totals_by_recipient(items: list[Item]) -> dict[str, str]:
    """The items' sum per recipient (RECIPIENTS' order); the enterprise's is always there."""
    totals = {"enterprise": ZERO}
    for item in items:
        totals[item.recipient] = totals.get(item.recipient, ZERO) + item.amount
    return {key: money_str(totals[key]) for key in RECIPIENTS if key in totals}


_REASONS = {
    "in_force": ("事项发生日期在该文件（此版本）有效期内，已按其规定估算。",
                 "The event date falls within this document's validity (this version): it was applied."),
    "not_yet": ("事项发生日期早于该文件施行之日，未适用。", "The event date is before this document entered into force: not applied."),
    "expired": ("事项发生日期晚于该文件有效期届满之日，未适用。", "The event date is after this document's validity ended: not applied."),
    "superseded": ("事项发生日期时该文件已被取代，未适用。", "On the event date this document had been superseded: not applied."),
    "no_awards": ("该文件不规定奖补金额。", "This document sets no award amounts."),
}


def _documents(assessed: list[Assessment], day: date) -> list[dict[str, Any]]:
    """Every document of the registry on the event date: applied or not, and why."""
    by_id = {a.document.id: a for a in assessed}
    out = []
    for doc in DOCUMENTS.values():
        a = by_id.get(doc.id)
        status = a.status if a else doc.status_on(day)
        code = status.code if a else "no_awards"
        entry = {"id": doc.id, "number": doc.number, "title_zh": doc.title_zh, "title_en": doc.title_en,
                 "status": status.code, "version": status.version.id,
                 # The 文号 to cite: the version's own (a renewal's, an amendment's), else the document's.
                 "version_number": status.version.number or doc.number,
                 "validity": as_dict(status.version), "applied": bool(a and status.in_force),
                 "reason_zh": _REASONS[code][0], "reason_en": _REASONS[code][1]}
        cited = validity_readings(status.version)
        if cited:
            entry["readings"] = [readings()[r].cited() for r in cited]
        if status.successor:
            entry["successor"] = status.successor.id
        if a:
            entry["total" if status.in_force else "would_have_been"] = money_str(_total(a.items))
        out.append(entry)
    return out


def estimate(profile: Any) -> dict[str, Any]:
    """The estimate for a profile (see the README for fields); raises InputError on bad input."""
    values = parse(profile, PROFILE_FIELDS)
    day = values["event_date"]
    assessed = assess(values)
    items = in_force_items(assessed)
    outside = [a for a in assessed if not a.status.in_force]
    would = [i for a in outside for i in a.items]
    found = [i for a in assessed for i in a.found.items]
    # A document not in force is warned about only when it would have given something: a
    # document the profile has nothing for (a new document's fields left empty) is no news, and
    # the documents list says why it was not applied. When no document applies and none would
    # have given anything, the one whose validity the result names (`validity`) is warned
    # about, so that a total of 0 on a day outside every validity is never left unexplained.
    applied = any(a.status.in_force for a in assessed)
    primary = next((a for a in assessed if a.status.in_force), assessed[0])
    warned = [a for a in outside if a.items] or ([] if applied else [primary])
    warnings = [_validity_warning(a, day) for a in warned]
    warnings += [w for a in outside if (w := _other_reading_warning(a, day))]
    warnings += [w for a in assessed for w in a.found.warnings]
    warnings += [_not_computed(a.document, clause, missing) for a in assessed for clause, missing in a.missing]
    warnings += [_rounded_away(i) for i in found if not i.amount > 0]
    up_to = [i for a in assessed for i in a.items if i.basis == "up_to"]
    if up_to:
        warnings.append(_up_to_warning(tuple(dict.fromkeys(r for i in up_to for r in i.readings))))
    result: dict[str, Any] = {
        "event_date": day.isoformat(),
        "within_validity": applied,
        "validity": as_dict(primary.status.version),
        "items": [i.to_dict() for i in items],
        "total": money_str(_total(items)),
        "totals_by_recipient": totals_by_recipient(items),
        "warnings": [w.to_dict() for w in warnings],
        "guidance": guidance(),
    }
    # The options the reader chose (the readings an amount depends on), as they were applied.
    result.update({f.name: values[f.name] for f in PROFILE_FIELDS if f.group == "options"})
    if outside:
        result["if_within_validity"] = {"items": [i.to_dict() for i in would],
                                        "total": money_str(_total(would))}
    result["documents"] = _documents(assessed, day)
    return result
