"""Run the whole test suite as a few pytest processes at once, and report as one run.

Most of the suite's time is spent waiting on browsers (a page loading the runtime, a throttled
download, axe over a page), not computing, so two cores finish it much sooner in parallel parts
than in one process. Each part is an ordinary pytest session (its own built site, browsers and
servers, all on free ports and temporary folders), so a part can also be run alone:
`.venv/bin/python -m pytest -q tests/browser/test_a11y.py`.

The parts are balanced by their measured times (the closing notes and docs/maintainers/ give the
figures); a new test file joins the part of its folder, or "the rest" when its folder has none.
Each part's output goes to a log, with its slowest tests (to balance the parts by); a part's
summary line is printed when it ends, and the whole log of every part that failed at the end, so
that CI's output shows each failure in full.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / ".venv" / "bin" / "python"

# (name, the pytest arguments). "rest" takes every test folder the other parts leave.
# Measured on 2 cores, four parts at once (a11y, browser, engines, rest): 12.7, 18.0, 34.1 and
# 21.1 min, the engines' part running one engine after another. With a part per engine, six at
# once loaded the machine so that WebKit's engine missed its own deadlines (a snapshot read of
# 2.5 s: a warm start became a fresh one), so at most AT_ONCE parts run, the later ones as earlier
# ones end; four at once, WebKit after a11y, ran green but for one race in a test (fixed).
PARTS = [
    ("a11y", ["tests/browser/test_a11y.py"]),
    ("browser", ["tests/browser", "--ignore", "tests/browser/test_a11y.py"]),
    ("chromium-firefox", ["tests/engines", "-m", "chromium or firefox"]),
    ("rest", ["tests", "--ignore", "tests/browser", "--ignore", "tests/engines"]),
    ("webkit", ["tests/engines", "-m", "webkit"]),
]
AT_ONCE = 4


def _summary(log: Path) -> str:
    lines = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def _warm_caches(logs: Path) -> None:
    """One build first, alone: it fills the caches every part's build then reads (the runtime
    archive, build/runtime/; the compressed wasm, build/compressed/: a minute or two of brotli on
    a fresh machine), instead of each part computing them at once on the same cores."""
    result = subprocess.run([str(PYTHON), "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--site-dir", str(logs / "warm-up-site")],
                            cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            capture_output=True, text=True)
    shutil.rmtree(logs / "warm-up-site", ignore_errors=True)
    if result.returncode:
        # Every part's site fixture reports the failure in full; the parts still run.
        print(f"the warm-up build failed:\n{result.stdout}{result.stderr}", flush=True)


def main() -> int:
    logs = Path(tempfile.mkdtemp(prefix="xinzhou-tests-"))
    started = time.monotonic()
    _warm_caches(logs)
    print(f"caches warm after {(time.monotonic() - started) / 60:.1f} min", flush=True)
    running = {}
    waiting = list(PARTS)

    def start_next() -> None:
        name, args = waiting.pop(0)
        log = logs / f"{name}.log"
        with log.open("w", encoding="utf-8") as out:
            running[name] = (subprocess.Popen([str(PYTHON), "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=15", *args],
                                              cwd=REPO, stdout=out, stderr=subprocess.STDOUT), log)
        print(f"[{name}, started at {(time.monotonic() - started) / 60:.1f} min]", flush=True)

    print(f"{len(PARTS)} parts, {AT_ONCE} at once (logs in {logs})", flush=True)
    while waiting and len(running) < AT_ONCE:
        start_next()
    failed = []
    while running:
        for name, (process, log) in list(running.items()):
            if process.poll() is None:
                continue
            del running[name]
            minutes = (time.monotonic() - started) / 60
            print(f"[{name}, ended at {minutes:.1f} min] {_summary(log)}", flush=True)
            if process.returncode:
                failed.append((name, log))
            if waiting:
                start_next()
        time.sleep(1)
    for name, log in failed:
        print(f"\n{'=' * 30} the part {name!r}, in full {'=' * 30}")
        print(log.read_text(encoding="utf-8", errors="replace"))
    print(f"\n{len(PARTS) - len(failed)} of {len(PARTS)} parts passed in {(time.monotonic() - started) / 60:.1f} min")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
