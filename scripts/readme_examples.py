"""Refresh, or check, the worked CLI examples in README.md.

Each example is a marker line `<!-- cli: COMMAND FILE -->` followed by a ```json block holding the
real output of `python -m xinzhou_policy COMMAND FILE`. `--check` exits 1 when one is stale
(tests/rules/test_readme.py runs it); without it the blocks are rewritten.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
MARKER = re.compile(r"^<!-- cli: (\w+) (\S+) -->$")


def run(command: str, path: str) -> str:
    return subprocess.run([sys.executable, "-m", "xinzhou_policy", command, path], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8").stdout


def refreshed(text: str) -> str:
    """Replace the ```json block after each marker with the command's output."""
    out, pending, skipping = [], None, False
    for line in text.splitlines(keepends=True):
        if skipping:
            if line.rstrip() == "```":
                out.append(line)
                skipping = False
            continue
        out.append(line)
        marker = MARKER.match(line.rstrip())
        if marker:
            pending = marker.groups()
        elif pending and line.rstrip() == "```json":
            out.append(run(*pending))
            pending, skipping = None, True
    return "".join(out)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    if not any(MARKER.match(line) for line in text.splitlines()):
        print("no examples found in README.md")
        return 1
    new = refreshed(text)
    if "--check" in sys.argv:
        if new != text:
            print("README.md examples are stale: run .venv/bin/python scripts/readme_examples.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
