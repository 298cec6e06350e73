"""Award tables and their index, generated from `xinzhou_policy.parameters`.

`<!-- award-table: policy-N -->` (policy pages only) becomes the table of the clause's parameters:
what the value is, the value in the page's language, its unit, the Chinese wording it comes from,
the date from which it applies and its outside source. Every clause with parameters must have
exactly one marker and every marker must name such a clause, or the build stops: a table can
neither be missing nor be typed by hand.

`<!-- award-index -->` becomes the list of those clauses, each linked to its table.
"""

from __future__ import annotations

import re
from html import escape

from mkdocs.exceptions import PluginError
from xinzhou_policy import parameters as P
from xinzhou_policy.clauses import CLAUSES

from _documents import label, page_document, page_language
from _values import format_date, format_quantity, scale_rows, unit_label

MARKER = re.compile(r"^<!-- award-table: ([\w-]+) -->$", re.MULTILINE)
INDEX_MARKER = "<!-- award-index -->"

_TEXT = {
    "zh": {"caption": "本条奖补参数（由规则包生成；原文以中文为准）",
           "head": ("说明", "数值", "单位", "原文", "起始日期"),
           "scale_head": ("条件", "数额"), "reference": "依据：", "key": "参数"},
    "en": {"caption": "Award parameters of this clause (generated from the rule package; "
                      "the Chinese wording is the source)",
           "head": ("Description", "Value", "Unit", "Chinese wording", "Applies from"),
           "scale_head": ("Condition", "Amount"), "reference": "Source: ", "key": "parameter"},
}


def clauses_with_parameters() -> list[str]:
    """In the text's order: the numbered clauses, then the closing paragraph."""
    clauses = dict.fromkeys(p.clause for p in P.PARAMETERS)
    return sorted(clauses, key=lambda c: CLAUSES[c].number if c in CLAUSES else len(CLAUSES) + 1)


def _cells(param: P.Parameter | P.Scale, lang: str) -> tuple[str, str]:
    """(value, unit) cells, escaped; a scale's value is a table of its steps."""
    text = _TEXT[lang]
    if isinstance(param, P.Scale):
        steps = scale_rows(param, lang)
        rows = "".join(f"<tr><td>{escape(c)}</td><td>{escape(a)}</td></tr>" for c, a in steps)
        value = (f'<table class="scale"><thead><tr><th>{text["scale_head"][0]}</th>'
                 f'<th>{text["scale_head"][1]}</th></tr></thead><tbody>{rows}</tbody></table>')
        unit = f"{unit_label(param.threshold_unit, lang)} → {unit_label(param.amount_unit, lang)}"
        return value, escape(unit)
    return escape(format_quantity(param.value, param.unit, lang)), escape(unit_label(param.unit, lang))


def table(clause_id: str, lang: str) -> str:
    text, rows = _TEXT[lang], []
    for param in P.parameters_of(clause_id):
        description = escape(getattr(param, f"description_{lang}"))
        if param.reference:
            reference = text["reference"] + escape(param.reference)
            description += f'<br><span class="reference">{reference}</span>'
        description += f'<br><span class="key">{text["key"]} <code>{param.key}</code></span>'
        value, unit = _cells(param, lang)
        rows.append(f"<tr><td>{description}</td><td>{value}</td><td>{unit}</td>"
                    f'<td lang="zh">{escape(param.wording_zh)}</td>'
                    f"<td>{format_date(param.start, lang)}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in text["head"])
    # One raw HTML block without blank lines, so Python-Markdown passes it through untouched.
    return (f'<div class="generated award-table" data-clause="{clause_id}">'
            f'<table><caption>{text["caption"]}</caption><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def index(lang: str) -> str:
    items = []
    for clause_id in clauses_with_parameters():
        items.append(f"- [{label(clause_id, lang)}](policy.md#{clause_id})")
        items += [f"    - {getattr(p, f'description_{lang}')}" for p in P.parameters_of(clause_id)]
    return '<div class="generated award-index" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def _check_markers(found: list[str], src_uri: str) -> None:
    expected = clauses_with_parameters()
    problems = [f"{c} has no parameters" for c in found if c not in expected]
    problems += [f"{c} has more than one marker" for c in dict.fromkeys(found) if found.count(c) > 1]
    if page_document(src_uri) == "policy":
        problems += [f"{c} has parameters but no marker" for c in expected if c not in found]
    elif found:
        problems.append("award tables belong on the policy page only")
    if problems:
        raise PluginError(f"{src_uri}: award-table markers: " + "; ".join(problems))


def on_page_markdown(markdown, page, config, files):
    lang = page_language(page.file.src_uri)
    _check_markers(MARKER.findall(markdown), page.file.src_uri)
    markdown = MARKER.sub(lambda match: table(match[1], lang), markdown)
    return markdown.replace(INDEX_MARKER, index(lang))
