"""Measure the batch estimates: 10,000 and 100,000 rows on the command line, against a baseline
revision in the same run; the reader's peak memory; 10,000 rows in the browser, and 100,000 rows
of CSV and of .xlsx in the browser with the page's longest main-thread stall, its progress
updates and the engine's memory.

    .venv/bin/python scripts/bench_batch.py [--site DIR] [--runs 3] [--baseline REV]
                                            [--json out/bench-batch.json]

The input files are made here, from a fixed seed: every field of the profile in use, about 5 %
of the rows with an error and some events outside the policy's validity; the .xlsx holds the
same rows under the Chinese titles (batch_xlsx writes it). The baseline (default origin/main, or
main) is the rule package of that revision, run by the same interpreter on the same CSV: the
ratio of the two says whether a change made the command line slower, on any machine. The
reader's peak is tracemalloc's, in this process, while a 100,000-row file is opened and
computed; the engine's is the size of the WebAssembly heap at the end (it only grows: a peak). The site is built (or
taken from --site DIR, built with any SITE_URL) and served with scripts/static_server.py's handler;
headless Chromium (Debian's, through Playwright) opens the batch page, waits for the engine, and
chooses the file. Browser times run from the file input's `change` event to the table and the
summary being shown (the page's data-state="done"), engine start-up excluded. Each figure is the
median of --runs runs; the 100,000-row run is done once. The machine's load is recorded too: the
figures are only comparable on a quiet machine.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import static_server  # noqa: E402  (scripts/static_server.py, the server scripts/serve uses)
from browsers.chromium import ARGS, EXECUTABLE as CHROMIUM  # noqa: E402

from xinzhou_policy.batch import INPUT_COLUMNS, NAME_LABEL, BatchJob  # noqa: E402
from xinzhou_policy.batch_xlsx import workbook  # noqa: E402
from xinzhou_policy.profile import PROFILE_FIELDS  # noqa: E402

PAGE = "calculators/batch.html"
TIMEOUT_MS = 600_000

# Before any page script: the `change` of the file input, data-state="done", progress updates,
# long tasks (over 50 ms) and gaps between timer ticks (which also see shorter stalls).
INIT_SCRIPT = r"""
(() => {
  const bench = window.__bench = { start: null, end: null, progress: 0, longtasks: [], gaps: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longtasks.push(e.duration);
  }).observe({ type: "longtask", buffered: true });
  document.addEventListener("change", () => { bench.start = performance.now(); }, true);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.attributeName === "data-state" && r.target.dataset.state !== "running" && bench.start !== null) bench.end = performance.now();
      if (r.attributeName === "value" && r.target.tagName === "PROGRESS") bench.progress++;
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-state", "value"] });
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    if (bench.start !== null && bench.end === null) bench.gaps.push(now - last);
    last = now;
    setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
})();
"""


def make_file(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(INPUT_COLUMNS)
        for i in range(rows):
            previous = rng.randrange(0, 3_000_000_000)
            row = {"name": f"企业{i:06d}", "role": rng.choice(("leading", "backbone", "none", "")),
                   "event_date": f"{rng.choice((2021, 2023, 2024, 2025, 2026))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                   "previous_max_revenue": str(previous),
                   "revenue": str(previous + rng.randrange(0, 800_000_000))}
            if rng.random() < 0.5:
                row.update(town_revenue_rank=str(rng.randint(1, 8)), equipment_investment=str(rng.randrange(0, 5_000_000)))
            for name in ("provincial_key_project_support", "provincial_digital_award", "provincial_standards_subsidy",
                         "provincial_gi_award", "provincial_time_honored_brand_award", "provincial_culture_park_award"):
                if rng.random() < 0.15:
                    row[name] = str(rng.randrange(0, 900_000))
            if rng.random() < 0.1:
                row.update(selected_scale_leader="true", first_single_champion_product=rng.choice(("true", "false")))
            if rng.random() < 0.3:
                row.update(incumbent_trainees=str(rng.randint(0, 200)), new_hire_trainees=str(rng.randint(0, 50)),
                           new_hire_training_days=str(rng.randint(1, 40)), new_hire_employment_rate=f"0.{rng.randint(10, 99)}")
            if rng.random() < 0.05:  # a typing mistake
                row[rng.choice(("revenue", "event_date", "town_revenue_rank"))] = rng.choice(("-5", "2024-02-30", "abc"))
            writer.writerow([row.get(c, "") for c in INPUT_COLUMNS])


def make_xlsx(source: Path, path: Path) -> None:
    """The CSV's rows as an .xlsx with the Chinese titles in the header."""
    titles = {"name": NAME_LABEL[0], **{f.name: f.label_zh for f in PROFILE_FIELDS}}
    with source.open(newline="", encoding="utf-8") as rows:
        reader = csv.reader(rows)
        header = [titles[c] for c in next(reader)]
        path.write_bytes(workbook(header, reader, (), []))


def cli_seconds(source: Path, out: Path, runs: int, package: Path | None = None) -> dict[str, float]:
    """Median wall time and median processor time (user + system) of the command; the processor
    time depends less on what else the machine is doing. `package`: the source folder of another
    revision's rule package (the baseline)."""
    env = {**os.environ, "PYTHONPATH": str(package)} if package else None
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "xinzhou_policy", "batch", str(source), "-o", str(out)],
                       check=True, capture_output=True, env=env)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {"wall_s": round(statistics.median(walls), 3), "cpu_s": round(statistics.median(cpus), 3)}


def baseline_package(revision: str, into: Path) -> Path:
    """The rule package of `revision`, extracted (git archive) under `into`."""
    archive = subprocess.run(["git", "archive", revision, "calculators/src"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "calculators" / "src"


def reader_peak_mb(source: Path) -> float:
    """tracemalloc's peak while the file is opened and every row computed (the rows and results
    held, as the job holds them), less what was allocated before."""
    raw = source.read_bytes()
    gc.collect()
    tracemalloc.start()
    job = BatchJob(raw)
    job.compute()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return round(peak / 2**20, 1)


def browser_run(browser, url: str, source: Path) -> dict:
    page = browser.new_page()
    page.add_init_script(INIT_SCRIPT)
    page.goto(url)
    page.wait_for_selector("#batch-file:not([disabled])", timeout=TIMEOUT_MS)
    page.evaluate("() => { window.__bench.longtasks = []; }")  # start-up is bench_calculators' business
    page.set_input_files("#batch-file", str(source))
    page.wait_for_function("() => window.__bench.end !== null", timeout=TIMEOUT_MS)
    bench = page.evaluate("() => window.__bench")
    state = page.locator(".batch-app").get_attribute("data-state")
    heap = page.locator(".batch-app").get_attribute("data-engine-heap-bytes")
    page.close()
    if state != "done":
        sys.exit(f"the batch page ended in state {state!r} for {source.name}")
    return {"seconds": round((bench["end"] - bench["start"]) / 1000, 3),
            "engine_heap_mb": round(int(heap) / 2**20, 1),
            "longest_task_ms": round(max(bench["longtasks"], default=0), 1),
            "longest_tick_gap_ms": round(max(bench["gaps"], default=0), 1),
            "progress_updates": bench["progress"]}


def serve(root: Path):
    class Quiet(static_server.Handler):
        def log_message(self, format, *args):
            pass
    server = static_server.Server(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build(into: Path, url: str) -> None:
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(into)],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"mkdocs build failed:\n{run.stdout}\n{run.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site directory (default: build one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", default=None, help="the revision to compare the command line with "
                                                         "(default: origin/main, else main)")
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "bench-batch.json")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    temp = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        files = {n: temp / f"rows-{n}.csv" for n in (10_000, 100_000)}
        for n, path in files.items():
            make_file(path, n)
        xlsx_100k = temp / "rows-100000.xlsx"
        make_xlsx(files[100_000], xlsx_100k)
        revision = args.baseline or next(r for r in ("origin/main", "main") if subprocess.run(
            ["git", "rev-parse", "--verify", "-q", r], cwd=ROOT, capture_output=True).returncode == 0)
        baseline = baseline_package(revision, temp)
        load_before = [round(x, 2) for x in os.getloadavg()]
        report = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "runs": args.runs, "load_before": load_before,
                  "baseline": revision,
                  "cli_10k_csv": cli_seconds(files[10_000], temp / "out.csv", args.runs),
                  "cli_10k_xlsx": cli_seconds(files[10_000], temp / "out.xlsx", args.runs)}
        # The baseline and this revision taken in turn, so that both see the same machine.
        this, base = [], []
        for _ in range(args.runs):
            base.append(cli_seconds(files[100_000], temp / "out.csv", 1, baseline))
            this.append(cli_seconds(files[100_000], temp / "out.csv", 1))
        report["cli_100k_csv"] = {k: statistics.median(r[k] for r in this) for k in this[0]}
        report["cli_100k_csv_baseline"] = {k: statistics.median(r[k] for r in base) for k in base[0]}
        report["cli_100k_xlsx_in"] = cli_seconds(xlsx_100k, temp / "out.csv", 1)
        report["reader_peak_100k_csv_mb"] = reader_peak_mb(files[100_000])
        report["reader_peak_100k_xlsx_mb"] = reader_peak_mb(xlsx_100k)
        report["xlsx_100k_file_mb"] = round(xlsx_100k.stat().st_size / 2**20, 1)
        root = args.site.resolve() if args.site else temp / "site"
        server = serve(root if args.site else temp)
        base = f"http://127.0.0.1:{server.server_port}/" + ("" if args.site else "site/")
        if not args.site:
            build(root, base)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                runs = [browser_run(browser, base + PAGE, files[10_000]) for _ in range(args.runs)]
                report["browser_10k"] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                report["browser_100k"] = browser_run(browser, base + PAGE, files[100_000])
                report["browser_100k_xlsx"] = browser_run(browser, base + PAGE, xlsx_100k)
                report["chromium"] = browser.version
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
        report["load_after"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        shutil.rmtree(temp, ignore_errors=True)

    b10, b100, bx = report["browser_10k"], report["browser_100k"], report["browser_100k_xlsx"]
    cli, cli_base = report["cli_100k_csv"], report["cli_100k_csv_baseline"]
    print(f"{'measure':<58} {'value':>10}")
    for label, value in (
        ("CLI, 100,000 rows CSV → CSV (s)", cli["wall_s"]),
        ("CLI, 100,000 rows CSV → CSV, processor time (s)", cli["cpu_s"]),
        (f"CLI, 100,000 rows CSV → CSV, baseline {revision} (s)", cli_base["wall_s"]),
        ("CLI, 100,000 rows, processor time / baseline's", round(cli["cpu_s"] / cli_base["cpu_s"], 3)),
        (f"CLI, 100,000 rows .xlsx ({report['xlsx_100k_file_mb']} MB) → CSV (s)", report["cli_100k_xlsx_in"]["wall_s"]),
        ("reader + results, 100,000 rows CSV, peak (MiB)", report["reader_peak_100k_csv_mb"]),
        ("reader + results, 100,000 rows .xlsx, peak (MiB)", report["reader_peak_100k_xlsx_mb"]),
        ("CLI, 10,000 rows → CSV (s)", report["cli_10k_csv"]["wall_s"]),
        ("CLI, 10,000 rows → CSV, processor time (s)", report["cli_10k_csv"]["cpu_s"]),
        ("CLI, 10,000 rows → XLSX (s)", report["cli_10k_xlsx"]["wall_s"]),
        ("CLI, 10,000 rows → XLSX, processor time (s)", report["cli_10k_xlsx"]["cpu_s"]),
        ("browser, 10,000 rows, file to table (s)", b10["seconds"]),
        ("browser, 10,000 rows, longest main-thread task (ms)", b10["longest_task_ms"]),
        ("browser, 100,000 rows, file to table (s)", b100["seconds"]),
        ("browser, 100,000 rows, longest main-thread task (ms)", b100["longest_task_ms"]),
        ("browser, 100,000 rows, longest timer gap (ms)", b100["longest_tick_gap_ms"]),
        ("browser, 100,000 rows, progress updates", b100["progress_updates"]),
        ("browser, 100,000 rows, engine's memory at the end (MiB)", b100["engine_heap_mb"]),
        ("browser, 100,000 rows .xlsx, file to table (s)", bx["seconds"]),
        ("browser, 100,000 rows .xlsx, longest main-thread task (ms)", bx["longest_task_ms"]),
        ("browser, 100,000 rows .xlsx, engine's memory at the end (MiB)", bx["engine_heap_mb"]),
    ):
        print(f"{label:<58} {value:>10}")
    print(f"load average before {load_before}, after {report['load_after']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
