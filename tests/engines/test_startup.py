"""The engine starts whatever order the page's scripts arrive in (issue 13).

boot.js starts the engine from the page's head, early; the page code (engine.js, imported by
calculator.js and batch.js) takes it over. The browser may run the two in either order: WebKit
ran the head's async script after the page's module on most visits, and Chromium did whenever
boot.js came late. The engine must start when boot.js comes first, comes late, or never comes
(blocked, failed, stripped by a proxy), and exactly one worker must start in every case.
"""

from __future__ import annotations

import time

import pytest

from .pages import BATCH, BOOT, CALCULATOR, WORKER, computes_like_cpython, engine_state
from .serving import Fault

LATE_S = 1.5


def _started_once(browser, served, url: str) -> None:
    browser.open(served.url + url)
    state = engine_state(browser)
    assert state["state"] == "ready", f"{browser.engine}: {state['status']}"
    if url == CALCULATOR:
        computes_like_cpython(browser)
    # A late boot.js has arrived by now, and must not have started a second worker.
    time.sleep(LATE_S + 0.5)
    assert served.recorder.count(WORKER) == 1


@pytest.mark.parametrize("url", [CALCULATOR, BATCH])
def test_boot_script_served_late(engine, launch, served, url):
    served.recorder.faults[BOOT] = Fault(delay=LATE_S)
    _started_once(launch(), served, url)
    assert served.recorder.count(BOOT) == 1  # it did come, after the page code


@pytest.mark.parametrize("status", [404, 500])
def test_boot_script_missing(engine, launch, served, status):
    served.recorder.faults[BOOT] = Fault(status=status)
    _started_once(launch(), served, CALCULATOR)


def test_boot_script_on_time(engine, launch, served):
    _started_once(launch(), served, CALCULATOR)


def test_the_engine_is_started_once_when_asked_twice(engine, launch, served):
    browser = launch()
    browser.open(served.url + CALCULATOR)
    assert engine_state(browser)["state"] == "ready"
    # Both starters have run (boot.js and the page code); asking again gives the same worker.
    same = browser.evaluate("""async () => {
        const engine = await import(new URL("../assets/calculators/engine.js", location.href).href);
        return engine.bootEngine() === engine.bootEngine();
    }""")
    assert same is True
    computes_like_cpython(browser)
    assert served.recorder.count(WORKER) == 1


def test_the_worker_count_sees_a_second_worker(engine, launch, served):
    """The check above can fail: a second worker started by hand is counted."""
    browser = launch()
    browser.open(served.url + CALCULATOR)
    assert engine_state(browser)["state"] == "ready"
    browser.evaluate("""() => { new Worker(new URL("../assets/calculators/worker.js", location.href),
                                           { type: "module" }); }""")
    browser.wait(f"() => true", timeout=5)
    time.sleep(1)
    assert served.recorder.count(WORKER) == 2
