"""Award tables and their index, generated from the documents' parameters (parameters.toml).

`<!-- award-table: CLAUSE -->` (document pages only) becomes the table of the clause's parameters:
what each value is, the value in the page's language, its unit, the Chinese wording it comes
from, with its outside source where it has one, and the dates it applies from and until. Where a
value has changed, every dated value is a row: the history stays readable. On an earlier
version's page the table shows the values of that version. Every clause with parameters must
have exactly one marker on each page of its document and every marker must name such a clause,
or the build stops: a table can neither be missing nor be typed by hand.

`<!-- award-index -->` becomes the list of those clauses, each linked to its table.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import escape

from mkdocs.exceptions import PluginError
from xinzhou_policy.params import Parameter
from xinzhou_policy.registry import Document, Version, award_documents, document_of

from _documents import DocumentPage, label, page_document, page_language
from _values import format_date, format_quantity, scale_rows, unit_label

MARKER = re.compile(r"^<!-- award-table: ([\w-]+) -->$", re.MULTILINE)
INDEX_MARKER = "<!-- award-index -->"

_TEXT = {
    "zh": {"caption": "本条奖补参数（由规则包生成；原文以中文为准）",
           "head": ("说明", "数值", "单位", "原文", "适用期间"),
           "scale_head": ("条件", "数额"), "reference": "依据：",
           "from": "{}起", "until": "至{}", "earlier": "（已被后来的数值取代）"},
    "en": {"caption": "Award parameters of this clause (generated from the rule package; "
                      "the Chinese wording is the source)",
           "head": ("Description", "Value", "Unit", "Chinese wording", "Applies"),
           "scale_head": ("Condition", "Amount"), "reference": "Source: ",
           "from": "from {}", "until": "through {}", "earlier": " (replaced by a later value)"},
}


def clauses_with_parameters(document: Document) -> list[str]:
    """In the text's order: the numbered clauses, then the named sections."""
    return sorted(document.parameters.clauses(), key=document.clause_order)


def _last_day(document: Document, day: date) -> date:
    """The last day a value replaced from `day + 1` on applied: `day`, or earlier where the
    document's versions left a gap before the change (the version then in force had expired)."""
    ended = document.nearest(day).last_day
    return min(day, ended) if ended else day


def _shown(param: Parameter, document: Document, version: Version) -> list[tuple[object, date | None]]:
    """(entry, its last day or None) for the page's version: every entry on the latest version's
    page, the entries that applied while an earlier version was in force on its own page."""
    entries = param.entries
    lasts = [_last_day(document, nxt.start - timedelta(days=1)) for nxt in entries[1:]] + [None]
    rows = list(zip(entries, lasts))
    if version == document.latest:
        return rows
    end = version.last_day or date.max
    return [(e, last) for e, last in rows if e.start <= end and (last is None or last >= version.in_force)]


def _value_cells(value, lang: str) -> tuple[str, str]:
    """(value, unit) cells, escaped; a scale's value is a table of its steps."""
    text = _TEXT[lang]
    if hasattr(value, "tiers"):
        steps = scale_rows(value, lang)
        rows = "".join(f"<tr><td>{escape(c)}</td><td>{escape(a)}</td></tr>" for c, a in steps)
        cell = (f'<table class="scale"><thead><tr><th>{text["scale_head"][0]}</th>'
                f'<th>{text["scale_head"][1]}</th></tr></thead><tbody>{rows}</tbody></table>')
        unit = f"{unit_label(value.threshold_unit, lang)} → {unit_label(value.amount_unit, lang)}"
        return cell, escape(unit)
    return escape(format_quantity(value.value, value.unit, lang)), escape(unit_label(value.unit, lang))


def _rows(param: Parameter, document: Document, version: Version, lang: str) -> str:
    """A parameter's rows: one per dated value, headed by what the value is (its row header)."""
    text, rows = _TEXT[lang], []
    shown = _shown(param, document, version)
    for n, (entry, last) in enumerate(shown):
        header = ""
        if n == 0:
            scope = f' scope="rowgroup" rowspan="{len(shown)}"' if len(shown) > 1 else ' scope="row"'
            header = f'<th{scope}>{escape(getattr(param, f"description_{lang}"))}</th>'
        wording = escape(entry.wording_zh)
        if entry.reference:
            source = "" if lang == "zh" else f' lang="{lang}"'
            wording += f'<br><span class="reference"{source}>{text["reference"]}{escape(entry.reference)}</span>'
        applies = text["from"].format(format_date(entry.start, lang))
        if last is not None:
            applies += "，" if lang == "zh" else ", "
            applies += text["until"].format(format_date(last, lang)) + text["earlier"]
        cell, unit = _value_cells(param.at(entry.start), lang)
        value, unit_head, wording_head, applies_head = text["head"][1:]
        earlier = ' class="earlier"' if last is not None and last < version.in_force else ""
        rows.append(f'<tr{earlier}>{header}<td data-label="{value}">{cell}</td>'
                    f'<td class="unit" data-label="{unit_head}">{unit}</td>'
                    f'<td lang="zh" data-label="{wording_head}">{wording}</td>'
                    f'<td data-label="{applies_head}">{applies}</td></tr>')
    return "".join(rows)


def table(clause_id: str, lang: str, version: Version | None = None) -> str:
    """The clause's table for a version of its document (its latest, by default). Each parameter
    is a row group, anchored as param-DOCUMENT-KEY (calculator.js links an item's parameters
    there): on a phone, site.css shows each group as a card. The key itself is never shown."""
    document = document_of(clause_id)
    version = version or document.latest
    text, groups = _TEXT[lang], []
    for param in document.parameters.of_clause(clause_id):
        rows = _rows(param, document, version, lang)
        if rows:
            groups.append(f'<tbody id="param-{document.id}-{param.key}" data-key="{param.key}">{rows}</tbody>')
    head = "".join(f'<th scope="col">{h}</th>' for h in text["head"])
    # One raw HTML block without blank lines, so Python-Markdown passes it through untouched.
    return (f'<div class="generated award-table" data-clause="{clause_id}">'
            f'<table><caption>{text["caption"]}</caption><thead><tr>{head}</tr></thead>'
            f'{"".join(groups)}</table></div>')


def index(lang: str) -> str:
    items = []
    for document in award_documents():
        for clause_id in clauses_with_parameters(document):
            items.append(f"- [{label(clause_id, lang)}]({document.id}.md#{clause_id})")
            items += [f"    - {getattr(p, f'description_{lang}')}" for p in document.parameters.of_clause(clause_id)]
    return '<div class="generated award-index" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def _check_markers(found: list[str], src_uri: str, page: DocumentPage | None) -> None:
    expected = clauses_with_parameters(page.document) if page else []
    problems = [f"{c} has no parameters" for c in found if c not in expected]
    problems += [f"{c} has more than one marker" for c in dict.fromkeys(found) if found.count(c) > 1]
    problems += [f"{c} has parameters but no marker" for c in expected if c not in found]
    if not page and found:
        problems.append("award tables belong on the pages of their document")
    if problems:
        raise PluginError(f"{src_uri}: award-table markers: " + "; ".join(problems))


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    lang, shown = page_language(src), page_document(src)
    _check_markers(MARKER.findall(markdown), src, shown)
    version = shown.version if shown else None
    markdown = MARKER.sub(lambda match: table(match[1], lang, version), markdown)
    return markdown.replace(INDEX_MARKER, index(lang))
