"""The batch input's templates (xinzhou_policy.batch_template), read back as a spreadsheet program
reads them (openpyxl): the schema's titles in two header rows, a drop-down list of the Chinese
labels for every choice, date and 元 formats, the frozen header, the 填写说明 sheet; and a filled-in
template read by the batch reader gives what the estimate gives."""

from __future__ import annotations

import csv
import datetime
import io
import json

import openpyxl
import pytest

from xinzhou_policy.batch import BatchJob
from xinzhou_policy.batch_template import template_csv, template_xlsx
from xinzhou_policy.batch_xlsx import LAST_ROW
from xinzhou_policy.cli import run_text
from xinzhou_policy.profile import PROFILE_FIELDS
from xinzhou_policy.schema import schemas

SCHEMA = schemas()["estimate"]
FIELDS = list(SCHEMA["properties"])
KINDS = {f.name: f.kind for f in PROFILE_FIELDS}


def _choices(prop: dict) -> list[str] | None:
    """A field's drop-down: its choices' Chinese labels; 是/否 for a flag."""
    if "x-choice-labels" in prop:
        return [label["zh"] for label in prop["x-choice-labels"].values()]
    return ["是", "否"] if "boolean" in (prop.get("type") or []) else None


@pytest.fixture(scope="module")
def book():
    return openpyxl.load_workbook(io.BytesIO(template_xlsx()))


def test_headers_are_the_schema_titles_chinese_then_english(book):
    assert book.sheetnames == ["填写表", "填写说明"]
    sheet = book["填写表"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert list(rows[0][1:]) == [SCHEMA["properties"][f]["x-title-zh"] for f in FIELDS]
    assert list(rows[1][1:]) == [SCHEMA["properties"][f]["title"] for f in FIELDS]
    assert sheet.freeze_panes == "A3"  # both header rows stay in view


def test_every_choice_field_has_its_drop_down_and_no_other_column_has_one(book):
    sheet = book["填写表"]
    found = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list" and validation.allow_blank and validation.showErrorMessage
        (cells,) = validation.sqref.ranges
        found[cells.min_col] = (validation.formula1, cells.min_row, cells.max_row, cells.max_col)
    expected = {}
    for i, name in enumerate(FIELDS, start=2):
        choices = _choices(SCHEMA["properties"][name])
        if choices:
            expected[i] = ('"' + ",".join(choices) + '"', 3, LAST_ROW, i)
    assert found == expected
    assert '"领军企业,骨干企业,无"' in {v[0] for v in found.values()}


def test_date_and_amount_columns_are_formatted(book):
    sheet = book["填写表"]
    for i, name in enumerate(FIELDS, start=2):
        prop = SCHEMA["properties"][name]
        fmt = sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].number_format
        if prop.get("format") == "date":
            assert fmt == "yyyy\\-mm\\-dd", name
        elif KINDS[name] == "money":
            assert fmt == '#,##0.00"元"', name
        else:
            assert fmt == "General", name
        assert sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width >= 12


def test_the_notes_sheet_explains_every_column_from_the_schema(book):
    cells = [c for row in book["填写说明"].iter_rows(values_only=True) for c in row if c]
    for name in FIELDS:
        prop = SCHEMA["properties"][name]
        for key in ("x-title-zh", "title", "x-description-zh", "description"):
            assert prop[key] in cells, (name, key)
    assert book["填写说明"].freeze_panes == "A3"


def test_csv_template_has_the_two_header_rows_and_reads_back_empty():
    text = template_csv()
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[0][1:] == [SCHEMA["properties"][f]["x-title-zh"] for f in FIELDS]
    assert rows[1][1:] == [SCHEMA["properties"][f]["title"] for f in FIELDS] and len(rows) == 2
    # As downloaded, and as Excel on Chinese Windows saves it again.
    for raw in (text.encode("utf-8"), text[1:].encode("gb18030")):
        job = BatchJob(raw)
        assert job.fields == ["name", *FIELDS] and job.rows == []


def _filled(profile: dict) -> bytes:
    """The .xlsx template filled in as an official would: a date cell, the Chinese labels the
    drop-downs offer, amounts as numbers."""
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    sheet = book["填写表"]
    sheet.cell(3, 1, "定襄锻造")
    for i, name in enumerate(FIELDS, start=2):
        if name in profile:
            sheet.cell(3, i, profile[name])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_filled_in_template_gives_the_estimate():
    profile = {"event_date": "2025-06-30", "role": "backbone", "revenue": "520000000",
               "previous_max_revenue": "480000000", "selected_scale_leader": True,
               "equipment_investment": "1800000", "town_revenue_rank": "2"}
    labels = {"event_date": datetime.datetime(2025, 6, 30), "role": "骨干企业", "revenue": 520000000,
              "previous_max_revenue": 480000000, "selected_scale_leader": "是",
              "equipment_investment": 1800000, "town_revenue_rank": 2}
    job = BatchJob(_filled(labels))
    job.compute()
    assert job.errors == [[]]
    single = json.loads(run_text("estimate", json.dumps(profile))[1])
    assert job.summary()["total"] == single["total"] and single["total"] != "0.00"


def test_the_command_line_writes_either_template(tmp_path):
    from .test_batch import _cli
    run = _cli("batch-template", "-o", str(tmp_path / "t.xlsx"))
    assert run.returncode == 0 and (tmp_path / "t.xlsx").read_bytes() == template_xlsx()
    assert _cli("batch-template").stdout == template_csv().encode("utf-8")
