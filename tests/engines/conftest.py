"""The calculators in every reader's browser engine: Chromium, Firefox and WebKit.

Each test that takes `engine` runs once per engine, marked `chromium`, `firefox` or `webkit`, so
that one engine can run alone: `.venv/bin/python -m pytest -m webkit tests/engines`. A browser
that is not installed fails the test: scripts/setup installs all three.

The session's build (tests/conftest.py) is served a second time, on its own origin, by
serving.py's server, which records requests and CSP reports and can delay or refuse any file.
"""

from __future__ import annotations

from dataclasses import dataclass

import browsers  # scripts/browsers: the engines' drivers (on the path through tests/conftest.py)
import pytest

from ..conftest import SUB_PATH, _static_server
from .serving import Recorder, serve

ENGINES = [pytest.param(name, marks=getattr(pytest.mark, name)) for name in browsers.ENGINES]


def pytest_collection_modifyitems(config, items):
    """Every test here runs in an engine, and is marked with it: the suite runs a part per
    engine (scripts/run_tests.py), so a test without an engine's mark would run in none."""
    unmarked = [item.nodeid for item in items if "tests/engines/" in item.nodeid.replace("\\", "/")
                and not any(item.get_closest_marker(name) for name in browsers.ENGINES)]
    if unmarked:
        raise pytest.UsageError("tests/engines: a test without an engine (take the `engine` fixture): "
                                + ", ".join(unmarked))


@dataclass(frozen=True)
class Served:
    url: str  # the site's root, with the sub-path and a trailing slash
    recorder: Recorder


@pytest.fixture(scope="session")
def served_site(site):
    recorder = Recorder()
    server = serve(_static_server(), str(site.root.parent), recorder)
    yield Served(f"http://127.0.0.1:{server.server_port}/{SUB_PATH}/", recorder)
    server.shutdown()
    server.server_close()


@pytest.fixture
def served(served_site):
    """The engine tests' server, with no fault set and nothing recorded yet."""
    served_site.recorder.reset()
    yield served_site
    served_site.recorder.reset()


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    try:
        browsers.check_installed(request.param)
    except browsers.BrowserMissing as missing:
        pytest.fail(f"{request.param}: {missing}")
    return request.param


@pytest.fixture
def launch(engine, request, tmp_path):
    """launch(profile=None, phone=False): a browser of the test's engine, closed after the test.
    The same profile folder twice is the same browser restarted."""
    opened: list[browsers.Browser] = []

    def start(profile=None, phone=False) -> browsers.Browser:
        playwright = request.getfixturevalue("playwright") if engine == "chromium" else None
        browser = browsers.launch(engine, profile=profile, phone=phone, playwright=playwright)
        opened.append(browser)
        return browser

    yield start
    for browser in opened:
        browser.close()
