"""What the engine tests do on a calculator page, in any engine (scripts/browsers)."""

from __future__ import annotations

import json

from xinzhou_policy.cli import run_text

# A start takes about 3 s in Chromium and Firefox and 6 s in WebKit on an idle 2-core machine.
READY_TIMEOUT_S = 90

CALCULATOR = "calculators/index.html"
LAND = "calculators/land.html"
BATCH = "calculators/batch.html"
BOOT = "/assets/calculators/boot.js"
WORKER = "/assets/calculators/worker.js"
WASM = "/pyodide.asm.wasm"

# The engine's state as the page shows it (engine.js): null while it starts.
STATE = """() => {
  const app = document.querySelector(".calculator-app, .batch-app");
  if (!app) return null;
  const status = app.querySelector(".calc-status").textContent;
  if (app.classList.contains("engine-ready")) return { state: "ready", start: app.dataset.engineStart, status };
  if (app.classList.contains("engine-failed")) return { state: "failed", status };
  return null;
}"""

LAND_INPUT = {"grade": 8, "area_m2": "12345.67", "total_cost": "1500000", "supported_project": True}


def engine_state(browser, timeout: float = READY_TIMEOUT_S) -> dict:
    """Wait until the page's engine is ready or has failed, and say which (and how it started)."""
    return browser.wait(STATE, timeout=timeout)


def open_ready(browser, url: str) -> dict:
    browser.open(url)
    state = engine_state(browser)
    assert state["state"] == "ready", f"{browser.engine}: {url}: {state['status']}"
    return state


def run(browser, command: str, data) -> tuple[int, str]:
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    result = browser.evaluate("(c, t) => window.policyCalculator.run(c, t)", command, text)
    return result["status"], result["text"]


def computes_like_cpython(browser) -> None:
    """One land result through the page's engine, byte for byte the command line's."""
    assert run(browser, "land", LAND_INPUT) == run_text("land", json.dumps(LAND_INPUT, ensure_ascii=False))


def snapshot_settled(browser, timeout: float = READY_TIMEOUT_S) -> str:
    """After a fresh start, wait until the worker has stored its snapshot or given up: "saved"
    or "not-saved" (the `data-snapshot` attribute); "restored" after a start from a snapshot."""
    return browser.wait("""() => { const app = document.querySelector(".calculator-app, .batch-app");
        return app.dataset.engineStart === "snapshot" ? "restored" : app.dataset.snapshot; }""",
                        timeout=timeout)
