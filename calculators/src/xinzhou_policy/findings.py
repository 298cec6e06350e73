"""What a rule finds: award items and warnings, and their JSON form; and what a rule is."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from .money import money_str, to_fen
from .readings import readings as all_readings
from .registry import DOCUMENTS, document_of

# Who receives an item's money (issue 14): the estimate's headline total counts only what the
# enterprise itself receives; the others are listed under their own heading.
RECIPIENTS = {
    "enterprise": ("企业", "the enterprise"),
    "training_body": ("培训主体", "the body conducting the training"),
    "park_or_base": ("专业镇或园区（基地）运营主体", "the specialized town, or its park or base operator"),
    "region_or_town": ("地区或申报的协会", "the region, or the applying association"),
}


@dataclass(frozen=True)
class Item:
    """One amount a clause gives, with the clause it rests on, how it was computed and who
    receives it. `document` and `version` are set by the estimate, which knows which version
    of the document applied."""
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
    recipient: str = "enterprise"  # a key of RECIPIENTS
    readings: tuple[str, ...] = ()  # ids of the readings the amount rests on (readings.py)
    document: str = ""
    version: str = ""

    def _version_number(self, doc) -> str:
        """The 文号 of the instrument that made the version applied (an amendment's own), else
        the document's."""
        owner = DOCUMENTS.get(self.document, doc)
        return (self.version and owner.version(self.version).number) or owner.number

    def to_dict(self) -> dict[str, Any]:
        doc = document_of(self.clause)
        label_zh, label_en = doc.clause_label(self.clause)
        described = doc.parameters.all
        return {
            "id": self.id,
            "clause": self.clause,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "clause_label_zh": label_zh,
            "clause_label_en": label_en,
            "amount": money_str(self.amount),
            "basis": self.basis,
            "explanation_zh": self.explanation_zh,
            "explanation_en": self.explanation_en,
            "departments": doc.departments_of(self.clause),
            "parameters": list(self.parameters),
            # What a reader is shown of them: the keys are names for the rules and the data only.
            "parameter_descriptions": [{"key": k, "zh": described[k].description_zh,
                                        "en": described[k].description_en} for k in self.parameters],
            "evidence_zh": list(self.evidence_zh),
            "evidence_en": list(self.evidence_en),
            "recipient": self.recipient,
            "recipient_zh": RECIPIENTS[self.recipient][0],
            "recipient_en": RECIPIENTS[self.recipient][1],
            "readings": [all_readings()[r].cited() for r in self.readings],
            "document": self.document,
            "document_number": doc.number,
            "version": self.version,
            # The 文号 of the instrument that made the version (an amendment's own), else the document's.
            "version_number": self._version_number(doc),
        }


@dataclass(frozen=True)
class Warning:
    code: str
    message_zh: str
    message_en: str
    clause: str = ""
    readings: tuple[str, ...] = ()
    document: str = ""  # where the warning is about a whole document

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message_zh": self.message_zh, "message_en": self.message_en}
        if self.clause:
            out["clause"] = self.clause
            out["clause_label_zh"], out["clause_label_en"] = document_of(self.clause).clause_label(self.clause)
        if self.readings:
            out["readings"] = [all_readings()[r].cited() for r in self.readings]
        if self.document:
            out["document"] = self.document
        return out


@dataclass
class Findings:
    items: list[Item] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def add(self, other: "Findings") -> None:
        self.items.extend(other.items)
        self.warnings.extend(other.warnings)


@dataclass(frozen=True)
class Rule:
    """An award rule of `clause`: `apply(profile, p)` gives its Findings, `p` being the document's
    parameters in force on the event date (params.InForce). `recipient` is who receives its items
    (a key of RECIPIENTS): the illustrated readings show it without running the rule, and the
    estimate checks every item against it (estimate.assess), so the two cannot disagree."""
    clause: str
    apply: Callable[[dict[str, Any], Any], Findings]
    recipient: str = "enterprise"


def award(id: str, clause: str, title: tuple[str, str], amount: Decimal, basis: str,
          explanation: tuple[str, str], parameters: tuple[str, ...],
          evidence: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
          recipient: str = "enterprise", readings: tuple[str, ...] = ()) -> Item:
    """An item rounded to the fen; title and explanation are (zh, en), evidence (zh list, en list)."""
    if recipient not in RECIPIENTS:
        raise ValueError(f"{id}: unknown recipient {recipient!r}")
    unknown = [r for r in readings if r not in all_readings()]
    if unknown:
        raise ValueError(f"{id}: unknown readings {unknown}")
    return Item(id, clause, title[0], title[1], to_fen(amount), basis, explanation[0],
                explanation[1], parameters, evidence[0], evidence[1], recipient, readings)
