"""The batch page's budget summary in each engine (batch_summary.js): every table Python makes,
with its figures, and a bar per row; no axe violation; at 375 px in Chromium and WebKit (a phone)
the page does not scroll sideways (a wide table scrolls in its own box). Firefox reads the
English page, the others the Chinese one: one page load per engine."""

from __future__ import annotations

from pathlib import Path

from xinzhou_policy.batch import BatchJob

from .accessibility import violations
from .pages import BATCH, READY_TIMEOUT_S, open_ready

MIXED = Path(__file__).resolve().parents[1] / "rules" / "batch" / "mixed.csv"

SHOWN = """() => {
  const app = document.querySelector(".batch-app");
  if (!["done", "failed"].includes(app.dataset.state)) return null;
  const parts = [...app.querySelectorAll(".batch-budget-part")];
  return { state: app.dataset.state, title: app.querySelector(".batch-budget h2")?.textContent,
    scrollWidth: document.documentElement.scrollWidth, width: innerWidth,
    parts: parts.map((p) => ({ title: p.querySelector("h3").textContent,
      head: [...p.querySelectorAll(".batch-budget-table thead th")].map((c) => c.textContent),
      rows: [...p.querySelectorAll(".batch-budget-table tbody tr")].map((r) => [...r.children].map((c) => c.textContent)),
      bars: p.querySelectorAll("svg[role=img] rect.chart-bar").length,
      named: p.querySelector("svg[role=img]")?.getAttribute("aria-labelledby") || "" })) };
}"""


def _figures(cell: str) -> str:
    """A shown number as the digits Python wrote (the page adds separators only)."""
    return cell.replace(",", "")


def test_the_summary_shows_every_table_as_python_computes_it(engine, launch, served):
    lang = "en" if engine == "firefox" else "zh"
    browser = launch(phone=engine != "firefox")
    open_ready(browser, served.url + ("en/" if lang == "en" else "") + BATCH)
    browser.choose_file("#batch-file", MIXED)
    shown = browser.wait(SHOWN, timeout=READY_TIMEOUT_S)
    assert shown["state"] == "done"
    job = BatchJob(MIXED.read_bytes())
    job.compute()
    expected = job.budget.to_dict(lang)
    tables = [t for t in expected["tables"] if t["rows"]]
    assert shown["title"] == expected["title"] and len(tables) >= 4
    assert [p["title"] for p in shown["parts"]] == [t["title"] for t in tables]
    for part, table in zip(shown["parts"], tables):
        assert part["head"] == table["columns"]
        assert [[_figures(c) if k != "text" else c for c, k in zip(row, table["kinds"])] for row in part["rows"]] \
            == table["rows"], table["key"]
        assert part["bars"] == len(table["rows"]) and part["named"]
    if engine != "firefox":
        assert shown["width"] == 375 and shown["scrollWidth"] <= 375, shown["scrollWidth"]
    assert violations(browser, f"{BATCH} ({lang}) budget summary") == []
