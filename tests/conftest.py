"""One build of the site per test session, served from a sub-path by scripts/static_server.py.

The build uses SITE_URL=http://127.0.0.1:PORT/policy-guide/ and the server serves the build
directory's parent, so every test (tests/site, tests/browser) sees the site exactly as an
intranet server under a sub-path would serve it. The fixture is lazy: a session that runs only
tests/rules never builds the site.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SUB_PATH = "policy-guide"
# scripts/browsers, the browser engines' drivers, is shared by the tests and the benchmarks.
sys.path.insert(0, str(REPO / "scripts"))


# A page that only sends the reader on (scripts/hooks/versions.py: the stable address of each
# document's current version).
REDIRECT = '<meta http-equiv="refresh"'


def built_pages(root: Path) -> list[str]:
    """Every HTML page of a build, both languages, 404.html included (served at any path): not
    the runtime's files, nor the pages that only redirect."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if "runtime" not in p.relative_to(root).parts
                  and REDIRECT not in p.read_text(encoding="utf-8")[:2000])


@dataclass(frozen=True)
class Site:
    root: Path  # the build directory
    url: str  # site_url, with the sub-path and a trailing slash

    def page(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def pages(self) -> list[str]:
        return built_pages(self.root)

    @property
    def origin(self) -> str:
        """scheme://host:port of the server, without the sub-path."""
        return self.url.split("/" + SUB_PATH + "/")[0]


def _static_server():
    """scripts/static_server.py (not a package): the server `scripts/serve` uses, so that every
    test runs with its MIME types, compression and Content-Security-Policy."""
    spec = importlib.util.spec_from_file_location("static_server", REPO / "scripts" / "static_server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    served = tmp_path_factory.mktemp("served")
    static_server = _static_server()
    server = static_server.Server(("127.0.0.1", 0), functools.partial(static_server.Handler, directory=str(served)))
    url = f"http://127.0.0.1:{server.server_port}/{SUB_PATH}/"
    root = served / SUB_PATH
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(root)],
        cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode:
        server.server_close()
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Site(root, url)
    server.shutdown()
    server.server_close()


# ------------------------------------------------------------------------------ the browser
# Headless Chromium (Debian's package, driven by Playwright's Python package; no browser
# download), for tests/browser and tests/deploy alike: one Playwright per session, since a second
# synchronous one cannot start inside the first. Each test gets its own context (fresh cache,
# storage and routes). Without /usr/bin/chromium browser tests are skipped on a workstation, but
# fail in CI (CI set).

def _no_browser() -> str | None:
    from .browser.browsing import CHROMIUM  # here: browsing.py imports this module

    if CHROMIUM.exists():
        return None
    reason = f"{CHROMIUM} is missing (apt-get install chromium; scripts/setup does it)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; browser tests cannot be skipped in CI")
    return reason


@pytest.fixture(scope="session")
def playwright():
    """The session's one sync Playwright (tests/browser, tests/deploy and tests/engines)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright):
    reason = _no_browser()
    if reason:
        pytest.skip(reason)
    from .browser.browsing import ARGS, CHROMIUM

    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser):
    from .browser.browsing import READY_TIMEOUT_MS

    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(READY_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()

