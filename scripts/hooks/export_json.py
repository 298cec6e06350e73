"""Writes the machine-readable texts: data/regulation.json and data/policy.json at the site root.

Parsed from the Markdown sources by their `{#id}` headings, both languages side by side, with the
data the pages show beside each clause (cross-references, responsible units, parameter keys).
Written in on_post_build, at stable paths outside the language folders: adding it as a generated
File crashes mkdocs-static-i18n.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from xinzhou_policy import parameters as P
from xinzhou_policy.clauses import CLAUSES, CLOSING_CLAUSE, POLICY_DOCUMENT, departments_of

import _crossrefs
from _documents import DOCUMENTS, REGULATION_IN_FORCE, kind_of, source, sections
from _values import LANGUAGES, render_placeholders

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)


def _plain(lines: list[str]) -> str:
    """The paragraphs of a section's text, one per line, without Markdown markup."""
    text = _LINK.sub(r"\1", _COMMENT.sub("", "\n".join(lines))).replace("**", "")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _parsed(docs_dir: str, document: str, lang: str) -> tuple[str, dict[str, dict[str, str]]]:
    """(title, {id: {heading, text, annotation}}) of one document in one language."""
    markdown = source(docs_dir, document, lang).read_text(encoding="utf-8")
    lines, parsed = markdown.split("\n"), {}
    for section in sections(lines):
        note = section.note(lines)
        body_end, annotation = section.end, ""
        if note:
            body_end = note[0]
            annotation = "\n".join(line[4:] for line in lines[note[0] + 1:note[1]])
        parsed[section.id] = {"heading": section.title,
                              "text": _plain(lines[section.start + 1:body_end]),
                              "annotation": render_placeholders(annotation, lang).strip()}
    return _TITLE.search(markdown)[1].strip(), parsed


def _metadata(document: str, titles: dict[str, str]) -> dict:
    pages = {"zh": f"{document}.html", "en": f"en/{document}.html"}
    common = {"title_zh": titles["zh"], "title_en": titles["en"], "pages": pages}
    if document == "regulation":
        return {"id": "regulation", **common, "in_force": REGULATION_IN_FORCE}
    return {**POLICY_DOCUMENT, **common, "issued": P.ISSUE_DATE, "valid_from": P.VALID_FROM,
            "valid_until": P.VALID_UNTIL, "validity_years": P.VALIDITY_YEARS.value}


def export(docs_dir: str, document: str, refs) -> dict:
    titles, texts = {}, {}
    for lang in LANGUAGES:
        titles[lang], texts[lang] = _parsed(docs_dir, document, lang)
    if list(texts["zh"]) != list(texts["en"]):
        raise PluginError(f"{document}: the Chinese and English pages have different section ids")
    entries, parent = [], None
    for section_id in texts["zh"]:
        kind = kind_of(section_id)
        if kind in ("chapter", "part"):
            parent = section_id
        # The closing paragraph belongs to the whole policy, not to its last part.
        inside = kind in ("article", "clause") and section_id != CLOSING_CLAUSE
        entry = {"id": section_id, "kind": kind, "parent": parent if inside else None}
        for field in ("heading", "text"):
            entry.update({f"{field}_{lang}": texts[lang][section_id][field] for lang in LANGUAGES})
        entry["annotations"] = {lang: texts[lang][section_id]["annotation"] for lang in LANGUAGES}
        entry["cross_references"] = [target for target, _ in refs.get(section_id, [])]
        if kind == "clause":
            entry["departments"] = departments_of(section_id) if section_id in CLAUSES else []
            entry["departments_open"] = section_id in CLAUSES and CLAUSES[section_id].departments_open
            entry["parameters"] = [p.key for p in P.parameters_of(section_id)]
        entries.append(entry)
    return {"document": _metadata(document, titles), "sections": entries}


def on_post_build(config):
    refs = _crossrefs.load(config.docs_dir)
    out = Path(config.site_dir) / "data"
    out.mkdir(parents=True, exist_ok=True)
    for document in DOCUMENTS:
        data = export(config.docs_dir, document, refs)
        text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
        (out / f"{document}.json").write_text(text + "\n", encoding="utf-8")
