"""Replaces `<!-- glossary -->` with the glossary and the responsible units, from the rule package.

`xinzhou_policy.glossary.TERMS` is the one bilingual glossary and `registry.DEPARTMENTS` the list
of responsible units; the page shows them, it never copies them.
"""

from __future__ import annotations

from html import escape

from xinzhou_policy.registry import DEPARTMENTS
from xinzhou_policy.glossary import TERMS

from _documents import page_language

MARKER = "<!-- glossary -->"

_HEAD = {
    "zh": {"terms": ("中文", "英文", "释义"), "units": ("责任单位", "英文名称"),
           "units_title": "责任单位"},
    "en": {"terms": ("Chinese", "English", "Definition"), "units": ("Chinese", "English"),
           "units_title": "Responsible units"},
}


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    cells = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def glossary(lang: str) -> str:
    head = _HEAD[lang]
    terms = _table(head["terms"], [(t.zh, t.en, getattr(t, f"definition_{lang}")) for t in TERMS])
    units = _table(head["units"], [(d.zh, d.en) for d in DEPARTMENTS.values()])
    # Raw HTML blocks (no blank lines inside) around a Markdown heading, so it gets an anchor.
    return (f'<div class="generated glossary-terms">{terms}</div>\n\n'
            f'## {head["units_title"]} {{#units}}\n\n'
            f'<div class="generated glossary-units">{units}</div>')


def on_page_markdown(markdown, page, config, files):
    return markdown.replace(MARKER, glossary(page_language(page.file.src_uri)))
