"""Measure the in-browser calculators against issue 5's targets and a plain-JavaScript baseline.

    .venv/bin/python scripts/bench_calculators.py [--engine chromium|firefox|webkit] [--site DIR]
                                                  [--runs 7] [--changes 50] [--profile phone]
                                                  [--json out/bench-calculators-ENGINE.json]

`--profile phone` (Chromium) measures instead a phone's start-up on two shaped networks, cold,
warm and from a reading page (scripts/bench_phone.py says how).

Every engine (scripts/browsers: Debian's Chromium, Firefox ESR and WebKitGTK) is measured the
same way for start-up, first result and bytes, each against the plain-JavaScript baseline in the
same engine and run: the times are the page's own User Timing marks (`xinzhou-engine-ready`,
set by engine.js, and `xinzhou-first-result`, set by calculator.js and by the baseline), so no
engine needs a script injected before the page's own. Chromium (the default) is also measured
for what only its protocol can see, below: long tasks, input latency.

Builds the site into a temp dir (served under /site/; or takes --site DIR, a built site, served
at /), serves it with scripts/static_server.py's handler (the build's precompressed .br/.gz
copies, the site's CSP and cache headers), drives headless Chromium (Debian's, through
Playwright) and reports the median of --runs runs of each measure, measured side by side:

- navigation → `policyCalculator.ready`, calculators/index.html, with a cold cache (a new
  browser context per run) and a warm one (a persistent profile: a new page in the same
  browser, and the browser restarted on the same profile; the first visit waits until the
  engine's snapshot is stored, so warm visits restore it);
- navigation → first result for one land input in the URL fragment, on the site's
  calculators/land.html (Pyodide) and on scripts/bench_baseline/ (the same rule in plain
  JavaScript, never shipped; served from /__bench-baseline/ with parameters written from
  the policy's parameters.toml, the latest values), cold and warm, both results checked
  against xinzhou_policy.land(); the ratio Pyodide / baseline;
- input change → updated result DOM on calculators/index.html, median and p95 (and the next
  frame, and the bare `policyCalculator.run` round trip), once the snapshot is stored;
- the longest main-thread task (PerformanceObserver "longtask": only tasks over 50 ms exist)
  and the longest timer-tick gap (informative: it also sees shorter stalls), from navigation
  to 1 s after ready;
- the bytes of one cold visit to calculators/index.html, calculators/land.html and policy.html,
  every request until the server has been idle for 2 s: per file raw, .br, .gz (the file's
  size where there is no copy) and the body bytes the server sent to Chromium (which
  accepts br); totals as sent and as a gzip-only client would get them.

Prints the figures and a table of issue 5's targets (PASS/FAIL on the median; latency on its
p95), writes everything as JSON (default out/bench-calculators.json). The machine's load average
is recorded: figures only compare on a quiet machine.
"""

from __future__ import annotations

import argparse
from datetime import date
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench_phone  # noqa: E402  (scripts/bench_phone.py: --profile phone)
import browsers  # noqa: E402  (scripts/browsers: the three engines' drivers)
import static_server  # noqa: E402  (scripts/static_server.py, the server scripts/serve uses)
from browsers.chromium import ARGS, EXECUTABLE as CHROMIUM  # noqa: E402
from xinzhou_policy import land  # noqa: E402
from xinzhou_policy.registry import DOCUMENTS  # noqa: E402
CALCULATOR = "calculators/index.html"
LAND = "calculators/land.html"
READING = "policy.html"
BASELINE_DIR = ROOT / "scripts" / "bench_baseline"
BASELINE_PREFIX = "/__bench-baseline/"
# The land input of both pages, as the site's URL fragment carries it. The area has three
# decimals' worth of product, so the floor needs the half-up rounding to the fen.
LAND_INPUT = {"grade": 8, "area_m2": "12345.67", "total_cost": "1500000", "supported_project": True}
READY_TIMEOUT_MS = 120_000
IDLE_S = 2.0  # a visit's bytes are complete once the server has had no request for this long
TARGETS = {"cold_ready_ms": 1500, "warm_ready_ms": 700, "latency_p95_ms": 30, "task_ms": 50,
           "calculator_bytes": 4_000_000, "reading_bytes": 300_000}

# Registered before any page script: long tasks and timer-tick gaps from navigation on, the
# moment `policyCalculator.ready` settles (hooked as calculator.js assigns the API) and the
# first `.calc-result .calc-total` (site and baseline alike). The tick loop runs until
# `__bench.until`, which visit() sets to 1 s after the awaited events.
INIT_SCRIPT = r"""
(() => {
  if (typeof window === "undefined") return;
  const bench = window.__bench = { longtasks: [], gaps: [], readyAt: null, failed: null,
                                   resultAt: null, resultText: null, until: null, done: false };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (e) { bench.noLongtask = String(e); }
  const results = new MutationObserver(() => {
    const total = document.querySelector(".calc-result .calc-total strong");
    if (total) {
      bench.resultAt = performance.now();
      bench.resultText = total.textContent;
      results.disconnect();
    }
  });
  results.observe(document, { childList: true, subtree: true });
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    if (now - last > 20) bench.gaps.push({ start: last, duration: now - last });
    last = now;
    if (bench.until === null || now < bench.until) setTimeout(tick, 0);
    else { bench.done = true; results.disconnect(); }
  };
  setTimeout(tick, 0);
  let api;
  Object.defineProperty(window, "policyCalculator", {
    configurable: true,
    get() { return api; },
    set(value) {
      api = value;
      value.ready.then(() => { bench.readyAt = performance.now(); },
                       (e) => { bench.failed = String(e); bench.readyAt = performance.now(); });
    },
  });
})();
"""

LATENCY_SCRIPT = r"""
async (n) => {
  const out = document.querySelector(".calc-result");
  const date = document.querySelector("#f-event_date");
  const revenue = document.querySelector("#f-revenue");
  const role = document.querySelector("#f-role");
  const changed = () => new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      const dom = performance.now();
      requestAnimationFrame(() => resolve([dom, performance.now()]));
    });
    observer.observe(out, { childList: true, subtree: true, characterData: true });
  });
  const settle = () => new Promise((r) => setTimeout(r, 30));
  // A valid profile first, so every change gives a full result to render.
  let done = changed();
  date.value = "2024-06-01"; role.value = "backbone";
  date.dispatchEvent(new Event("input", { bubbles: true }));
  await done; await settle();
  const dom = [], frame = [];
  for (let i = 0; i < n; i++) {
    done = changed();
    revenue.value = String(90000000 + i * 20000003);  // crosses thresholds now and then
    const start = performance.now();
    revenue.dispatchEvent(new Event("input", { bubbles: true }));
    const [d, f] = await done;
    dom.push(d - start); frame.push(f - start);
    await settle();
  }
  const trip = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await window.policyCalculator.run("land", '{"grade": 8, "area_m2": "20000"}');
    trip.push(performance.now() - start);
  }
  return { dom, frame, trip };
}
"""


# ------------------------------------------------------------------------------ serving
class BenchHandler(static_server.Handler):
    """scripts/static_server.py's handler, recording every response (path, status, encoding,
    body bytes), and serving the baseline's temp copy under BASELINE_PREFIX."""

    sent: list[dict] = []  # shared by every request
    lock = threading.Lock()
    baseline: Path

    def translate_path(self, path):
        if urlsplit(path).path.startswith(BASELINE_PREFIX):
            site, self.directory = self.directory, str(self.baseline)
            try:
                return super().translate_path(path[len(BASELINE_PREFIX) - 1:])
            finally:
                self.directory = site
        return super().translate_path(path)

    def send_response(self, code, message=None):
        self.record = {"method": self.command, "path": self.path, "status": code, "encoding": None,
                       "bytes": 0, "aborted": False, "at": time.monotonic()}
        with self.lock:
            self.sent.append(self.record)
        super().send_response(code, message)

    def send_header(self, keyword, value):
        if keyword.lower() == "content-encoding":
            self.record["encoding"] = value
        super().send_header(keyword, value)

    def copyfile(self, source, outputfile):
        data = source.read()
        try:
            outputfile.write(data)
        except OSError:  # the client went away: nothing counted
            self.record["aborted"] = True
            raise
        self.record["bytes"] += len(data)

    def log_message(self, format, *args):
        pass


def serve(root: Path, baseline: Path):
    handler = type("Handler", (BenchHandler,), {"baseline": baseline})
    server = static_server.Server(("127.0.0.1", 0), partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build(into: Path, url: str) -> None:
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                          "--site-dir", str(into)], cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"mkdocs build failed:\n{run.stdout}\n{run.stderr}")
    print(f"built the site in {time.monotonic() - started:.1f} s", file=sys.stderr)


def baseline_copy(into: Path) -> None:
    """The baseline page and its parameters, taken from the rule package (never typed twice)."""
    shutil.copytree(BASELINE_DIR, into, dirs_exist_ok=True)
    # The values the land command uses when the input has no date: the latest ones.
    p = DOCUMENTS["policy"].parameters.at(date.max)
    parameters = {
        "national_minimum_prices": {str(int(t.threshold)): str(t.amount) for t in p.national_minimum_prices.tiers},
        "land_supported_ratio": str(p.land_supported_ratio.value),
    }
    (into / "land-parameters.json").write_text(json.dumps(parameters, indent=1) + "\n", encoding="utf-8")


def land_fragment() -> str:
    return "#" + urlencode({k: str(v).lower() if isinstance(v, bool) else v for k, v in LAND_INPUT.items()})


# ------------------------------------------------------------------------------ statistics
def median(values):
    return round(statistics.median(values), 1) if values else None


def p95(values):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, -(-95 * len(ordered) // 100) - 1)], 1)  # nearest rank


# ------------------------------------------------------------------------------ measuring
def visit(page, url: str, waits: tuple[str, ...]) -> dict:
    """Navigate, wait for the awaited events ("ready", "result") and 1 s beyond, and return the
    timings the init script collected (with no event awaited: until the network is idle).

    Stalls are split at the load event too: before it the page itself loads (Material's
    bundle, layout); after it is what the calculator's start-up adds.
    """
    if waits:
        page.goto(url, wait_until="commit")
        condition = " && ".join(f"window.__bench.{w}At !== null" for w in waits)
        page.wait_for_function(f"() => window.__bench && (window.__bench.failed !== null || ({condition}))",
                               timeout=READY_TIMEOUT_MS, polling=50)
        page.evaluate(f"""() => {{ const b = window.__bench;
            b.until = Math.max({", ".join(f"b.{w}At ?? 0" for w in waits)}, b.readyAt ?? 0) + 1000; }}""")
        page.wait_for_function("() => window.__bench.done === true", timeout=READY_TIMEOUT_MS)
    else:
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(1000)
    bench = page.evaluate("""() => ({...window.__bench, now: performance.now(),
        load: performance.getEntriesByType("navigation")[0].loadEventEnd})""")
    load = bench["load"]
    end = bench["until"] if bench["until"] is not None else bench["now"]

    def longest(entries, after=0.0):
        return round(max((e["duration"] for e in entries if after <= e["start"] <= end), default=0), 1)

    at = lambda key: None if bench[key] is None else round(bench[key], 1)  # noqa: E731
    return {
        "ready_ms": at("readyAt"),
        "result_ms": at("resultAt"),
        "result_text": bench["resultText"],
        "load_event_ms": round(load, 1),
        "failed": bench["failed"],
        "longest_task_ms": longest(bench["longtasks"]),
        "longest_task_after_load_ms": longest(bench["longtasks"], load),
        "longest_tick_gap_ms": longest(bench["gaps"]),
        "longest_tick_gap_after_load_ms": longest(bench["gaps"], load),
    }


def snapshot_kept(page) -> None:
    """After a fresh start the worker stores the engine's snapshot once the reader has paused
    (calculators/web/worker.js): wait for it, as a reader's first visit would last that long.
    Pages without a calculator (the baseline), and builds whose engine keeps no snapshot (no
    data-engine-start: for comparisons with older builds), have nothing to wait for."""
    page.wait_for_function("""() => { const app = document.querySelector(".calculator-app, .batch-app");
        return !app || app.dataset.engineStart !== "fresh" || app.dataset.snapshot !== undefined; }""",
                           timeout=READY_TIMEOUT_MS)


def log(label: str, result: dict) -> None:
    shown = {k: result[k] for k in ("ready_ms", "result_ms", "longest_task_ms", "failed") if result.get(k) is not None}
    print(f"  {label}: {shown}", file=sys.stderr)


def cold_runs(browser, pages: dict[str, tuple[str, tuple]], runs: int) -> dict[str, list[dict]]:
    """Each run visits every page in turn, each in a new browser context (an empty cache)."""
    results = {name: [] for name in pages}
    for i in range(runs):
        for name, (url, waits) in pages.items():
            context = browser.new_context()
            context.add_init_script(INIT_SCRIPT)
            results[name].append(visit(context.new_page(), url, waits))
            context.close()
            log(f"cold {name} {i + 1}/{runs}", results[name][-1])
    return results


def warm_runs(playwright, pages: dict[str, tuple[str, tuple]], runs: int) -> tuple[dict, dict]:
    """Warm caches: new pages in the browser that filled them, then the browser restarted on
    the same profile (the HTTP cache and the compiled-code cache are on disk)."""
    profile = tempfile.mkdtemp(prefix="bench-profile-")
    try:
        def launch():
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), args=ARGS, headless=True)
            context.add_init_script(INIT_SCRIPT)
            return context

        context = launch()
        for url, waits in pages.values():  # fills the caches, and the engine's snapshot
            page = context.new_page()
            visit(page, url, waits)
            snapshot_kept(page)
            page.close()
        same = {name: [] for name in pages}
        for i in range(runs):
            for name, (url, waits) in pages.items():
                page = context.new_page()
                same[name].append(visit(page, url, waits))
                page.close()
                log(f"warm, same browser {name} {i + 1}/{runs}", same[name][-1])
        context.close()
        restarted = {name: [] for name in pages}
        for i in range(runs):
            for name, (url, waits) in pages.items():
                context = launch()
                page = context.pages[0] if context.pages else context.new_page()
                restarted[name].append(visit(page, url, waits))
                context.close()
                log(f"warm, restarted {name} {i + 1}/{runs}", restarted[name][-1])
        return same, restarted
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def latency(browser, url: str, changes: int) -> dict:
    context = browser.new_context()
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    visit(page, url, ("ready",))
    snapshot_kept(page)
    measured = page.evaluate(LATENCY_SCRIPT, changes)
    context.close()
    return {key: {"median_ms": median(values), "p95_ms": p95(values), "max_ms": round(max(values), 1),
                  "n": len(values)} for key, values in measured.items()}


def transfer(browser, root: Path, baseline: Path, prefix: str, url: str, waits: tuple) -> dict:
    """One cold visit in Chromium: its bytes (transfer_since_clear)."""
    context = browser.new_context()
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    with BenchHandler.lock:
        BenchHandler.sent.clear()
    visit(page, url, waits)
    sizes = transfer_since_clear(root, baseline, prefix)
    context.close()
    return sizes


def transfer_since_clear(root: Path, baseline: Path, prefix: str) -> dict:
    """Every response since BenchHandler.sent was cleared, once the server has been idle for
    IDLE_S: per file its raw, .br and .gz sizes and what the server sent."""
    while True:
        with BenchHandler.lock:
            last = max((r["at"] for r in BenchHandler.sent), default=0.0)
        if time.monotonic() - last >= IDLE_S:
            break
        time.sleep(0.25)
    with BenchHandler.lock:
        responses = list(BenchHandler.sent)
    files = []
    for response in responses:
        path = unquote(urlsplit(response["path"]).path)
        local = (baseline / path[len(BASELINE_PREFIX):] if path.startswith(BASELINE_PREFIX)
                 else root / path[len(prefix):])
        size = lambda p: p.stat().st_size if p.is_file() else None  # noqa: E731
        raw = size(local)
        entry = {"method": response["method"], "path": path, "status": response["status"],
                 "encoding": response["encoding"], "sent": response["bytes"], "raw": raw}
        if response["aborted"]:
            entry["aborted"] = True
        if raw is not None and response["method"] == "GET" and response["status"] == 200:
            entry["br"] = size(local.with_name(local.name + ".br")) or raw
            entry["gz"] = size(local.with_name(local.name + ".gz")) or raw
        files.append(entry)
    sized = [f for f in files if "br" in f]  # bodies: GET 200 of a file (not HEAD, 304, 404)
    return {
        "requests": len(files),
        "without_body": [f"{f['method']} {f['status']} {f['path']}" for f in files if "br" not in f],
        "raw": sum(f["raw"] for f in sized),
        "br": sum(f["br"] for f in sized),
        "gzip_only_client": sum(f["gz"] for f in sized),
        "sent": sum(f["sent"] for f in files),
        # On a reading page: the runtime it fetched once idle (calculators/web/prefetch.js).
        "runtime_sent": sum(f["sent"] for f in files if "/runtime/" in f["path"]),
        "files": sorted(files, key=lambda f: -f["sent"]),
    }


# ------------------------------------------------------------------------------ any engine
MARKS = {"ready": "xinzhou-engine-ready", "result": "xinzhou-first-result"}
# The page's marks, or its engine's failure (engine.js adds .engine-failed).
MARKED = """(names) => {
  const app = document.querySelector(".calculator-app");
  if (app && app.classList.contains("engine-failed")) return { failed: app.querySelector(".calc-status").textContent };
  const marks = names.map((name) => performance.getEntriesByName(name)[0]);
  if (marks.some((mark) => !mark)) return null;
  const total = document.querySelector(".calc-result .calc-total strong");
  return { at: marks.map((mark) => mark.startTime), text: total ? total.textContent : null };
}"""


def marked_visit(browser, url: str, waits: tuple[str, ...]) -> dict:
    """Navigate and wait for the awaited marks; their times are from the navigation's start."""
    browser.open(url, timeout=READY_TIMEOUT_MS / 1000)
    got = browser.wait(MARKED, [MARKS[w] for w in waits], timeout=READY_TIMEOUT_MS / 1000)
    result = {"ready_ms": None, "result_ms": None, "result_text": None, "failed": got.get("failed")}
    for wait, at in zip(waits, got.get("at", [])):
        result[f"{wait}_ms"] = round(at, 1)
    result["result_text"] = got.get("text")
    return result


def engine_runs(engine: str, pages: dict[str, tuple[str, tuple]], runs: int, playwright) -> dict:
    """Cold (a new profile per visit), warm (the same browser, after a first visit that kept the
    engine's snapshot) and warm after a restart (the same profile, a new browser process)."""
    modes = {"cold": {n: [] for n in pages}, "warm_same_browser": {n: [] for n in pages},
             "warm_restarted": {n: [] for n in pages}}
    for i in range(runs + 1):  # the first round warms the OS file cache: not counted
        for name, (url, waits) in pages.items():
            with browsers.launch(engine, playwright=playwright) as browser:
                result = marked_visit(browser, url, waits)
            if i:
                modes["cold"][name].append(result)
                log(f"{engine} cold {name} {i}/{runs}", result)
    profile = Path(tempfile.mkdtemp(prefix=f"bench-{engine}-"))
    try:
        with browsers.launch(engine, profile=profile, playwright=playwright) as browser:
            for url, waits in pages.values():  # fills the caches, and the engine's snapshot
                marked_visit(browser, url, waits)
                browser.wait("""() => { const app = document.querySelector(".calculator-app");
                    return !app || app.dataset.engineStart !== "fresh" || app.dataset.snapshot !== undefined; }""",
                             timeout=READY_TIMEOUT_MS / 1000)
            for i in range(runs):
                for name, (url, waits) in pages.items():
                    browser.open("about:blank")
                    modes["warm_same_browser"][name].append(marked_visit(browser, url, waits))
                    log(f"{engine} warm, same browser {name} {i + 1}/{runs}", modes["warm_same_browser"][name][-1])
        for i in range(runs):
            for name, (url, waits) in pages.items():
                with browsers.launch(engine, profile=profile, playwright=playwright) as browser:
                    modes["warm_restarted"][name].append(marked_visit(browser, url, waits))
                log(f"{engine} warm, restarted {name} {i + 1}/{runs}", modes["warm_restarted"][name][-1])
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return modes


def engine_transfer(engine: str, playwright, root: Path, baseline: Path, prefix: str, url: str,
                    waits: tuple) -> dict:
    """transfer() for any engine: one cold visit, bytes counted by the server."""
    with BenchHandler.lock:
        BenchHandler.sent.clear()
    with browsers.launch(engine, playwright=playwright) as browser:
        marked_visit(browser, url, waits) if waits else browser.open(url)
        return transfer_since_clear(root, baseline, prefix)


# ------------------------------------------------------------------------------ report
def summary(runs: list[dict], key: str) -> dict:
    values = [r[key] for r in runs if not r["failed"] and r[key] is not None]
    return {"median": median(values), "min": min(values, default=None), "max": max(values, default=None),
            "failed_runs": sum(1 for r in runs if r["failed"])}


def size_text(n):
    return "–" if n is None else f"{n / 1e6:.3f} MB ({n / 2**20:.3f} MiB)"


def print_table(report: dict) -> None:
    m, s, b = report["machine"], report["startup"], report["bytes"]
    print(f"\nCalculator benchmark, {m['browser']}, median of {report['runs']} runs; {m['cpus']} CPUs; "
          f"load average {m['load_before']} before, {m['load_after']} after")
    print("(long tasks exist only above 50 ms, so 0 means none; timer-tick gaps also see shorter stalls)")
    print(f"\n{'start-up (ms)':<70} {'median':>9} {'min':>9} {'max':>9}")
    rows = []
    for mode, label in (("cold", "cold"), ("warm_same_browser", "warm, same browser"),
                        ("warm_restarted", "warm, browser restarted")):
        page = s[mode]
        rows += [
            (f"{label}: {CALCULATOR} navigation → ready", page["calculator"]["ready_ms"]),
            (f"{label}: {LAND} navigation → ready", page["land"]["ready_ms"]),
            (f"{label}: {LAND} navigation → first result", page["land"]["result_ms"]),
            (f"{label}: JS baseline navigation → first result", page["baseline"]["result_ms"]),
        ]
        if "longest_task_ms" in page["calculator"]:  # Chromium only
            rows += [
                (f"{label}: {CALCULATOR} longest task", page["calculator"]["longest_task_ms"]),
                (f"{label}: {CALCULATOR} longest task after load", page["calculator"]["longest_task_after_load_ms"]),
                (f"{label}: {CALCULATOR} longest tick gap", page["calculator"]["longest_tick_gap_ms"]),
                (f"{label}: {CALCULATOR} longest tick gap after load",
                 page["calculator"]["longest_tick_gap_after_load_ms"]),
            ]
    if report["reading_page"]:
        r = report["reading_page"]
        rows += [(f"cold: {READING} longest task", r["longest_task_ms"]),
                 (f"cold: {READING} longest tick gap", r["longest_tick_gap_ms"])]
    for name, value in rows:
        print(f"{name:<70} {value['median']!s:>9} {value['min']!s:>9} {value['max']!s:>9}"
              + (f"  ({value['failed_runs']} failed)" if value["failed_runs"] else ""))

    lb = report["land_vs_baseline"]
    print(f"\nland floor price: expected {lb['expected_floor_price']} (xinzhou_policy.land); "
          f"site {'equal' if lb['site_equal'] else 'NOT EQUAL: ' + str(lb['site_values'])}, "
          f"baseline {'equal' if lb['baseline_equal'] else 'NOT EQUAL: ' + str(lb['baseline_values'])}")
    for mode in ("cold", "warm_same_browser", "warm_restarted"):
        print(f"ratio Pyodide / JS baseline, navigation → first result, {mode}: {lb['ratio'][mode]}")

    if report["latency"]:
        print(f"\n{'input change → result (ms)':<70} {'median':>9} {'p95':>9} {'max':>9}")
        for key, name in (("dom", "result DOM updated"), ("frame", "next frame after it"),
                          ("trip", "policyCalculator.run round trip")):
            v = report["latency"][key]
            print(f"{name:<70} {v['median_ms']!s:>9} {v['p95_ms']!s:>9} {v['max_ms']!s:>9}")

    print(f"\n{'cold visit, bytes (MB = 10^6)':<24} {'requests':>8} {'raw':>11} {'as sent (br)':>13} {'gzip-only':>11}")
    for key, t in b.items():
        print(f"{key:<24} {t['requests']:>8} {t['raw'] / 1e6:>9.3f}MB {t['sent'] / 1e6:>11.3f}MB "
              f"{t['gzip_only_client'] / 1e6:>9.3f}MB" + (f"  without body: {t['without_body']}" if t["without_body"] else ""))
    print(f"largest files of the {CALCULATOR} visit (bytes): raw / .br / .gz / sent")
    for f in b["calculator"]["files"][:6]:
        print(f"  {f['path']}: {f['raw']} / {f.get('br')} / {f.get('gz')} / {f['sent']} ({f['encoding'] or 'identity'})")

    print(f"\n{'target (issue 5)':<64} {'limit':>9} {'measured':>9}  result  detail")
    for t in report["targets"]:
        print(f"{t['target']:<64} {t['limit']!s:>9} {t['measured']!s:>9}  {'PASS' if t['pass'] else 'FAIL':<6}  {t['detail']}")
    print(f"\nJSON: {report['json']}")


def targets(startup: dict, lat: dict | None, sizes: dict) -> list[dict]:
    """Issue 5's targets, each judged on the median over the runs (latency: on the p95); the
    latency and the long tasks are measured in Chromium only."""
    def timed(target, limit, value, detail=""):
        ok = value["median"] is not None and value["median"] <= limit and not value["failed_runs"]
        spread = f"min {value['min']}, max {value['max']}" + (f", {value['failed_runs']} failed" if value["failed_runs"] else "")
        return {"target": target, "limit": limit, "measured": value["median"], "pass": ok,
                "detail": f"{spread}{detail}"}

    def sent(target, limit, visit):
        return {"target": target, "limit": limit, "measured": visit["sent"], "pass": visit["sent"] <= limit,
                "detail": f"{visit['sent'] / 1e6:.3f} MB = {visit['sent'] / 2**20:.3f} MiB; gzip-only client "
                          f"{visit['gzip_only_client'] / 1e6:.3f} MB = {visit['gzip_only_client'] / 2**20:.3f} MiB"}

    calc = {mode: startup[mode]["calculator"] for mode in startup}
    rows = [
        timed("cold ready, median (ms)", TARGETS["cold_ready_ms"], calc["cold"]["ready_ms"]),
        timed("warm ready, same browser, median (ms)", TARGETS["warm_ready_ms"], calc["warm_same_browser"]["ready_ms"]),
        timed("warm ready, browser restarted, median (ms)", TARGETS["warm_ready_ms"], calc["warm_restarted"]["ready_ms"]),
    ]
    if lat:
        dom, frame = lat["dom"], lat["frame"]
        rows.append({"target": "input change → result DOM, p95 (ms)", "limit": TARGETS["latency_p95_ms"],
                     "measured": dom["p95_ms"], "pass": dom["p95_ms"] <= TARGETS["latency_p95_ms"],
                     "detail": f"{dom['n']} changes: median {dom['median_ms']}, max {dom['max_ms']}; "
                               f"next frame p95 {frame['p95_ms']}"})
    for mode, label in (("cold", "cold"), ("warm_same_browser", "warm, same browser"),
                        ("warm_restarted", "warm, browser restarted")):
        if "longest_task_ms" in calc[mode]:
            rows.append(timed(f"longest task in start-up, {label}, median (ms)", TARGETS["task_ms"],
                              calc[mode]["longest_task_ms"],
                              f"; tick gap median {calc[mode]['longest_tick_gap_ms']['median']} (informative)"))
    # A reading page's own bytes: the runtime it fetches once idle, for a calculator opened next,
    # is a deliberate extra, shown beside them.
    own = [f for f in sizes["reading"]["files"] if "/runtime/" not in f["path"]]
    reading = {"sent": sum(f["sent"] for f in own), "gzip_only_client": sum(f.get("gz", 0) for f in own)}
    rows += [sent(f"cold visit {CALCULATOR}, as sent (bytes)", TARGETS["calculator_bytes"], sizes["calculator"]),
             sent(f"cold visit {LAND}, as sent (bytes)", TARGETS["calculator_bytes"], sizes["land"]),
             sent(f"cold visit {READING}, as sent, without the runtime fetched ahead (bytes)",
                  TARGETS["reading_bytes"], reading)]
    rows[-1]["detail"] += f"; runtime fetched ahead once idle {sizes['reading']['runtime_sent'] / 1e6:.3f} MB"
    return rows


def digits(text: str | None) -> str | None:
    """The amount in a rendered result ("2,177,776.19 元" → "2177776.19")."""
    if text is None:
        return None
    kept = "".join(c for c in text if c.isdigit() or c == ".").strip(".")
    return kept or None


def measure_chromium(playwright, pages, base, root, baseline, prefix, runs, changes) -> dict:
    """Chromium through Playwright, with what only its protocol can see: long tasks and
    timer-tick gaps (INIT_SCRIPT, before the page's own scripts), the reading page, latency."""
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    print("warm-up (the OS file cache, the browser's processes; not counted)", file=sys.stderr)
    cold_runs(browser, pages, 1)
    print("cold start-up", file=sys.stderr)
    cold = cold_runs(browser, pages, runs)
    print("reading page (the page's own main-thread work)", file=sys.stderr)
    reading = cold_runs(browser, {"reading": (base + READING, ())}, runs)["reading"]
    print("warm start-up", file=sys.stderr)
    same, restarted = warm_runs(playwright, pages, runs)
    print("latency", file=sys.stderr)
    lat = latency(browser, base + CALCULATOR, changes)
    print("bytes", file=sys.stderr)
    sizes = {name: transfer(browser, root, baseline, prefix, url, waits)
             for name, (url, waits) in {**pages, "reading": (base + READING, ())}.items()}
    version = f"Chromium {browser.version}"
    browser.close()
    return {"modes": {"cold": cold, "warm_same_browser": same, "warm_restarted": restarted},
            "reading": reading, "latency": lat, "bytes": sizes, "version": version}


def measure_engine(engine, playwright, pages, base, root, baseline, prefix, runs) -> dict:
    """Any engine through scripts/browsers: start-up and first result from the page's marks,
    bytes from the server."""
    print(f"{engine}: start-up, cold, warm and after a restart", file=sys.stderr)
    modes = engine_runs(engine, pages, runs, playwright)
    print(f"{engine}: bytes", file=sys.stderr)
    sizes = {name: engine_transfer(engine, playwright, root, baseline, prefix, url, waits)
             for name, (url, waits) in {**pages, "reading": (base + READING, ())}.items()}
    with browsers.launch(engine, playwright=playwright) as browser:
        browser.open("about:blank")
        version = browser.evaluate("() => navigator.userAgent")
    return {"modes": modes, "reading": None, "latency": None, "bytes": sizes, "version": version}


def phone(args, pages: dict, reading_url: str, calculator_url: str, load_before: list) -> None:
    """--profile phone: scripts/bench_phone.py's runs, with this script's visit and checks."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        modes = bench_phone.measure(browser, pages, reading_url, args.runs, INIT_SCRIPT, visit,
                                    snapshot_kept, log)
        heights = bench_phone.form_heights(browser, calculator_url)
        version = f"Chromium {browser.version}"
        browser.close()
    expected = land(LAND_INPUT)["floor_price"]
    values = sorted({digits(r["result_text"]) for by_mode in modes.values() for by_page in by_mode.values()
                     for runs in by_page.values() for r in runs if not r["failed"]}, key=str)
    load = (load_before, [round(x, 2) for x in os.getloadavg()])
    table = bench_phone.summarize(modes)
    report = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "profile": "phone", "runs": args.runs,
              "site": str(args.site) if args.site else "built into a temp dir, served under /site/",
              "machine": {"cpus": os.cpu_count(), "browser": version, "load_before": load[0], "load_after": load[1]},
              "networks": bench_phone.NETWORKS, "expected_floor_price": expected, "values": values,
              "values_equal": values == [expected], "table": table, "runs_detail": modes,
              "form_heights": heights}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    bench_phone.print_table(table, args.runs, load)
    bench_phone.print_heights(heights)
    print(f"land floor price: expected {expected}; results {'equal' if values == [expected] else 'NOT EQUAL: ' + str(values)}")
    print(f"JSON: {args.json}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=browsers.ENGINES, default="chromium")
    parser.add_argument("--site", type=Path, help="a built site directory (default: build one)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--changes", type=int, default=50, help="input changes for the latency (Chromium)")
    parser.add_argument("--profile", choices=("desktop", "phone"), default="desktop",
                        help="phone: shaped networks and a slowed CPU (Chromium; scripts/bench_phone.py)")
    parser.add_argument("--json", type=Path, help="default: out/bench-calculators-ENGINE[-phone].json")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.profile == "phone" and args.engine != "chromium":
        parser.error("--profile phone needs --engine chromium (the DevTools protocol shapes the network and CPU)")
    suffix = "-phone" if args.profile == "phone" else ""
    args.json = args.json or ROOT / "out" / f"bench-calculators-{args.engine}{suffix}.json"
    browsers.check_installed(args.engine)

    from playwright.sync_api import sync_playwright

    temp = Path(tempfile.mkdtemp(prefix="bench-calculators-"))
    baseline = temp / "baseline"
    baseline_copy(baseline)
    if args.site:
        root = args.site.resolve()
        server = serve(root, baseline)
        prefix = "/"
    else:
        root = temp / "site"
        server = serve(temp, baseline)  # the site is served under /site/ and built with that sub-path
        prefix = "/site/"
    origin = f"http://127.0.0.1:{server.server_port}"
    base = origin + prefix
    if not args.site:
        build(root, base)
    expected = land(LAND_INPUT)["floor_price"]
    pages = {"calculator": (base + CALCULATOR, ("ready",)),
             "land": (base + LAND + land_fragment(), ("ready", "result")),
             "baseline": (origin + BASELINE_PREFIX + "land.html" + land_fragment(), ("result",))}
    load_before = [round(x, 2) for x in os.getloadavg()]
    if args.profile == "phone":
        try:
            phone(args, {"land": pages["land"], "baseline": pages["baseline"]}, base + READING, base + CALCULATOR,
                  load_before)
        finally:
            server.shutdown()
            server.server_close()
            shutil.rmtree(temp, ignore_errors=True)
        return
    try:
        with sync_playwright() as playwright:
            if args.engine == "chromium":
                measured = measure_chromium(playwright, pages, base, root, baseline, prefix, args.runs, args.changes)
            else:
                measured = measure_engine(args.engine, playwright, pages, base, root, baseline, prefix, args.runs)
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(temp, ignore_errors=True)

    keys = ("ready_ms", "result_ms", "load_event_ms", "longest_task_ms", "longest_task_after_load_ms",
            "longest_tick_gap_ms", "longest_tick_gap_after_load_ms")
    modes = measured["modes"]
    startup = {mode: {name: {k: summary(runs, k) for k in keys if k in runs[0]} for name, runs in by_page.items()}
               for mode, by_page in modes.items()}
    values = {name: sorted({digits(r["result_text"]) for by_page in modes.values() for r in by_page[name]},
                           key=str) for name in ("land", "baseline")}

    def ratio(mode):
        site, js = startup[mode]["land"]["result_ms"]["median"], startup[mode]["baseline"]["result_ms"]["median"]
        return round(site / js, 1) if site and js else None

    reading = measured["reading"]
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "engine": args.engine,
        "runs": args.runs,
        "site": str(args.site) if args.site else "built into a temp dir, served under /site/",
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "browser": measured["version"],
                    "python": platform.python_version(), "load_before": load_before,
                    "load_after": [round(x, 2) for x in os.getloadavg()]},
        "startup": startup,
        "reading_page": reading and {k: summary(reading, k) for k in keys if k not in ("ready_ms", "result_ms")},
        "land_vs_baseline": {
            "input": LAND_INPUT, "expected_floor_price": expected,
            "site_values": values["land"], "site_equal": values["land"] == [expected],
            "baseline_values": values["baseline"], "baseline_equal": values["baseline"] == [expected],
            "ratio": {mode: ratio(mode) for mode in modes},
        },
        "latency": measured["latency"],
        "bytes": measured["bytes"],
        "runs_detail": {**modes, "reading_page": reading},
        "json": str(args.json),
    }
    report["targets"] = targets(startup, measured["latency"], measured["bytes"])
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(report)


if __name__ == "__main__":
    main()
