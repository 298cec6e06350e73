"""A reading page fetches the calculators' runtime into the HTTP cache once idle, in every
engine, and a calculator opened next loads none of it again (calculators/web/prefetch.js).

WebKit is why this is a test per engine: it ignores <link rel=prefetch>, has no
requestIdleCallback, and dropped the cached wasm when the worker's MIME check sent a HEAD for
it (the check is now made on the download's own GET, calculators/web/download.js).
"""

from __future__ import annotations

from .pages import CALCULATOR, READY_TIMEOUT_S, engine_state

FETCHED = "() => performance.getEntriesByName('xinzhou-runtime-fetched').length > 0"


def _runtime_gets(served) -> list[str]:
    with served.recorder.lock:
        return sorted(path for method, path, _ in served.recorder.requests
                      if method == "GET" and "/runtime/" in path)


def test_a_calculator_opened_from_a_reading_page_finds_the_runtime_in_the_cache(engine, launch, served):
    browser = launch()
    browser.open(served.url + "policy.html")
    browser.wait(FETCHED, timeout=READY_TIMEOUT_S)
    fetched = _runtime_gets(served)
    names = sorted(path.rsplit("/", 1)[1] for path in fetched)
    assert names == ["pyodide-lock.json", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs", "python.zip"]
    served.recorder.reset()
    browser.open(served.url + CALCULATOR)
    state = engine_state(browser)
    assert _runtime_gets(served) == [], f"{engine} fetched the runtime again"
    assert state["state"] == "ready", f"{engine}: {state['status']}"
    assert served.recorder.reports == []  # no Content-Security-Policy violation
