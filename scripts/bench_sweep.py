"""Measure the what-if sweep in the worker (issue 24's budget: 200 points and the breakpoints in
at most 100 ms on desktop Chromium) and the bytes the chart adds to a calculator page.

    .venv/bin/python scripts/bench_sweep.py [--site DIR] [--runs 15] [--json out/bench-sweep.json]

Builds the site into a temp dir (or takes --site DIR, a built site), serves it with
scripts/static_server.py's server, opens calculators/index.html in headless Chromium (Debian's,
through Playwright) and times, from the page, `policyCalculator.run("sweep", …)`: the request to
the worker, the rules' sweep of 200 points plus the breakpoints, and the answer's text back, for
each of three inputs of one profile (revenue: thresholds; equipment: a threshold and a cap;
training days: kinks found between points). The baseline, in the same page and run, is one
`estimate` of the same profile, the calculator's own request at each key: the ratio says how many
estimates' time a sweep takes. Also prints the brotli bytes of chart.js, chart.css and whatif.js
as the build precompressed them (the chart's whole weight on a calculator page).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import static_server  # noqa: E402  (scripts/static_server.py)
from browsers.chromium import ARGS, EXECUTABLE as CHROMIUM  # noqa: E402

PROFILE = {"event_date": "2024-06-01", "role": "backbone", "revenue": "520000000",
           "previous_max_revenue": "480000000", "town_revenue_rank": 2, "equipment_investment": "1800000",
           "new_hire_trainees": 10, "new_hire_training_days": 12, "new_hire_employment_rate": "0.9"}
FIELDS = ("revenue", "equipment_investment", "new_hire_training_days")
CHART_FILES = ("chart.js", "chart.css", "whatif.js")
BUDGET_MS = 100
BUDGET_BYTES = 30 * 1024

TIMING = """async ([profile, fields, runs]) => {
  await window.policyCalculator.ready;
  const time = async (command, text) => {
    const start = performance.now();
    const answer = await window.policyCalculator.run(command, text);
    if (answer.status !== 0) throw new Error(answer.text);
    return [performance.now() - start, answer.text];
  };
  const estimate = JSON.stringify(profile);
  const out = { estimate: [], sweeps: {}, points: {} };
  for (const field of fields) { out.sweeps[field] = []; }
  await time("estimate", estimate);
  // The page's first sweep also runs code no estimate has run yet (the first call of each
  // function in wasm): timed apart, it is not a sweep the reader waits for at each key.
  out.first = (await time("sweep", JSON.stringify({ profile, field: fields[0], points: 200 })))[0];
  for (let i = 0; i < runs; i++) {
    out.estimate.push((await time("estimate", estimate))[0]);
    for (const field of fields) {
      const [ms, text] = await time("sweep", JSON.stringify({ profile, field, points: 200 }));
      out.sweeps[field].push(ms);
      const sweep = JSON.parse(text).sweep;
      out.points[field] = [sweep.points.length, sweep.breakpoints.length];
    }
  }
  return out;
}"""


def serve(root: Path):
    server = static_server.Server(("127.0.0.1", 0), partial(static_server.Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build(into: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(into)],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"mkdocs build failed:\n{run.stdout}\n{run.stderr}")


def median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temp dir)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "bench-sweep.json")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    temp = Path(tempfile.mkdtemp(prefix="bench-sweep-"))
    root = args.site.resolve() if args.site else temp / "site"
    if not args.site:
        build(root)
    server = serve(root)
    load_before = [round(x, 2) for x in os.getloadavg()]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/calculators/index.html")
            measured = page.evaluate(TIMING, [PROFILE, list(FIELDS), args.runs])
            version = browser.version
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assets = root / "assets" / "calculators"
    sizes = {name: (assets / f"{name}.br").stat().st_size if (assets / f"{name}.br").exists()
             else (assets / name).stat().st_size for name in CHART_FILES}
    estimate = median(measured["estimate"])
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "browser": version, "runs": args.runs,
        "load": {"before": load_before, "after": [round(x, 2) for x in os.getloadavg()]},
        "estimate_ms": estimate, "first_sweep_ms": round(measured["first"], 1),
        "sweeps": {f: {"median_ms": median(v), "max_ms": round(max(v), 1), "points": measured["points"][f][0],
                       "breakpoints": measured["points"][f][1], "ratio_to_estimate": round(median(v) / estimate, 1)}
                   for f, v in measured["sweeps"].items()},
        "chart_bytes_brotli": sizes, "chart_bytes_total": sum(sizes.values()),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{version}, {args.runs} runs, load {load_before}")
    print(f"baseline: one estimate of the profile, median {estimate} ms")
    print(f"the page's first sweep ({FIELDS[0]}): {report['first_sweep_ms']} ms")
    for field, r in report["sweeps"].items():
        verdict = "PASS" if r["median_ms"] <= BUDGET_MS else "FAIL"
        print(f"sweep {field}: {r['points']} points, {r['breakpoints']} breakpoints: median {r['median_ms']} ms, "
              f"max {r['max_ms']} ms, {r['ratio_to_estimate']}x an estimate  [{verdict} <= {BUDGET_MS} ms]")
    total = report["chart_bytes_total"]
    print(f"chart code, brotli: {sizes} = {total} bytes  [{'PASS' if total <= BUDGET_BYTES else 'FAIL'} <= 30 KB]")


if __name__ == "__main__":
    main()
