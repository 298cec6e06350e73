"""The calculators in each engine as readers meet them (issue 13): cold, warm, and after the
browser was restarted; the share link; a runtime that cannot load; no console error and no CSP
violation; every case file's input computed exactly as CPython computes it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from xinzhou_policy.batch import BatchJob
from xinzhou_policy.cli import run_text

from ..browser.inputs import EXTRA, case_text
from ..rules.cases import load_cases
from .accessibility import violations
from .pages import (BATCH, CALCULATOR, LAND, READY_TIMEOUT_S, WASM, computes_like_cpython,
                    engine_state, open_ready, snapshot_settled)
from .serving import Fault

MIXED = Path(__file__).resolve().parents[1] / "rules" / "batch" / "mixed.csv"
# Saved by LibreOffice Calc: a title row merged above the header, a notes sheet before 填写表.
OFFICIALS = MIXED.with_name("officials.xlsx")
PROFILE = {"event_date": "2024-06-01", "role": "backbone", "revenue": "600000000",
           "previous_max_revenue": "200000000", "incumbent_trainees": "12"}

BATCH_DONE = """() => { const app = document.querySelector(".batch-app");
  return ["done", "failed"].includes(app.dataset.state) &&
    { state: app.dataset.state, total: app.querySelector(".batch-total")?.textContent,
      rows: app.querySelectorAll(".batch-table tbody tr").length }; }"""


def _works(browser, url: str) -> None:
    """The page's own way to compute: a result for the calculators, a table for the batch page."""
    if url == BATCH:
        browser.choose_file("#batch-file", MIXED)
        done = browser.wait(BATCH_DONE, timeout=READY_TIMEOUT_S)
        expected = BatchJob(MIXED.read_bytes())
        expected.compute()
        assert done["state"] == "done"
        assert done["rows"] == len(expected.rows)
        assert Decimal(done["total"].replace(",", "")) == expected.total
    else:
        computes_like_cpython(browser)


@pytest.mark.parametrize("url", [CALCULATOR, LAND, BATCH])
def test_cold_warm_and_after_a_restart(engine, launch, served, tmp_path, url):
    profile = tmp_path / "profile"
    browser = launch(profile=profile)
    assert open_ready(browser, served.url + url)["start"] == "fresh"
    _works(browser, url)
    assert snapshot_settled(browser) == "saved"
    # Warm: the same browser, another visit.
    browser.open("about:blank")
    assert open_ready(browser, served.url + url)["start"] == "snapshot"
    _works(browser, url)
    browser.close()
    # Warm after a restart: the same profile, a new browser process.
    browser = launch(profile=profile)
    assert open_ready(browser, served.url + url)["start"] == "snapshot"
    _works(browser, url)


# As a reader fills the form: the situation of a field's group ticked first (picker.js).
FILL = """(values) => {
  for (const [name, value] of Object.entries(values)) {
    const input = document.querySelector(`[name="${name}"]`);
    const group = input.closest("fieldset[data-group]");
    if (group.hidden) document.querySelector(`#pick-${group.dataset.group}`).click();
    if (input.type === "checkbox") input.checked = value === "true";
    else input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
}"""
SHOWN = """() => { const total = document.querySelector(".calc-result .calc-total strong");
  return total && location.hash.includes("_total=") && { total: total.textContent, hash: location.hash,
    items: [...document.querySelectorAll(".calc-item")].map((i) => i.dataset.clause) }; }"""
FORM = """(names) => Object.fromEntries(names.map((n) => [n, document.querySelector(`[name="${n}"]`).value]))"""


def test_the_share_link_gives_the_same_result(engine, launch, served):
    browser = launch()
    open_ready(browser, served.url + CALCULATOR)
    browser.evaluate(FILL, PROFILE)
    shown = browser.wait(SHOWN, timeout=30)
    expected = json.loads(run_text("estimate", json.dumps(PROFILE))[1])
    assert Decimal(shown["total"].replace(",", "").split()[0]) == Decimal(expected["total"])
    # The link, opened again: the form filled in and the same result.
    browser.open(served.url + CALCULATOR + shown["hash"])
    assert engine_state(browser)["state"] == "ready"
    assert browser.evaluate(FORM, list(PROFILE)) == PROFILE
    again = browser.wait(SHOWN, timeout=30)
    assert (again["total"], again["items"]) == (shown["total"], shown["items"])


@pytest.mark.parametrize("url", [CALCULATOR, BATCH])
def test_a_runtime_that_cannot_load_is_reported(engine, launch, served, url):
    served.recorder.faults[WASM] = Fault(status=404)
    browser = launch()
    browser.open(served.url + url)
    state = engine_state(browser, timeout=30)
    assert state["state"] == "failed"
    assert "运行环境文件缺失" in state["status"] and "pyodide.asm.wasm" in state["status"]
    if url == CALCULATOR:  # the links to the award tables, made at build time, are still there
        assert browser.evaluate("() => document.querySelectorAll('.calc-table-links a').length") > 0


def test_no_console_error_and_no_csp_violation(engine, launch, served):
    browser = launch()
    for url in (CALCULATOR, LAND, BATCH):
        open_ready(browser, served.url + url)
        _works(browser, url)
    for url in ("index.html", "policy.html", "en/regulation.html"):
        browser.open(served.url + url)
        browser.wait("() => document.readyState === 'complete'")
        # Read before the reader moves on: leaving while Material's search worker still fetches
        # its index has WebKit log the aborted fetch ("NetworkError: Load failed").
        served.recorder.wait_quiet()
    browser.open("about:blank")  # the last page's late messages are in
    assert browser.console_errors() == []
    assert served.recorder.reports == []


def test_the_checks_see_an_error_and_a_violation(engine, launch, served):
    """The test above can fail: an inline script (refused by the CSP) and a console error."""
    browser = launch()
    open_ready(browser, served.url + LAND)
    browser.evaluate("""() => { console.error("planted error");
        const script = document.createElement("script"); script.textContent = "1"; document.head.append(script); }""")
    browser.wait("() => new Promise((r) => setTimeout(() => r(true), 500))")
    assert any("planted error" in e for e in browser.console_errors())
    reports = [json.dumps(r) for r in served.recorder.reports]
    assert reports and all("script-src" in r for r in reports), reports


CASES = load_cases()


def test_every_case_file_input_computes_as_in_cpython(engine, launch, served):
    inputs = [(case.command, case_text(case)) for case in CASES] + list(EXTRA.values())
    assert len(inputs) >= 60
    browser = launch()
    open_ready(browser, served.url + CALCULATOR)
    got = browser.evaluate("""async (inputs) => {
        const out = [];
        for (const [command, text] of inputs) {
          const { status, text: output } = await window.policyCalculator.run(command, text);
          out.push([status, output]);
        }
        return out;
    }""", inputs, timeout=300)
    different = [text for (command, text), result in zip(inputs, got)
                 if tuple(result) != run_text(command, text)]
    assert different == []


FAILED_WITH = """(text) => { const app = document.querySelector(".batch-app");
  const error = app.querySelector(".batch-error").textContent;
  return app.dataset.state === "failed" && error.includes(text) && error; }"""


def test_a_batch_file_that_would_lose_rows_is_refused_naming_the_row(engine, launch, served, tmp_path):
    """Issue 19 (items 5 and 6) in this engine: a stray quote and a file in two encodings are
    refused, the row named, on the page (the Chromium tests check the downloads)."""
    quote, mixed = tmp_path / "quote.csv", tmp_path / "encodings.csv"
    quote.write_bytes(("name,event_date\r\n\"忻州法兰,2025-06-30\r\n" + "定襄,2025-06-30\r\n" * 50).encode())
    mixed.write_bytes("name,event_date\r\n忻州法兰,2025-06-30\r\n".encode() + "定襄锻造,2025-06-30\r\n".encode("gbk"))
    browser = launch()
    open_ready(browser, served.url + "en/" + BATCH)
    browser.choose_file("#batch-file", quote)
    browser.wait(FAILED_WITH, "Row 2: a quote opens a cell and is never closed", timeout=READY_TIMEOUT_S)
    browser.choose_file("#batch-file", mixed)
    browser.wait(FAILED_WITH, "row 2 in UTF-8, row 3 in GB18030", timeout=READY_TIMEOUT_S)


BATCH_TABLE = """() => { const app = document.querySelector(".batch-app");
  return ["done", "failed"].includes(app.dataset.state) &&
    { state: app.dataset.state, total: app.querySelector(".batch-total")?.textContent,
      rows: [...app.querySelectorAll(".batch-table tbody th")].map((th) => Number(th.textContent)),
      errors: [...app.querySelectorAll(".batch-row-errors")].map((td) => td.textContent),
      header: app.querySelector(".batch-header-errors").hidden ? "" : app.querySelector(".batch-header-errors").textContent }; }"""


def test_a_batch_xlsx_is_read_as_cpython_reads_it(engine, launch, served):
    """An .xlsx in this engine (Pyodide's zipfile and XML parser, the file through the worker):
    every row, numbered as the spreadsheet numbers it, with CPython's errors and total."""
    expected = BatchJob(OFFICIALS.read_bytes())
    expected.compute()
    browser = launch()
    open_ready(browser, served.url + "en/" + BATCH)
    browser.choose_file("#batch-file", OFFICIALS)
    done = browser.wait(BATCH_TABLE, timeout=READY_TIMEOUT_S)
    assert done["state"] == "done" and done["rows"] == expected.row_numbers
    assert Decimal(done["total"].replace(",", "")) == expected.total
    assert done["errors"] == ["; ".join(f"{e['cell_en']}: {e['message_en']}" for e in errors)
                              for errors in expected.errors]
    # Its 备注 column names no field: said above the results, in the page's language.
    assert expected.header_errors[0]["message_en"] in done["header"]
    assert violations(browser, "batch page with an .xlsx's results") == []
