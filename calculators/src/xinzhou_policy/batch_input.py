"""Reading a batch file strictly: its bytes to the rows an official sees in a spreadsheet, each
with the number the spreadsheet gives it, or a file error that names the row.

Lenient CSV reading loses rows without a word, so the file is read as the CSV standard has it:
- A quote opens a cell only at the cell's start, and must close; the closing quote is followed by
  a comma, a line end or the end of the file. An unclosed quote would read every later row into
  one cell, and text after a closing quote is how such a quote usually ends, rows later: both are
  a file error naming the row (and line) where the quote opens.
- A quoted cell may hold commas and line breaks (Excel writes a cell's Alt+Enter so). But a
  quoted cell one of whose later lines reads as a row (an event date in its column) is taken
  for rows a stray quote swallowed: a file error too.
- A quote inside an unquoted cell (`DN50 2"`) is a character, as Excel and LibreOffice read it.
- A line ends at CR LF, LF or a lone CR (old Mac files), as in spreadsheets; no other character
  (the Unicode line separator, a form feed…) ends one.
- A NUL byte means the file is not text CSV (Excel's "Unicode text", a workbook): a file error.

Encodings: UTF-8, with or without BOM; else GB18030, which Excel on Chinese Windows writes. A
file whose rows come in both (pasted together from two sources) is refused, naming the rows of
each: either reading would turn the other rows' Chinese into mojibake. The structure is read on
the bytes (as Latin-1) when the file is not UTF-8: quotes, commas and line breaks are ASCII and
never part of a UTF-8 or GB18030 multi-byte character, so each cell is then decoded, and judged,
by itself.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Callable, NamedTuple

from .batch_errors import file_error, row_list, where
from .validation import InputError

_BOM = b"\xef\xbb\xbf"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CELL_END = re.compile(r"[,\r\n]")
# A cell that is valid UTF-8 is taken as UTF-8 evidence only if it reads as Chinese text: Han
# characters, with nothing but ASCII, CJK and full-width punctuation and general punctuation
# beside them. GBK bytes that happen to be valid UTF-8 (one Han character in five is, alone)
# almost never decode to that: measured on a million cells of random GB2312 characters, 3 in
# 100,000 of three characters and none of two, four or six; none in the policy's own text. Such
# a cell makes a GB18030 file refused as mixed, with the rows named: never a silent misreading.
_HAN = re.compile("[\u4e00-\u9fff]")
_CHINESE_TEXT = re.compile("[\x00-\x7f\u00b7\u2010-\u2027\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*")
_NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")


def _reads_chinese(text: str) -> bool:
    return bool(_HAN.search(text) and _CHINESE_TEXT.fullmatch(text))


def _holds_utf8_chinese(raw: bytes) -> bool:
    """Whether a run of non-ASCII bytes (between ASCII ones: a cell holds one or more) is valid
    UTF-8 throughout and reads as Chinese. Decoded with replacement, an invalid byte becomes
    U+FFFD, so a run without one was valid."""
    probe = raw.decode("utf-8", "replace")
    return _HAN.search(probe) is not None and any(
        "\ufffd" not in run and _reads_chinese(run) for run in _NON_ASCII_RUN.findall(probe))


class Record(NamedTuple):
    row: int  # as a spreadsheet numbers it: the header is row 1
    line: int  # the text's line where the row starts
    last_line: int
    cells: list[str]


def read(raw: bytes) -> list[Record]:
    """Every row that holds something (blank lines and rows of empty cells are no rows), decoded."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError([file_error("nul", line=len(_LINE_BREAK.findall(raw[:nul].decode("latin-1"))) + 1)])
    try:
        return _parse(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # Not UTF-8. All GB18030, with nothing that reads as UTF-8 Chinese (found at the speed of a
    # regular expression): GB18030. Else the file is judged, and decoded, cell by cell.
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _holds_utf8_chinese(raw):
        return _parse(text)
    return _by_cell(_parse(raw.decode("latin-1")))


def _parse(text: str) -> list[Record]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, row, line = [], 0, 0
    try:
        for cells in reader:
            row += 1
            # A row of empty cells is what Excel leaves below a table it once formatted.
            if "".join(cells).strip():
                records.append(Record(row, line + 1, reader.line_num, cells))
            line = reader.line_num
    except csv.Error as exc:
        raise InputError([_quote_error(text, row + 1, line + 1, str(exc))]) from None
    return records


def _quote_error(text: str, row: int, line: int, detail: str) -> dict[str, str]:
    """Why the row starting on `line` cannot be read: the quote that opens the cell in question,
    or a cell longer than the CSV reader takes."""
    pos = 0
    for _ in range(line - 1):
        pos = _LINE_BREAK.search(text, pos).end()
    start, longest = pos, 0

    def line_at(offset: int) -> int:
        return line + len(_LINE_BREAK.findall(text, start, offset))

    while True:
        if text.startswith('"', pos):
            opened, pos = pos, pos + 1
            while (close := text.find('"', pos)) >= 0 and text.startswith('"', close + 1):
                pos = close + 2  # a quote written twice, inside the cell
            if close < 0:
                return file_error("unclosed_quote", row=row, **where(row, line_at(opened)))
            longest = max(longest, close - opened - 1)
            after = text[close + 1:close + 2]
            if after not in ("", ",", "\r", "\n"):
                return file_error("text_after_quote", row=row, close=line_at(close),
                                  **where(row, line_at(opened)))
            if after != ",":
                break
            pos = close + 2
        else:
            end = _CELL_END.search(text, pos)
            longest = max(longest, (end.start() if end else len(text)) - pos)
            if end is None or end.group() != ",":
                break
            pos = end.end()
    if longest > csv.field_size_limit():
        return file_error("cell_too_long", row=row, limit=csv.field_size_limit(), **where(row, line))
    return file_error("malformed_csv", row=row, detail=detail, **where(row, line))


def _by_cell(records: list[Record]) -> list[Record]:
    """Cells read as Latin-1 (their bytes) decoded as GB18030; a file error if a row is in neither
    encoding, or if rows are in both."""
    utf8, other, decoded = [], [], []
    for record in records:
        cells, is_utf8, is_other = [], False, False
        for cell in record.cells:
            if cell.isascii():
                cells.append(cell)
                continue
            data = cell.encode("latin-1")
            # Literal codec names: the browser's runtime archive takes the codecs named so.
            try:
                as_utf8 = data.decode("utf-8")
            except UnicodeDecodeError:
                as_utf8 = None
            try:
                as_gb18030 = data.decode("gb18030")
            except UnicodeDecodeError:
                as_gb18030 = None
            if as_utf8 is None and as_gb18030 is None:
                raise InputError([file_error("encoding", row=record.row)])
            if as_utf8 is None:
                is_other = True
            elif as_gb18030 is None or _reads_chinese(as_utf8):
                is_utf8 = True
            cells.append(as_gb18030 if as_gb18030 is not None else as_utf8)
        if is_utf8:
            utf8.append(record.row)
        if is_other:
            other.append(record.row)
        decoded.append(record._replace(cells=cells))
    if utf8 and other:
        rows_utf8, rows_other = row_list(utf8), row_list(other)
        raise InputError([file_error("mixed_encoding", utf8_zh=rows_utf8["zh"], utf8_en=rows_utf8["en"],
                                     other_zh=rows_other["zh"], other_en=rows_other["en"])])
    return decoded


def check_spanning_cells(records: list[Record], header: list[str],
                         reads_as_row: Callable[[list[str]], bool]) -> None:
    """A quoted cell across lines is a file error when a later line of it, split at its commas,
    `reads_as_row` (as the rows a stray quote swallows do)."""
    for record in records:
        if record.last_line == record.line:
            continue
        line = record.line
        for number, cell in enumerate(record.cells):
            lines = _LINE_BREAK.split(cell)
            for offset, text in enumerate(lines[1:], start=1):
                if reads_as_row(text.split(",")):
                    column = header[number] if number < len(header) else str(number + 1)
                    raise InputError([file_error(
                        "merged_rows", row=record.row, column=column, lines=len(lines),
                        suspect=line + offset, **where(record.row, line))])
            line += len(lines) - 1
