"""Ends each article's and clause's annotation with the lines generated from data.

Responsible units (clauses with units in the registry), cross-references (from
docs/data/crossrefs.yml, shown on both sides) and the status line (from the registry's dates):
authors never type them, so they cannot drift from the data. See CONVENTIONS.md, "One article or
clause = one section".
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from xinzhou_policy.registry import DEPARTMENTS, DOCUMENTS, Document, Version, document_of

import _crossrefs
from _documents import build_date, kind_of, label, page_document, page_language, sections
from _readings import topic_link
from _values import format_date

_LABELS = {
    "zh": {"units": "责任单位", "refs": "相关条款", "status": "效力状态"},
    "en": {"units": "Responsible units", "refs": "Related provisions", "status": "Status"},
}


def _units(document: Document, clause_id: str, lang: str) -> str:
    # The text names the municipal units, then, after a comma, the county governments; a 等 after
    # the municipal units marks an open list.
    clause = document.clauses[clause_id]
    names = [getattr(DEPARTMENTS[key], lang) for key in clause.departments if key != "counties"]
    counties = [getattr(DEPARTMENTS[key], lang) for key in clause.departments if key == "counties"]
    if lang == "zh":
        return "、".join(names) + "等" * clause.departments_open + "".join("，" + c for c in counties)
    return "; ".join(names + ["and others"] * clause.departments_open + counties)


def _link(target: str, topic: dict[str, str], lang: str, up: str) -> str:
    # A link to ID.md from an English page: the i18n plugin resolves it to the English page.
    # `up` climbs from a page in a folder (an earlier version's) to the docs root.
    suffix = f"（{topic['zh']}）" if lang == "zh" else f" ({topic['en']})"
    return f"[{label(target, lang)}]({up}{document_of(target).id}.md#{target}){suffix}"


def _last_day(version: Version, lang: str, up: str) -> str:
    """The last day; the end of a period given in years links the reading of how it is counted."""
    day = format_date(version.last_day, lang)
    counted = version.validity_years and version.last_day == version.expires
    return topic_link(DOCUMENTS[version.document], "last-day", day, up, version.id) if counted else day


def _status(document: Document, version: Version, lang: str, up: str) -> str:
    """The section's status: its version's, on the day the site is built."""
    since = format_date(version.in_force, lang)
    if version != document.latest:
        until = _last_day(version, lang, up) if version.last_day else ""
        return (f"本版本自{since}起施行，适用至{until}；已被后来的版本取代。" if lang == "zh" else
                f"This version was in force from {since} through {until}; a later version replaced it.")
    status = document.status_on(build_date())
    last = _last_day(version, lang, up) if version.last_day else ""
    if status.code == "in_force":
        if lang == "zh":
            return f"自{since}起施行" + (f"，有效期至{last}。" if last else "，现行有效。")
        return f"In force since {since}" + (f", valid through {last}." if last else ".")
    if status.code == "not_yet":
        return f"自{since}起施行。" if lang == "zh" else f"In force from {since}."
    if status.code == "superseded":
        successor = status.successor
        return (f"已被《{successor.title_zh}》取代。" if lang == "zh" else
                f"Superseded by the {successor.title_en}.")
    if lang == "zh":
        return f"有效期至{last}；除非已经延续，有效期已经届满。"
    return f"Valid through {last}; unless it was renewed, its validity has ended."


def _generated(document: Document, version: Version, section_id: str, refs, lang: str,
               up: str) -> list[str]:
    labels, colon, sep = _LABELS[lang], ("：" if lang == "zh" else ": "), ("、" if lang == "zh" else "; ")
    lines = []
    if section_id in document.clauses and document.clauses[section_id].departments:
        lines.append(f"**{labels['units']}**{colon}{_units(document, section_id, lang)}")
    if refs.get(section_id):
        links = sep.join(_link(target, topic, lang, up) for target, topic in refs[section_id])
        lines.append(f"**{labels['refs']}**{colon}{links}")
    lines.append(f"**{labels['status']}**{colon}{_status(document, version, lang, up)}")
    # Paragraphs indented into the note block, each marked as generated through attr_list.
    marked = ("", "    {text}", "    {{: .generated .annotation-data }}")
    return [line.format(text=text) for text in lines for line in marked]


def on_page_markdown(markdown, page, config, files):
    shown = page_document(page.file.src_uri)
    if not shown:
        return markdown
    lang, refs = page_language(page.file.src_uri), _crossrefs.load(config.docs_dir)
    lines = markdown.split("\n")
    # From the last section up, so that inserting lines keeps the earlier indices valid.
    for section in reversed(sections(lines)):
        if kind_of(section.id) not in ("article", "clause"):
            continue
        note = section.note(lines)
        if note is None:
            raise PluginError(f"{page.file.src_uri}: section {section.id} has no '??? note' block "
                              "(CONVENTIONS.md: the annotation is the last block of each section)")
        up = "../" * page.file.src_uri.count("/")
        lines[note[1]:note[1]] = _generated(shown.document, shown.version, section.id, refs, lang, up)
    return "\n".join(lines)
