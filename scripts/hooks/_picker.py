"""What a calculator page shows beside its form (calculator_pages.py): the situation picker, and
links to its clauses' award tables on the documents' pages.

The picker offers the situations among the form's groups of fields (xinzhou_policy.profile
.SITUATIONS: each document's own groups, named in its messages.toml), so a new document's fields
join it by themselves; calculators/web/picker.js shows the groups ticked. It is shown only where
the form has two situations or more: with one, there is nothing to choose. Without JavaScript
nothing picks, so every group is shown and the picker is not (noscript.css).
"""

from __future__ import annotations

from html import escape

from xinzhou_policy.profile import SITUATIONS
from xinzhou_policy.registry import document_of
from xinzhou_policy.validation import Field

_TEXT = {
    "zh": {"legend": "适用情形", "all": "显示全部项目",
           "help": "勾选适用的情形，只显示并计算这些情形的项目。",
           "tables": "奖补标准", "tables_intro": "各条的金额、比例、原文和适用期间见文件页上该条的标准表："},
    "en": {"legend": "What applies to your enterprise", "all": "Show all items",
           "help": "Tick what applies: only those items are shown and computed.",
           "tables": "Award tables",
           "tables_intro": "The award table of each clause (amounts, rates, the Chinese wording, "
                           "the dates) is on its document's page:"},
}


# The common group whose fields are options of a clause's rules: each is shown with the
# situations that hold a field of its clause (the estimate repeats them: estimate.py).
OPTIONS = "options"


def situations(groups: list[str]) -> list[str]:
    """The form's groups that are situations, in the form's order."""
    return [g for g in groups if g in SITUATIONS]


def shown_with(f: Field, fields: tuple[Field, ...]) -> str:
    """An option's situations in this form (their keys, space-separated), else ""."""
    if f.group != OPTIONS:
        return ""
    return " ".join(dict.fromkeys(o.group for o in fields if o.clause == f.clause and o.group in SITUATIONS))


def picker(groups: dict[str, tuple[str, str]], lang: str) -> str:
    """The picker's fieldset for the form's groups (key: (zh, en)); empty under two situations.
    Its checkboxes have no name: they choose what is shown, they are not inputs of the rules."""
    offered = situations(list(groups))
    if len(offered) < 2:
        return ""
    text = _TEXT[lang]

    def box(key: str, name: str, extra: str = "") -> str:
        return (f'<div class="calc-pick{extra}"><input type="checkbox" id="pick-{key}" value="{key}" '
                f'aria-describedby="pick-help"> <label for="pick-{key}">{escape(name)}</label></div>')

    boxes = "".join(box(key, groups[key][lang == "en"]) for key in offered)
    return (f'<fieldset class="calc-picker"><legend>{text["legend"]}</legend>'
            f'<p class="calc-help" id="pick-help">{text["help"]}</p><div class="calc-picker-boxes">{boxes}'
            f'{box("all", text["all"], " calc-pick-all")}</div></fieldset>')


def table_links(clauses: list[str], pages: dict[str, str], lang: str) -> str:
    """In place of the award tables: a link to each clause's table, at the clause's anchor on
    its document's page (pages: document id -> the page's address from here)."""
    text = _TEXT[lang]
    items = "".join(f'<li><a href="{pages[document_of(c).id]}#{c}">{escape(document_of(c).cite(c)[lang == "en"])}</a></li>'
                    for c in clauses)
    return (f'<section class="calc-static"><h2 id="award-tables">{text["tables"]}</h2>'
            f'<p>{text["tables_intro"]}</p><ul class="calc-table-links">{items}</ul></section>')
