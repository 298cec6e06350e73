"""What the browser tests share: Chromium's path and flags, the pages, waiting for the engine."""

from __future__ import annotations

import pytest
from browsers.chromium import ARGS, EXECUTABLE as CHROMIUM  # scripts/browsers (tests/conftest.py)

from ..conftest import Site

__all__ = ["ARGS", "CHROMIUM"]

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


# The worker's answer to the whole query: results listed, or Material's "none found".
_ANSWERED = """([idle, query]) => {
  const meta = document.querySelector(".md-search-result__meta").textContent;
  if (document.querySelector(".md-search__input").value !== query || meta === idle) return false;
  return document.querySelectorAll(".md-search-result__item").length > 0 || /没有找到|No matching/.test(meta);
}"""


def search(page, query: str) -> None:
    """Type a query into Material's search and wait for the worker's answer to all of it
    (results listed, or "none found"): on a busy machine the answer to the query's first
    character can come first. Typed before the worker has built its index, a query waits for
    the next key."""
    idle = page.locator(".md-search-result__meta").text_content()
    page.keyboard.press("/")
    page.keyboard.type(query)
    for _ in range(60):
        if page.evaluate(_ANSWERED, [idle, query]):
            return
        page.keyboard.press("End")
        page.wait_for_timeout(500)
    raise AssertionError(f"search never answered {query!r}")
