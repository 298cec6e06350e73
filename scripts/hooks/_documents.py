"""The two published documents as Markdown: which page is which, and its `{#id}` sections.

Shared by the hooks (not a hook itself). The structure parsed here is the one CONVENTIONS.md
fixes: one heading with an `{#id}` per chapter, part, article or clause, the text, then the
annotation as the section's last `??? note` block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from xinzhou_policy.clauses import CLAUSES

from _values import zh_numeral

DOCUMENTS = ("regulation", "policy")

# Article 33 of the regulation: 本条例自2025年5月1日起施行 (the policy's dates are parameters).
REGULATION_IN_FORCE = date(2025, 5, 1)

_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.*?)\s*\{#(?P<id>[\w-]+)[^}]*\}\s*$")
_ANY_HEADING = re.compile(r"^#{1,6}\s")
_NOTE = re.compile(r"^\?\?\?\+?\s+note\b")
_KINDS = (
    (re.compile(r"regulation-ch\d+"), "chapter"),
    (re.compile(r"regulation-\d+"), "article"),
    (re.compile(r"policy-part\d+"), "part"),
    (re.compile(r"policy-(\d+|closing)"), "clause"),
    # Headings a page adds around the text, such as the policy's notice and imprint.
    (re.compile(r"(regulation|policy)-[\w-]+"), "section"),
)


def page_language(src_uri: str) -> str:
    """mkdocs-static-i18n suffix structure: `x.en.md` is English, `x.md` Chinese."""
    return "en" if src_uri.endswith(".en.md") else "zh"


def page_document(src_uri: str) -> str | None:
    stem = src_uri.split(".", 1)[0]
    return stem if stem in DOCUMENTS else None


def source(docs_dir: str, document: str, lang: str) -> Path:
    return Path(docs_dir) / (f"{document}.md" if lang == "zh" else f"{document}.{lang}.md")


def kind_of(section_id: str) -> str | None:
    """chapter, article, part, clause or section; None for an id outside the documents."""
    return next((kind for pattern, kind in _KINDS if pattern.fullmatch(section_id)), None)


def label(section_id: str, lang: str) -> str:
    """How a link names an article or clause: 条例第十二条, 政策（五）鼓励企业开展技术改造."""
    if kind_of(section_id) == "article":
        number = int(section_id.rsplit("-", 1)[1])
        return f"条例第{zh_numeral(number)}条" if lang == "zh" else f"Regulation, Article {number}"
    if section_id in CLAUSES:
        clause = CLAUSES[section_id]
        if lang == "zh":
            return f"政策（{zh_numeral(clause.number)}）{clause.title_zh}"
        return f"Policy ({clause.number}) {clause.title_en}"
    return "政策：施行与适用" if lang == "zh" else "Policy: entry into force and application"


@dataclass(frozen=True)
class Section:
    id: str
    title: str  # the heading without its attribute list
    start: int  # index of the heading line
    end: int  # one past the section's last line (the next heading, or the end)

    def note(self, lines: list[str]) -> tuple[int, int] | None:
        """(first, end) lines of the section's last `??? note` block, trailing blanks excluded."""
        starts = [i for i in range(self.start + 1, self.end) if _NOTE.match(lines[i])]
        if not starts:
            return None
        end = starts[-1] + 1
        while end < self.end and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
            end += 1
        while not lines[end - 1].strip():
            end -= 1
        return starts[-1], end


def sections(lines: list[str]) -> list[Section]:
    """Every heading with an `{#id}` whose id belongs to the documents' scheme."""
    heads = [i for i, line in enumerate(lines) if _ANY_HEADING.match(line)] + [len(lines)]
    found = []
    for i, nxt in zip(heads, heads[1:]):
        match = _HEADING.match(lines[i])
        if match and kind_of(match["id"]):
            found.append(Section(match["id"], match["title"], i, nxt))
    return found
