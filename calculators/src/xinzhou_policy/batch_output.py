"""The batch's output in a reader's language: the column titles (the schema's for the input
columns), and the .xlsx workbook of three sheets: the results, the budget summary
(batch_summary) and the column notes. Without a language (`None`), the header holds the field
names, as programs read them. Every amount is a number cell shown in 元; the other cells hold the
CSV's text, neutralised as it is there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from .batch_summary import text
from .batch_template import NAME, NAME_TITLE
from .batch_xlsx import Sheet, width, workbook
from .profile import PROFILE_FIELDS
from .registry import document_of

if TYPE_CHECKING:
    from .batch import BatchJob

_FIELDS = {f.name: f for f in PROFILE_FIELDS}
_RESULT_TITLES = {
    "total": ("合计（元）", "Total (yuan)"),
    "total_enterprise": ("其中企业本身可得（元）", "Of which to the enterprise (yuan)"),
    "within_validity": ("在有效期内", "Within validity"),
    "document_numbers": ("依据文号", "Document numbers (文号)"),
    "errors": ("错误", "Errors"),
}
_SHEETS = {"zh": ("结果", "说明"), "en": ("Results", "Notes")}  # and the budget's (batch_summary)
_NOTES_HEAD = {"zh": ("列名", "中文", "英文"), "en": ("Column", "Chinese", "English")}
_VERDICT = {"zh": {"true": "是", "false": "否"}, "en": {"true": "yes", "false": "no"}}
_COUNTS = (  # the budget sheet's first lines: (summary key, zh, en, kind)
    ("rows", "行数", "Rows", "count"),
    ("computed", "已计算", "Computed", "count"),
    ("errors", "有错误的行", "Rows with errors", "count"),
    ("outside_validity", "不在有效期内的行", "Rows outside the validity", "count"),
    ("total", "全部项目估算合计（元）", "Estimated total of every item (yuan)", "money"),
    ("total_enterprise", "其中企业本身可得（元）", "Of which the enterprises themselves receive (yuan)", "money"),
)
MONEY_FORMAT = {"zh": '#,##0.00"元"', "en": '#,##0.00" yuan"'}


def header(job: "BatchJob", lang: str | None) -> list[str]:
    """The output's header: without a language, the input's columns as the file has them and
    the result columns' names; in a language, every column's title in it."""
    if lang is None:
        return job.header
    from .batch import RESULT_COLUMNS
    return [*(title(f or c, lang) for c, f in zip(job.columns, job.fields)),
            *(title(c, lang) for c in RESULT_COLUMNS)]


def title(column: str, lang: str) -> str:
    """A column's title in `lang`: a field's, a result column's, else the column as it is."""
    at = 0 if lang == "zh" else 1
    if column == NAME:
        return NAME_TITLE[at]
    if column in _FIELDS:
        f = _FIELDS[column]
        return f.label_zh if at == 0 else f.label_en
    if column in _RESULT_TITLES:
        return _RESULT_TITLES[column][at]
    doc = document_of(column)
    if doc is None:  # a column the reader did not map: as the file has it
        return column
    cite = doc.cite(column)[at]
    return f"{cite}（元）" if at == 0 else f"{cite[0].upper()}{cite[1:]} (yuan)"


def verdicts(rows: Iterator[list[str]], at: int, lang: str | None) -> Iterator[list[str]]:
    """The rows with the validity verdict in words of `lang` (true/false without one)."""
    if lang is None:
        yield from rows
        return
    words = _VERDICT[lang]
    for row in rows:
        row[at] = words.get(row[at], row[at])
        yield row


def _results(job: "BatchJob", lang: str | None, texts: str) -> Sheet:
    from .batch import AMOUNT_COLUMNS, RESULT_COLUMNS, VALIDITY
    titles = header(job, lang)
    first = len(job.columns)
    amounts = range(first, first + len(AMOUNT_COLUMNS))

    def rows():
        yield [(h, "header") for h in titles]
        for row in verdicts(job.output_rows(), job.header.index(VALIDITY), lang):
            for i in amounts:
                if row[i]:
                    row[i] = (row[i], "money")
            yield row
    # A name or a date needs its room whatever its header; the other columns as their header.
    room = {NAME: 28, "event_date": 12}
    fields = [*job.fields, *RESULT_COLUMNS]
    widths = [room.get(f) or max(11, min(26, width(h) // 2 + 3)) for f, h in zip(fields, titles)]
    return Sheet(_SHEETS[texts][0], rows(), widths=widths, frozen=1)


def _budget(job: "BatchJob", lang: str) -> Sheet:
    summary = job.summary()
    at = 0 if lang == "zh" else 1
    rows: list[list] = [[(text("budget", lang), "title")]]
    for key, zh, en, kind in _COUNTS:
        rows.append([((zh, en)[at], "text"), (summary[key], kind)])
    for table in job.budget.tables(lang):
        rows += [[], [(table.title, "title")],
                 [(c, "header" if k == "text" else "header_number") for c, k in zip(table.columns, table.kinds)]]
        rows += [[(cell, "wrap" if kind == "text" else kind) for cell, kind in zip(row, table.kinds)]
                 for row in table.rows]
        if table.note:
            rows.append([table.note])
    return Sheet(text("budget", lang), rows, widths=[58, 30, 22, 20, 12], fit=True)


def _notes(lang: str | None, texts: str) -> Sheet:
    from .batch import column_notes
    rows = [[(h, "header") for h in _NOTES_HEAD[texts]]]
    rows += [[(title(name, lang) if lang else name, "wrap"), (zh, "wrap"), (en, "wrap")]
             for name, zh, en in column_notes()]
    return Sheet(_SHEETS[texts][1], rows, widths=[30, 62, 70], frozen=1, fit=True)


def xlsx(job: "BatchJob", lang: str | None) -> bytes:
    """The workbook; without a language the header holds the field names and the rest is in
    Chinese."""
    texts = lang or "zh"
    return workbook([_results(job, lang, texts), _budget(job, texts), _notes(lang, texts)], MONEY_FORMAT[texts])

