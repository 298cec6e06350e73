"""Ends each article's and clause's annotation with the lines generated from data.

Responsible units (policy clauses, from `xinzhou_policy.clauses`), cross-references (from
docs/data/crossrefs.yml, shown on both sides) and the status line: authors never type them, so they
cannot drift from the rule package. See CONVENTIONS.md, "One article or clause = one section".
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from xinzhou_policy import parameters as P
from xinzhou_policy.clauses import CLAUSES, DEPARTMENTS

import _crossrefs
from _documents import REGULATION_IN_FORCE, kind_of, label, page_document, page_language, sections
from _values import format_date

_LABELS = {
    "zh": {"units": "责任单位", "refs": "相关条款", "status": "效力状态"},
    "en": {"units": "Responsible units", "refs": "Related provisions", "status": "Status"},
}


def _units(clause_id: str, lang: str) -> str:
    # The text names the municipal units, then, after a comma, the county governments; a 等 after
    # the municipal units marks an open list.
    clause = CLAUSES[clause_id]
    names = [getattr(DEPARTMENTS[key], lang) for key in clause.departments if key != "counties"]
    counties = [getattr(DEPARTMENTS[key], lang) for key in clause.departments if key == "counties"]
    if lang == "zh":
        return "、".join(names) + "等" * clause.departments_open + "".join("，" + c for c in counties)
    return "; ".join(names + ["and others"] * clause.departments_open + counties)


def _link(target: str, topic: dict[str, str], lang: str) -> str:
    # A link to policy.md from an English page: the i18n plugin resolves it to the English page.
    page = "regulation.md" if kind_of(target) == "article" else "policy.md"
    suffix = f"（{topic['zh']}）" if lang == "zh" else f" ({topic['en']})"
    return f"[{label(target, lang)}]({page}#{target}){suffix}"


def _status(section_id: str, lang: str) -> str:
    if kind_of(section_id) == "article":
        day = format_date(REGULATION_IN_FORCE, lang)
        return f"自{day}起施行，现行有效。" if lang == "zh" else f"In force since {day}."
    day = format_date(P.VALID_UNTIL, lang)
    if lang == "zh":
        return f"本政策有效期至{day}；除非已经延续，有效期已经届满。"
    return f"The policy was valid through {day}; unless it was renewed, its validity has ended."


def _generated(section_id: str, refs, lang: str) -> list[str]:
    labels, colon, sep = _LABELS[lang], ("：" if lang == "zh" else ": "), ("、" if lang == "zh" else "; ")
    lines = []
    if section_id in CLAUSES:
        lines.append(f"**{labels['units']}**{colon}{_units(section_id, lang)}")
    if refs.get(section_id):
        links = sep.join(_link(target, topic, lang) for target, topic in refs[section_id])
        lines.append(f"**{labels['refs']}**{colon}{links}")
    lines.append(f"**{labels['status']}**{colon}{_status(section_id, lang)}")
    # Paragraphs indented into the note block, each marked as generated through attr_list.
    marked = ("", "    {text}", "    {{: .generated .annotation-data }}")
    return [line.format(text=text) for text in lines for line in marked]


def on_page_markdown(markdown, page, config, files):
    if not page_document(page.file.src_uri):
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
        lines[note[1]:note[1]] = _generated(section.id, refs, lang)
    return "\n".join(lines)
