"""The three browser engines the site is tested and measured in, behind one small interface.

Readers use Chromium (360, QQ, Edge, WeChat on Android), Firefox, and WebKit (Safari, and WeChat
on iOS, whose browser is WebKit). Script order, caches and the page lifecycle differ between the
three, so the calculators are tested in all of them (tests/engines/) and measured in all of them
(scripts/bench_calculators.py --engine). Nothing is downloaded: every browser comes from Debian,
every driver from npm or PyPI, all installed by scripts/setup.

| engine | browser | driven by |
|---|---|---|
| chromium | Debian `chromium` | Playwright (PyPI), its Chromium protocol |
| firefox | Debian `firefox-esr` | puppeteer-core (npm) over WebDriver BiDi, through firefox_bridge.mjs |
| webkit | WebKitGTK (Debian `gir1.2-webkit2-4.1`) in webkit_shell.py, on Xvfb | WebKitWebDriver (Debian `webkit2gtk-driver`) through Selenium (PyPI) |

WebKitGTK's MiniBrowser keeps nothing between sessions when automated; webkit_shell.py is a
browser window with a profile folder, so that a restarted WebKit finds its cache and IndexedDB,
as a reader's Safari would.

`launch(engine, profile=...)` starts one browser with one tab; the same profile folder again is
the same browser restarted. Every engine answers the same calls:

- `open(url)`: navigate the tab, returning once the new document is the tab's document;
- `evaluate(script, *args)`: `script` is a JavaScript function expression, possibly async,
  called with `args` (JSON); returns its JSON result;
- `wait(script, *args, timeout)`: evaluate until the result is truthy, and return it;
- `choose_file(selector, path)`: choose a file in a file input, as a reader would;
- `tap(selector)`: a tap (Chromium on a phone-sized touch screen) or a click on an element;
- `console_errors()`: console errors, uncaught exceptions and Content-Security-Policy
  violations since the last call, of the page and its workers, as the engine reports them;
- `close()`.
"""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

ENGINES = ("chromium", "firefox", "webkit")
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


class BrowserMissing(RuntimeError):
    """A browser or driver is not installed: scripts/setup installs them."""


class ScriptError(RuntimeError):
    """The page's script threw, or its promise rejected."""


def call_expression(script: str, args: tuple, timeout: float | None = None) -> str:
    """An expression that calls `script` with `args` and resolves to its JSON text.

    Every driver evaluates this same expression and returns a string, so that no driver's own
    conversion of JavaScript values to Python plays a part. With `timeout` (seconds) a script
    that has not settled by then rejects, for a driver whose own call has no time limit.
    """
    call = f"({script})(...{json.dumps(list(args))})"
    if timeout is not None:
        call = (f"Promise.race([{call}, new Promise((_, reject) => setTimeout("
                f"() => reject(new Error('no answer after {timeout} s')), {int(timeout * 1000)}))])")
    return (f"(async () => {{ try {{ const value = await {call};"
            " return JSON.stringify({ value: value === undefined ? null : value }); }"
            " catch (error) { return JSON.stringify({ error: String(error) + (error && error.stack ? `\\n${error.stack}` : \"\") }); } })()")


def decode(text: str) -> Any:
    result = json.loads(text)
    if "error" in result:
        raise ScriptError(result["error"])
    return result["value"]


class Browser(ABC):
    """What every engine's driver implements (see the module's docstring)."""

    engine: str

    @abstractmethod
    def open(self, url: str, timeout: float = 60) -> None: ...

    @abstractmethod
    def evaluate(self, script: str, *args: Any, timeout: float = 60) -> Any: ...

    @abstractmethod
    def choose_file(self, selector: str, path: Path) -> None: ...

    @abstractmethod
    def tap(self, selector: str) -> None: ...

    @abstractmethod
    def console_errors(self) -> list[str]: ...

    @abstractmethod
    def _close(self) -> None: ...

    def close(self) -> None:
        """Quit the browser (its profile folder stays, unless it was a temporary one); a second
        call does nothing."""
        if not getattr(self, "_closed", False):
            self._closed = True
            self._close()

    def wait(self, script: str, *args: Any, timeout: float = 60, interval: float = 0.05) -> Any:
        """Evaluate `script` until its result is truthy; a TimeoutError names the last result."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.evaluate(script, *args, timeout=timeout)
            except ScriptError as error:
                # A navigation may destroy the document the script ran in: try the next one.
                value, last_error = None, error
            else:
                last_error = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.engine}: {script} was still {value!r} after {timeout} s"
                                   + (f" ({last_error})" if last_error else ""))
            time.sleep(interval)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def launch(engine: str, *, profile: Path | None = None, phone: bool = False,
           playwright: Any = None) -> Browser:
    """One browser of `engine` with one tab. `profile`: a folder kept between launches (cache,
    IndexedDB, local storage), else a fresh one that is deleted on close. `phone`: a 375×812
    viewport with touch. Chromium needs the caller's sync Playwright (`playwright`), since only
    one can run in a process."""
    size = PHONE if phone else DESKTOP
    if engine == "chromium":
        from .chromium import Chromium
        return Chromium(playwright, profile, size, phone)
    if engine == "firefox":
        if phone:
            raise ValueError("the phone size is tested in Chromium and WebKit")
        from .firefox import Firefox
        return Firefox(profile, size)
    if engine == "webkit":
        from .webkit import WebKit
        return WebKit(profile, size, phone)
    raise ValueError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")


def check_installed(engine: str) -> None:
    """Raise BrowserMissing, naming what to install, if `engine` cannot start here."""
    if engine == "chromium":
        from .chromium import check
    elif engine == "firefox":
        from .firefox import check
    elif engine == "webkit":
        from .webkit import check
    else:
        raise ValueError(f"unknown engine {engine!r}")
    check()
