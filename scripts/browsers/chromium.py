"""Chromium (Debian's `chromium`), driven by Playwright through its own protocol."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from . import Browser, BrowserMissing, ScriptError, call_expression, decode

EXECUTABLE = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps calling Google's hosts, which this
# closed network refuses.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def check() -> None:
    if not EXECUTABLE.exists():
        raise BrowserMissing(f"{EXECUTABLE} is missing (apt-get install chromium; scripts/setup does it)")


class Chromium(Browser):
    engine = "chromium"

    def __init__(self, playwright: Any, profile: Path | None, size: dict, phone: bool):
        check()
        if playwright is None:
            raise ValueError("Chromium is driven through the caller's sync Playwright")
        self._temporary = profile is None
        self._profile = Path(tempfile.mkdtemp(prefix="chromium-profile-")) if profile is None else profile
        self._phone = phone
        self._context = playwright.chromium.launch_persistent_context(
            str(self._profile), executable_path=str(EXECUTABLE), args=ARGS, headless=True,
            viewport=size, has_touch=phone, is_mobile=phone, locale="zh-CN")
        self._page = self._context.pages[0] if self._context.pages else self._context.new_page()
        self._errors: list[str] = []
        self._page.on("console", lambda m: m.type == "error" and self._errors.append(m.text))
        self._page.on("pageerror", lambda e: self._errors.append(str(e)))

    @property
    def page(self):
        """Playwright's page, for what only Chromium's tests use (routes, CDP)."""
        return self._page

    def open(self, url: str, timeout: float = 60) -> None:
        self._page.goto(url, wait_until="commit", timeout=timeout * 1000)

    def evaluate(self, script: str, *args: Any, timeout: float = 60) -> Any:
        from playwright.sync_api import Error

        self._page.set_default_timeout(timeout * 1000)
        try:  # Playwright's evaluate has no time limit of its own
            text = self._page.evaluate(call_expression(script, args, timeout))
        except Error as error:  # e.g. the document navigated away during the script
            raise ScriptError(f"chromium: {error.message}") from None
        return decode(text)

    def choose_file(self, selector: str, path: Path) -> None:
        self._page.set_input_files(selector, str(path))

    def tap(self, selector: str) -> None:
        if self._phone:
            self._page.tap(selector)
        else:
            self._page.click(selector)

    def console_errors(self) -> list[str]:
        errors, self._errors = self._errors, []
        return errors

    def _close(self) -> None:
        self._context.close()
        if self._temporary:
            shutil.rmtree(self._profile, ignore_errors=True)
