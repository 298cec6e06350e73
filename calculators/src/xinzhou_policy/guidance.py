"""Guidance: each document's closing rules and clauses of support without a fixed amount.

A document's guidance.toml lists them: each entry quotes the text it comes from (`wording_zh`),
says in both languages what applies, and is shown with the responsible units of its clause, so
that an estimate can tell the enterprise where to ask. Every estimate carries every document's
list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .registry import DOCUMENTS, document_of


@dataclass(frozen=True)
class Guidance:
    id: str
    clause: str
    topic_zh: str
    topic_en: str
    wording_zh: str
    applies_zh: str
    applies_en: str

    def to_dict(self) -> dict[str, Any]:
        doc = document_of(self.clause)
        label_zh, label_en = doc.clause_label(self.clause)
        return {
            "id": self.id,
            "clause": self.clause,
            "clause_label_zh": label_zh,
            "clause_label_en": label_en,
            "topic_zh": self.topic_zh,
            "topic_en": self.topic_en,
            "wording_zh": self.wording_zh,
            "applies_zh": self.applies_zh,
            "applies_en": self.applies_en,
            "departments": doc.departments_of(self.clause),
            "document": doc.id,
            # A section with a fixed id rather than a number (the closing rules) applies to
            # every clause of its document.
            "whole_document": self.clause in doc.sections.named,
        }


@cache
def entries() -> tuple[Guidance, ...]:
    """Every document's guidance, in the registry's order."""
    found = []
    for doc in DOCUMENTS.values():
        found += [Guidance(**g) for g in (doc.data("guidance.toml") or {}).get("guidance", [])]
    return tuple(found)


def guidance() -> list[dict[str, Any]]:
    return [g.to_dict() for g in entries()]
