"""WebKit: WebKitGTK (Debian's `gir1.2-webkit2-4.1`) in webkit_shell.py on an Xvfb screen, driven
by WebKitWebDriver (Debian's `webkit2gtk-driver`) through Selenium (PyPI).

WebKitGTK has no headless mode: one Xvfb server is started for the process, on a free display,
and stopped at exit. The driver speaks WebDriver classic only (no BiDi), so console messages are
read from the shell's standard output in the driver's log (CSP violations included).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from . import Browser, BrowserMissing, ScriptError, call_expression, decode

DRIVER = Path(os.environ.get("WEBKIT_WEBDRIVER", "/usr/bin/WebKitWebDriver"))
XVFB = Path("/usr/bin/Xvfb")
SHELL = Path(__file__).with_name("webkit_shell.py")
SYSTEM_PYTHON = Path("/usr/bin/python3")
# WebKit's console line for an error: "CONSOLE ERROR message", with the source before ERROR for
# some ("CONSOLE JS ERROR", "CONSOLE SECURITY ERROR" for a CSP violation) and the script's
# location before CONSOLE for others.
_CONSOLE_ERROR = re.compile(r"CONSOLE(?: \w+)? ERROR (.*)$")

_display: str | None = None


def check() -> None:
    for path, package in ((DRIVER, "webkit2gtk-driver"), (XVFB, "xvfb"), (SYSTEM_PYTHON, "python3")):
        if not path.exists():
            raise BrowserMissing(f"{path} is missing (apt-get install {package}; scripts/setup does it)")
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import gi; gi.require_version('WebKit2', '4.1')"],
                           capture_output=True, text=True)
    if probe.returncode:
        raise BrowserMissing("WebKitGTK's Python bindings are missing (apt-get install python3-gi "
                             f"gir1.2-webkit2-4.1; scripts/setup does it): {probe.stderr.strip()}")
    try:
        import selenium  # noqa: F401
    except ImportError:
        raise BrowserMissing("selenium is missing from the venv (scripts/setup installs requirements.txt)") from None


def _screen() -> str:
    """The display of this process's Xvfb server, started on first use."""
    global _display
    if _display is None:
        read, write = os.pipe()
        server = subprocess.Popen([str(XVFB), "-displayfd", str(write), "-screen", "0", "1280x1024x24",
                                   "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            server.kill()
            raise BrowserMissing("Xvfb did not start")
        atexit.register(server.kill)
        _display = f":{number}"
    return _display


class WebKit(Browser):
    engine = "webkit"

    def __init__(self, profile: Path | None, size: dict, phone: bool):
        check()
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        self._temporary = profile is None
        self._profile = Path(tempfile.mkdtemp(prefix="webkit-profile-")) if profile is None else profile
        self._log = tempfile.NamedTemporaryFile(prefix="webkit-driver-", suffix=".log", delete=False)
        self._read = 0
        options = Options()
        options.binary_location = str(SHELL)
        options.set_capability("browserName", SHELL.name)
        # "none": get() returns once the navigation has started; open() then waits for the new
        # document itself ("eager" can block get() until the page-load timeout).
        options.page_load_strategy = "none"
        env = {**os.environ, "DISPLAY": _screen(), "WEBKIT_SHELL_PROFILE": str(self._profile),
               "WEBKIT_SHELL_SIZE": f"{size['width']}x{size['height']}"}
        service = Service(str(DRIVER), log_output=self._log.name, env=env)
        self._driver = webdriver.WebKitGTK(options=options, service=service)
        self.phone = phone

    @property
    def driver(self):
        """Selenium's driver, for what only WebKit's tests use (pointer actions)."""
        return self._driver

    def _url(self) -> str | None:
        """The document's URL, or None while one document unloads for the next: WebKitWebDriver
        then drops the script ("Callback was not called before the unload event")."""
        from selenium.common.exceptions import WebDriverException

        try:
            return self._driver.execute_script("return document.URL")
        except WebDriverException:
            return None

    def open(self, url: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        if url != "about:blank" and self._url() == url:
            self.open("about:blank", timeout)
        self._driver.get(url)
        while self._url() != url:
            if time.monotonic() > deadline:
                raise TimeoutError(f"webkit: {url} did not open in {timeout} s")
            time.sleep(0.02)

    def evaluate(self, script: str, *args: Any, timeout: float = 60) -> Any:
        from selenium.common.exceptions import WebDriverException

        self._driver.set_script_timeout(timeout)
        done = "arguments[arguments.length - 1]"
        try:
            text = self._driver.execute_async_script(
                f"{call_expression(script, args)}.then({done}, (e) => {done}(JSON.stringify({{ error: String(e) }})));")
        except WebDriverException as error:  # e.g. the document navigated away during the script
            raise ScriptError(f"webkit: {error.msg}") from None
        if text is None:
            raise ScriptError("webkit: the document went away during the script")
        return decode(text)

    def _element(self, selector: str):
        from selenium.webdriver.common.by import By

        return self._driver.find_element(By.CSS_SELECTOR, selector)

    def choose_file(self, selector: str, path: Path) -> None:
        self._element(selector).send_keys(str(path))

    def tap(self, selector: str) -> None:
        """A touch on a phone-sized window (WebDriver's touch pointer), else a click."""
        element = self._element(selector)
        if not self.phone:
            element.click()
            return
        from selenium.webdriver.common.actions.action_builder import ActionBuilder
        from selenium.webdriver.common.actions.interaction import POINTER_TOUCH
        from selenium.webdriver.common.actions.pointer_input import PointerInput

        actions = ActionBuilder(self._driver, mouse=PointerInput(POINTER_TOUCH, "finger"))
        actions.pointer_action.move_to(element).pointer_down().pause(0.05).pointer_up()
        actions.perform()

    def console_errors(self) -> list[str]:
        with open(self._log.name, encoding="utf-8", errors="replace") as log:
            log.seek(self._read)
            lines = log.read().splitlines()
            self._read = log.tell()
        return [m[1] for line in lines if (m := _CONSOLE_ERROR.search(line))]

    def _close(self) -> None:
        try:
            self._driver.quit()
        finally:
            os.unlink(self._log.name)
            if self._temporary:
                shutil.rmtree(self._profile, ignore_errors=True)
