"""The engine's start-up on a slow connection (issue 20), in every engine.

On a phone network the runtime (about 3.7 MB compressed) can take well over 20 s to arrive. The
start-up is given up only when nothing has arrived for the stall deadline (engine.js), never
while bytes still come; meanwhile the page shows what is loading, the bytes received and the
total, and a progress bar, and the form can be filled in: what was typed is computed as soon as
the engine is ready. The server sends the runtime slowly or stops sending it (serving.py's
Fault), in every engine; in Chromium the network itself is also slowed, through the DevTools
protocol, as a phone's would be.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from xinzhou_policy.cli import run_text

from ..browser.test_a11y import AXE, WCAG_AA
from .pages import BATCH, CALCULATOR, READY_TIMEOUT_S, STATE, WASM, engine_state
from .serving import Fault
from .test_calculators import FILL, PROFILE

ENGINE_JS = Path(__file__).resolve().parents[2] / "calculators" / "web" / "engine.js"
# The stall deadline, where it is set.
STALL_S = int(re.search(r"STALL_TIMEOUT_MS = (\d+);", ENGINE_JS.read_text(encoding="utf-8"))[1]) / 1000
# The wasm's download alone takes longer than the stall deadline, and the whole start-up longer
# than the fixed deadline of 20 s it replaces: only a deadline on silence lets it succeed.
SLOW_S = max(STALL_S, 20) + 5
# A stalled download has sent this much of the wasm, then nothing more.
STALL_AFTER_BYTES = 256 * 1024

# The download's progress as the page shows it, or null when none is shown.
PROGRESS = """() => {
  const bar = document.querySelector(".calc-progress [role=progressbar]");
  const box = bar && bar.closest(".calc-progress");
  if (!box || box.hidden) return null;
  const rect = box.getBoundingClientRect();
  return { now: bar.getAttribute("aria-valuenow"), min: bar.getAttribute("aria-valuemin"),
           max: bar.getAttribute("aria-valuemax"), text: bar.getAttribute("aria-valuetext"),
           label: bar.getAttribute("aria-label"), files: box.querySelector(".calc-progress-files").textContent,
           top: rect.top, bottom: rect.bottom, height: rect.height, innerHeight,
           fill: bar.firstElementChild.style.width,
           status: document.querySelector(".calc-status").textContent };
}"""
# Some bytes of the wasm have arrived, not all.
UNDER_WAY = f"""() => {{ const p = ({PROGRESS})(); const now = p && Number(p.now);
  return p && now > 0 && now < 100 && p; }}"""
# axe-core's WCAG A/AA violations of the page as it is, one line each.
AXE_RUN = """(tags) => axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
  .then((r) => r.violations.map((v) => `${v.id} (${v.impact}) ${v.help} | ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("; ")}`))"""
SUMMARY = """() => { const summary = document.querySelector(".calc-summary");
  return !summary.hidden && summary.querySelector("span").textContent; }"""


def progress_under_way(browser, timeout: float = SLOW_S) -> dict:
    """Wait for a download under way and check what the reader sees of it."""
    shown = browser.wait(UNDER_WAY, timeout=timeout)
    assert (shown["min"], shown["max"]) == ("0", "100"), shown
    assert shown["label"] and "MB" in shown["text"], shown
    assert "pyodide.asm.wasm" in shown["files"] and "python.zip" in shown["files"], shown
    assert shown["height"] > 0 and shown["fill"] == f"{shown['now']}%", shown  # the bar drawn as said
    return shown


# Lighthouse's mobile profile (1.6 Mbps, 150 ms round trip), slowed to 1.2 Mbps so that the
# runtime takes longer than 20 s to arrive here too.
THROTTLED = {"offline": False, "latency": 150, "downloadThroughput": 1_200_000 / 8, "uploadThroughput": 750_000 / 8}


def _slow_start_succeeds(browser, served) -> None:
    """The calculator on a slow connection: progress all along, the form filled in meanwhile and
    computed once the engine is ready, however long the runtime took to arrive."""
    started = time.monotonic()
    browser.open(served.url + CALCULATOR)
    first = progress_under_way(browser)
    assert "MB / " in first["text"] and "已接收" in first["text"], first  # the page's language
    # The reader fills in the form while the runtime arrives.
    browser.evaluate(FILL, PROFILE)
    later = browser.wait(f"""(before) => {{ const p = ({UNDER_WAY})();
        return p && Number(p.now) > before && p; }}""", int(first["now"]), timeout=SLOW_S)
    assert browser.evaluate(STATE) is None, later  # still loading
    state = engine_state(browser)
    elapsed = time.monotonic() - started
    assert state["state"] == "ready", state["status"]
    assert elapsed > max(STALL_S, 20), f"the download was not slow: {elapsed:.1f} s"
    # What was typed during the start-up is computed once the engine is ready.
    summary = browser.wait(SUMMARY, timeout=READY_TIMEOUT_S)
    total = json.loads(run_text("estimate", json.dumps(PROFILE))[1])["totals_by_recipient"]["enterprise"]
    assert "".join(c for c in summary if c.isdigit() or c == ".") == total, summary
    assert browser.evaluate(PROGRESS) is None  # the progress is gone once the engine is ready


def test_a_slow_but_steady_download_succeeds(engine, launch, served):
    served.recorder.faults[WASM] = Fault(over_s=SLOW_S)
    _slow_start_succeeds(launch(), served)


@pytest.mark.parametrize("engine", [pytest.param("chromium", marks=pytest.mark.chromium)], indirect=True)
def test_a_throttled_network_succeeds(engine, launch, served):
    browser = launch()
    devtools = browser.page.context.new_cdp_session(browser.page)
    devtools.send("Network.enable")
    devtools.send("Network.emulateNetworkConditions", THROTTLED)
    _slow_start_succeeds(browser, served)


@pytest.mark.parametrize(("url", "reason"), [(CALCULATOR, "加载停滞"), ("en/" + BATCH, "Loading stalled")])
def test_a_stalled_download_fails_naming_the_file(engine, launch, served, url, reason):
    served.recorder.faults[WASM] = Fault(stall_after=STALL_AFTER_BYTES)
    browser = launch()
    browser.open(served.url + url)
    progress_under_way(browser)
    stalled_at = time.monotonic()
    state = engine_state(browser)
    waited = time.monotonic() - stalled_at
    assert state["state"] == "failed", state
    assert reason in state["status"] and "pyodide.asm.wasm" in state["status"], state["status"]
    # Not before the deadline (the bytes stopped a little before the progress was first read).
    assert waited > STALL_S - 2, f"failed {waited:.1f} s after the download stopped"
    assert browser.evaluate(PROGRESS) is None


@pytest.mark.parametrize("engine", [pytest.param("chromium", marks=pytest.mark.chromium),
                                    pytest.param("webkit", marks=pytest.mark.webkit)], indirect=True)
def test_progress_at_phone_size(engine, launch, served):
    """On a phone's screen the progress is on the first screen, and passes axe."""
    served.recorder.faults[WASM] = Fault(over_s=SLOW_S)
    browser = launch(phone=True)
    browser.open(served.url + CALCULATOR)
    shown = progress_under_way(browser)
    assert 0 <= shown["top"] and shown["bottom"] <= shown["innerHeight"], shown
    # axe is added by the driver (the site's Content-Security-Policy forbids inline scripts).
    browser.evaluate("() => {" + AXE.read_text(encoding="utf-8") + "\n}")
    found = browser.evaluate(AXE_RUN, WCAG_AA)
    assert browser.evaluate(UNDER_WAY), "the download ended before axe had run: slow it down"
    assert found == [], "\n".join(found)
