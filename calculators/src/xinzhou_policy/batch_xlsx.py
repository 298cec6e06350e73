"""A minimal .xlsx writer (zipfile and XML text, standard library only, so it runs in Pyodide).

A workbook is a list of `Sheet`s: header rows, then data rows streamed into the zip entry as they
come (a sheet of a hundred thousand rows is never one string in memory). Text is written as inline strings,
numbers as numbers with a cell format (an amount in 元, a count, a date); no cell is ever a formula
(no <f> element is written). Neutralised cells (batch.neutralise) keep their apostrophe, so the
file stays safe when it is saved again as CSV. A sheet may freeze its header rows and offer
drop-down lists (list data validations, ECMA-376 §18.3.1.32, in the form Excel, WPS and LibreOffice
all read: the choices quoted and comma-separated in <formula1>).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import IO, Iterable, Sequence

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Characters XML 1.0 cannot carry at all; a CSV can hold them, so they become U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LAST_ROW = 1048576  # a spreadsheet's last row: a drop-down covers every row below the header

# Cell formats, by name: the index of each in styles.xml's cellXfs. "money" shows an amount in
# 元 (the workbook's `money_format`), "date" a date as 2025-06-30, "count" a whole number.
_FORMATS = {"money": 164, "date": 165}
_XFS = {
    "text": '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    # Numbers at the top of their cell, level with the first line of wrapped text beside them.
    "money": '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
             'applyAlignment="1"><alignment vertical="top"/></xf>',
    "date": '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
            'applyAlignment="1"><alignment vertical="top"/></xf>',
    "count": '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
             'applyAlignment="1"><alignment vertical="top"/></xf>',
    "header": '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" '
              'applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>',
    "header_number": '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" '
                     'applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="center" wrapText="1"/></xf>',
    "subheader": '<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" '
                 'applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>',
    "wrap": '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
            '<alignment vertical="top" wrapText="1"/></xf>',
    "title": '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
}
STYLE = {name: i for i, name in enumerate(_XFS)}
_TEXT_STYLES = {"text", "header", "header_number", "subheader", "wrap", "title"}
_WRAPPED = {"header", "header_number", "subheader", "wrap"}
_LINE = 15  # points per line of wrapped text at 11 points


def _lines(cells: Sequence, widths: Sequence[float]) -> int:
    """How many lines the row's wrapped cells take in their columns' widths. A spreadsheet does
    not grow a row for wrapped text it opens (Excel keeps the default height), so the writer
    sets it."""
    lines = 1
    for cell, w in zip(cells, widths):
        if isinstance(cell, tuple) and cell[1] in _WRAPPED:
            # A column's width counts digits; a Latin letter is narrower on average (0.85), a
            # Chinese character two. Some room for the padding and for words that do not break.
            room = max(w - 1, 1) * 0.95
            lines = max(lines, sum(-(-_text_width(part) // room) or 1 for part in str(cell[0]).split("\n")))
    return int(lines)


def _styles(money_format: str) -> str:
    fmt = money_format.replace('"', "&quot;")
    return (f'{_XML}<styleSheet xmlns="{_MAIN}">'
            f'<numFmts count="2"><numFmt numFmtId="{_FORMATS["money"]}" formatCode="{fmt}"/>'
            f'<numFmt numFmtId="{_FORMATS["date"]}" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
            '<fonts count="4"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font>'
            '<font><i/><sz val="10.5"/><color rgb="FF444444"/><name val="Calibri"/></font>'
            '<font><b/><sz val="13"/><name val="Calibri"/></font></fonts>'
            '<fills count="3"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill>'
            '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>'
            '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '<border><left/><right/><top/><bottom style="thin"><color rgb="FF8EA9C1"/></bottom><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(_XFS)}">{"".join(_XFS.values())}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>")


# A cell: text (str, written as is), or a (value, style) pair for a number with its format, or
# (text, style) for styled text. None or "" is an empty cell.
Cell = "str | tuple[str, str] | None"


@dataclass
class Sheet:
    """One worksheet: `rows` (an iterable, consumed once while the file is written) of cells;
    the first `frozen` rows stay in view; `widths` per column (in characters); `styles` the
    format each column's new cells take (a date column shows a typed date as a date);
    `lists` drop-downs: (column index, first row, choices); a row of wrapped cells is as high
    as its text needs; printed landscape, and `fit` to the page's width (a summary, not a wide table of rows)."""
    name: str
    rows: Iterable[Sequence]
    widths: Sequence[float] = ()
    frozen: int = 0
    styles: dict[int, str] = field(default_factory=dict)
    lists: Sequence[tuple[int, int, Sequence[str]]] = ()
    fit: bool = False


def column(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def width(text: str) -> int:
    """How many character widths a line of text takes: a Chinese character two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _text_width(text: str) -> float:
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in "WF")
    return wide * 2 + (len(text) - wide) * 0.85


def _escape(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(ref: str, cell) -> str:
    if isinstance(cell, tuple):
        value, style = cell
        s = STYLE[style]
        if style in _TEXT_STYLES:
            return f'<c r="{ref}" t="inlineStr" s="{s}"><is><t xml:space="preserve">{_escape(value)}</t></is></c>'
        return f'<c r="{ref}" s="{s}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_escape(cell)}</t></is></c>'


def _write_sheet(out: IO[bytes], sheet: Sheet) -> None:
    head = [f'{_XML}<worksheet xmlns="{_MAIN}">']
    if sheet.fit:
        head.append('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
    head.append('<sheetViews><sheetView workbookViewId="0">')
    if sheet.frozen:
        head.append(f'<pane ySplit="{sheet.frozen}" topLeftCell="A{sheet.frozen + 1}" activePane="bottomLeft" '
                    f'state="frozen"/><selection pane="bottomLeft" activeCell="A{sheet.frozen + 1}" '
                    f'sqref="A{sheet.frozen + 1}"/>')
    head.append("</sheetView></sheetViews>")
    if sheet.widths:
        head.append("<cols>")
        for i, w in enumerate(sheet.widths, start=1):
            style = f' style="{STYLE[sheet.styles[i - 1]]}"' if i - 1 in sheet.styles else ""
            head.append(f'<col min="{i}" max="{i}" width="{w:.1f}" customWidth="1"{style}/>')
        head.append("</cols>")
    head.append("<sheetData>")
    out.write("".join(head).encode("utf-8"))
    refs: list[str] = []
    pending: list[str] = []
    for number, cells in enumerate(sheet.rows, start=1):
        while len(refs) < len(cells):
            refs.append(column(len(refs)))
        # Wrapped text is in the header rows, and anywhere in a sheet that fits the page (notes).
        lines = _lines(cells, sheet.widths) if sheet.widths and (number <= sheet.frozen or sheet.fit) else 1
        parts = [f'<row r="{number}" ht="{lines * _LINE}" customHeight="1">' if lines > 1 else f'<row r="{number}">']
        # The loop of the whole file: plain text cells written inline rather than through _cell.
        for ref, cell in zip(refs, cells):
            if not cell:
                continue
            if type(cell) is str:
                parts.append(f'<c r="{ref}{number}" t="inlineStr"><is><t xml:space="preserve">{_escape(cell)}</t></is></c>')
            else:
                parts.append(_cell(f"{ref}{number}", cell))
        parts.append("</row>")
        pending.append("".join(parts))
        if len(pending) == 256:  # written in pieces: a zip entry's write compresses each call
            out.write("".join(pending).encode("utf-8"))
            pending.clear()
    out.write("".join(pending).encode("utf-8"))
    tail = ["</sheetData>"]
    if sheet.lists:
        tail.append(f'<dataValidations count="{len(sheet.lists)}">')
        for index, first, choices in sheet.lists:
            ref = column(index)
            listed = _escape(",".join(choices))
            tail.append(f'<dataValidation type="list" allowBlank="1" showErrorMessage="1" '
                        f'sqref="{ref}{first}:{ref}{LAST_ROW}"><formula1>"{listed}"</formula1></dataValidation>')
        tail.append("</dataValidations>")
    # The print: landscape, the header rows repeated on every page (the defined names, workbook.xml).
    tail.append('<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
                '<pageSetup paperSize="9" orientation="landscape"'
                + (' fitToWidth="1" fitToHeight="0"/>' if sheet.fit else "/>"))
    tail.append("</worksheet>")
    out.write("".join(tail).encode("utf-8"))


def _print_titles(sheets: list[Sheet]) -> str:
    """Each frozen header printed again at the top of every page."""
    names = "".join(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                    f"'{_escape(s.name)}'!$1:${s.frozen}</definedName>"
                    for i, s in enumerate(sheets) if s.frozen)
    return f"<definedNames>{names}</definedNames>" if names else ""


def write(target: IO[bytes], sheets: list[Sheet], money_format: str = '#,##0.00"元"') -> None:
    """Write the workbook to a binary file: each sheet streamed into its zip entry."""
    count = len(sheets)
    files = {
        "[Content_Types].xml":
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TYPE}.worksheet+xml"/>'
                      for i in range(1, count + 1))
            + "</Types>",
        "_rels/.rels":
            f'{_XML}<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            + "".join(f'<sheet name="{_escape(s.name)}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, s in enumerate(sheets, start=1))
            + "</sheets>" + _print_titles(sheets) + "</workbook>",
        "xl/_rels/workbook.xml.rels":
            f'{_XML}<Relationships xmlns="{_PKG_REL}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, count + 1))
            + f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": _styles(money_format),
    }
    # Level 1: several times faster than the default, for a few per cent more bytes. An entry
    # opened by name is dated 1980-01-01: the same results give the same bytes.
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, text in files.items():
            with z.open(name, "w") as out:
                out.write(text.encode("utf-8"))
        for i, sheet in enumerate(sheets, start=1):
            with z.open(f"xl/worksheets/sheet{i}.xml", "w") as out:
                _write_sheet(out, sheet)


def workbook(sheets: list[Sheet], money_format: str = '#,##0.00"元"') -> bytes:
    buffer = io.BytesIO()
    write(buffer, sheets, money_format)
    return buffer.getvalue()
