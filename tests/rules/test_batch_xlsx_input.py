"""An official's .xlsx as the batch reads it (issue 25, parts 1 to 3 and 5): files written by
LibreOffice Calc (Debian's, headless: a flat ODS with a merged title row, and a CSV it opens
with dates and Chinese text) and by openpyxl (inline and rich-text strings, serial dates in
both date systems, a formula without a cached value, an error value, cells without their `r`),
with Chinese, English or JSON headers and values. Each figure is compared with the same rows
read from a CSV with JSON names, never with a typed-in result."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from xinzhou_policy.batch import BatchJob
from xinzhou_policy.batch_xlsx import Sheet, workbook
from xinzhou_policy.profile import PROFILE_FIELDS
from xinzhou_policy.validation import InputError

from .test_batch import _cli
from .test_batch_spreadsheet import soffice  # noqa: F401  (the fixture: LibreOffice, or a skip)

DATA = Path(__file__).resolve().parent / "batch"
LABEL = {f.name: f.label_zh for f in PROFILE_FIELDS}

# officials.fods's rows as JSON names and values: what its Chinese cells mean.
OFFICIALS_AS_JSON = """name,event_date,role,selected_scale_leader,revenue,previous_max_revenue,town_revenue_rank
忻州法兰,2025-06-30,backbone,false,1500000000,1000000000,3
定襄锻造,2025-06-30,leading,true,2600000000.5,1900000000,1
原平铸造,2025-06-30,none,false,abc,,
忻府机械,2024-03-01,backbone,true,1200000000,1000000000,2
五台轴承,2025-07-01,none,false,0.1,,0
"""

# A CSV as an official keeps it, which LibreOffice opens (dates recognised, as zh-CN does).
CHINESE_CSV = f"""企业名称,{LABEL['event_date']},{LABEL['role']},{LABEL['revenue']},{LABEL['previous_max_revenue']}
忻州法兰,2025-06-30,骨干企业,1500000000,1000000000
定襄锻造,2025/6/30,领军企业,2600000000,1900000000
原平铸造,2023-01-15,无,-5,
"""


def _job(raw: bytes) -> BatchJob:
    job = BatchJob(raw)
    job.compute()
    return job


def _same_results(job: BatchJob, reference: BatchJob) -> None:
    """The same rows computed alike: results, errors (as codes and fields), totals."""
    assert job.results == reference.results or [r[:-1] for r in job.results] == [r[:-1] for r in reference.results]
    assert [[(e["code"], e["field"]) for e in row] for row in job.errors] == \
        [[(e["code"], e["field"]) for e in row] for row in reference.errors]
    assert job.summary()["total"] == reference.summary()["total"]


@pytest.fixture(scope="module")
def libreoffice(soffice, tmp_path_factory):  # noqa: F811
    """officials.fods and CHINESE_CSV saved as .xlsx by LibreOffice, in one run of it."""
    out = tmp_path_factory.mktemp("libreoffice")
    source = out / "chinese.csv"
    source.write_text(CHINESE_CSV, encoding="utf-8")
    shutil.copy(DATA / "officials.fods", out / "officials.fods")
    # CSV options: comma, double quote, UTF-8, from line 1, standard columns, zh-CN, quoted
    # text as text, and "detect special numbers" (dates): as an official's Calc opens it.
    command = [soffice, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--norestore",
               "--infilter=CSV:44,34,76,1,,2052,false,true", "--convert-to", "xlsx", "--outdir", str(out),
               str(source), str(out / "officials.fods")]
    run = subprocess.run(command, capture_output=True, timeout=300)
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    return out


def test_libreoffice_title_rows_notes_sheet_dates_and_chinese(libreoffice):
    fresh = (libreoffice / "officials.xlsx").read_bytes()
    sheet = zipfile.ZipFile(io.BytesIO(fresh)).read("xl/worksheets/sheet2.xml").decode()
    assert 't="s"' in sheet and "<f" in sheet and 's="' in sheet  # shared strings, a formula, styles
    job, reference = _job(fresh), _job(OFFICIALS_AS_JSON.encode())
    # The title row merged above the header, the note, the empty rows and the English titles
    # below the header are skipped; the rows keep the sheet's numbers.
    assert job.row_numbers == [6, 7, 9, 10, 11]
    assert job.fields == ["name", "event_date", "role", "selected_scale_leader", "revenue",
                          "previous_max_revenue", "town_revenue_rank", None]
    assert [r[1] for r in job.rows] == ["2025-06-30", "2025/6/30", "2025年6月30日", "2024-03-01", "2025-07-01"]
    # The officials' own 备注 column names no field: said, and not used.
    assert [(e["code"], e["field"]) for e in job.header_errors] == [("unknown_column", "备注")]
    assert job.fields[-1] is None and job.rows[1][-1] == "已核对营业收入"
    _same_results(job, reference)
    # The committed copy (the browser tests' and the runtime archive's) is what LibreOffice saves.
    committed = _job((DATA / "officials.xlsx").read_bytes())
    assert (committed.rows, committed.row_numbers, committed.results) == (job.rows, job.row_numbers, job.results)


def test_libreoffice_saves_a_chinese_csv_as_xlsx_that_reads_as_the_csv(libreoffice):
    raw = (libreoffice / "chinese.xlsx").read_bytes()
    styles = zipfile.ZipFile(io.BytesIO(raw)).read("xl/styles.xml").decode()
    assert "numFmt" in styles or "numFmtId=\"14\"" in styles  # the dates are date cells
    job, reference = _job(raw), _job(CHINESE_CSV.encode())
    assert job.row_numbers == reference.row_numbers == [2, 3, 4]
    assert [r[1] for r in job.rows] == ["2025-06-30", "2025-06-30", "2023-01-15"]
    _same_results(job, reference)
    (bad,) = job.errors[2]
    assert bad["cell_zh"] == f"第 4 行“{LABEL['revenue']}”列" and bad["cell_en"] == f"Row 4, column “{LABEL['revenue']}”"


# ------------------------------------------------------------------------------ openpyxl
def _openpyxl(rows: list[list], *, sheet: str = "填写表", before: str | None = "说明", epoch=None) -> bytes:
    book = openpyxl.Workbook()
    if epoch is not None:
        book.epoch = epoch
    first = book.active
    if before:
        first.title = before
        first.append(["填写说明"])
        data = book.create_sheet(sheet)
    else:
        first.title, data = sheet, first
    for row in rows:
        data.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADER = ["企业名称", LABEL["event_date"], LABEL["role"], LABEL["revenue"], LABEL["previous_max_revenue"]]
ENGLISH = ["Enterprise name", "Event date", "Enterprise category", "Revenue of the year (yuan)",
           "Highest earlier annual revenue (yuan)"]
AS_JSON = ("name,event_date,role,revenue,previous_max_revenue\r\n"
           "忻州法兰,2025-06-30,backbone,1500000000,1000000000\r\n"
           "定襄锻造,2024-03-01,leading,2600000000,1900000000\r\n")


@pytest.mark.parametrize("epoch", [None, CALENDAR_MAC_1904], ids=["1900", "1904"])
def test_openpyxl_inline_and_rich_strings_serial_dates(epoch):
    rich = CellRichText([TextBlock(InlineFont(b=True), "忻州"), "法兰"])
    raw = _openpyxl([["忻州市专业镇奖补批量估算"], HEADER, ENGLISH,
                     [rich, datetime.date(2025, 6, 30), "骨干企业", 1500000000, 1000000000],
                     [], ["定襄锻造", datetime.datetime(2024, 3, 1), "Leading enterprise", 2600000000, "1,900,000,000"]],
                    epoch=epoch)
    assert ('date1904="1"' in zipfile.ZipFile(io.BytesIO(raw)).read("xl/workbook.xml").decode()) == (epoch is not None)
    job = _job(raw)
    assert job.row_numbers == [4, 6] and [r[:2] for r in job.rows] == [["忻州法兰", "2025-06-30"], ["定襄锻造", "2024-03-01"]]
    _same_results(job, _job(AS_JSON.encode()))


def test_a_formula_without_a_cached_value_and_an_error_value_are_bad_cells():
    raw = _openpyxl([HEADER, ["忻州法兰", datetime.date(2025, 6, 30), "骨干企业", "=E3*2", 1000000000],
                     ["定襄锻造", "2024-03-01", "领军企业", "#DIV/0!", "x"]])
    job = _job(raw)
    assert job.bad == 2 and len(job.results) == 2
    (formula,), (value, other) = job.errors
    assert formula["code"] == "formula_without_value" and formula["field"] == "revenue"
    assert formula["cell_zh"] == f"第 2 行“{LABEL['revenue']}”列" and "=E3*2" in formula["message_zh"]
    assert formula["cell_en"] == f"Row 2, column “{LABEL['revenue']}”" and "not guessed" in formula["message_en"]
    assert value["code"] == "error_value" and "#DIV/0!" in value["message_en"] and value["row"] == 3
    # The row's other bad cell is reported too.
    assert other["field"] == "previous_max_revenue" and other["cell_en"].startswith("Row 3, column")
    errors_column = job.results[0][-1]
    assert "第 2 行“本年度营业收入（元）”列：" in errors_column and "Row 2, column “本年度营业收入（元）”: " in errors_column


def test_cells_and_rows_without_their_r_attribute_follow_the_one_before():
    raw = _openpyxl([HEADER, ["忻州法兰", "2025-06-30", "backbone", 1500000000, 1000000000],
                     ["定襄锻造", "2024-03-01", "leading", 2600000000, 1900000000]], before=None)
    stripped = _rewrite_sheet(raw, lambda data: re.sub(rb' r="[A-Z]*\d+"', b"", data))
    assert b' r="' not in zipfile.ZipFile(io.BytesIO(stripped)).read("xl/worksheets/sheet1.xml")
    job = _job(stripped)
    assert job.row_numbers == [2, 3]
    _same_results(job, _job(AS_JSON.encode()))


def _rewrite_sheet(raw: bytes, change) -> bytes:
    """The workbook with its sheets' XML changed by `change` (bytes to bytes)."""
    book, out = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as copy:
        for name in book.namelist():
            data = book.read(name)
            copy.writestr(name, change(data) if name.startswith("xl/worksheets/") else data)
    return out.getvalue()


def test_a_value_that_is_no_date_or_no_number_is_an_error_of_its_cell_not_of_the_file():
    raw = _openpyxl([HEADER, ["忻州法兰", datetime.date(2025, 6, 30), "骨干企业", 1500000000, 1]], before=None)
    # A date cell beyond the year 9999, and a number cell holding text.
    raw = _rewrite_sheet(raw, lambda data: data.replace(b"<v>45838</v>", b"<v>99999999</v>")
                         .replace(b"<v>1500000000</v>", b"<v>x1</v>"))
    (errors,) = _job(raw).errors
    assert [(e["field"], e["code"], e["row"]) for e in errors] == [("event_date", "not_date", 2),
                                                                 ("revenue", "not_number", 2)]


def test_the_first_sheet_is_read_without_a_sheet_named_as_the_template():
    job = _job(_openpyxl([HEADER, ["忻州法兰", "2025-06-30", "骨干企业", 1, 1]], sheet="Sheet1", before=None))
    assert job.rows == [["忻州法兰", "2025-06-30", "骨干企业", "1", "1"]]


def test_the_batchs_own_xlsx_output_reads_back_as_input():
    # Inline strings, as batch_xlsx writes them; the result columns name no field (header errors).
    first = _job(AS_JSON.encode())
    again = _job(first.to_xlsx())
    assert again.rows[0][:5] == first.rows[0] and again.row_numbers == [2, 3]
    assert {e["code"] for e in again.header_errors} == {"unknown_column"}
    assert [r[:-1] for r in again.results] == [r[:-1] for r in first.results]


def test_a_file_that_is_no_workbook_is_a_bilingual_file_error():
    fake = io.BytesIO()
    with zipfile.ZipFile(fake, "w") as out:
        out.writestr("hello.txt", "not a workbook")
    for raw in (fake.getvalue(), b"PK\x03\x04 broken"):
        with pytest.raises(InputError) as bad:
            BatchJob(raw)
        (error,) = bad.value.errors
        assert error["code"] == "bad_xlsx" and ".xlsx" in error["message_zh"] and "workbook" in error["message_en"]


# ------------------------------------------------------------------------------ names, values
@pytest.mark.parametrize("header, values", [
    (HEADER[:3] + [LABEL["selected_scale_leader"]], ["骨干企业", "是"]),
    (ENGLISH[:3] + ["Selected as large-scale leading enterprise"], ["Backbone enterprise", "TRUE"]),
    (["name", "event_date", "role", "selected_scale_leader"], ["backbone", "true"]),
    ([" ＮＡＭＥ ", "Event_Date", "ROLE", "selected_scale_leader"], ["ＢＡＣＫＢＯＮＥ", "Yes"]),
], ids=["chinese", "english", "json", "width-and-case"])
def test_chinese_english_and_json_headers_and_values_read_alike(header, values):
    out = io.StringIO(newline="")
    csv.writer(out).writerows([header[:4], ["忻州法兰", "2025年6月30日", *values]])
    job = _job(out.getvalue().encode())
    assert job.fields == ["name", "event_date", "role", "selected_scale_leader"] and job.errors == [[]]
    reference = _job(b"name,event_date,role,selected_scale_leader\r\n,2025-06-30,backbone,true\r\n")
    assert job.results == reference.results


def test_a_row_below_the_header_is_a_second_header_only_if_each_cell_names_its_field():
    # Under a column that names no field, a cell names nothing: the row is data, reported.
    job = _job(b"event_date,remarks\r\nEvent date,checked\r\n2025-06-30,ok\r\n")
    assert job.row_numbers == [2, 3] and job.errors[0][0]["code"] == "not_date" and job.errors[1] == []
    # The template's English titles under the Chinese ones are skipped, as is a partial row of them.
    job = _job(f"{LABEL['event_date']},{LABEL['revenue']}\r\n,Revenue of the year (yuan)\r\n2025-06-30,1\r\n".encode())
    assert job.row_numbers == [3] and job.errors == [[]]


def test_a_field_in_two_columns_is_read_from_both_and_an_error_where_they_differ():
    raw = (f"event_date,{LABEL['revenue']},revenue\r\n2025-06-30,1500000000,1500000000\r\n"
           f"2025-06-30,,1500000000\r\n2025-06-30,1500000000,2\r\n").encode()
    job = _job(raw)
    assert job.errors[0] == job.errors[1] == [] and job.results[0] == job.results[1]
    (error,) = job.errors[2]
    assert error["code"] == "duplicate_values" and error["cell_en"] == "Row 4, column “revenue”"
    assert f"“{LABEL['revenue']}”" in error["message_zh"] and "“1500000000” and “2”" in error["message_en"]


# ------------------------------------------------------------------------------ scale
def test_100000_rows_of_xlsx_come_back_every_one_in_order():
    # Lean: most rows are errors (a date that does not exist), so little time goes to the rules;
    # every seventh is computed.
    rows = 100_000
    header = [["企业名称", LABEL["event_date"], LABEL["revenue"]]]
    raw = workbook([Sheet("填写表", itertools.chain(header, (
        [f"企业{i:06d}", "2025-02-30" if i % 7 else "2025-06-30", (str(i), "money")] for i in range(rows))))])
    job = _job(raw)
    assert job.done == len(job.rows) == rows and job.row_numbers == list(range(2, rows + 2))
    assert all(cells[0] == f"企业{i:06d}" for i, cells in enumerate(job.rows))
    assert [i for i in range(rows) if not job.errors[i]] == list(range(0, rows, 7))
    assert all(job.errors[i][0]["row"] == i + 2 for i in range(1, rows, 7))


def test_the_command_line_reads_an_xlsx(tmp_path):
    run = _cli("batch", str(DATA / "officials.xlsx"), "-o", str(tmp_path / "out.csv"))
    assert run.returncode == 0 and json.loads(run.stdout)["rows"] == 5
    reference = _job((DATA / "officials.xlsx").read_bytes())
    assert (tmp_path / "out.csv").read_bytes() == reference.to_csv().encode("utf-8")


def test_the_command_line_says_the_headers_problems(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes("事项发生日期,备注\r\n2025-06-30,x\r\n".encode())
    run = _cli("batch", str(source))
    assert run.returncode == 0 and run.stdout.decode("utf-8-sig").count("\r\n") == 2
    assert "“备注”不是模板中的字段" in run.stderr.decode() and "“备注”, is none of" in run.stderr.decode()
    run = _cli("batch", str(source), "-o", str(tmp_path / "out.xlsx"))
    assert [e["code"] for e in json.loads(run.stdout)["header_errors"]] == ["unknown_column"]
