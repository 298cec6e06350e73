"""The registry's documents as Markdown pages: which page is which document and version, and its
`{#id}` sections. Shared by the hooks (not a hook itself).

Pages (CONVENTIONS.md): a document's latest version is `docs/ID.md` (English `docs/ID.en.md`),
its default page; every earlier version keeps its own page, `docs/versions/ID/VERSION.md`, and
every version after the first has a "what changed" page, `docs/versions/ID/VERSION-changes.md`.
The structure parsed here is the one CONVENTIONS.md fixes: one heading with an `{#id}` per
chapter, part, article or clause, the text, then the annotation as the section's last
`??? note` block. Which ids a document has, and how a link names them, is the registry's.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from xinzhou_policy.registry import DOCUMENTS, Document, Version, document_of, kind_of

__all__ = ["DOCUMENTS", "kind_of"]

_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.*?)\s*\{#(?P<id>[\w-]+)[^}]*\}\s*$")
_ANY_HEADING = re.compile(r"^#{1,6}\s")
_NOTE = re.compile(r"^\?\?\?\+?\s+note\b")
_VERSION_PAGE = re.compile(r"^versions/(?P<doc>[\w-]+)/(?P<version>[\w-]+?)(?P<changes>-changes)?$")


def build_date() -> date:
    """The day the site is built, for the status of each document on its pages: BUILD_DATE
    (YYYY-MM-DD) where set, as for a reproducible build or a test, else today."""
    given = os.environ.get("BUILD_DATE")
    return date.fromisoformat(given) if given else date.today()


def page_language(src_uri: str) -> str:
    """mkdocs-static-i18n suffix structure: `x.en.md` is English, `x.md` Chinese."""
    return "en" if src_uri.endswith(".en.md") else "zh"


@dataclass(frozen=True)
class DocumentPage:
    document: Document
    version: Version
    changes: bool  # the version's "what changed" page, not its text


def page_of(src_uri: str) -> DocumentPage | None:
    """The document and version a page shows, from its path; None for any other page."""
    stem = src_uri.split(".", 1)[0]
    if stem in DOCUMENTS:
        document = DOCUMENTS[stem]
        return DocumentPage(document, document.latest, False)
    match = _VERSION_PAGE.match(stem)
    if match and match["doc"] in DOCUMENTS:
        document = DOCUMENTS[match["doc"]]
        return DocumentPage(document, document.version(match["version"]), bool(match["changes"]))
    return None


def page_document(src_uri: str) -> DocumentPage | None:
    """A page with a document's text (its default page, or an earlier version's page)."""
    found = page_of(src_uri)
    return found if found and not found.changes else None


def text_page(document: Document, version: Version) -> str:
    """The docs/ path of a version's text (Chinese; English adds `.en` before `.md`)."""
    return f"{document.id}.md" if version == document.latest else f"versions/{document.id}/{version.id}.md"


def changes_page(document: Document, version: Version) -> str:
    return f"versions/{document.id}/{version.id}-changes.md"


def source(docs_dir: str, path: str, lang: str) -> Path:
    """The Markdown file of a page in a language."""
    return Path(docs_dir) / (path if lang == "zh" else path[:-len(".md")] + f".{lang}.md")


def label(section_id: str, lang: str) -> str:
    """How a link names an article or clause: 条例第十二条, 政策（五）鼓励企业开展技术改造."""
    return document_of(section_id).label(section_id, lang)


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
    """Every heading with an `{#id}` whose id belongs to a document of the registry."""
    heads = [i for i, line in enumerate(lines) if _ANY_HEADING.match(line)] + [len(lines)]
    found = []
    for i, nxt in zip(heads, heads[1:]):
        match = _HEADING.match(lines[i])
        if match and kind_of(match["id"]):
            found.append(Section(match["id"], match["title"], i, nxt))
    return found
