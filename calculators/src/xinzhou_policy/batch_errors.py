"""The batch file's own errors, in both languages: problems of the file, its header or a row's
shape rather than of a field's value (those are validation's). Each has the shape of
validation's errors, so the page and the CLI show both alike.

A row is named as a spreadsheet numbers it: the header is row 1, and a row that a quoted line
break spans counts once. Where the line of the text differs (a line break inside a quoted cell
above it), the line is named too, for an official who opens the file in a text editor.
"""

from __future__ import annotations

from typing import Any

_MESSAGES = {
    "encoding": ("第 {row} 行既不是 UTF-8 也不是 GB18030（GBK）编码，无法识别文件的编码：请保存为 UTF-8 或 GB18030（GBK）编码的 CSV 文件。",
                 "Row {row} is neither UTF-8 nor GB18030 (GBK), so the file's encoding is not recognised: save it as CSV in UTF-8 or GB18030 (GBK)."),
    "mixed_encoding": ("文件混用了两种编码：{utf8_zh}是 UTF-8，{other_zh}是 GB18030（GBK）。无论按哪一种读，另一部分的中文都会成为乱码，因此不予计算：请把整个文件另存为同一种编码（例如 Excel 的“CSV UTF-8”）。",
                       "The file mixes two encodings: {utf8_en} in UTF-8, {other_en} in GB18030 (GBK). Read either way, the other rows' Chinese would come out garbled, so nothing is computed: save the whole file again in one encoding (Excel's “CSV UTF-8”, for instance)."),
    "nul": ("第 {line} 行（文本行）含有空字符（NUL）：这不是文本 CSV 文件，可能是“Unicode 文本”或 Excel 工作簿。请另存为 CSV UTF-8。",
            "Line {line} of the text holds a NUL character: this is not a text CSV file (perhaps “Unicode text”, or an Excel workbook). Save it as CSV UTF-8."),
    "unclosed_quote": ("第 {row} 行{where_zh}有一个引号开始了单元格却没有结束：其后的每一行都会被读进这一个单元格而丢失。请在该单元格末尾补上引号，或删去这个引号。",
                       "Row {row}{where_en}: a quote opens a cell and is never closed, so every row after it would be read into that one cell and lost. Close the quote at the end of the cell, or remove it."),
    "text_after_quote": ("第 {row} 行{where_zh}由引号开始的单元格，到文本第 {close} 行的引号结束，其后却还有文字（应为逗号或换行）。少一个或多一个引号，会把其后的行并进这个单元格：请把整个单元格放在引号内，格内的引号写成两个（\"\"）。",
                         "Row {row}{where_en}: the cell a quote opens ends at a quote on line {close} of the text, and more text follows where a comma or a line end belongs. A missing or stray quote merges the rows after it into that cell: put the whole cell in quotes, and write a quote inside it as two (\"\")."),
    "merged_rows": ("第 {row} 行{where_zh}列“{column}”的单元格在引号内跨了 {lines} 行，其中文本第 {suspect} 行像是一行数据（事项发生日期的位置上是日期）：多半是少了或多了一个引号，其后的行被并进了这个单元格。请检查该单元格的引号；若这确是一个单元格的内容，请去掉其中的换行。",
                    "Row {row}{where_en}: the cell of column “{column}” spans {lines} lines inside quotes, and line {suspect} of the text reads as a row (a date where the event date belongs): most likely a quote is missing or stray, and the rows after it were merged into this cell. Check the cell's quotes; if it really is one cell, remove its line breaks."),
    "cell_too_long": ("第 {row} 行{where_zh}有一个单元格超过 {limit} 个字符，无法读取。",
                      "Row {row}{where_en} has a cell longer than {limit} characters, which cannot be read."),
    "malformed_csv": ("第 {row} 行{where_zh}不是有效的 CSV：{detail}", "Row {row}{where_en} is not valid CSV: {detail}"),
    "no_header": ("文件没有表头行：没有一行的列名是模板中的字段名（中文名、英文名或字段名均可），可下载模板。",
                  "The file has no header row: no row holds the template's column names (Chinese, English or field names); download the template."),
    "unknown_column": ("第 {column} 列的列名“{name}”不是模板中的字段：该列不参与计算，其余各列照常计算。请改为模板中的列名，或删去该列。",
                       "Column {column}, “{name}”, is none of the template's fields: it is not used, and the other columns are computed. Rename it as in the template, or remove it."),
    "empty_column": ("第 {column} 列没有列名：该列不参与计算。", "Column {column} has no name: it is not used."),
    "duplicate_column": ("第 {column} 列“{name}”与第 {first} 列“{first_name}”是同一字段：两列都读取，两列的值不同的行记为错误。请删去其中一列。",
                         "Column {column}, “{name}”, is the same field as column {first}, “{first_name}”: both are read, and a row where they differ is an error. Remove one of them."),
    "duplicate_values": ("与“{first}”列是同一字段，但两列的值不同（“{one}”与“{two}”）：本行不计算。",
                         "is the same field as column “{first}”, but the two differ (“{one}” and “{two}”): the row is not computed."),
    "formula_without_value": ("单元格是公式（{detail}），文件中没有保存其计算结果，因此不予猜测：请在 Excel、WPS 或 LibreOffice 中打开并重新保存，或填入数值。",
                              "The cell is a formula ({detail}) whose result the file does not hold, so it is not guessed: open and save the file again in Excel, WPS or LibreOffice, or type in the value."),
    "error_value": ("单元格的值是错误值 {detail}（公式无法计算）：请改正公式或填入数值。",
                    "The cell holds the error value {detail} (a formula that cannot be computed): correct the formula or type in the value."),
    "bad_xlsx": ("文件无法作为 Excel 工作簿（.xlsx）读取（{detail}）：请在 Excel、WPS 或 LibreOffice 中另存为 .xlsx 或 CSV UTF-8。",
                 "The file cannot be read as an Excel workbook (.xlsx) ({detail}): save it again as .xlsx or CSV UTF-8 in Excel, WPS or LibreOffice."),
    "bad_xlsx_row": ("工作表第 {row} 行附近无法读取（{detail}）：文件可能已损坏，请在 Excel、WPS 或 LibreOffice 中另存后重试。",
                     "The sheet cannot be read near row {row} ({detail}): the file may be damaged; save it again in Excel, WPS or LibreOffice and retry."),
    "missing_column": ("缺少必填的列“{name}”（{zh}）。", "The required column “{name}” ({en}) is missing."),
    "unwritable": ("无法写入结果文件：{detail}", "The result file cannot be written: {detail}"),
    "extra_cells": ("本行的单元格比表头多：多出的内容无法对应到字段。",
                    "This row has more cells than the header: the extra cells belong to no field."),
}


def file_error(code: str, field: str = "", **details: Any) -> dict[str, str]:
    """An error of the same shape as validation's, for problems of the file rather than a field."""
    zh, en = _MESSAGES[code]
    return {"field": field, "code": code, "message_zh": zh.format(**details),
            "message_en": en.format(**details)}


def where(row: int, line: int) -> dict[str, str]:
    """The details that name the text's line beside the row, when the two differ."""
    if row == line:
        return {"where_zh": "", "where_en": ""}
    return {"where_zh": f"（文本第 {line} 行）", "where_en": f" (line {line} of the text)"}


def row_list(rows: list[int], shown: int = 5) -> dict[str, str]:
    """Rows as a message names them ("第 2、5 行", "rows 2, 5"), the first few only."""
    head = [str(r) for r in rows[:shown]]
    more = len(rows) > shown
    return {"zh": f"第 {'、'.join(head)} 行" + ("等" if more else ""),
            "en": ("row " if len(rows) == 1 else "rows ") + ", ".join(head) + ("…" if more else "")}


def at_cell(row: int, column: str, error: dict[str, str]) -> dict[str, Any]:
    """A row's error with its cell, as an official finds it: the spreadsheet's row number and the
    column's header as the file has it (none for an error of the whole row)."""
    zh, en = (f"第 {row} 行“{column}”列", f"Row {row}, column “{column}”") if column else \
        (f"第 {row} 行", f"Row {row}")
    return {**error, "row": row, "column": column, "cell_zh": zh, "cell_en": en}


def error_text(errors: list[dict[str, str]]) -> str:
    """The errors column: each error in Chinese, then English, prefixed by its cell (the row as
    the spreadsheet numbers it, and the column's header)."""
    return " | ".join(f"{e['cell_zh']}：{e['message_zh']} {e['cell_en']}: {e['message_en']}"
                      for e in errors)
