"""Writes the machine-readable texts: data/ID.json at the site root for every document of the
registry (its latest version), and data/versions/ID/VERSION.json for each earlier version.

Parsed from the Markdown sources by their `{#id}` headings, both languages side by side, with the
data the pages show beside each clause (cross-references, responsible units, parameter keys) and
the document's registry entry (kind, 文号, dates, versions, relations, gov.cn's document fields). Written in on_post_build,
at stable paths outside the language folders: adding it as a generated File crashes
mkdocs-static-i18n.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from xinzhou_policy.registry import DOCUMENTS, Document, Version

import _crossrefs
from xinzhou_policy.readings import readings

from _documents import build_date, kind_of, source, sections, text_page
from document_status import metadata as gov_fields, row_label
from _readings import marker_ids, plain_markers
from _values import LANGUAGES, render_placeholders

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)


def _plain(lines: list[str]) -> str:
    """The paragraphs of a section's text, one per line, without Markdown markup."""
    text = _LINK.sub(r"\1", _COMMENT.sub("", "\n".join(lines))).replace("**", "")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def parsed(docs_dir: str, path: str, lang: str) -> tuple[str, dict[str, dict[str, str]]]:
    """(title, {id: {heading, text, annotation}}) of one document page in one language."""
    markdown = source(docs_dir, path, lang).read_text(encoding="utf-8")
    lines, found = markdown.split("\n"), {}
    for section in sections(lines):
        note = section.note(lines)
        body_end, annotation = section.end, ""
        if note:
            body_end = note[0]
            annotation = "\n".join(line[4:] for line in lines[note[0] + 1:note[1]])
        found[section.id] = {"heading": section.title,
                             "text": _plain(lines[section.start + 1:body_end]),
                             "annotation": plain_markers(render_placeholders(annotation, lang, path),
                                                         lang, readings()).strip(),
                             # The readings the note names (their entries: readings.html#ID).
                             "readings": list(dict.fromkeys(marker_ids(annotation)))}
    return _TITLE.search(markdown)[1].strip(), found


def _version(version: Version) -> dict:
    fields = ("id", "in_force", "last_day", "validity_years", "issued", "published", "adopted",
              "approved", "number", "note_zh", "note_en", "index_number")
    return {f: getattr(version, f) for f in fields if getattr(version, f) not in (None, "")}


def _metadata(document: Document, version: Version, titles: dict[str, str]) -> dict:
    latest = version == document.latest
    page = text_page(document, version).removesuffix(".md") + ".html"
    return {
        "id": document.id, "number": document.number, "title_zh": titles["zh"],
        "title_en": titles["en"], "kind_zh": document.kind_zh, "kind_en": document.kind_en,
        "issuer_zh": document.issuer_zh, "issuer_en": document.issuer_en,
        "pages": {"zh": page, "en": f"en/{page}"},
        "version": _version(version), "latest": latest,
        "versions": [_version(v) for v in document.versions],
        "supersedes": list(document.supersedes), "superseded_by": list(document.superseded_by),
        "amends": list(document.amends),
        # gov.cn's document fields as the page shows them (未公布 where the registry has nothing),
        # and 有效性 as a code, on the build day.
        "fields": [{"key": key, "label_zh": row_label(key, "zh"), "label_en": row_label(key, "en"),
                    "zh": zh, "en": en}
                   for (key, zh), (_, en) in zip(gov_fields(document, version, "zh"),
                                                 gov_fields(document, version, "en"))],
        "effect": document.effect_on(version, build_date()), "as_of": build_date(),
        # The exported version's dates under the names this export has always given them.
        "in_force": version.in_force, "valid_from": version.in_force, "valid_until": version.last_day,
        **({"issued": version.issued} if version.issued else {}),
        **({"validity_years": version.validity_years} if version.validity_years else {}),
    }


def export(docs_dir: str, document: Document, version: Version, refs) -> dict:
    path = text_page(document, version)
    titles, texts = {}, {}
    for lang in LANGUAGES:
        titles[lang], texts[lang] = parsed(docs_dir, path, lang)
    if list(texts["zh"]) != list(texts["en"]):
        raise PluginError(f"{path}: the Chinese and English pages have different section ids")
    entries, parent = [], None
    for section_id in texts["zh"]:
        kind = kind_of(section_id)
        if kind in (document.sections.part_kind,):
            parent = section_id
        # A named section (the policy's closing paragraph) belongs to the whole document.
        inside = kind in ("article", "clause") and section_id not in document.sections.named
        entry = {"id": section_id, "kind": kind, "parent": parent if inside else None}
        for field in ("heading", "text"):
            entry.update({f"{field}_{lang}": texts[lang][section_id][field] for lang in LANGUAGES})
        entry["annotations"] = {lang: texts[lang][section_id]["annotation"] for lang in LANGUAGES}
        # The ids of the readings its note names (the same in both languages: _readings.py).
        entry["readings"] = texts["zh"][section_id]["readings"]
        entry["cross_references"] = [target for target, _ in refs.get(section_id, [])]
        if document.sections.clause_kind == "clause" and kind == "clause":
            clause = document.clauses.get(section_id)
            entry["departments"] = document.departments_of(section_id)
            entry["departments_open"] = bool(clause and clause.departments_open)
            entry["parameters"] = [p.key for p in document.parameters.of_clause(section_id)]
        entries.append(entry)
    return {"document": _metadata(document, version, titles), "sections": entries}


def on_post_build(config):
    refs = _crossrefs.load(config.docs_dir)
    out = Path(config.site_dir) / "data"
    for document in DOCUMENTS.values():
        for version in document.versions:
            target = (out / f"{document.id}.json" if version == document.latest
                      else out / "versions" / document.id / f"{version.id}.json")
            target.parent.mkdir(parents=True, exist_ok=True)
            data = export(config.docs_dir, document, version, refs)
            text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
            target.write_text(text + "\n", encoding="utf-8")
