"""What the browser tests share: Chromium's path and flags, the pages, waiting for the engine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ..conftest import Site

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

# Start-up takes about 3 s on an idle 2-core machine; a loaded one (tests in parallel) needs more.
READY_TIMEOUT_MS = 60_000

CALCULATORS = ("index", "milestones", "equipment", "training", "land")
CALCULATOR_PAGES = tuple(f"{lang}calculators/{name}.html" for lang in ("", "en/") for name in CALCULATORS)
READING_PAGES = ("index.html", "policy.html", "regulation.html",
                 "en/index.html", "en/policy.html", "en/regulation.html")


def wait_ready(page) -> None:
    """Wait for window.policyCalculator.ready; a rejection fails with the page's status text."""
    page.wait_for_function("() => window.policyCalculator !== undefined", timeout=READY_TIMEOUT_MS)
    outcome = page.evaluate(
        """() => window.policyCalculator.ready.then(() => "ok", (e) => String(e))""")
    if outcome != "ok":
        status = page.locator(".calc-status").inner_text()
        pytest.fail(f"the calculator did not start: {outcome}; status: {status}")


def open_calculator(page, site: Site, path: str, fragment: str = "") -> None:
    page.goto(site.url + path + fragment)
    wait_ready(page)


def search(page, query: str) -> None:
    """Type a query into Material's search and wait for the worker's answer (results or "none
    found"). Typed before the worker has built its index, a query waits for the next key."""
    meta = page.locator(".md-search-result__meta")
    idle = meta.text_content()
    page.keyboard.press("/")
    page.keyboard.type(query)
    for _ in range(60):
        if meta.text_content() != idle:
            return
        page.keyboard.press("End")
        page.wait_for_timeout(500)
    raise AssertionError(f"search never answered {query!r}")
