"""The batch page as an official uses it: choose a file, read the table, download the results.

The expected figures come from the rule package run in CPython on the same file (BatchJob, the
code behind `python -m xinzhou_policy batch`): the browser must give the same bytes.
"""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from xinzhou_policy.batch import RESULT_COLUMNS, BatchJob, template_csv
from xinzhou_policy.batch_template import template_xlsx

from .browsing import READY_TIMEOUT_MS

DATA = Path(__file__).resolve().parents[1] / "rules" / "batch"
MIXED = DATA / "mixed.csv"
HTML_NAME = '<script>alert("x")</script><b>定襄锻造</b> & Co'


def _open(page, site, lang: str = "zh") -> None:
    page.goto(site.url + ("en/" if lang == "en" else "") + "calculators/batch.html")
    expect(page.locator("#batch-file")).to_be_enabled(timeout=READY_TIMEOUT_MS)


def _choose(page, path: Path) -> str:
    page.set_input_files("#batch-file", str(path))
    page.wait_for_function("() => ['done', 'failed', 'cancelled'].includes(document.querySelector('.batch-app').dataset.state)",
                           timeout=READY_TIMEOUT_MS)
    return page.locator(".batch-app").get_attribute("data-state")


@pytest.fixture(scope="module")
def expected() -> BatchJob:
    job = BatchJob(MIXED.read_bytes())
    job.compute()
    return job


@pytest.mark.parametrize("path", [MIXED, DATA / "mixed-gb18030.csv"], ids=["utf-8", "gb18030"])
def test_table_totals_and_errors(page, site, expected, path):
    _open(page, site)
    assert _choose(page, path) == "done"
    rows = page.locator(".batch-table tbody tr")
    expect(rows).to_have_count(len(expected.rows))
    expect(page.locator(".batch-table tbody tr.has-error")).to_have_count(expected.bad)
    total = page.locator(".batch-summary .batch-total").inner_text()
    assert Decimal(total.replace(",", "")) == expected.total
    # A bad row says what is wrong, in which cell (the spreadsheet's row, the column's header),
    # in the page's language; the row's number is the spreadsheet's.
    bad = rows.filter(has_text="负营收企业")
    expect(bad.locator(".batch-row-errors")).to_have_text("第 6 行“revenue”列：“本年度营业收入（元）”不能为负数。")
    expect(bad.locator("th")).to_have_text("6")
    good = rows.filter(has_text="忻州法兰制造有限公司").locator(".batch-row-total")
    total = RESULT_COLUMNS.index("total")
    assert Decimal(good.inner_text().replace(",", "")) == Decimal(expected.results[0][total])


def test_html_in_names_is_shown_as_text(page, site):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _open(page, site)
    _choose(page, MIXED)
    cell = page.locator(".batch-table tbody tr").nth(1).locator("td").first
    assert cell.text_content() == HTML_NAME
    assert page.locator(".batch-table script, .batch-table b").count() == 0
    assert dialogs == []


def test_downloads_equal_the_command_line_output(page, site, expected):
    _open(page, site)
    _choose(page, MIXED)
    with page.expect_download() as download:
        page.locator(".batch-downloads button[data-format=csv]").click()
    assert download.value.suggested_filename == "mixed-results.csv"
    # In the page's language (the headers, the verdicts), as `batch --lang zh` writes them.
    assert Path(download.value.path()).read_bytes() == expected.to_csv("zh").encode("utf-8")
    with page.expect_download() as download:
        page.locator(".batch-downloads button[data-format=xlsx]").click()
    browser_xlsx = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    cli_xlsx = zipfile.ZipFile(io.BytesIO(expected.to_xlsx("zh")))
    assert browser_xlsx.namelist() == cli_xlsx.namelist()
    for name in cli_xlsx.namelist():
        assert browser_xlsx.read(name) == cli_xlsx.read(name), name


def test_errors_only_and_template_link(page, site, expected):
    _open(page, site)
    _choose(page, MIXED)
    page.locator(".batch-errors-only").check()
    expect(page.locator(".batch-table tbody tr")).to_have_count(expected.bad)
    expect(page.locator(".batch-table tbody tr:not(.has-error)")).to_have_count(0)
    for link, body in (("a.batch-template", template_csv().encode("utf-8")), ("a.batch-template-xlsx", template_xlsx())):
        href = page.locator(link).get_attribute("href")
        response = page.request.get(page.url.rsplit("/", 1)[0] + "/" + href)
        assert response.ok and response.body() == body


def test_a_file_it_cannot_read_says_why_in_english(page, site, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"revenue,colour\r\n1,red\r\n")
    _open(page, site, "en")
    expect(page.locator(".batch-local")).to_contain_text("not uploaded")
    assert _choose(page, bad) == "failed"
    expect(page.locator(".batch-error")).to_contain_text("The required column “event_date” (Event date) is missing")
    expect(page.locator(".batch-results")).to_be_hidden()
    # A column that names no field: said above the results, and the rows are computed.
    unknown = tmp_path / "unknown-column.csv"
    unknown.write_bytes("事项发生日期,colour\r\n2024-01-01,red\r\n".encode())
    assert _choose(page, unknown) == "done"
    expect(page.locator(".batch-header-errors")).to_contain_text("Column 2, “colour”, is none of the template's fields")
    expect(page.locator(".batch-table tbody tr:not(.has-error)")).to_have_count(1)


def test_a_long_file_can_be_cancelled_and_another_computed(page, site, tmp_path):
    source = tmp_path / "long.csv"
    source.write_bytes(("事项发生日期,本年度营业收入（元）\r\n" + "2025-06-30,1000\r\n" * 50_000).encode())
    _open(page, site)
    page.set_input_files("#batch-file", str(source))
    page.wait_for_function("() => document.querySelector('.batch-progress progress').value >= 1000",
                           timeout=READY_TIMEOUT_MS)
    page.locator(".batch-cancel").click()
    page.wait_for_function("() => document.querySelector('.batch-app').dataset.state === 'cancelled'",
                           timeout=READY_TIMEOUT_MS)
    expect(page.locator(".batch-progress")).to_contain_text("已取消")
    expect(page.locator(".batch-results")).to_be_hidden()
    assert _choose(page, MIXED) == "done"
    expect(page.locator(".batch-table tbody tr")).to_have_count(12)


# ------------------------------------------------------------------------------ issue 19
# The page reads the file with the same Python (batch_input, in the worker): a file that would
# lose rows or turn names into mojibake is refused, naming the row, in the page's language; and
# the downloaded CSV neutralises every formula a spreadsheet would see.
def test_an_unclosed_quote_is_refused_naming_its_row(page, site, tmp_path):
    bad = tmp_path / "quote.csv"
    rows = "".join(f"企业{i},2025-06-30,{i}\r\n" for i in range(100))
    bad.write_bytes(('name,event_date,revenue\r\n"忻州法兰,2025-06-30,1\r\n' + rows).encode())
    for lang, text in (("zh", "第 2 行有一个引号开始了单元格却没有结束"), ("en", "Row 2: a quote opens a cell and is never closed")):
        _open(page, site, lang)
        assert _choose(page, bad) == "failed"
        expect(page.locator(".batch-error")).to_contain_text(text)
        expect(page.locator(".batch-results")).to_be_hidden()


def test_a_file_in_two_encodings_is_refused_naming_the_rows(page, site, tmp_path):
    bad = tmp_path / "mixed-encodings.csv"
    bad.write_bytes("name,event_date\r\n忻州法兰,2025-06-30\r\n".encode() + "定襄锻造,2025-06-30\r\n".encode("gbk"))
    _open(page, site, "en")
    assert _choose(page, bad) == "failed"
    expect(page.locator(".batch-error")).to_contain_text("row 2 in UTF-8, row 3 in GB18030 (GBK)")
    expect(page.locator(".batch-results")).to_be_hidden()


FORMULAS = [" =1+1", "\u3000=1+1", "\n=1+1", "\ufeff=1+1", "\u200b=1+1", "＝1+1", "＋1+1", "－1+1", "＠SUM(1)"]


def test_the_downloaded_csv_neutralises_every_formula(page, site, tmp_path):
    source = tmp_path / "formulas.csv"
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "event_date"])
    writer.writerows([name, "2025-06-30"] for name in FORMULAS)
    source.write_bytes(out.getvalue().encode("utf-8"))
    _open(page, site)
    assert _choose(page, source) == "done"
    with page.expect_download() as download:
        page.locator(".batch-downloads button[data-format=csv]").click()
    data = Path(download.value.path()).read_bytes()
    assert data == BatchJob(source.read_bytes()).to_csv("zh").encode("utf-8")
    names = [row[0] for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))][1:]
    assert names == ["'" + name for name in FORMULAS]
