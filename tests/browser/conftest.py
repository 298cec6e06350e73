"""Headless Chromium (Debian's package, driven by Playwright's Python package; no browser download).

One browser per session; each test gets its own context (fresh cache, storage and routes).
Without /usr/bin/chromium the browser tests are skipped on a workstation, but fail in CI (CI set).
"""

from __future__ import annotations

import os

import pytest

from .browsing import ARGS, CHROMIUM, READY_TIMEOUT_MS


def _no_browser() -> str | None:
    if CHROMIUM.exists():
        return None
    reason = f"{CHROMIUM} is missing (apt-get install chromium; scripts/setup does it)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; browser tests cannot be skipped in CI")
    return reason


@pytest.fixture(scope="session")
def browser():
    reason = _no_browser()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(READY_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()

