"""Firefox ESR (Debian's `firefox-esr`), driven over WebDriver BiDi by puppeteer-core (npm,
installed without its browser download) through firefox_bridge.mjs."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from . import Browser, BrowserMissing, ScriptError, call_expression, decode

ROOT = Path(__file__).resolve().parents[2]
EXECUTABLE = Path(os.environ.get("FIREFOX", "/usr/bin/firefox-esr"))
BRIDGE = Path(__file__).with_name("firefox_bridge.mjs")


def check() -> None:
    if not EXECUTABLE.exists():
        raise BrowserMissing(f"{EXECUTABLE} is missing (apt-get install firefox-esr; scripts/setup does it)")
    if not (ROOT / "node_modules" / "puppeteer-core").is_dir():
        raise BrowserMissing("node_modules/puppeteer-core is missing (npm ci; scripts/setup does it)")
    if shutil.which("node") is None:
        raise BrowserMissing("node is not on PATH")


class Firefox(Browser):
    engine = "firefox"

    def __init__(self, profile: Path | None, size: dict):
        check()
        self._temporary = profile is None
        self._profile = Path(tempfile.mkdtemp(prefix="firefox-profile-")) if profile is None else profile
        self._ids = itertools.count()
        self._bridge = subprocess.Popen(["node", str(BRIDGE)], cwd=ROOT, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, encoding="utf-8")
        try:
            self._call("launch", timeout=60, executable=str(EXECUTABLE), profile=str(self._profile),
                       viewport=size)
        except BaseException:
            self._bridge.kill()
            raise

    def _call(self, op: str, timeout: float, **args: Any) -> Any:
        command = {"id": next(self._ids), "op": op, "timeout": timeout, **args}
        self._bridge.stdin.write(json.dumps(command) + "\n")
        self._bridge.stdin.flush()
        line = self._bridge.stdout.readline()
        if not line:
            raise RuntimeError(f"the Firefox bridge ended during {op}")
        answer = json.loads(line)
        if "error" in answer:
            raise ScriptError(f"firefox {op}: {answer['error']}")
        return answer["value"]

    def open(self, url: str, timeout: float = 60) -> None:
        self._call("goto", timeout=timeout, url=url)

    def evaluate(self, script: str, *args: Any, timeout: float = 60) -> Any:
        return decode(self._call("evaluate", timeout=timeout, expression=call_expression(script, args)))

    def choose_file(self, selector: str, path: Path) -> None:
        self._call("upload", timeout=30, selector=selector, path=str(path))

    def tap(self, selector: str) -> None:
        self._call("click", timeout=30, selector=selector)

    def console_errors(self) -> list[str]:
        return self._call("console", timeout=10)

    def _close(self) -> None:
        try:
            self._call("close", timeout=30)
            self._bridge.wait(timeout=30)
        finally:
            if self._bridge.poll() is None:
                self._bridge.kill()
            if self._temporary:
                shutil.rmtree(self._profile, ignore_errors=True)
