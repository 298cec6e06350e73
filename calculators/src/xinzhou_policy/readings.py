"""The readings the rules make of the documents' words, as data: each document's readings.toml.

A reading gives the clause and its words, the reading chosen, the other reasonable reading and
what that other reading would change in the amount. Items and warnings name the readings they
rest on by id; the site's page 解读与假设 / Readings and assumptions shows every one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .registry import DOCUMENTS, Document


@dataclass(frozen=True)
class Reading:
    id: str
    document: str
    clause: str
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

    def cited(self) -> dict[str, str]:
        """How an item or a warning names it: id and title."""
        return {"id": self.id, "title_zh": self.title_zh, "title_en": self.title_en}


@cache
def readings() -> dict[str, Reading]:
    """Every document's readings, in the registry's order; ids are unique across documents."""
    found: dict[str, Reading] = {}
    for doc in DOCUMENTS.values():
        for raw in (doc.data("readings.toml") or {}).get("reading", []):
            if raw["id"] in found:
                raise ValueError(f"{doc.id}: reading {raw['id']!r} exists already")
            found[raw["id"]] = Reading(document=doc.id, **raw)
    return found


def topic_reading(document: Document, topic: str) -> Reading | None:
    """The document's reading of a topic ("last-day": how its validity's last day is counted)."""
    return next((r for r in readings().values() if r.document == document.id and r.topic == topic), None)
