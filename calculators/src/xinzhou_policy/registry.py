"""The document registry: every published document as data, one folder each under documents/.

Everything the rules and the site say about a document comes from its `document.toml`: kind,
文号, issuer and titles; its versions (the texts in force from a date, each with a stable page)
and their dates; its relations to other documents; how its sections are named and cited; its
parts and clauses with their responsible units; its calculators. Where a document has awards,
its folder also holds `parameters.toml` (params.py), `guidance.toml` (guidance.py) and a `rules`
package (its award rules and the profile fields they read).

In Akoma Ntoso's terms a Document is a work and its Versions are its expressions in time; the
pages in docs/ are its expressions in each language. No module outside a document's own folder
and pages names a document: they all go through this registry.
"""

from __future__ import annotations

import importlib
import importlib.util
import math
import pkgutil
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property
from types import ModuleType
from typing import Any

from . import params

_DIGITS = "〇一二三四五六七八九"


def zh_numeral(n: int) -> str:
    """1..99 as the documents number their articles and clauses: 十二, 二十, 三十三."""
    tens, units = divmod(n, len(_DIGITS))
    if not tens:
        return _DIGITS[units]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")


def years_later(start: date, years: int) -> date:
    """The corresponding day `years` later; Feb 29 corresponds to Feb 28 in a common year."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


# ------------------------------------------------------------------------------ departments
@dataclass(frozen=True)
class Department:
    key: str
    zh: str
    en: str
    # Renderings once used that must not come back (tests/site/test_terms.py looks for them).
    not_en: tuple[str, ...] = ()


def data_file(package: str, name: str) -> dict[str, Any] | None:
    """A TOML file of a package, parsed, or None where there is none. Read through the package's
    loader (pkgutil), so that it works from a folder and from the zip archive the browser loads;
    importlib.resources would add its modules to every start of the engine."""
    try:
        data = pkgutil.get_data(package, name)
    except OSError:  # no such file (zipimport says OSError, a folder FileNotFoundError)
        return None
    return None if data is None else tomllib.loads(data.decode("utf-8"))


def _departments() -> dict[str, Department]:
    data = data_file(__package__, "departments.toml")
    return {d["key"]: Department(d["key"], d["zh"], d["en"], tuple(d.get("not_en", ())))
            for d in data["department"]}


DEPARTMENTS = _departments()


# ------------------------------------------------------------------------------ sections
@dataclass(frozen=True)
class Clause:
    """A numbered clause or article with a title (the policy's); `id` is its anchor."""
    id: str
    number: int
    part: int
    title_zh: str
    title_en: str
    departments: tuple[str, ...] = ()
    # True where the text lists its units with a trailing 等 ("and others").
    departments_open: bool = False


@dataclass(frozen=True)
class Part:
    id: str
    number: int
    title_zh: str
    title_en: str


@dataclass(frozen=True)
class Named:
    """A section with a fixed id rather than a number, such as the policy's closing paragraph."""
    id: str
    kind: str
    label_zh: str
    label_en: str
    cite_zh: str
    cite_en: str


def _pattern(template: str) -> re.Pattern:
    return re.compile(re.escape(template).replace(re.escape("{n}"), r"(\d+)"))


@dataclass(frozen=True)
class Sections:
    """How a document's sections are named: ids from templates ("policy-{n}"), the labels of a
    link ("政策（{zh}）{title_zh}") and of a citation in an explanation ("政策第（{zh}）条")."""
    document: str
    part_kind: str
    part_id: str
    clause_kind: str
    clause_id: str
    label_zh: str
    label_en: str
    cite_zh: str
    cite_en: str
    named: dict[str, Named]

    def kind_of(self, section_id: str) -> str | None:
        """chapter/part, article/clause, or "section" for any other id of the document (the
        headings a page adds around the text, such as the policy's notice and imprint)."""
        if section_id in self.named:
            return self.named[section_id].kind
        if _pattern(self.part_id).fullmatch(section_id):
            return self.part_kind
        if _pattern(self.clause_id).fullmatch(section_id):
            return self.clause_kind
        if section_id.startswith(f"{self.document}-"):
            return "section"
        return None

    def number_of(self, section_id: str) -> int | None:
        for template in (self.clause_id, self.part_id):
            match = _pattern(template).fullmatch(section_id)
            if match:
                return int(match[1])
        return None


# ------------------------------------------------------------------------------ versions
@dataclass(frozen=True)
class Version:
    """One text of a document, in force from `in_force`. `last_day` is the last day it applies:
    its own expiry, or the day before the next version's entry into force, or None (open)."""
    document: str
    id: str
    in_force: date
    expires: date | None = None
    validity_years: int | None = None
    validity_clause: str = ""
    in_force_clause: str = ""
    issued: date | None = None
    published: date | None = None
    adopted: date | None = None
    approved: date | None = None
    number: str = ""  # 文号 of the instrument that made this version, where it has its own
    source: str = ""  # the text as received, a file in shared/seeds/ (tests/site/test_fidelity.py)
    note_zh: str = ""  # what the version is (a renewal, an amendment), shown on its pages
    note_en: str = ""
    index_number: str = ""  # 索引号: given by the publisher's catalogue, not by the text
    title_zh: str = ""  # the version's own title (an amended title, 修订), else the document's
    title_en: str = ""
    last_day: date | None = None

    @property
    def written(self) -> date | None:
        """成文日期, the date the text bears: its issue, or for an enacted text its adoption."""
        return self.issued or self.adopted

    @property
    def last_day_other_reading(self) -> date | None:
        """The last day of a validity of N years under the other reading of its counting (Civil
        Code arts. 201-202 by analogy: the first day does not count): the corresponding day N
        years on, one day after `expires`."""
        return years_later(self.in_force, self.validity_years) if self.validity_years else None

    def covers(self, day: date) -> bool:
        return self.in_force <= day and (self.last_day is None or day <= self.last_day)


def _version(document: str, raw: dict[str, Any]) -> Version:
    raw = dict(raw)
    expires = raw.pop("expires", None)
    years = raw.get("validity_years")
    if expires is None and years is not None:
        # 有效期 N 年, 自发布之日起施行: the first day counts, so the last day is the day before the
        # corresponding day N years on (the other reading, Civil Code arts. 201-202, is on the
        # readings page).
        expires = years_later(raw["in_force"], years) - timedelta(days=1)
    return Version(document=document, expires=expires, **raw)


# ------------------------------------------------------------------------------ status
@dataclass(frozen=True)
class Status:
    """A document on a day: "in_force" (by `version`), "not_yet" (`version` is the first),
    "expired" (`version` is the last one that applied) or "superseded" by `successor`."""
    code: str
    version: Version
    successor: "Document | None" = None

    @property
    def in_force(self) -> bool:
        return self.code == "in_force"


# ------------------------------------------------------------------------------ documents
@dataclass(frozen=True)
class Calculator:
    name: str
    command: str
    fields: tuple[str, ...]
    clauses: tuple[str, ...]


@dataclass(eq=False)
class Document:
    id: str
    order: int
    kind_zh: str
    kind_en: str
    number: str
    title_zh: str
    title_en: str
    short_zh: str
    short_en: str
    issuer_zh: str
    issuer_en: str
    sections: Sections
    versions: tuple[Version, ...]
    parts: dict[str, Part] = field(default_factory=dict)
    clauses: dict[str, Clause] = field(default_factory=dict)
    calculators: tuple[Calculator, ...] = ()
    supersedes: tuple[str, ...] = ()
    superseded_by: tuple[str, ...] = ()  # not data: from the successors' `supersedes` (_link)
    amends: tuple[str, ...] = ()
    approver_zh: str = ""
    approver_en: str = ""
    # gov.cn's document fields that the texts do not give ([metadata] in document.toml): 主题分类
    # and 主题词, filled in by a maintainer; empty is shown as 未公布.
    subject_zh: str = ""
    subject_en: str = ""
    keywords_zh: tuple[str, ...] = ()
    keywords_en: tuple[str, ...] = ()

    # -------------------------------------------------------------------------- the data
    @property
    def package(self) -> str:
        """The document's folder, as a package (documents/ID/__init__.py)."""
        return f"{__package__}.documents.{self.id}"

    def data(self, name: str) -> dict[str, Any] | None:
        """One of the document's TOML files (parameters, guidance, readings), or None."""
        return data_file(self.package, name)

    @cached_property
    def parameters(self) -> params.Parameters:
        return params.Parameters(self.id, self.data("parameters.toml") or {})

    @cached_property
    def rules(self) -> ModuleType | None:
        """The document's `rules` package (AWARD_RULES, FIELDS, ...), or None: no awards."""
        try:
            found = importlib.util.find_spec(f"{self.package}.rules")
        except ModuleNotFoundError:  # no folder documents/ID/ at all
            return None
        return importlib.import_module(f"{self.package}.rules") if found else None

    # -------------------------------------------------------------------------- versions
    @property
    def first(self) -> Version:
        return self.versions[0]

    @property
    def latest(self) -> Version:
        return self.versions[-1]

    def title_of(self, version: Version, lang: str) -> str:
        """A version's title: its own where it has one, else the document's."""
        return getattr(version, f"title_{lang}") or getattr(self, f"title_{lang}")

    def version(self, version_id: str) -> Version:
        for version in self.versions:
            if version.id == version_id:
                return version
        raise KeyError(f"{self.id} has no version {version_id!r}")

    def previous(self, version: Version) -> Version | None:
        index = self.versions.index(version)
        return self.versions[index - 1] if index else None

    def successors(self) -> list["Document"]:
        return [DOCUMENTS[d] for d in self.superseded_by]

    def status_on(self, day: date) -> Status:
        for successor in self.successors():
            if successor.first.in_force <= day:
                return Status("superseded", self.nearest(day), successor)
        if day < self.first.in_force:
            return Status("not_yet", self.first)
        for version in self.versions:
            if version.covers(day):
                return Status("in_force", version)
        return Status("expired", self.nearest(day))

    def effect_on(self, version: Version, day: date) -> str:
        """有效性 of a version's text on `day`, from the dates and relations, never typed:
        "repealed" (已废止: a successor document supersedes it), "invalid" (失效: its validity
        ended, or a later version replaced it), "not_yet" (尚未施行) or "valid" (有效)."""
        status = self.status_on(day)
        if status.code == "superseded":
            return "repealed"
        if status.code == "expired" or any(v.in_force <= day for v in self.versions[self.versions.index(version) + 1:]):
            return "invalid"
        if day < version.in_force:
            return "not_yet"
        return "valid"

    def nearest(self, day: date) -> Version:
        """The version that applied last on or before `day` (the first, before it starts)."""
        started = [v for v in self.versions if v.in_force <= day]
        return started[-1] if started else self.first

    def day_within(self, version: Version, day: date) -> date:
        """`day`, or the nearest day on which `version` applied: the date whose values a
        "would have been" amount uses for an event outside the version."""
        if day < version.in_force:
            return version.in_force
        if version.last_day is not None and day > version.last_day:
            return version.last_day
        return day

    # -------------------------------------------------------------------------- sections
    def clause_order(self, section_id: str) -> float:
        """Numbered clauses in the text's order, then the named sections."""
        number = self.sections.number_of(section_id)
        return number if number is not None else math.inf

    def label(self, section_id: str, lang: str) -> str:
        """How a link names a section: 条例第十二条, 政策（五）鼓励企业开展技术改造."""
        named = self.sections.named.get(section_id)
        if named:
            return getattr(named, f"label_{lang}")
        return self._fill(getattr(self.sections, f"label_{lang}"), section_id)

    def cite(self, section_id: str) -> tuple[str, str]:
        """How an explanation cites a section: ("政策第（四）条", "clause (4) of the policy")."""
        named = self.sections.named.get(section_id)
        if named:
            return named.cite_zh, named.cite_en
        return self._fill(self.sections.cite_zh, section_id), self._fill(self.sections.cite_en, section_id)

    def clause_label(self, section_id: str) -> tuple[str, str]:
        """How a result names the clause it rests on, (zh, en): ("政策第（四）条 支持优势企业提升
        能级", "Clause (4) of the policy: Support …"); a named section by its citation."""
        clause = self.clauses.get(section_id)
        cite_zh, cite_en = self.cite(section_id)
        title_zh, title_en = (clause.title_zh, clause.title_en) if clause else ("", "")
        return (f"{cite_zh} {title_zh}".strip(),
                f"{cite_en[0].upper()}{cite_en[1:]}" + (f": {title_en}" if title_en else ""))

    def _fill(self, template: str, section_id: str) -> str:
        number = self.sections.number_of(section_id)
        clause = self.clauses.get(section_id)
        return template.format(n=number, zh=zh_numeral(number),
                               title_zh=clause.title_zh if clause else "",
                               title_en=clause.title_en if clause else "").strip()

    def departments_of(self, section_id: str) -> list[dict[str, str]]:
        """The responsible units of a clause, in the text's order, in both languages."""
        clause = self.clauses.get(section_id)
        keys = clause.departments if clause else ()
        return [{"zh": DEPARTMENTS[k].zh, "en": DEPARTMENTS[k].en} for k in keys]


def _load(folder: str, raw: dict[str, Any]) -> Document:
    doc_id = raw["id"]
    if doc_id != folder:
        raise ValueError(f"documents/{folder}/document.toml has id {doc_id!r}")
    sec = raw["sections"]
    sections = Sections(
        doc_id, sec["part_kind"], sec["part_id"], sec["clause_kind"], sec["clause_id"],
        sec["label_zh"], sec["label_en"], sec["cite_zh"], sec["cite_en"],
        {n["id"]: Named(**n) for n in sec.get("named", ())})
    for template in (sections.part_id, sections.clause_id, *sections.named):
        if not template.startswith(f"{doc_id}-"):
            raise ValueError(f"{doc_id}: section id {template!r} must start with {doc_id!r}-")
    versions = sorted((_version(doc_id, v) for v in raw["version"]), key=lambda v: v.in_force)
    # A version applies until its own expiry or until the next one enters into force.
    linked = []
    for version, following in zip(versions, [*versions[1:], None]):
        ends = [d for d in (version.expires, following and following.in_force - timedelta(days=1)) if d]
        linked.append(replace(version, last_day=min(ends) if ends else None))
    relations = raw.get("relations", {})
    metadata = raw.get("metadata", {})
    parts = {}
    for p in raw.get("part", ()):
        part_id = sections.part_id.format(n=p["n"])
        parts[part_id] = Part(part_id, p["n"], p["title_zh"], p["title_en"])
    clauses = {}
    for c in raw.get("clause", ()):
        clause_id = sections.clause_id.format(n=c["n"])
        clauses[clause_id] = Clause(clause_id, c["n"], c.get("part", 0), c["title_zh"], c["title_en"],
                                    tuple(c.get("departments", ())), c.get("departments_open", False))
    calculators = tuple(Calculator(c["name"], c["command"], tuple(c.get("fields", ())),
                                   tuple(c.get("clauses", ()))) for c in raw.get("calculator", ()))
    return Document(
        id=doc_id, order=raw["order"], kind_zh=raw["kind_zh"], kind_en=raw["kind_en"],
        number=raw.get("number", ""), title_zh=raw["title_zh"], title_en=raw["title_en"],
        short_zh=raw["short_zh"], short_en=raw["short_en"], issuer_zh=raw["issuer_zh"],
        issuer_en=raw["issuer_en"], approver_zh=raw.get("approver_zh", ""),
        approver_en=raw.get("approver_en", ""), sections=sections, versions=tuple(linked),
        parts=parts, clauses=clauses, calculators=calculators,
        supersedes=tuple(relations.get("supersedes", ())),
        amends=tuple(relations.get("amends", ())),
        subject_zh=metadata.get("subject_zh", ""), subject_en=metadata.get("subject_en", ""),
        keywords_zh=tuple(metadata.get("keywords_zh", ())), keywords_en=tuple(metadata.get("keywords_en", ())))


def _documents() -> dict[str, Document]:
    from . import documents as folder  # each document is a package in it: documents/ID/

    found = [(m.name, data_file(f"{folder.__name__}.{m.name}", "document.toml"))
             for m in pkgutil.iter_modules(folder.__path__) if m.ispkg]
    documents = sorted((_load(name, raw) for name, raw in found if raw), key=lambda d: (d.order, d.id))
    return _link({d.id: d for d in documents})


def _link(found: dict[str, Document]) -> dict[str, Document]:
    """Check the relations, and give each replaced document its `superseded_by`: a replacement
    is written once, in the successor's `supersedes`, so adding a successor edits no file of
    the document it replaces."""
    for d in found.values():
        for related in (*d.supersedes, *d.amends):
            if related not in found:
                raise ValueError(f"{d.id}: no document {related!r} in the registry")
    for d in found.values():
        for old in d.supersedes:
            found[old].superseded_by = (*found[old].superseded_by, d.id)
    return found


# Every document, in the registry's order (`order`, then id).
DOCUMENTS: dict[str, Document] = _documents()


def document_of(section_id: str) -> Document | None:
    """The document a section id belongs to: its id starts with the document's id and a hyphen."""
    owners = [d for d in DOCUMENTS.values() if section_id.startswith(f"{d.id}-")]
    return max(owners, key=lambda d: len(d.id)) if owners else None


def kind_of(section_id: str) -> str | None:
    document = document_of(section_id)
    return document.sections.kind_of(section_id) if document else None


def award_documents() -> list[Document]:
    """The documents with award rules, in the registry's order."""
    return [d for d in DOCUMENTS.values() if d.rules is not None]
