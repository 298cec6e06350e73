"""Batch estimates (xinzhou_policy.batch): every row answered, the same amounts as one estimate at
a time, both encodings, no formula ever written back, the template accepted as it is."""

from __future__ import annotations

import base64
import csv
import io
import json
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from xinzhou_policy.batch import (AMOUNT_COLUMNS, CLAUSE_COLUMNS, FORMULA_STARTS, INPUT_COLUMNS, NOTE,
                                  RESULT_COLUMNS, BatchJob, request, template_csv)
from xinzhou_policy.cli import run_text
from xinzhou_policy.estimate import assess
from xinzhou_policy.profile import PROFILE_FIELDS
from xinzhou_policy.validation import InputError, parse

from .cases import load_cases

DATA = Path(__file__).parent / "batch"
MIXED = DATA / "mixed.csv"
MIXED_GB18030 = DATA / "mixed-gb18030.csv"
XLSX_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _table(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def _data_rows(raw: bytes) -> list[list[str]]:
    """The input's enterprise rows, read independently of the batch reader."""
    records = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return [r for r in records[1:] if any(c.strip() for c in r) and not r[0].startswith(NOTE)]


def _cell(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _csv(profiles: list[dict], names: list[str] | None = None) -> bytes:
    columns = ["name", *(f.name for f in PROFILE_FIELDS)]
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(columns)
    for i, profile in enumerate(profiles):
        row = {"name": names[i] if names else f"case {i}", **{k: _cell(v) for k, v in profile.items()}}
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue().encode("utf-8")


# Every estimate case of the rules whose profile a CSV can carry (the error cases feed JSON types
# a CSV cell cannot hold, e.g. a number where a flag belongs).
CASE_PROFILES = [c.input for c in load_cases() if c.command == "estimate" and "errors" not in c.expect
                 and isinstance(c.input, dict)]


def test_amounts_equal_single_estimates_through_run_text():
    assert len(CASE_PROFILES) > 20
    job = BatchJob(_csv(CASE_PROFILES))
    table = _table(job.to_csv())
    header, rows = table[0], table[1:]
    assert len(rows) == len(CASE_PROFILES)
    for profile, row in zip(CASE_PROFILES, rows):
        cells = dict(zip(header, row))
        status, text = run_text("estimate", json.dumps(profile))
        assert status == 0, text
        single = json.loads(text)
        assert cells["errors"] == ""
        assert cells["total"] == single["total"]
        assert cells["within_validity"] == ("true" if single["within_validity"] else "false")
        for clause in CLAUSE_COLUMNS:
            expected = sum((Decimal(i["amount"]) for i in single["items"] if i["clause"] == clause), Decimal(0))
            assert Decimal(cells[clause]) == expected, (clause, profile)


def test_every_clause_with_an_award_has_a_column():
    # An item of a clause without a column would be left out of the amount columns.
    for profile in CASE_PROFILES:
        items = [i for a in assess(parse(profile, PROFILE_FIELDS)) for i in a.items]
        assert {i.clause for i in items} <= set(CLAUSE_COLUMNS)


def test_mixed_file_every_row_answered_bad_rows_name_their_field():
    raw = MIXED.read_bytes()
    inputs = _data_rows(raw)
    table = _table(BatchJob(raw).to_csv())
    header, rows = table[0], table[1:]
    assert header == [*next(csv.reader(io.StringIO(raw.decode()))), *RESULT_COLUMNS]
    assert len(rows) == len(inputs) == 12
    # The file also holds a note row, a blank line and a row of empty cells: none is an enterprise.
    records = list(csv.reader(io.StringIO(raw.decode(), newline="")))
    assert len(records) == 1 + 12 + 3 and [] in records and [""] * 13 in records
    errors = {row[0]: row[-1] for row in rows}
    # Each error names its cell: the row as the spreadsheet numbers it, and the column's header.
    assert errors["负营收企业"].startswith("第 6 行“revenue”列：") and "不能为负数" in errors["负营收企业"]
    assert "Row 6, column “revenue”: " in errors["负营收企业"] and "cannot be negative" in errors["负营收企业"]
    assert "“event_date”列：" in errors["缺日期企业"] and "is required" in errors["缺日期企业"]
    assert "column “selected_scale_leader”: " in errors["标志有误"]
    assert "more cells than the header" in errors["多出一格"]
    good = [row for row in rows if not row[-1]]
    assert len(good) == 7
    # A bad row has no amounts; a good one has all of them.
    for row in rows:
        results = row[len(header) - len(RESULT_COLUMNS):-1]
        amounts = results[:RESULT_COLUMNS.index("within_validity") + 1]
        assert all(amounts) if not row[-1] else not any(results)


def test_the_same_row_alone_or_among_bad_rows_gives_the_same_result():
    raw = MIXED.read_bytes()
    job = BatchJob(raw)
    job.compute(3)  # in chunks, as the browser does
    assert job.done == 3
    chunked = job.to_csv()
    assert chunked == BatchJob(raw).to_csv()
    lines = raw.decode("utf-8").split("\r\n")
    alone = BatchJob(("\r\n".join([lines[0], lines[2]]) + "\r\n").encode("utf-8")).to_csv()
    assert _table(alone)[1] == _table(chunked)[1]


def test_loose_dates_thousands_separators_and_labels_read_as_the_strict_forms():
    rows = {row[0]: row for row in _table(BatchJob(MIXED.read_bytes()).to_csv())[1:]}
    loose = rows["'-日期与千分位"]
    strict = {"event_date": "2025-06-30", "role": "backbone", "revenue": "520000000",
              "previous_max_revenue": "480000000", "town_revenue_rank": 3,
              "equipment_investment": "1200000", "selected_scale_leader": True}
    single = json.loads(run_text("estimate", json.dumps(strict))[1])
    total = -len(RESULT_COLUMNS) + RESULT_COLUMNS.index("total")
    assert loose[-1] == "" and loose[total] == single["total"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings_give_the_same_result(encoding):
    text = MIXED.read_bytes().decode("utf-8")
    assert BatchJob(text.encode(encoding)).to_csv() == BatchJob(MIXED.read_bytes()).to_csv()


def test_the_gb18030_data_file_is_the_mixed_file():
    raw = MIXED_GB18030.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.decode("gb18030") == MIXED.read_bytes().decode("utf-8")
    assert BatchJob(raw).to_csv() == BatchJob(MIXED.read_bytes()).to_csv()


def test_undecodable_file_is_reported_in_both_languages():
    with pytest.raises(InputError) as bad:
        BatchJob(MIXED.read_bytes() + b"\xff\xfe\xff")
    (error,) = bad.value.errors
    assert error["code"] == "encoding" and "GB18030" in error["message_zh"] and "GB18030" in error["message_en"]
    assert "编码" in error["message_zh"] and "encoding" in error["message_en"]


@pytest.mark.parametrize("header, code, field, column", [
    ("event_date,revenue,company", "unknown_column", "company", 3),
    ("event_date,revenue,本年度营业收入（元）", "duplicate_column", "本年度营业收入（元）", 3),
    ("event_date,,revenue", "empty_column", "", 2),
])
def test_bad_headers_are_errors_naming_the_column_and_the_rows_are_read(header, code, field, column):
    job = BatchJob(f"{header}\r\n2024-01-01,1,1\r\n".encode())
    assert [(e["code"], e["field"]) for e in job.header_errors] == [(code, field)]
    assert f"第 {column} 列" in job.header_errors[0]["message_zh"]
    assert f"Column {column}" in job.header_errors[0]["message_en"]
    job.compute()
    assert job.errors == [[]] and job.summary()["header_errors"] == job.header_errors


def test_a_missing_required_column_is_a_file_error():
    with pytest.raises(InputError) as bad:
        BatchJob(b"revenue,name\r\n1,2\r\n")
    assert [(e["code"], e["field"]) for e in bad.value.errors] == [("missing_column", "event_date")]


def test_empty_file_has_no_header():
    with pytest.raises(InputError) as bad:
        BatchJob(b"")
    assert bad.value.errors[0]["code"] == "no_header"


def test_formulas_are_never_written_back_as_formulas_in_csv():
    table = _table(BatchJob(MIXED.read_bytes()).to_csv())
    names = [row[0] for row in table[1:]]
    assert "'=cmd|' /C calc'!A0" in names and "'+SUM(A1)" in names and "'@过期企业" in names
    assert "'\t制表符开头" in names
    for row in table:
        for cell in row:
            assert cell[:1] not in FORMULA_STARTS, cell
    # the negative input is echoed neutralised too
    assert "'-5" in [row[3] for row in table[1:]]


def _xlsx_rows(data: bytes) -> list[list[tuple[str, str | None, str]]]:
    """(type, style, text) of every cell of the results sheet, straight from the XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    assert not list(sheet.iter(f"{XLSX_MAIN}f")), "a formula element was written"
    rows = []
    for row in sheet.iter(f"{XLSX_MAIN}row"):
        rows.append([(c.get("t") or "n", c.get("r"), "".join(c.itertext())) for c in row])
    return rows


def test_xlsx_holds_the_csv_text_numbers_as_numbers_no_formulas():
    job = BatchJob(MIXED.read_bytes())
    table = _table(job.to_csv())
    data = job.to_xlsx()
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert sheet.max_row == len(table) and sheet.max_column == len(table[0])
    start = len(table[0]) - len(RESULT_COLUMNS)
    numeric = set(range(start, start + len(AMOUNT_COLUMNS)))
    for r, row in enumerate(table, start=1):
        for c, text in enumerate(row):
            cell = sheet.cell(r, c + 1)
            if r > 1 and c in numeric and text:
                assert cell.data_type == "n" and Decimal(str(cell.value)) == Decimal(text)
            elif text:
                assert cell.data_type == "s" and cell.value == text, (r, c)
            else:
                assert cell.value is None, (r, c)
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    formula_row = next(r for r in range(2, sheet.max_row + 1) if "cmd|" in sheet.cell(r, 1).value)
    assert sheet.cell(formula_row, 1).value == "'=cmd|' /C calc'!A0"
    # The raw XML agrees: inline strings for text, no <f>.
    xml_rows = _xlsx_rows(data)
    assert xml_rows[1][0] == ("inlineStr", "A2", table[1][0])
    assert [n for _, _, n in xml_rows[0]] == table[0]
    notes = book.worksheets[2]  # after the budget summary (test_batch_summary.py)
    assert [notes.cell(i + 2, 1).value for i in range(len(INPUT_COLUMNS))] == list(INPUT_COLUMNS)


def test_html_in_names_is_kept_as_text():
    job = BatchJob(MIXED.read_bytes())
    name = '<script>alert("x")</script><b>定襄锻造</b> & Co'
    assert _table(job.to_csv())[2][0] == name
    sheet = openpyxl.load_workbook(io.BytesIO(job.to_xlsx())).worksheets[0]
    assert sheet.cell(3, 1).value == name
    job.compute()
    assert job.page(1, 2)["rows"][0]["cells"][0] == name


def test_xlsx_drops_no_row_and_carries_control_characters_safely():
    raw = "name,event_date\r\n\"a\x01b\",2024-01-01\r\n".encode()
    sheet = openpyxl.load_workbook(io.BytesIO(BatchJob(raw).to_xlsx())).worksheets[0]
    assert sheet.max_row == 2 and sheet.cell(2, 1).value == "a\ufffdb"


def test_summary_totals_add_up_the_rows():
    job = BatchJob(MIXED.read_bytes())
    job.compute()
    summary = job.summary()
    rows = _table(job.to_csv())[1:]
    for column in ("total", "total_enterprise"):
        at = len(rows[0]) - len(RESULT_COLUMNS) + RESULT_COLUMNS.index(column)
        assert Decimal(summary[column]) == sum(Decimal(r[at]) for r in rows if r[at])
    assert Decimal(summary["total_enterprise"]) < Decimal(summary["total"])  # a training body's item
    assert summary["rows"] == len(rows) and summary["errors"] == sum(1 for r in rows if r[-1])
    assert summary["outside_validity"] == 1


def test_browser_protocol_gives_the_cli_files():
    raw = MIXED.read_bytes()
    opened = request({"op": "open", "data": base64.b64encode(raw).decode()})
    assert opened["columns"] == BatchJob(raw).columns and opened["done"] == 0
    assert request({"op": "compute", "stop": 5})["done"] == 5
    assert request({"op": "compute", "stop": 100})["done"] == opened["rows"]
    assert request({"op": "csv"})["text"] == BatchJob(raw).to_csv()
    assert base64.b64decode(request({"op": "xlsx"})["base64"]) == BatchJob(raw).to_xlsx()
    bad = request({"op": "page", "start": 0, "stop": 50, "errors_only": True})
    assert bad["count"] == 5 and all(r["errors"] for r in bad["rows"])


def _cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xinzhou_policy", *args], input=stdin,
                          capture_output=True, timeout=120)


def test_cli_writes_csv_and_xlsx_and_a_summary(tmp_path):
    expected = BatchJob(MIXED.read_bytes())
    run = _cli("batch", str(MIXED), "-o", str(tmp_path / "out.csv"))
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out.csv").read_bytes() == expected.to_csv().encode("utf-8")
    assert json.loads(run.stdout)["errors"] == 5
    run = _cli("batch", str(MIXED_GB18030), "-o", str(tmp_path / "out.xlsx"))
    assert run.returncode == 0 and (tmp_path / "out.xlsx").read_bytes() == expected.to_xlsx()
    run = _cli("batch", "-", stdin=MIXED.read_bytes())
    assert run.stdout == expected.to_csv().encode("utf-8")
    run = _cli("batch-template")
    assert run.stdout == template_csv().encode("utf-8")


def test_cli_bad_file_is_a_bilingual_error_without_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"revenue,colour\r\n1,red\r\n")
    run = _cli("batch", str(bad), "-o", str(tmp_path / "out.csv"))
    assert run.returncode == 2 and b"Traceback" not in run.stderr
    assert [e["field"] for e in json.loads(run.stdout)["errors"]] == ["colour", "event_date"]
    assert not (tmp_path / "out.csv").exists()
    run = _cli("batch", str(tmp_path / "absent.csv"))
    assert run.returncode == 2 and json.loads(run.stdout)["errors"][0]["code"] == "unreadable"
    run = _cli("batch", str(MIXED), "-o", str(tmp_path / "no-such-folder" / "out.csv"))
    assert run.returncode == 2 and b"Traceback" not in run.stderr
    assert json.loads(run.stdout)["errors"][0]["code"] == "unwritable"
