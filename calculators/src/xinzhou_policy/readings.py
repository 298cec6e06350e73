"""The readings the rules and the notes make of the documents' words, as data: each document's
readings.toml, the register.

A reading gives the clauses and their words, the reading chosen, the other reasonable reading
and what that other reading would change in the amount. Items and warnings name the readings they
rest on by id; the notes on the pages name them with `[[reading:ID]]`; the status texts name the
readings of a topic (the last day, the day of publication, the event date). The site's page
解读与假设 / Readings and assumptions shows every one, and the build checks that every id named
anywhere is registered and every registered reading is named in the notes of its clauses
(scripts/hooks/_readings.py).

An id is stable: it is a page anchor and is never reused. A reading's keys are the fields below;
an unknown key is an error, so a key added later (such as the versions a reading applies to) is
added here first.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from .registry import DOCUMENTS, Document

# The topics the status texts and the estimate look a reading up by.
TOPICS = {
    "last-day": "how the last day of a period of validity given in years is counted",
    "publication": "the day of publication, from which a document is in force",
    "event-date": "which date decides whether an event falls within the validity",
}


@dataclass(frozen=True)
class Reading:
    id: str
    document: str
    clauses: tuple[str, ...]  # the sections whose words it reads; their notes name it
    versions: tuple[str, ...]  # the versions whose words it reads (ids of the document's versions)
    words_zh: str
    title_zh: str
    title_en: str
    reading_zh: str
    reading_en: str
    other_zh: str
    other_en: str
    effect_zh: str
    effect_en: str
    topic: str = ""

    def applies(self, version_id: str) -> bool:
        return version_id in self.versions

    def cited(self) -> dict[str, str]:
        """How an item or a warning names it: id and title."""
        return {"id": self.id, "title_zh": self.title_zh, "title_en": self.title_en}


_KEYS = {f.name for f in fields(Reading)} - {"document"}


def _reading(document: Document, raw: dict) -> Reading:
    where = f"{document.id}/readings.toml, reading {raw.get('id')!r}"
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown} (known: {sorted(_KEYS)})")
    if raw.get("topic", "") not in ("", *TOPICS):
        raise ValueError(f"{where}: unknown topic {raw['topic']!r} (known: {sorted(TOPICS)})")
    sections = set(document.clauses) | set(document.sections.named)
    if not raw.get("clauses") or set(raw["clauses"]) - sections:
        raise ValueError(f"{where}: clauses {raw.get('clauses')} must be sections of {document.id}")
    known = [v.id for v in document.versions]
    if not raw.get("versions") or set(raw["versions"]) - set(known):
        raise ValueError(f"{where}: versions {raw.get('versions')} must be versions of {document.id} ({known})")
    return Reading(document=document.id, **{**raw, "clauses": tuple(raw["clauses"]), "versions": tuple(raw["versions"])})


@cache
def readings() -> dict[str, Reading]:
    """Every document's readings, in the registry's order; ids are unique across documents."""
    found: dict[str, Reading] = {}
    for doc in DOCUMENTS.values():
        for raw in (doc.data("readings.toml") or {}).get("reading", []):
            if raw["id"] in found:
                raise ValueError(f"{doc.id}: reading {raw['id']!r} exists already")
            found[raw["id"]] = _reading(doc, raw)
    return found


def topic_reading(document: Document, topic: str, version: str | None = None) -> Reading | None:
    """The document's reading of a topic ("last-day": how its validity's last day is counted),
    of the words of `version` (default: of any version, the latest's first)."""
    if topic not in TOPICS:
        raise KeyError(f"unknown reading topic {topic!r} (known: {sorted(TOPICS)})")
    found = [r for r in readings().values() if r.document == document.id and r.topic == topic]
    for v in ([version] if version else [v.id for v in reversed(document.versions)]):
        for r in found:
            if r.applies(v):
                return r
    return None
