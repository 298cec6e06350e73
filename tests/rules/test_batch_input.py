"""Reading a batch file (xinzhou_policy.batch_input): no row merges into another or vanishes
unseen (issue 19, items 5 and 6). A quote that opens and does not close as CSV has it, and a
file in two encodings, are file errors naming the row as a spreadsheet numbers it (the header is
row 1), in both languages; legitimate CSV, as Excel writes it, reads row for row."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xinzhou_policy.batch import INPUT_COLUMNS, BatchJob, template_csv
from xinzhou_policy.glossary import TERMS
from xinzhou_policy.validation import InputError

HEADER = "name,event_date,revenue\r\n"
ROWS = [f"企业{i},2025-06-30,{i}\r\n" for i in range(100)]


def _file_error(raw: bytes) -> dict[str, str]:
    with pytest.raises(InputError) as bad:
        BatchJob(raw)
    (error,) = bad.value.errors
    return error


def _names(raw: bytes) -> list[str]:
    return [row[0] for row in BatchJob(raw).rows]


def _names_row(row: int, error: dict[str, str]) -> None:
    assert f"第 {row} 行" in error["message_zh"], error["message_zh"]
    assert f"Row {row}" in error["message_en"], error["message_en"]


# ------------------------------------------------------------------------------ quotes
def test_an_unclosed_quote_is_a_file_error_naming_its_row():
    # The case: before, 1 row came back, with the 100 rows after it in its name cell.
    raw = (HEADER + '"忻州法兰,2025-06-30,1\r\n' + "".join(ROWS)).encode()
    error = _file_error(raw)
    assert error["code"] == "unclosed_quote"
    _names_row(2, error)
    assert "引号" in error["message_zh"] and "quote" in error["message_en"]


def test_a_quote_closed_rows_later_names_the_row_where_it_opens():
    # The stray quote is closed by the opening quote of a quoted cell 101 lines further down.
    raw = (HEADER + '"忻州法兰,2025-06-30,1\r\n' + "".join(ROWS) + '"定襄锻造",2025-06-30,5\r\n').encode()
    error = _file_error(raw)
    assert error["code"] == "text_after_quote"
    _names_row(2, error)
    assert "第 103 行" in error["message_zh"] and "line 103" in error["message_en"]


def test_a_quote_closed_by_an_inch_mark_rows_later_is_a_file_error():
    # Closed by `2"` followed by a comma, the quoted cell is valid CSV: 50 rows would be one.
    raw = (HEADER + '"忻州法兰,2025-06-30,1\r\n' + "".join(ROWS[:50]) + 'DN50 2",2025-06-30,5\r\n'
           + "".join(ROWS[50:])).encode()
    error = _file_error(raw)
    assert error["code"] == "merged_rows" and error["field"] == ""
    _names_row(2, error)
    assert "“name”" in error["message_zh"] and "“name”" in error["message_en"]


def test_text_after_a_closing_quote_is_a_file_error():
    error = _file_error((HEADER + ROWS[0] + '"忻州"法兰,2025-06-30,1\r\n').encode())
    assert error["code"] == "text_after_quote"
    _names_row(3, error)


def test_the_row_is_numbered_as_a_spreadsheet_numbers_it():
    # A line break inside a quoted cell above: the row is 4 in a spreadsheet, line 5 of the text.
    raw = (HEADER + '"忻州法兰\r\n有限公司",2025-06-30,1\r\n' + ROWS[0] + '"定襄,2025-06-30,1\r\n').encode()
    error = _file_error(raw)
    assert error["code"] == "unclosed_quote"
    _names_row(4, error)
    assert "文本第 5 行" in error["message_zh"] and "line 5 of the text" in error["message_en"]


def test_a_cell_too_long_to_read_is_named_and_a_long_swallow_is_still_the_quote():
    long_name = "忻" * (csv.field_size_limit() + 1)
    error = _file_error((HEADER + ROWS[0] + f'"{long_name}",2025-06-30,1\r\n').encode())
    assert error["code"] == "cell_too_long"
    _names_row(3, error)
    # A stray quote before more text than one cell holds: the reader stops at the length, the
    # error is still the quote.
    rows = "".join(f"企业{i},2025-06-30,{i}\r\n" for i in range(10_000))
    error = _file_error((HEADER + '"忻州法兰,2025-06-30,1\r\n' + rows).encode())
    assert error["code"] == "unclosed_quote"
    _names_row(2, error)


def test_the_cli_reports_the_quote_and_exits_2_without_traceback(tmp_path):
    source = tmp_path / "quote.csv"
    source.write_bytes((HEADER + '"忻州法兰,2025-06-30,1\r\n' + "".join(ROWS)).encode())
    run = subprocess.run([sys.executable, "-m", "xinzhou_policy", "batch", str(source), "-o",
                          str(tmp_path / "out.csv")], capture_output=True, timeout=120)
    assert run.returncode == 2 and b"Traceback" not in run.stderr
    (error,) = json.loads(run.stdout)["errors"]
    assert error["code"] == "unclosed_quote" and "第 2 行" in error["message_zh"]
    assert not (tmp_path / "out.csv").exists()


EXCEL_CELLS = ['忻州法兰, 有限公司', '他说"好"', '第一行\r\n第二行', '地址：定襄县\n山西, 忻州, 2025', '"',
               '', ' 前后空格 ', 'DN50 2"', "a\u2028b", "'=1"]


def test_legitimate_csv_reads_row_for_row():
    # As Excel writes them: quoted cells with commas, quotes written twice and line breaks.
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "event_date"])
    writer.writerows([cell, "2025-06-30"] for cell in EXCEL_CELLS)
    job = BatchJob(out.getvalue().encode("utf-8"))
    # Each is a row, the empty name too (its date is in the row): none dropped, none merged.
    assert [row[0] for row in job.rows] == EXCEL_CELLS
    job.compute()
    assert job.bad == 0 and len(job.results) == len(EXCEL_CELLS)


def test_a_quote_inside_an_unquoted_cell_is_a_character_as_in_spreadsheets():
    assert _names((HEADER + 'DN50 2" 法兰,2025-06-30,1\r\n定"襄,2025-06-30,1\r\n').encode()) == ['DN50 2" 法兰', '定"襄']


@pytest.mark.parametrize("end", ["\r\n", "\n", "\r"], ids=["CRLF", "LF", "lone CR"])
def test_every_line_end_spreadsheets_know_ends_a_row(end):
    text = end.join(line.rstrip("\r\n") for line in [HEADER, *ROWS[:5]]) + end
    assert _names(text.encode()) == [f"企业{i}" for i in range(5)]


def test_no_other_character_ends_a_row():
    # str.splitlines would split at each of these; a spreadsheet does not.
    names = [f"a{c}b" for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"]
    raw = (HEADER + "".join(f"{n},2025-06-30,1\r\n" for n in names)).encode()
    assert _names(raw) == names


def test_a_nul_byte_is_a_file_error_naming_its_line():
    error = _file_error((HEADER + ROWS[0] + "a\x00b,2025-06-30,1\r\n").encode())
    assert error["code"] == "nul" and "第 3 行" in error["message_zh"] and "Line 3" in error["message_en"]
    # Excel's "Unicode text" is UTF-16: a NUL after every ASCII character.
    assert _file_error((HEADER + ROWS[0]).encode("utf-16"))["code"] == "nul"


def test_a_row_starting_with_hash_is_an_enterprise_unless_a_note_below_the_header():
    raw = (HEADER + "# 说明：一行说明,,\r\n" + "#1 锻造厂,2025-06-30,1\r\n" + ROWS[0]
           + "# 第二批,,\r\n").encode()
    job = BatchJob(raw)
    assert [row[0] for row in job.rows] == ["#1 锻造厂", "企业0", "# 第二批"]
    job.compute()
    assert job.errors[0] == [] and job.errors[2][0]["field"] == "event_date"
    # The template's two notes are still notes.
    assert BatchJob(template_csv().encode("utf-8")).rows == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.sampled_from(list('ab忻州 ,"\r\n\t#=\'\u3000')), max_size=12),
                min_size=1, max_size=12))
def test_any_names_csv_writes_come_back_one_row_each(names):
    # Names a writer quotes as needed, each with a date (so a `#` name is no note); no later line
    # of a name reads as a row (that takes a date where the event date belongs).
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(INPUT_COLUMNS)
    writer.writerows([name, "2025-06-30"] for name in names)
    job = BatchJob(out.getvalue().encode("utf-8"))
    assert [row[0] for row in job.rows] == names


# ------------------------------------------------------------------------------ encodings
def test_a_utf8_row_and_a_gbk_row_are_refused_naming_both():
    raw = "name,event_date\r\n忻州法兰制造有限公司,2025-06-30\r\n".encode() + "定襄锻造,2025-06-30\r\n".encode("gbk")
    error = _file_error(raw)
    assert error["code"] == "mixed_encoding"
    assert "第 2 行是 UTF-8" in error["message_zh"] and "第 3 行是 GB18030" in error["message_zh"]
    assert "row 2 in UTF-8" in error["message_en"] and "row 3 in GB18030" in error["message_en"]


def test_mixed_encodings_in_either_order_and_within_a_row():
    gbk_first = "name,event_date\r\n".encode() + "定襄锻造,2025-06-30\r\n".encode("gbk") + "忻州法兰,2025-06-30\r\n".encode()
    assert _file_error(gbk_first)["code"] == "mixed_encoding"
    one_row = "name,role,event_date\r\n".encode() + "忻州法兰".encode() + ",".encode() + "骨干企业".encode("gbk") + b",2025-06-30\r\n"
    assert _file_error(one_row)["code"] == "mixed_encoding"


def test_a_row_in_neither_encoding_is_named():
    error = _file_error("name,event_date\r\n忻州,2025-06-30\r\n".encode() + b"\xff\xfe,2025-06-30\r\n")
    assert error["code"] == "encoding"
    _names_row(3, error)


def _chinese_cells() -> list[str]:
    """Short Chinese cells, as names and labels are, from the glossary: terms, and its definitions
    cut at their punctuation."""
    cells = [t.zh for t in TERMS]
    for t in TERMS:
        cells += [part for part in re.split(r"[，。、；：（）“”]", t.definition_zh) if part]
    return cells


def test_pure_gb18030_files_of_chinese_text_are_not_taken_for_mixed():
    cells = _chinese_cells()
    assert len(cells) > 150
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "event_date"])
    writer.writerows([cell, "2025-06-30"] for cell in cells)
    text = out.getvalue()
    assert _names(text.encode("gb18030")) == _names(text.encode("utf-8-sig")) == _names(text.encode("utf-8")) == cells
