"""A minimal .xlsx writer (zipfile and XML text, standard library only, so it runs in Pyodide).

Two sheets: the results and the column notes. Text is written as inline strings and the amount
columns as numbers shown with two decimals; no cell is ever a formula (no <f> element is written).
The cells hold the same text as the CSV output, so neutralised cells keep their apostrophe: the
file stays safe when it is saved again as CSV.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Collection, Iterable

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
# Characters XML 1.0 cannot carry at all; a CSV can hold them, so they become U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# The cell formats of styles.xml, by index: plain, a number with two decimals (built-in format
# 4, #,##0.00), the bold header.
_XFS = ('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
        '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>')
_MONEY_STYLE, _HEADER_STYLE = 1, 2
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{_MAIN}">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="{len(_XFS)}">{"".join(_XFS)}</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
_SHEETS = (("results", "结果 Results"), ("notes", "说明 Notes"))


def _column(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _escape(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(ref: str, text: str, style: int = 0) -> str:
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{_escape(text)}</t></is></c>'


def _sheet(header: list[str], rows: Iterable[list[str]], numbers: Collection[int] = ()) -> str:
    refs = [_column(i) for i in range(len(header))]
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">'
             '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
             'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>']
    parts.append('<row r="1">' + "".join(_text(f"{r}1", h, _HEADER_STYLE) for r, h in zip(refs, header)) + "</row>")
    # The loop of the whole file: cells written inline rather than through _text.
    for number, cells in enumerate(rows, start=2):
        out = [f'<row r="{number}">']
        for index, (ref, cell) in enumerate(zip(refs, cells)):
            if not cell:
                continue
            if index in numbers:
                out.append(f'<c r="{ref}{number}" s="{_MONEY_STYLE}"><v>{cell}</v></c>')
            else:
                out.append(f'<c r="{ref}{number}" t="inlineStr"><is><t xml:space="preserve">{_escape(cell)}</t></is></c>')
        out.append("</row>")
        parts.append("".join(out))
    parts.append("</sheetData></worksheet>")
    return "".join(parts)


def workbook(header: list[str], rows: Iterable[list[str]], numbers: Collection[int],
             notes: list[tuple[str, str, str]]) -> bytes:
    """The .xlsx file: the results sheet (columns `numbers` hold plain decimal numbers, the rest
    text) and a notes sheet (column, 中文, English)."""
    sheets = [_sheet(header, rows, numbers), _sheet(["column", "中文", "English"], [list(n) for n in notes])]
    count = len(sheets)
    files = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TYPE}.worksheet+xml"/>'
                      for i in range(1, count + 1))
            + "</Types>",
        "_rels/.rels":
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            + "".join(f'<sheet name="{_escape(title)}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, (_, title) in enumerate(_SHEETS, start=1))
            + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels":
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, count + 1))
            + f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": _STYLES,
        **{f"xl/worksheets/sheet{i}.xml": sheet for i, sheet in enumerate(sheets, start=1)},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            # A fixed date: the same results give the same bytes (zipfile would stamp the time).
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            # Level 1: several times faster than the default, for a few per cent more bytes.
            z.writestr(info, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return buffer.getvalue()
