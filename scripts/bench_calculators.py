"""Measure the in-browser calculators: start-up, input latency, main-thread stalls, bytes.

    .venv/bin/python scripts/bench_calculators.py [--site DIR] [--runs 7] [--json out/bench-calculators.json]

Builds the site (or takes --site DIR, a built site), serves it on 127.0.0.1 with
scripts/static_server.py's handler (application/wasm, JavaScript for .mjs/.js, gzip when the
client accepts it, long max-age under runtime/), drives headless Chromium (Debian's, through
Playwright; no browser download) and reports, each the median of --runs runs:

- navigation → `policyCalculator.ready` resolved, with a cold cache (a new browser context per
  run) and a warm one (a persistent context whose user-data-dir keeps the HTTP cache: a new page
  in the same browser, and the browser restarted on the same profile);
- input change → updated result (an `input` event on the revenue field, until the result's DOM
  has changed; and until the next frame), median and p95 over --changes changes, plus the bare
  worker round trip of `policyCalculator.run`;
- the longest main-thread task during start-up (PerformanceObserver "longtask", which only sees
  tasks over 50 ms) and the longest gap between timer ticks (which sees shorter stalls);
- the bytes of a cold visit to a calculator page and to a reading page: raw (identity bodies),
  what gzip -9 would send, what brotli -q 11 would send (only with the `brotli` module), and what
  this server sent (gzip -6; already-compressed files stored).

The machine's load is recorded too: the figures are only comparable on a quiet machine.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
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
from functools import lru_cache, partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import static_server  # noqa: E402  (scripts/static_server.py, the server scripts/serve uses)

try:
    import brotli  # type: ignore
except ImportError:  # not a dependency of the project
    brotli = None

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CALCULATOR = "calculators/index.html"
READING = "policy.html"
READY_TIMEOUT_MS = 120_000

# Registered before any page script: long tasks and timer-tick gaps from navigation on, and the
# moment `policyCalculator.ready` resolves (hooked as calculator.js assigns the API).
INIT_SCRIPT = r"""
(() => {
  if (typeof window === "undefined") return;
  const bench = window.__bench = { longtasks: [], gaps: [], readyAt: null, failed: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (e) { bench.noLongtask = String(e); }
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    if (now - last > 20) bench.gaps.push({ start: last, duration: now - last });
    last = now;
    if (bench.readyAt === null || now < bench.readyAt + 1000) setTimeout(tick, 0);
    else bench.done = true;
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
class CountingHandler(static_server.Handler):
    """scripts/static_server.py's handler, counting the body bytes it sends."""

    sent: list[tuple[str, int]] = []  # (path, body bytes), shared by every request
    lock = threading.Lock()

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        with self.lock:
            self.sent.append((self.path, len(data)))

    def log_message(self, format, *args):
        pass


def serve(root: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(CountingHandler, directory=str(root)))
    server.daemon_threads = True
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


# ------------------------------------------------------------------------------ statistics
def median(values):
    return round(statistics.median(values), 1) if values else None


def p95(values):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, -(-95 * len(ordered) // 100) - 1)], 1)  # nearest rank


# ------------------------------------------------------------------------------ measuring
def visit(page, url: str, wait_ready: bool = True) -> dict:
    """Navigate (and wait for the engine), return the timings the init script collected.

    Stalls are split at the load event: before it the page itself loads (Material's bundle,
    layout); after it, until a second past ready, is what the calculator's start-up adds.
    """
    sent_before = len(CountingHandler.sent)
    if wait_ready:
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__bench && window.__bench.readyAt !== null",
                               timeout=READY_TIMEOUT_MS, polling=50)
        page.wait_for_function("() => window.__bench.done === true", timeout=READY_TIMEOUT_MS)
    else:
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(1000)
    bench = page.evaluate("""() => ({...window.__bench,
        load: performance.getEntriesByType("navigation")[0].loadEventEnd})""")
    ready, load = bench["readyAt"], bench["load"]
    end = (ready if ready is not None else page.evaluate("performance.now()")) + 1000

    def longest(entries, after=0.0):
        return round(max((e["duration"] for e in entries if after <= e["start"] <= end), default=0), 1)

    return {
        "ready_ms": None if ready is None else round(ready, 1),
        "load_event_ms": round(load, 1),
        "failed": bench["failed"],
        "server_body_bytes": sum(n for _, n in CountingHandler.sent[sent_before:]),
        "longest_task_ms": longest(bench["longtasks"]),
        "longest_task_after_load_ms": longest(bench["longtasks"], load),
        "longest_tick_gap_ms": longest(bench["gaps"]),
        "longest_tick_gap_after_load_ms": longest(bench["gaps"], load),
    }


def cold_runs(browser, url: str, runs: int, wait_ready: bool = True) -> list[dict]:
    results = []
    for i in range(runs):
        context = browser.new_context()
        context.add_init_script(INIT_SCRIPT)
        results.append(visit(context.new_page(), url, wait_ready))
        context.close()
        print(f"  cold {i + 1}/{runs}: {results[-1]}", file=sys.stderr)
    return results


def warm_runs(playwright, url: str, runs: int) -> tuple[list[dict], list[dict]]:
    profile = tempfile.mkdtemp(prefix="bench-profile-")
    try:
        def launch():
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=ARGS, headless=True)
            context.add_init_script(INIT_SCRIPT)
            return context

        context = launch()
        first = context.new_page()
        visit(first, url)  # fills the HTTP cache (and the compiled-wasm cache beside it)
        first.close()
        same = []
        for i in range(runs):
            page = context.new_page()
            same.append(visit(page, url))
            page.close()
            print(f"  warm, same browser {i + 1}/{runs}: {same[-1]}", file=sys.stderr)
        context.close()
        restarted = []
        for i in range(runs):
            context = launch()
            page = context.pages[0] if context.pages else context.new_page()
            restarted.append(visit(page, url))
            context.close()
            print(f"  warm, restarted {i + 1}/{runs}: {restarted[-1]}", file=sys.stderr)
        return same, restarted
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def latency(browser, url: str, changes: int) -> dict:
    context = browser.new_context()
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    visit(page, url)
    measured = page.evaluate(LATENCY_SCRIPT, changes)
    context.close()
    return {key: {"median_ms": median(values), "p95_ms": p95(values), "max_ms": round(max(values), 1),
                  "n": len(values)} for key, values in measured.items()}


@lru_cache(maxsize=None)
def _sizes(path: Path) -> tuple[int, int, int | None]:
    data = path.read_bytes()
    if path.suffix in static_server.STORED:
        return len(data), len(data), len(data) if brotli else None
    gz = min(len(data), len(gzip.compress(data, compresslevel=9, mtime=0)))
    br = min(len(data), len(brotli.compress(data, quality=11))) if brotli else None
    return len(data), gz, br


def transfer(browser, root: Path, base: str, path: str, wait_ready: bool) -> dict:
    """A cold visit: what was fetched, raw and compressed, and what the server sent."""
    prefix = urlsplit(base).path
    context = browser.new_context()
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    urls: list[str] = []
    page.on("requestfinished", lambda request: urls.append(request.url))
    CountingHandler.sent.clear()
    if wait_ready:
        visit(page, base + path)
    else:
        page.goto(base + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    files = []
    for url in urls:
        local = unquote(urlsplit(url).path)[len(prefix):]
        file = root / local
        if file.is_dir():
            file = file / "index.html"
        if url.startswith(base) and file.is_file():
            files.append(file)
    totals = {"requests": len(urls), "raw": 0, "gzip_9": 0, "brotli_11": 0 if brotli else None}
    for file in files:
        raw, gz, br = _sizes(file)
        totals["raw"] += raw
        totals["gzip_9"] += gz
        if brotli:
            totals["brotli_11"] += br
    totals["served_gzip_6"] = sum(n for _, n in CountingHandler.sent)
    totals["largest"] = [
        {"path": str(f.relative_to(root)), "raw": _sizes(f)[0], "gzip_9": _sizes(f)[1]}
        for f in sorted(set(files), key=lambda f: -_sizes(f)[0])[:6]]
    return totals


# ------------------------------------------------------------------------------ report
def summary(runs: list[dict], key: str) -> dict:
    values = [r[key] for r in runs if not r["failed"] and r[key] is not None]
    return {"median": median(values), "min": min(values, default=None), "max": max(values, default=None),
            "failed_runs": sum(1 for r in runs if r["failed"])}


def mb(n):
    return "–" if n is None else f"{n / 1e6:.2f} MB"


def print_table(report: dict) -> None:
    s = report["startup"]
    print(f"\nCalculator benchmark ({report['runs']} runs each; {report['machine']['cpus']} CPUs; "
          f"load average {report['machine']['load_before']} before, {report['machine']['load_after']} after)")
    print("(long tasks are only reported above 50 ms: 0 means none; timer-tick gaps see shorter stalls)")
    print(f"{'measure':<58} {'median':>10} {'min':>9} {'max':>9}")
    r = report["reading_page"]
    rows = [
        ("navigation → ready, cold cache (ms)", s["cold"]["ready_ms"]),
        ("navigation → ready, warm cache, same browser (ms)", s["warm_same_browser"]["ready_ms"]),
        ("navigation → ready, warm cache, browser restarted (ms)", s["warm_restarted"]["ready_ms"]),
        ("cold: longest main-thread task, whole start-up (ms)", s["cold"]["longest_task_ms"]),
        ("cold: longest main-thread task after the load event (ms)", s["cold"]["longest_task_after_load_ms"]),
        ("cold: longest timer-tick gap, whole start-up (ms)", s["cold"]["longest_tick_gap_ms"]),
        ("cold: longest timer-tick gap after the load event (ms)", s["cold"]["longest_tick_gap_after_load_ms"]),
        ("warm: longest main-thread task, whole start-up (ms)", s["warm_same_browser"]["longest_task_ms"]),
        (f"reading page {READING}: longest main-thread task (ms)", r["longest_task_ms"]),
        (f"reading page {READING}: longest timer-tick gap (ms)", r["longest_tick_gap_ms"]),
    ]
    for name, value in rows:
        print(f"{name:<58} {value['median']:>10} {value['min']:>9} {value['max']:>9}"
              + (f"  ({value['failed_runs']} failed)" if value["failed_runs"] else ""))
    print(f"\n{'input change → result':<58} {'median':>10} {'p95':>9} {'max':>9}")
    for key, name in (("dom", "result DOM updated (ms)"), ("frame", "next frame after it (ms)"),
                      ("trip", "policyCalculator.run round trip (ms)")):
        v = report["latency"][key]
        print(f"{name:<58} {v['median_ms']:>10} {v['p95_ms']:>9} {v['max_ms']:>9}")
    print(f"\n{'cold visit, bytes':<28} {'requests':>8} {'raw':>11} {'gzip -9':>11} {'brotli -q11':>12} {'served':>11}")
    for key, name in (("calculator", f"calculator ({CALCULATOR})"), ("reading", f"reading ({READING})")):
        t = report["bytes"][key]
        print(f"{name:<28} {t['requests']:>8} {mb(t['raw']):>11} {mb(t['gzip_9']):>11} "
              f"{mb(t['brotli_11']):>12} {mb(t['served_gzip_6']):>11}")
    if not brotli:
        print("brotli: the `brotli` module is not installed, so the brotli column is not computed.")
    print(f"\nJSON: {report['json']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site directory (default: build one)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--changes", type=int, default=50, help="input changes for the latency")
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "bench-calculators.json")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    from playwright.sync_api import sync_playwright

    temp = None
    if args.site:
        root = args.site.resolve()
        server = serve(root)
    else:
        temp = Path(tempfile.mkdtemp(prefix="bench-site-"))
        root = temp / "site"
        server = serve(temp)  # the site is served under /site/ and built with that sub-path
    base = f"http://127.0.0.1:{server.server_port}/" + ("" if args.site else "site/")
    if not args.site:
        build(root, base)
    load_before = [round(x, 2) for x in os.getloadavg()]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            url = base + CALCULATOR
            print("warm-up (fills the server's gzip cache; not counted)", file=sys.stderr)
            cold_runs(browser, url, 1)
            print("cold start-up", file=sys.stderr)
            cold = cold_runs(browser, url, args.runs)
            print("reading page (baseline of the page's own main-thread work)", file=sys.stderr)
            reading = cold_runs(browser, base + READING, args.runs, wait_ready=False)
            print("warm start-up", file=sys.stderr)
            same, restarted = warm_runs(playwright, url, args.runs)
            print("latency", file=sys.stderr)
            lat = latency(browser, url, args.changes)
            print("bytes", file=sys.stderr)
            sizes = {"calculator": transfer(browser, root, base, CALCULATOR, True),
                     "reading": transfer(browser, root, base, READING, False)}
            version = browser.version
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
        if temp:
            shutil.rmtree(temp, ignore_errors=True)

    keys = ("ready_ms", "load_event_ms", "longest_task_ms", "longest_task_after_load_ms",
            "longest_tick_gap_ms", "longest_tick_gap_after_load_ms")
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "runs": args.runs,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "chromium": version,
                    "python": platform.python_version(), "load_before": load_before,
                    "load_after": [round(x, 2) for x in os.getloadavg()]},
        "startup": {name: {k: summary(runs, k) for k in keys}
                    for name, runs in (("cold", cold), ("warm_same_browser", same),
                                       ("warm_restarted", restarted))},
        "reading_page": {k: summary(reading, k) for k in keys if k != "ready_ms"},
        "runs_detail": {"cold": cold, "warm_same_browser": same, "warm_restarted": restarted,
                        "reading_page": reading},
        "latency": lat,
        "bytes": sizes,
        "brotli": "computed with the brotli module" if brotli else "not computed: the brotli module is not installed",
        "json": str(args.json),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(report)


if __name__ == "__main__":
    main()
