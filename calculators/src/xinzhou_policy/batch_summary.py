"""The budget summary of a batch: the computed rows' items added up by clause, by award, by
recipient, by responsible unit and by document version, with how many enterprises (rows) each
counts. Decimal throughout; the sums grow with the number of distinct keys, not of rows.

`Budget.add(items)` takes one computed row's items (the estimate's in force, estimate.in_force_items);
`tables(lang)` gives the summary as tables of one language, which the batch page shows (table
and bar chart) and the .xlsx output writes as its second sheet: their titles are here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .findings import RECIPIENTS, Item
from .money import ZERO, money_str
from .profile import AWARD_CLAUSES
from .registry import DEPARTMENTS, DOCUMENTS, document_of

# Titles of the tables and their columns: (zh, en).
_TEXT = {
    "budget": ("预算汇总", "Budget summary"),
    "clauses": ("按条款", "By clause"),
    "awards": ("按奖补项目", "By award"),
    "recipients": ("按受领者", "By recipient"),
    "units": ("按责任单位", "By responsible unit"),
    "documents": ("按文件和版本", "By document and version"),
    "clause": ("条款", "Clause"),
    "award": ("奖补项目", "Award"),
    "recipient": ("受领者", "Recipient"),
    "unit": ("责任单位", "Responsible unit"),
    "document": ("文件", "Document"),
    "version": ("版本（施行日期）", "Version (in force from)"),
    "number": ("文号", "Document number (文号)"),
    "amount": ("金额（元）", "Amount (yuan)"),
    "enterprises": ("企业数", "Enterprises"),
    "awards_note": ("企业数：获得该项奖补的企业（行）数。“最高不超过”的项目按上限计入。",
                    "Enterprises: how many enterprises (rows) receive the award. 'Up to' items are "
                    "counted at their upper bound."),
    "units_note": ("一个条款列有多个责任单位的，其金额计入每一个单位，因此各单位的金额之和大于合计。",
                   "A clause that names several responsible units counts in full under each of "
                   "them, so the units' amounts add up to more than the total."),
    "recipients_note": ("只有“企业”一行是企业本身可得的金额；其余各行给予培训主体等其他受领者。",
                        "Only the row of the enterprise is what the enterprises themselves receive; "
                        "the others go to other recipients, such as the body conducting the training."),
}


def text(key: str, lang: str) -> str:
    return _TEXT[key][0 if lang == "zh" else 1]


def _natural(key: str) -> list:
    """…-milestone-2 before …-milestone-11: numbers in a key compared as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", key)]


@lru_cache  # a clause's units: looked up once per clause, not per item
def _units(clause_id: str) -> tuple[str, ...]:
    clause = document_of(clause_id).clauses.get(clause_id)
    return tuple(dict.fromkeys(clause.departments)) if clause else ()


class _Sum:
    __slots__ = ("amount", "rows")

    def __init__(self) -> None:
        self.amount, self.rows = ZERO, 0


@dataclass(frozen=True)
class Table:
    """One table of the summary, in one language. `kinds` say what each column holds: "text",
    "money" (the amount, as money_str text) or "count"; `chart` is the column a bar chart
    draws (the amount). `keys` identify each row (a clause id, a recipient key...)."""
    key: str
    title: str
    note: str
    columns: list[str]
    kinds: list[str]
    rows: list[list[str]]
    keys: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "note": self.note, "columns": self.columns,
                "kinds": self.kinds, "rows": self.rows, "keys": self.keys,
                "chart": self.kinds.index("money")}


class Budget:
    """The sums of a batch's computed rows, kept as the rows are computed."""

    def __init__(self) -> None:
        self.clauses: dict[str, _Sum] = {}
        self.awards: dict[tuple[str, str, str, str], _Sum] = {}  # (clause, id, title zh, en)
        self.recipients: dict[str, _Sum] = {}
        self.units: dict[str, _Sum] = {}
        self.documents: dict[tuple[str, str], _Sum] = {}  # (document, version)

    @staticmethod
    def _add(sums: dict, keys: dict, amounts: dict) -> None:
        for key in keys:
            entry = sums.get(key)
            if entry is None:
                entry = sums[key] = _Sum()
            entry.amount += amounts[key]
            entry.rows += 1

    def add(self, items: list[Item]) -> None:
        """One row's items: each amount is added to its keys, and the row counts once per key."""
        if not items:
            return
        by: dict[str, dict] = {"clauses": {}, "awards": {}, "recipients": {}, "units": {}, "documents": {}}
        for item in items:
            keys = {"clauses": item.clause, "awards": (item.clause, item.id, item.title_zh, item.title_en),
                    "recipients": item.recipient, "documents": (item.document, item.version)}
            for table, key in keys.items():
                by[table][key] = by[table].get(key, ZERO) + item.amount
            for unit in _units(item.clause):
                by["units"][unit] = by["units"].get(unit, ZERO) + item.amount
        for table, amounts in by.items():
            self._add(getattr(self, table), amounts, amounts)

    # -------------------------------------------------------------------------- the tables
    def to_dict(self, lang: str) -> dict[str, Any]:
        """The summary as the page shows it: its title and its tables."""
        return {"title": text("budget", lang), "tables": [t.to_dict() for t in self.tables(lang)]}

    def tables(self, lang: str) -> list[Table]:
        zh = lang == "zh"
        # A cell of a table starts with a capital in English ("the enterprise" -> "The enterprise").
        pick = (lambda pair: pair[0]) if zh else (lambda pair: pair[1][:1].upper() + pair[1][1:])

        def table(key: str, heads: list[str], kinds: list[str], entries: list[tuple[str, list[str], _Sum]],
                  note: str = "") -> Table:
            return Table(key, text(key, lang), text(note, lang) if note else "",
                         [text(h, lang) for h in heads], kinds,
                         [[*cells, money_str(s.amount), str(s.rows)] for _, cells, s in entries],
                         [k for k, _, _ in entries])

        clauses = [(c, [pick(document_of(c).clause_label(c))], self.clauses[c])
                   for c in AWARD_CLAUSES if c in self.clauses]
        awards = sorted(self.awards.items(), key=lambda kv: (AWARD_CLAUSES.index(kv[0][0]), _natural(kv[0][1]), kv[0][2]))
        order = list(DOCUMENTS)
        documents = sorted(self.documents.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1]))

        def document_cells(doc_id: str, version_id: str) -> list[str]:
            doc = DOCUMENTS[doc_id]
            version = doc.version(version_id)
            return [doc.title_zh if zh else doc.title_en, version_id, version.number or doc.number]

        return [
            table("clauses", ["clause", "amount", "enterprises"], ["text", "money", "count"], clauses),
            table("awards", ["award", "clause", "amount", "enterprises"], ["text", "text", "money", "count"],
                  [(k[1], [k[2] if zh else k[3], pick(document_of(k[0]).cite(k[0]))], s) for k, s in awards],
                  "awards_note"),
            table("recipients", ["recipient", "amount", "enterprises"], ["text", "money", "count"],
                  [(r, [pick(RECIPIENTS[r])], self.recipients[r]) for r in RECIPIENTS if r in self.recipients],
                  "recipients_note"),
            table("units", ["unit", "amount", "enterprises"], ["text", "money", "count"],
                  [(u, [pick((d.zh, d.en))], self.units[u]) for u, d in DEPARTMENTS.items() if u in self.units],
                  "units_note"),
            table("documents", ["document", "version", "number", "amount", "enterprises"],
                  ["text", "text", "text", "money", "count"],
                  [(f"{d}@{v}", document_cells(d, v), s) for (d, v), s in documents]),
        ]

