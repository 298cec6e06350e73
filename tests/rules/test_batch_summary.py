"""The batch's budget summary (xinzhou_policy.batch_summary) against the rows' own estimates, and
the output sheets (batch_output): headers in the page's language, every amount a number cell in
元, formula-looking text still neutralised."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from xinzhou_policy.batch import BatchJob, neutralise
from xinzhou_policy.batch_template import NAME_TITLE
from xinzhou_policy.cli import run_text
from xinzhou_policy.profile import AWARD_CLAUSES, PROFILE_FIELDS
from xinzhou_policy.registry import DOCUMENTS

from .test_batch import CASE_PROFILES, MIXED, _csv

ROWS = CASE_PROFILES * 2  # each enterprise twice: a count is of rows, not of distinct profiles


@pytest.fixture(scope="module")
def job():
    job = BatchJob(_csv(ROWS))
    job.compute()
    return job


def _expected():
    """Sums and counts by each key, from one estimate per row (the CLI's JSON), in yuan."""
    sums = defaultdict(lambda: defaultdict(lambda: [Decimal(0), 0]))
    for profile in ROWS:
        result = json.loads(run_text("estimate", json.dumps(profile))[1])
        keyed = defaultdict(lambda: defaultdict(Decimal))
        for item in result["items"]:
            amount = Decimal(item["amount"])
            keyed["clauses"][item["clause"]] += amount
            keyed["awards"][item["id"] + "|" + item["title_zh"]] += amount
            keyed["recipients"][item["recipient_zh"]] += amount
            keyed["documents"][(item["document"], item["version"])] += amount
            for unit in {d["zh"] for d in item["departments"]}:
                keyed["units"][unit] += amount
        for table, amounts in keyed.items():
            for key, amount in amounts.items():
                sums[table][key][0] += amount
                sums[table][key][1] += 1
    return sums


def test_every_total_and_count_is_that_of_the_rows_own_estimates(job):
    expected = _expected()
    tables = {t.key: t for t in job.budget.tables("zh")}
    got = {
        "clauses": {k: r for k, r in zip(tables["clauses"].keys, tables["clauses"].rows)},
        "awards": {f"{k}|{r[0]}": r for k, r in zip(tables["awards"].keys, tables["awards"].rows)},
        "recipients": {r[0]: r for r in tables["recipients"].rows},
        "units": {r[0]: r for r in tables["units"].rows},
        "documents": {tuple(k.split("@")): r for k, r in zip(tables["documents"].keys, tables["documents"].rows)},
    }
    assert len(expected["clauses"]) > 3 and len(expected["units"]) > 3
    for table, sums in expected.items():
        assert set(got[table]) == set(sums), table
        for key, (amount, count) in sums.items():
            row = got[table][key]
            assert (Decimal(row[-2]), int(row[-1])) == (amount, count), (table, key)
    # The clauses' and the recipients' amounts add up to the batch's total; the rows counted
    # under each document are the rows with an item.
    total = Decimal(job.summary()["total"])
    assert sum(Decimal(r[-2]) for r in tables["clauses"].rows) == total
    assert sum(Decimal(r[-2]) for r in tables["recipients"].rows) == total
    assert [k for k in tables["clauses"].keys] == [c for c in AWARD_CLAUSES if c in expected["clauses"]]


def test_both_languages_hold_the_same_figures(job):
    zh, en = job.budget.tables("zh"), job.budget.tables("en")
    assert [t.title for t in zh] != [t.title for t in en]
    for a, b in zip(zh, en):
        assert a.keys == b.keys and [r[-2:] for r in a.rows] == [r[-2:] for r in b.rows]
    assert job.summary()["budget"]["en"]["tables"] == [t.to_dict() for t in en]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_output_headers_follow_the_language_and_amounts_are_numbers_in_yuan(lang):
    job = BatchJob(MIXED.read_bytes())
    book = openpyxl.load_workbook(io.BytesIO(job.to_xlsx(lang)))
    results, budget, notes = book.worksheets
    at = lang == "en"
    titles = {"name": NAME_TITLE[at], **{f.name: (f.label_zh, f.label_en)[at] for f in PROFILE_FIELDS}}
    header = [c.value for c in results[1]]
    assert "name" in job.fields and len(job.fields) > 5
    assert header[:len(job.fields)] == [titles[f] for f in job.fields]
    assert header[-1] == ("错误", "Errors")[at]
    csv_header = next(csv.reader(io.StringIO(job.to_csv(lang)[1:])))
    assert csv_header == header
    unit = "元" if lang == "zh" else "yuan"
    amounts = 0
    for row in results.iter_rows(min_row=2):
        for cell in row[len(job.fields):len(job.fields) + len(AWARD_CLAUSES) + 2]:
            if cell.value is not None:
                assert cell.data_type == "n" and unit in cell.number_format
                amounts += 1
    assert amounts > 0
    money = [c for row in budget.iter_rows() for c in row if isinstance(c.value, (int, float))
             and c.number_format != "#,##0"]
    assert money and all(unit in c.number_format for c in money)
    # The total's cell holds the batch's total.
    assert Decimal(str(money[0].value)) == Decimal(job.summary()["total"])
    # Text that reads as a formula is still neutralised, in the names and elsewhere.
    texts = [c.value for row in results.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert "'=cmd|' /C calc'!A0" in texts and all(neutralise(t) == t for t in texts)
    assert not any(c.data_type == "f" for sheet in book.worksheets for row in sheet.iter_rows() for c in row)
    assert notes.title == ("说明" if lang == "zh" else "Notes")


def test_the_document_rows_cite_the_version_applied(job):
    (documents,) = [t for t in job.budget.tables("zh") if t.key == "documents"]
    for key, row in zip(documents.keys, documents.rows):
        doc_id, version = key.split("@")
        doc = DOCUMENTS[doc_id]
        assert row[:3] == [doc.title_zh, version, doc.version(version).number or doc.number]


def test_a_budget_from_no_computed_row_is_empty_tables():
    job = BatchJob("event_date\r\nnot a date\r\n".encode())
    job.compute()
    assert all(t.rows == [] for t in job.budget.tables("en"))
    assert job.summary()["budget"]["zh"]["tables"][0]["rows"] == []


def test_the_command_line_writes_the_output_in_a_language(tmp_path):
    from .test_batch import _cli
    run = _cli("batch", str(MIXED), "-o", str(tmp_path / "out.xlsx"), "--lang", "en")
    assert run.returncode == 0, run.stderr
    job = BatchJob(MIXED.read_bytes())
    assert (tmp_path / "out.xlsx").read_bytes() == job.to_xlsx("en")
    assert json.loads(run.stdout)["budget"]["en"] == job.summary()["budget"]["en"]
