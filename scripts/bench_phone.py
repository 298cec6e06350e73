"""The phone profile of scripts/bench_calculators.py (`--profile phone`, Chromium only).

Each visit gets a 390x844 touch viewport, the page's CPU slowed 4x
(`Emulation.setCPUThrottlingRate`) and a shaped network (`Network.emulateNetworkConditions`),
both over the DevTools protocol before the navigation. Chromium refuses the CPU throttle for a
dedicated worker ("Operation is only supported for pages, not workers"), so Pyodide's own work
in the engine's worker runs at the machine's speed; the network shaping covers the worker's
requests too. The figures therefore understate a real phone's processor time in the worker.

Measured, per network, navigation → first result of one land input in the URL fragment, on the
site's calculators/land.html and on the plain-JavaScript baseline, each against the baseline in
the same run:
- cold: a new browser context per visit (empty HTTP cache, no engine snapshot);
- warm: new pages in one context, after a first visit that filled the cache and stored the
  engine's snapshot;
- from a reading page: a new context opens a reading page, stays until the page has fetched the
  runtime into the HTTP cache (calculators/web/prefetch.js marks it) or READ_S seconds have
  passed, then opens the land calculator in the same tab (its HTTP cache is warm, the engine
  has no snapshot yet).

And the full calculator's height at 375x812 before a result, in screens, for every pair of
situations ticked in its picker (the target: at most 3 screens; form_heights).
"""

from __future__ import annotations

import sys
import time

from playwright.sync_api import TimeoutError as PlaywrightTimeout

VIEWPORT = {"width": 390, "height": 844}
CPU_SLOWDOWN = 4
# Throughputs in bytes per second, as the protocol takes them (1 kbit/s = 125 B/s).
NETWORKS = {
    "4g": {"label": "4G in a county town (20 Mbps down, 5 Mbps up, 60 ms RTT)",
           "down_kbps": 20_000, "up_kbps": 5_000, "rtt_ms": 60},
    "lighthouse": {"label": "Lighthouse mobile (1.6 Mbps down, 750 kbps up, 150 ms RTT)",
                   "down_kbps": 1_638.4, "up_kbps": 750, "rtt_ms": 150},
}
# How long a reader stays on the reading page at most before opening the calculator, when the
# page fetches nothing (a build without the idle fetch) or has not finished: the runtime takes
# about 20 s at 1.6 Mbps.
READ_S = 30
PREFETCHED_MARK = "xinzhou-runtime-fetched"  # set by calculators/web/prefetch.js
ENGINE_READY_MARK = "xinzhou-engine-ready"  # set by calculators/web/engine.js


def shaped_page(context, network: dict):
    """A new page of the context with the phone's CPU and the network applied to it."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": network["rtt_ms"],
        "downloadThroughput": network["down_kbps"] * 125, "uploadThroughput": network["up_kbps"] * 125})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return page


def new_context(browser, init_script: str):
    context = browser.new_context(viewport=VIEWPORT, is_mobile=True, has_touch=True)
    context.add_init_script(init_script)
    return context


def read_then_open(page, reading_url: str, url: str, waits: tuple, visit) -> dict:
    """A reader on a reading page who then opens the calculator in the same tab."""
    page.goto(reading_url, wait_until="load")
    started = time.monotonic()
    try:
        page.wait_for_function(f"() => performance.getEntriesByName({PREFETCHED_MARK!r}).length > 0",
                               timeout=READ_S * 1000, polling=100)
        fetched = True
    except PlaywrightTimeout:  # no idle fetch on this build, or not finished yet
        fetched = False
    result = visit(page, url, waits)
    result.update(read_s=round(time.monotonic() - started, 1), runtime_fetched=fetched)
    return result


def measure(browser, pages: dict, reading_url: str, runs: int, init_script: str, visit, settle,
            log) -> dict:
    """pages: {"land": (url, waits), "baseline": (url, waits)}. `visit`, `settle` (wait until
    the engine's snapshot is stored) and `log` are bench_calculators.py's."""
    modes = {}
    for key, network in NETWORKS.items():
        print(f"phone, {network['label']}", file=sys.stderr)
        cold = {name: [] for name in pages}
        for i in range(runs):
            for name, (url, waits) in pages.items():
                context = new_context(browser, init_script)
                cold[name].append(visit(shaped_page(context, network), url, waits))
                context.close()
                log(f"{key} cold {name} {i + 1}/{runs}", cold[name][-1])
        warm = {name: [] for name in pages}
        context = new_context(browser, init_script)
        for url, waits in pages.values():  # fills the cache and stores the engine's snapshot
            page = shaped_page(context, network)
            visit(page, url, waits)
            settle(page)
            page.close()
        for i in range(runs):
            for name, (url, waits) in pages.items():
                page = shaped_page(context, network)
                warm[name].append(visit(page, url, waits))
                page.close()
                log(f"{key} warm {name} {i + 1}/{runs}", warm[name][-1])
        context.close()
        url, waits = pages["land"]
        reading = []
        for i in range(runs):
            context = new_context(browser, init_script)
            reading.append(read_then_open(shaped_page(context, network), reading_url, url, waits, visit))
            context.close()
            log(f"{key} from a reading page {i + 1}/{runs}", reading[-1])
        modes[key] = {"cold": cold, "warm": warm, "from_reading_page": {"land": reading}}
    return modes


FORM_VIEWPORT = {"width": 375, "height": 812}


def form_heights(browser, url: str) -> list[tuple[float, str, str]]:
    """The page's height in screens of 812 px with each pair of situations ticked (by a tap, as a
    reader does), tallest first."""
    from itertools import combinations

    context = browser.new_context(viewport=FORM_VIEWPORT, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(url, wait_until="load")
    keys = page.evaluate("() => [...document.querySelectorAll('.calc-pick input')].map((b) => b.value)"
                         ".filter((v) => v !== 'all')")
    heights = []
    for first, second in combinations(keys, 2):
        page.goto("about:blank")
        page.goto(url, wait_until="load")
        # The engine ready, its status one line: the page as a reader fills it in.
        page.wait_for_function(f"() => performance.getEntriesByName({ENGINE_READY_MARK!r}).length > 0",
                               timeout=120_000, polling=100)
        for key in (first, second):
            page.tap(f'label[for="pick-{key}"]')
        height = page.evaluate("() => document.documentElement.scrollHeight")
        heights.append((round(height / FORM_VIEWPORT["height"], 2), first, second))
    context.close()
    return sorted(heights, reverse=True)


def print_heights(heights: list[tuple[float, str, str]]) -> None:
    within = sum(1 for screens, _, _ in heights if screens <= 3)
    print(f"\nFull calculator at {FORM_VIEWPORT['width']}x{FORM_VIEWPORT['height']} before a result, two situations "
          f"ticked: {within} of {len(heights)} pairs within 3 screens")
    for screens, first, second in heights:
        print(f"  {screens:5.2f} screens  {first} + {second}")


def _median(runs: list[dict]) -> dict:
    from statistics import median
    values = sorted(r["result_ms"] for r in runs if not r["failed"] and r["result_ms"] is not None)
    return {"median": round(median(values)) if values else None, "min": values[0] if values else None,
            "max": values[-1] if values else None, "failed": sum(1 for r in runs if r["failed"]),
            "failures": sorted({r["failed"] for r in runs if r["failed"]}), "runs": len(runs)}


def summarize(modes: dict) -> dict:
    """Per network and mode: navigation → first result of the site and of the baseline, and
    the ratio of the medians (from a reading page: against the cold baseline)."""
    table = {}
    for key, by_mode in modes.items():
        rows = {}
        for mode, by_page in by_mode.items():
            site = _median(by_page["land"])
            base = _median(by_mode["cold" if mode == "from_reading_page" else mode]["baseline"])
            ratio = round(site["median"] / base["median"], 1) if site["median"] and base["median"] else None
            rows[mode] = {"site": site, "baseline": base, "ratio": ratio}
            if mode == "from_reading_page":
                rows[mode]["runtime_fetched"] = sum(1 for r in by_page["land"] if r["runtime_fetched"])
        table[key] = rows
    return table


def print_table(table: dict, runs: int, load: tuple) -> None:
    print(f"\nPhone profile: {VIEWPORT['width']}x{VIEWPORT['height']} touch, page CPU slowed "
          f"{CPU_SLOWDOWN}x, {runs} runs each; load average {load[0]} before, {load[1]} after")
    print("navigation → first result (ms): site calculators/land.html and plain-JS baseline\n")
    print(f"{'network':<12} {'visit':<20} {'site median (min–max)':<26} {'failed':>6} "
          f"{'baseline median (min–max)':<28} {'ratio':>5}")
    for key, rows in table.items():
        for mode, row in rows.items():
            s, b = row["site"], row["baseline"]
            label = mode.replace("_", " ") + (f" ({row['runtime_fetched']}/{s['runs']} fetched)"
                                              if "runtime_fetched" in row else "")
            spread = lambda v: f"{v['median']} ({v['min']}–{v['max']})"  # noqa: E731
            print(f"{key:<12} {label:<20} {spread(s):<26} {s['failed']:>6} {spread(b):<28} {row['ratio']!s:>5}")
            for failure in s["failures"]:
                print(f"{'':<33} failed: {failure}")
    for key, network in NETWORKS.items():
        print(f"{key}: {network['label']}")
