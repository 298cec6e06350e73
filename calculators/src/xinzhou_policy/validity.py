"""How a document's validity is named in the outputs: the document with its 文号, a version's
window, the readings of the words that set it, and whether a day falls between the two
readings of its last day. The estimate's warnings (estimate.py) and the documents' commands
(the policy's `land`) use them alike, so a date outside a document's validity is told in the
same words by every command.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .readings import Reading, readings, topic_reading
from .money import date_en, date_zh
from .registry import Document, Status, Version


def name(doc: Document) -> tuple[str, str]:
    """《title》（文号） and "the title (文号)"."""
    number_zh = f"（{doc.number}）" if doc.number else ""
    number_en = f" ({doc.number})" if doc.number else ""
    return f"《{doc.title_zh}》{number_zh}", f"the {doc.title_en}{number_en}"


def window(version: Version) -> tuple[str, str]:
    until_zh = date_zh(version.last_day) if version.last_day else "（未规定终止日期）"
    until_en = date_en(version.last_day) if version.last_day else "(no end date)"
    return (f"{date_zh(version.in_force)} 至 {until_zh}，含首尾两日",
            f"from {date_en(version.in_force)} through {until_en}, both days included")


def unless(doc: Document, day: date) -> tuple[str, str]:
    """The end of a warning for a day after a document's validity: what the registry knows
    comes next (its next version, a successor not yet in force), or, where it knows nothing
    after, that the document may have been renewed since."""
    following = [v for v in doc.versions if v.in_force > day]
    if following:
        version = following[0]
        number = version.number or doc.number
        number_zh, number_en = (f"（{number}）", f" ({number})") if number else ("", "")
        return (f"；该日没有施行中的版本，延续后的文本自 {date_zh(version.in_force)} 起施行{number_zh}",
                f"; no version is in force on that day, the renewed text applies from "
                f"{date_en(version.in_force)}{number_en}")
    later = sorted((s for s in doc.successors() if s.first.in_force > day), key=lambda s: s.first.in_force)
    if later:
        (new_zh, new_en), start = name(later[0]), later[0].first.in_force
        return (f"；该日没有施行中的版本，{new_zh}自 {date_zh(start)} 起施行，取代该文件",
                f"; no version is in force on that day, {new_en} replaces it from {date_en(start)}")
    return "，除非已经延续", " unless it was renewed"


def as_dict(version: Version) -> dict[str, Any]:
    """A version's window in the JSON outputs."""
    return {"from": version.in_force.isoformat(),
            "until": version.last_day.isoformat() if version.last_day else None,
            "clause": version.validity_clause or version.in_force_clause}


def validity_readings(version: Version) -> tuple[str, ...]:
    """The readings of the words that set a version's validity (their clause's)."""
    clause = version.validity_clause or version.in_force_clause
    return tuple(r.id for r in readings().values()
                 if r.document == version.document and clause in r.clauses and r.applies(version.id))


def other_reading(doc: Document, status: Status, day: date) -> tuple[date, Reading] | None:
    """For a day after a version's last day as counted here but on or before it as the other
    reading counts it (Civil Code arts. 201-202 by analogy): that other last day and its reading.
    Only where the version ran its full validity (not cut short by a next version)."""
    version = status.version
    reading = topic_reading(doc, "last-day", version.id)
    other = version.last_day_other_reading
    if (status.code != "expired" or reading is None or other is None or version.expires != version.last_day
            or not version.last_day < day <= other):
        return None
    return other, reading
