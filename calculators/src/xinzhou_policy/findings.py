"""What a rule finds: award items and warnings, and their JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .clauses import CLAUSES, clause_label, departments_of
from .money import money_str, to_fen


@dataclass(frozen=True)
class Item:
    """One amount the enterprise may claim, with the clause it rests on and how it was computed."""
    id: str
    clause: str
    title_zh: str
    title_en: str
    amount: Decimal
    basis: str  # "fixed" | "computed" | "up_to"
    explanation_zh: str
    explanation_en: str
    parameters: tuple[str, ...]
    evidence_zh: tuple[str, ...] = ()
    evidence_en: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        clause = CLAUSES[self.clause]
        cite_zh, cite_en = clause_label(self.clause)
        return {
            "id": self.id,
            "clause": self.clause,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "clause_label_zh": f"{cite_zh} {clause.title_zh}",
            "clause_label_en": f"{cite_en[0].upper()}{cite_en[1:]}: {clause.title_en}",
            "amount": money_str(self.amount),
            "basis": self.basis,
            "explanation_zh": self.explanation_zh,
            "explanation_en": self.explanation_en,
            "departments": departments_of(self.clause),
            "parameters": list(self.parameters),
            "evidence_zh": list(self.evidence_zh),
            "evidence_en": list(self.evidence_en),
        }


@dataclass(frozen=True)
class Warning:
    code: str
    message_zh: str
    message_en: str
    clause: str = ""

    def to_dict(self) -> dict[str, str]:
        out = {"code": self.code, "message_zh": self.message_zh, "message_en": self.message_en}
        if self.clause:
            out["clause"] = self.clause
        return out


@dataclass
class Findings:
    items: list[Item] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def add(self, other: "Findings") -> None:
        self.items.extend(other.items)
        self.warnings.extend(other.warnings)


def award(id: str, clause: str, title: tuple[str, str], amount: Decimal, basis: str,
          explanation: tuple[str, str], parameters: tuple[str, ...],
          evidence: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> Item:
    """An item rounded to the fen; title and explanation are (zh, en), evidence (zh list, en list)."""
    return Item(id, clause, title[0], title[1], to_fen(amount), basis, explanation[0],
                explanation[1], parameters, evidence[0], evidence[1])
