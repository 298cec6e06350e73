"""Reading an .xlsx batch file: the rows of one sheet as batch_input's records, each numbered as
the spreadsheet numbers it, with the cells as the official sees them.

What Excel, WPS and LibreOffice save: shared strings (rich text runs joined, phonetic runs
left out) and inline strings; numbers, written back as the spreadsheet shows them (15
significant digits, never in exponent form); booleans as true/false; numbers in a date format
as dates (the 1900 date system with its phantom 29 February 1900, or the 1904 one that
workbook.xml flags); rows and cells without their `r` attribute (each follows the one before).
A formula counts by its cached value; one without a cached value, or whose value is an error
(#DIV/0!…), is a bad cell that the row reports: it is never guessed.

The sheet read is the one named "填写表" (the template's), else the first. It is parsed as a
stream (iterparse, each row cleared once read), so that memory grows with the cells, not with
the XML; the shared strings are held, as every reader must.

Standard library only, as the writer (batch_xlsx): the Pyodide the site ships has no openpyxl
(its xlrd reads the old .xls only), and openpyxl from PyPI would add its own and et_xmlfile's
wheels to the batch page's download, for what takes under 250 lines here.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from typing import Iterator
from xml.etree.ElementTree import ParseError, iterparse

from .batch_errors import file_error
from .batch_input import Record
from .validation import InputError

SHEET = "填写表"
ZIP_START = b"PK\x03\x04"

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ROW, _C, _V, _F, _IS, _T, _R, _RPH = (_MAIN + n for n in ("row", "c", "v", "f", "is", "t", "r", "rPh"))
_CELL_REF = re.compile(r"([A-Z]+)(\d+)$", re.ASCII)
# Excel's built-in number formats that show a date (ECMA-376 part 1, 18.8.30, and the CJK ones
# Excel and WPS use on Chinese systems).
_DATE_FORMAT_IDS = frozenset((*range(14, 18), 22, *range(27, 37), *range(50, 59)))
# A custom format shows a date if, outside quotes, brackets and escapes, it holds y, m or d;
# [h]:mm and "元" do not.
_FORMAT_LITERAL = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_DATE_TOKEN = re.compile(r"[ymdYMD]")
_EPOCH_1900, _EPOCH_1904 = date(1899, 12, 30), date(1904, 1, 1)


class BadCell(str):
    """The text of a cell that has no value to read (a formula without a cached value, an error
    value): it shows as the text and carries the error's code and detail."""

    code: str
    detail: str

    def __new__(cls, text: str, code: str, detail: str = "") -> "BadCell":
        cell = super().__new__(cls, text)
        cell.code, cell.detail = code, detail
        return cell


def _column(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number - 1


def _text(element) -> str:
    """A string item's text: its <t>, or its rich-text runs' (phonetic guides left out)."""
    direct = element.find(_T)
    if direct is not None:
        return direct.text or ""
    return "".join(t.text or "" for r in element.iter(_R) for t in r.iter(_T))


def _number(text: str) -> str:
    """A number as the spreadsheet shows it: 15 significant digits (what Excel keeps), plain;
    text that is no number stays as it is, for the row's check to name."""
    try:
        value = Decimal(format(float(text), ".15g")).normalize()
    except ValueError:
        return text
    return format(value, "f")


class _Book:
    def __init__(self, raw: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
            self.names = set(self.zip.namelist())
            self.book = self._target("", "_rels/.rels", "officeDocument") or "xl/workbook.xml"
            self.date1904 = False
            sheets = []
            for _, element in iterparse(self.zip.open(self.book)):
                if element.tag == _MAIN + "workbookPr":
                    self.date1904 = element.get("date1904", "false").lower() in ("1", "true")
                elif element.tag == _MAIN + "sheet":
                    sheets.append((element.get("name"), element.get(_OFFICE_REL)))
            if not sheets:
                raise KeyError("no sheet")
            name, rel = next((s for s in sheets if s[0] == SHEET), sheets[0])
            self.sheet = self._target(posixpath.dirname(self.book), self._rels(self.book), rel, by_id=True)
            self.strings = self._shared_strings()
            self.dates = self._date_styles()
        except (zipfile.BadZipFile, KeyError, ParseError, ValueError, TypeError, EOFError) as exc:
            raise InputError([file_error("bad_xlsx", detail=str(exc) or type(exc).__name__)]) from None

    @staticmethod
    def _rels(part: str) -> str:
        return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")

    def _target(self, base: str, rels: str, key: str, by_id: bool = False) -> str | None:
        if rels not in self.names:
            return None
        for _, element in iterparse(self.zip.open(rels)):
            if element.tag == _REL + "Relationship" and (
                    element.get("Id") == key if by_id else element.get("Type", "").endswith("/" + key)):
                target = element.get("Target", "")
                return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        return None

    def _related(self, kind: str) -> str | None:
        return self._target(posixpath.dirname(self.book), self._rels(self.book), kind)

    def _shared_strings(self) -> list[str]:
        part = self._related("sharedStrings")
        if part not in self.names:
            return []
        strings = []
        for _, element in iterparse(self.zip.open(part)):
            if element.tag == _MAIN + "si":
                for phonetic in element.findall(_RPH):
                    element.remove(phonetic)
                strings.append(_text(element))
                element.clear()
        return strings

    def _date_styles(self) -> list[bool]:
        """Per cell style (the `s` of a cell), whether its number format shows a date."""
        part = self._related("styles")
        if part not in self.names:
            return []
        custom, styles, in_xfs = {}, [], False
        for event, element in iterparse(self.zip.open(part), ("start", "end")):
            if element.tag == _MAIN + "cellXfs":
                in_xfs = event == "start"
            elif event == "end" and element.tag == _MAIN + "numFmt":
                code = _FORMAT_LITERAL.sub("", element.get("formatCode", ""))
                custom[int(element.get("numFmtId", "0"))] = bool(_DATE_TOKEN.search(code))
            elif event == "end" and element.tag == _MAIN + "xf" and in_xfs:
                fmt = int(element.get("numFmtId", "0"))
                styles.append(custom.get(fmt, fmt in _DATE_FORMAT_IDS))
        return styles

    def _date(self, text: str) -> str:
        days = int(float(text))
        if self.date1904:
            return (_EPOCH_1904 + timedelta(days=days)).isoformat()
        if days < 61:  # Lotus's 29 February 1900, which Excel keeps: before it, one day less
            days += 1
        return (_EPOCH_1900 + timedelta(days=days)).isoformat()

    def _value(self, cell) -> str:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(_IS)
            return _text(inline) if inline is not None else ""
        value = cell.find(_V)
        text = (value.text or "") if value is not None else None
        # An empty cached value is a formula's empty text (t="str"), else no value at all.
        if text is None or (text == "" and kind != "str"):
            formula = cell.find(_F)
            if formula is not None:
                return BadCell("", "formula_without_value", "=" + (formula.text or ""))
            return ""
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return "true" if text.strip() == "1" else "false"
        if kind == "e":
            return BadCell(text, "error_value", text)
        if kind in ("str", "d"):
            return text
        style = int(cell.get("s", "0"))
        if style < len(self.dates) and self.dates[style]:
            try:
                return self._date(text)
            except (ValueError, OverflowError):  # no date (beyond year 9999, or no number)
                pass
        return _number(text)

    def rows(self) -> Iterator[Record]:
        row = 0
        try:
            for _, element in iterparse(self.zip.open(self.sheet)):
                if element.tag != _ROW:
                    continue
                row = int(element.get("r") or row + 1)
                cells: list[str] = []
                for cell in element:
                    if cell.tag != _C:
                        continue
                    ref = _CELL_REF.match(cell.get("r") or "")
                    at = _column(ref[1]) if ref else len(cells)
                    cells.extend([""] * (at - len(cells)))
                    if at == len(cells):
                        cells.append(self._value(cell))
                # A row read keeps only its empty shell in the tree (the parser's end events
                # cannot reach the parent to remove it): memory grows by ~100 bytes a row.
                element.clear()
                if any(c.strip() for c in cells):
                    yield Record(row, row, row, cells)
        except (KeyError, ParseError, ValueError, IndexError, zipfile.BadZipFile, EOFError) as exc:
            raise InputError([file_error("bad_xlsx_row", row=row + 1, detail=str(exc) or type(exc).__name__)]) from None


def read_xlsx(raw: bytes) -> Iterator[Record]:
    """The rows of the sheet that hold something, in order (the book is opened at once, so that a
    file that is no workbook is refused before any row)."""
    return _Book(raw).rows()
