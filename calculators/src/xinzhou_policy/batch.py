"""Batch estimates: a file of enterprise profiles in (CSV or .xlsx), one result row per
enterprise out.

The header names the fields of the estimate profile (`PROFILE_FIELDS`), in any order, plus an
optional name column that identifies the enterprise and is only copied. A column is named by its
field's Chinese title (the schema's x-title-zh), its English title or its JSON name, trimmed, in
any case and width of ASCII (`name_key`); a choice by its Chinese or English label or its JSON
value, a flag by 是/否 or true/false. The header is the first row that names a field: title rows
and notes above it are skipped, and so is a row directly below it whose every cell names the
field of the header cell above it (the template's English titles). A column that names no field,
or a second column for a field, is reported with the header (`header_errors`) and the rows are
read; a missing required column is a file error.

One row per enterprise; an empty cell is an absent field. A CSV is read strictly (batch_input:
quotes, encodings), an .xlsx by xlsx_reader, so that no row merges into another or vanishes
unseen. Rows directly below the header whose first cell starts with `#` and that hold no event
date are notes (the CSV template's), and blank lines and rows of empty cells are no rows; every
other row gets exactly one output row, in the same order. A bad row carries its errors, each
naming its cell (the row as the spreadsheet numbers it and the column's header, both languages),
and the other rows are computed.

The output repeats the input columns, then one amount column per clause that has awards (the
clause ids of the rule package), the total, the validity verdict and the errors. Output cells
that a spreadsheet would read as a formula are neutralised (`neutralise`).

`BatchJob` is built for the browser as well as the command line: open the file, compute rows in
chunks (so a worker can report progress), then write CSV or .xlsx.
"""

from __future__ import annotations

import csv
import io
import re
import string
import unicodedata
from functools import lru_cache
from typing import Any, Callable, Iterator

from .batch_errors import at_cell, error_text, file_error
from .batch_summary import Budget
from .batch_template import NAME, NAME_TITLE, columns as template_columns, template_csv
from .batch_input import Record, check_spanning_cells, read
from .xlsx_reader import ZIP_START, BadCell, read_xlsx
from .estimate import assess, in_force_items
from .money import ZERO, money_str
from .profile import AWARD_CLAUSES, PROFILE_FIELDS
from .registry import document_of
from .validation import Field, InputError, no_value, parse

NOTE = "#"
EVENT_DATE = "event_date"
_FIELDS = {f.name: f for f in PROFILE_FIELDS}
INPUT_COLUMNS = (NAME, *_FIELDS)

# One amount column per clause with awards, document by document in the registry's order.
CLAUSE_COLUMNS = AWARD_CLAUSES
TOTAL, ENTERPRISE, VALIDITY, ERRORS = "total", "total_enterprise", "within_validity", "errors"
# The 文号 a reader cites for the row's amounts: of each text applied on its event date.
NUMBERS = "document_numbers"
# The amounts, the total of every item and the enterprise's own (estimate's totals_by_recipient).
AMOUNT_COLUMNS = (*CLAUSE_COLUMNS, TOTAL, ENTERPRISE)
RESULT_COLUMNS = (*AMOUNT_COLUMNS, VALIDITY, NUMBERS, ERRORS)

# CSV injection. A spreadsheet reads a cell that starts with one of these as a formula: Excel and
# WPS take all four, LibreOffice "=" (tests/rules/test_batch_spreadsheet.py opens the output in
# LibreOffice Calc). No valid input or computed value starts with them: amounts are never
# negative, and a negative input is an error (its cell is echoed neutralised).
FORMULA_STARTS = frozenset("=+-@")
# Neutralised whatever follows them, as OWASP's list has it.
ALWAYS_NEUTRALISED = frozenset("\t\r")


# Printable ASCII but the space: decided by the first character alone.
_PLAIN_ASCII = frozenset(string.ascii_letters + string.digits + string.punctuation) - FORMULA_STARTS


@lru_cache  # the characters cells start with are few
def _first_character(char: str) -> bool | None:
    """Whether a cell starting with `char` reads as a formula; None if a spreadsheet may drop the
    character unseen and look at the next: whitespace (its "trim spaces"), control characters
    (LibreOffice drops a leading NUL) and format characters (zero-width space, BOM, direction
    marks). A formula start counts in any compatibility form (NFKC): the full-width ＝ ＋ － ＠,
    the small ﹦ ﹢ ﹣ ﹫, the superscript ⁼ ⁺…"""
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
        return None
    return unicodedata.normalize("NFKC", char)[:1] in FORMULA_STARTS


def neutralise(cell: str) -> str:
    """The cell with a leading apostrophe, which Excel and LibreOffice show as text, if it reads
    as a formula after what a spreadsheet may drop unseen, or starts with a tab or carriage
    return."""
    first = cell[:1]
    if first in _PLAIN_ASCII or not first:  # most cells
        return cell
    if first in FORMULA_STARTS or first in ALWAYS_NEUTRALISED:
        return "'" + cell
    for char in cell:
        formula = _first_character(char)
        if formula is not None:
            return "'" + cell if formula else cell
    return cell


# ------------------------------------------------------------------------------ reading
def name_key(text: str) -> str:
    """A header or choice as compared: trimmed, full-width ASCII as ASCII (NFKC), any case."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


# Each column's names: the field's Chinese title (the schema's x-title-zh), its English title and
# its JSON name, as the template's two header rows and the engineers' files write them.
def _column_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for column, titles in ((NAME, NAME_TITLE), *((f.name, (f.label_zh, f.label_en)) for f in PROFILE_FIELDS)):
        for title in (column, *titles):
            if names.setdefault(name_key(title), column) != column:
                raise ValueError(f"the column title {title!r} names two fields")
    return names


_NAMES = _column_names()

_FLAGS = {"true": True, "false": False, "1": True, "0": False, "是": True, "否": False,
          "yes": True, "no": False}
# Excel on Chinese Windows rewrites dates as 2025/6/30 when it saves a CSV; 2025年6月30日 is
# how a date is typed as text in Chinese.
_LOOSE_DATE = re.compile(r"^(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
                         r"|年(?P<zm>\d{1,2})月(?P<zd>\d{1,2})日)$", re.ASCII)
# Thousands separators are how people write money (the calculators' forms drop them too).
_SEPARATORS = re.compile(r"[,，\s]")


def _loose_date(text: str) -> str | None:
    loose = _LOOSE_DATE.match(text)
    if loose is None:
        return None
    month, day = loose["m"] or loose["zm"], loose["d"] or loose["zd"]
    return f"{loose['y']}-{int(month):02d}-{int(day):02d}"


def _converter(f: Field) -> Callable[[str], Any]:
    """Cell text to the value the rules' parser takes; what it cannot read goes on unchanged,
    so that the parser's error names the field."""
    if f.kind == "flag":
        return lambda text: _FLAGS.get(name_key(text), text)
    if f.kind == "date":
        return lambda text: _loose_date(text) or text
    if f.kind == "money":
        return lambda text: _SEPARATORS.sub("", text)
    if f.kind == "enum":
        # The choice itself (the JSON value), or its label in either language (the schema's
        # x-choice-labels), as the template's drop-down lists them.
        choices: dict[str, str] = {}
        for c, (zh, en) in zip(f.choices, f.choice_labels):
            for text in (c, zh, en):
                choices.setdefault(name_key(text), c)
        return lambda text: choices.get(name_key(text), text)
    return lambda text: text


_CONVERTERS = {name: _converter(f) for name, f in _FIELDS.items()}


def _fields_of(cells: list[str]) -> list[str | None]:
    return [_NAMES.get(name_key(c)) if c.strip() else None for c in cells]


def _header_errors(columns: list[str], fields: list[str | None]) -> list[dict[str, str]]:
    """The header's problems that leave the rows readable: a column that names no field, or a
    second column for a field (both are read: a row whose two cells differ is an error)."""
    errors = []
    for number, (title, name) in enumerate(zip(columns, fields), start=1):
        if name is None and title:
            errors.append(file_error("unknown_column", title, column=number, name=title))
        elif name is None:
            errors.append(file_error("empty_column", column=number))
        elif fields.index(name) != number - 1:
            first = fields.index(name)
            errors.append(file_error("duplicate_column", title, column=number, name=title,
                                     first=first + 1, first_name=columns[first]))
    return errors


def _missing_columns(fields: list[str | None]) -> list[dict[str, str]]:
    return [file_error("missing_column", f.name, name=f.name, zh=f.label_zh, en=f.label_en)
            for f in PROFILE_FIELDS if f.required and f.name not in fields]


def _enterprise_rows(records: list[Record], fields: list[str | None]) -> list[Record]:
    """The rows after the header, less a second header row directly below it (each of its cells
    names the field of the header's cell above it: the template's English titles) and the notes
    directly below those: a `#` row further down, or one with an event date (an enterprise called
    "#1 锻造厂"), is an enterprise, never dropped."""
    date_at = fields.index(EVENT_DATE) if EVENT_DATE in fields else len(fields)
    if records and all(not c.strip() or (at < len(fields) and fields[at] is not None
                                         and _NAMES.get(name_key(c)) == fields[at])
                       for at, c in enumerate(records[0].cells)):
        records = records[1:]
    rows: list[Record] = []
    for record in records:
        cells = record.cells
        if not rows and cells[0].lstrip().startswith(NOTE) \
                and not _loose_date(cells[date_at].strip() if date_at < len(cells) else ""):
            continue
        rows.append(record)
    return rows


# ------------------------------------------------------------------------------ the job
_NO_RESULT = [""] * (len(AMOUNT_COLUMNS) + 2)
_ZERO_TEXT = money_str(ZERO)


class BatchJob:
    """One file of profiles: opened at once (header checked), computed in chunks, then written.

    `columns` are the header's cells as the file has them, `fields` the field each names (None
    for a column that names none). `compute(stop)` computes the next rows up to `stop`, so a
    caller can report progress between chunks. `results[i]` holds row i's result cells (amounts,
    total, verdict, errors) as written out, `errors[i]` its errors (an empty list for a computed
    row) and `row_numbers[i]` its row as the spreadsheet numbers it; the summary's sums are kept
    as the rows are computed. `header_errors` are the header's problems that leave the rows
    readable (shown with the summary).
    """

    def __init__(self, raw: bytes):
        self._xlsx = raw.startswith(ZIP_START)
        records = list(read_xlsx(raw)) if self._xlsx else read(raw)
        # The header: the first row that names a field (title rows and notes above it are skipped).
        at = next((i for i, r in enumerate(records) if any(_fields_of(r.cells))), None)
        if at is None:
            raise InputError([file_error("no_header")])
        columns = [name.strip() for name in records[at].cells]
        while columns and not columns[-1]:  # what a spreadsheet leaves right of a table
            columns.pop()
        self.columns = columns
        self.fields = _fields_of(columns)
        check_spanning_cells(records, self.columns, self._reads_as_row)
        self.header_errors = _header_errors(self.columns, self.fields)
        missing = _missing_columns(self.fields)
        if missing:
            raise InputError([*self.header_errors, *missing])
        rows = _enterprise_rows(records[at + 1:], self.fields)
        self.rows = [r.cells for r in rows]
        self.row_numbers = [r.row for r in rows]
        self.results: list[list[str]] = []
        self.errors: list[list[dict[str, str]]] = []
        self.sums = dict.fromkeys(CLAUSE_COLUMNS, ZERO)
        self.total = self.enterprise = ZERO
        self.budget = Budget()
        self.bad = self.outside = 0
        # Per column, the field read from it and its converter (None, None: the name, a column
        # that names no field, a field's second column); a field's second columns by its first.
        first = {name: self.fields.index(name) for name in self.fields if name is not None}
        self._read = [(name, _CONVERTERS[name]) if name in _CONVERTERS and first[name] == at else (None, None)
                      for at, name in enumerate(self.fields)]
        self._twice = [(at, first[name]) for at, name in enumerate(self.fields)
                       if name is not None and first[name] != at]
        self._title = {name: columns[at] for name, at in first.items()}

    def _reads_as_row(self, cells: list[str]) -> bool:
        """Cells that look like an enterprise's row of this file: a date in the event date's
        column (a row needs one; a name's second line hardly has one there)."""
        at = self.fields.index(EVENT_DATE) if EVENT_DATE in self.fields else len(cells)
        return at < len(cells) and _loose_date(cells[at].strip()) is not None

    @property
    def done(self) -> int:
        return len(self.results)

    @property
    def header(self) -> list[str]:
        return [*self.columns, *RESULT_COLUMNS]

    def compute(self, stop: int | None = None) -> int:
        """Compute rows from `done` up to `stop` (all if None); returns how many are done."""
        width = len(self.columns)
        for cells in self.rows[self.done:stop]:
            row = self.row_numbers[self.done]
            if any(c.strip() for c in cells[width:]):
                self._failed([at_cell(row, "", file_error("extra_cells"))])
                continue
            # Cells with no value to read (xlsx_reader.BadCell), and a field's two columns that
            # disagree: errors of their own, beside those of the other fields.
            bad = [self._bad_cell(row, at, cell) for at, cell in enumerate(cells)
                   if isinstance(cell, BadCell)] if self._xlsx else []
            if self._twice:
                bad += [self._twice_error(row, at, first, cells) for at, first in self._twice
                        if self._differ(cells, at, first)]
            unread = {e["field"] for e in bad} if bad else ()
            profile = {}
            for (name, convert), cell in zip(self._read, cells):
                if convert is not None:
                    text = cell.strip()
                    if text and name not in unread:
                        profile[name] = convert(text)
            # A field's second column, read where its first is empty (`_differ` saw to it that
            # the two do not disagree).
            for at, first in self._twice:
                name = self.fields[at]
                if name in _CONVERTERS and name not in profile and name not in unread \
                        and at < len(cells) and cells[at].strip():
                    profile[name] = _CONVERTERS[name](cells[at].strip())
            try:
                values = parse(profile, PROFILE_FIELDS)
            except InputError as wrong:
                self._failed(bad + [at_cell(row, self._title.get(e["field"], ""), e)
                                    for e in wrong.errors if e["field"] not in unread])
                continue
            if bad:
                self._failed(bad)
                continue
            self._computed(row, values)
        return self.done

    def _differ(self, cells: list[str], at: int, first: int) -> bool:
        one = cells[first].strip() if first < len(cells) else ""
        two = cells[at].strip() if at < len(cells) else ""
        if not one or not two or self.fields[at] not in _CONVERTERS:
            return False
        convert = _CONVERTERS[self.fields[at]]
        return convert(one) != convert(two)

    def _twice_error(self, row: int, at: int, first: int, cells: list[str]) -> dict[str, str]:
        return at_cell(row, self.columns[at], file_error(
            "duplicate_values", self.fields[at], first=self.columns[first], one=cells[first].strip(),
            two=cells[at].strip()))

    def _bad_cell(self, row: int, at: int, cell: BadCell) -> dict[str, str]:
        column = self.columns[at] if at < len(self.columns) else ""
        field = self.fields[at] if at < len(self.fields) else None
        return at_cell(row, column, file_error(cell.code, field or "", detail=cell.detail))

    def _failed(self, errors: list[dict[str, str]]) -> None:
        self.bad += 1
        self.errors.append(errors)
        self.results.append([*_NO_RESULT, error_text(errors)])

    def _computed(self, row: int, values: dict[str, Any]) -> None:
        assessed = assess(values)
        # A row has no warnings column: a rule that cannot be computed on the row's date (a value
        # with no entry in force, params.NoValue) makes the date the row's error, rather than
        # leave a total without the item.
        missing = [at_cell(row, self._title[EVENT_DATE], no_value(_FIELDS[EVENT_DATE], absent))
                   for a in assessed if a.status.in_force for _, absent in a.missing]
        if missing:
            self._failed(missing)
            return
        self.errors.append([])
        # As `estimate`: a document not in force on the event date gives no items.
        if not any(a.status.in_force for a in assessed):
            self.outside += 1
            self.results.append([*[_ZERO_TEXT] * len(AMOUNT_COLUMNS), "false", "", ""])
            return
        items = in_force_items(assessed)
        amounts = dict.fromkeys(CLAUSE_COLUMNS, ZERO)
        for item in items:
            amounts[item.clause] += item.amount
            self.sums[item.clause] += item.amount
        self.budget.add(items)
        total = sum(amounts.values(), ZERO)
        enterprise = sum((i.amount for i in items if i.recipient == "enterprise"), ZERO)
        self.total += total
        self.enterprise += enterprise
        numbers = "；".join(dict.fromkeys(a.status.version.number or a.document.number
                                          for a in assessed if a.status.in_force and a.items))
        self.results.append([*(money_str(a) if a else _ZERO_TEXT for a in amounts.values()),
                             money_str(total), money_str(enterprise), "true", numbers, ""])

    # ---------------------------------------------------------------------------- output
    def output_rows(self) -> Iterator[list[str]]:
        """Every output row: the input cells neutralised (padded to the header), then the result
        cells (computed text never starts like a formula)."""
        self.compute()
        width = len(self.columns)
        for cells, result in zip(self.rows, self.results):
            cells = [neutralise(c) for c in cells[:width]]
            yield [*cells, *[""] * (width - len(cells)), *result]

    def to_csv(self, lang: str | None = None) -> str:
        """UTF-8 CSV text with a BOM (without it Excel on Chinese Windows misreads UTF-8); the
        header in `lang` ("zh", "en"; as the file has it without one: batch_output.header)."""
        from .batch_output import header, verdicts
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header(self, lang))
        writer.writerows(verdicts(self.output_rows(), len(self.columns) + RESULT_COLUMNS.index(VALIDITY), lang))
        return "\ufeff" + out.getvalue()

    def to_xlsx(self, lang: str | None = None) -> bytes:
        """The results, the budget summary and the column notes (batch_output.xlsx)."""
        from .batch_output import xlsx
        self.compute()
        return xlsx(self, lang)

    def summary(self) -> dict[str, Any]:
        """The counts and totals so far; once every row is computed, the budget summary too, as
        tables in each language (batch_summary)."""
        out = {
            "rows": len(self.rows), "done": self.done, "computed": self.done - self.bad,
            "errors": self.bad, "outside_validity": self.outside,
            "clauses": {c: money_str(a) for c, a in self.sums.items()},
            "total": money_str(self.total),
            "total_enterprise": money_str(self.enterprise),
            "header_errors": self.header_errors,
        }
        if self.done == len(self.rows):
            out["budget"] = {lang: self.budget.to_dict(lang) for lang in ("zh", "en")}
        return out

    def page(self, start: int, stop: int, errors_only: bool = False) -> dict[str, Any]:
        """Rows start..stop (of the rows with errors, if `errors_only`) for a results table:
        cells as read, result cells, errors as data; `count` is how many rows there are."""
        shown = [i for i in range(self.done) if self.errors[i]] if errors_only else range(self.done)
        return {"count": len(shown), "rows": [
            {"row": self.row_numbers[i], "cells": self.rows[i][:len(self.columns)], "result": self.results[i][:-1],
             "errors": self.errors[i]} for i in shown[start:stop]]}


# ------------------------------------------------------------------------------ notes, template
def column_notes() -> list[tuple[str, str, str]]:
    """Every column the output can hold, with its meaning in both languages."""
    # The input columns as the templates explain them (batch_template, from the schema).
    notes = [(c["name"], f"{c['zh']}（{c['need'][0]}）：{c['format'][0]}", f"{c['en']} ({c['need'][1]}): {c['format'][1]}")
             for c in template_columns()]
    for c in CLAUSE_COLUMNS:
        doc = document_of(c)
        (cite_zh, cite_en), clause = doc.cite(c), doc.clauses.get(c)
        title_zh, title_en = (f"（{clause.title_zh}）", f" ({clause.title_en})") if clause else ("", "")
        notes.append((c, f"依据{cite_zh}{title_zh}估算的金额（元）",
                      f"Amount estimated under {cite_en}{title_en}, in yuan"))
    notes += [
        (TOTAL, "全部项目的估算合计（元）；“最高不超过”的项目按上限计入",
         "Estimated total of every item (yuan); 'up to' items counted at their upper bound"),
        (ENTERPRISE, "其中企业本身可得的合计（元）：不含给予培训主体，专业镇或园区（基地）运营主体，地区或申报的协会的项目",
         "Of which the enterprise itself receives (yuan): without the items the text gives to the "
         "body conducting the training, the specialized town or its park or base operator, or the "
         "region or the applying association"),
        (VALIDITY, "事项发生日期是否在规定奖补的文件的有效期内（“否”或 false：不能依据这些文件获得奖补，金额为 0）",
         "Whether the event date is within the validity of a document that sets awards (no, or false: "
         "nothing can be claimed, amounts are 0)"),
        (NUMBERS, "本行金额所依据文本的文号：事项发生日期施行的版本的文号（多个以“；”分隔）",
         "The document numbers (文号) to cite for the row's amounts: of the version of each document "
         "in force on the event date that gave an amount (several separated by '；')"),
        (ERRORS, "本行的输入错误；有错误的行不计算", "Input errors of the row; a row with errors is not computed"),
    ]
    return notes


# ------------------------------------------------------------------------------ the browser
# The browser worker drives one job at a time through `cli.run_text("batch", request)`:
#   {"op": "open", "data": base64 of the file}  -> {"columns", "fields", "result_columns", "notes",
#                                                   summary}
#   {"op": "compute", "stop": n}                -> summary (rows computed so far)
#   {"op": "page", "start": i, "stop": j, "errors_only": bool} -> {"count", "rows"} (BatchJob.page)
#   {"op": "csv", "lang"} -> {"text"}    {"op": "xlsx", "lang"} -> {"base64"}    {"op": "template"} -> {"text"}
_current: dict[str, BatchJob] = {}


def request(data: Any) -> dict[str, Any]:
    import base64
    op = data.get("op") if isinstance(data, dict) else None
    if op == "template":
        return {"text": template_csv()}
    if op == "open":
        job = _current["job"] = BatchJob(base64.b64decode(data["data"]))
        return {"columns": job.columns, "fields": job.fields, "result_columns": list(RESULT_COLUMNS),
                "notes": {name: {"zh": zh, "en": en} for name, zh, en in column_notes()},
                **job.summary()}
    job = _current["job"]
    if op == "compute":
        job.compute(int(data["stop"]))
        return job.summary()
    if op == "page":
        return job.page(int(data["start"]), int(data["stop"]), bool(data.get("errors_only")))
    lang = data.get("lang")  # the page's: the output's headers in its language
    if op == "csv":
        return {"text": job.to_csv(lang)}
    if op == "xlsx":
        return {"base64": base64.b64encode(job.to_xlsx(lang)).decode("ascii")}
    raise ValueError(f"unknown batch request: {op!r}")
