"""Refresh, or check, the worked CLI examples: README.md's excerpt and the full output beside the
example's input.

Each example is a marker line `<!-- cli: COMMAND FILE -->` in README.md followed by a ```json
block. The full output of `python -m xinzhou_policy COMMAND FILE` is kept in FILE with the suffix
`.output.json` (calculators/examples/flange-maker.output.json); the README block holds an excerpt
of it, made here (the items' ids, amounts and recipients, the totals, which documents applied),
so that the front page stays short and both stay true. `--check` exits 1 when either is stale
(tests/rules/test_readme.py runs it); without it both are rewritten.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
MARKER = re.compile(r"^<!-- cli: (\w+) (\S+) -->$")
ITEM_KEYS = ("id", "amount", "recipient", "document", "version")


def run(command: str, path: str) -> str:
    return subprocess.run([sys.executable, "-m", "xinzhou_policy", command, path], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8").stdout


def output_file(path: str) -> Path:
    return ROOT / (path.removesuffix(".json") + ".output.json")


def excerpt(output: str) -> str:
    """The estimate's gist, as JSON: what an item says in brief, the totals, the documents."""
    full = json.loads(output)
    gist = {
        "event_date": full["event_date"],
        "within_validity": full["within_validity"],
        "items": [{k: item[k] for k in ITEM_KEYS} for item in full["items"]],
        "total": full["total"],
        "totals_by_recipient": full["totals_by_recipient"],
        "documents": [{"id": d["id"], "status": d["status"], "applied": d["applied"]} for d in full["documents"]],
    }
    # One line per item and per document: the excerpt is for reading at a glance.
    lines = []
    for key, value in gist.items():
        if isinstance(value, list):
            rows = ",\n".join(f"    {json.dumps(v, ensure_ascii=False)}" for v in value)
            lines.append(f'  "{key}": [\n{rows}\n  ]')
        else:
            lines.append(f'  "{key}": {json.dumps(value, ensure_ascii=False)}')
    return "{\n" + ",\n".join(lines) + "\n}\n"


def refreshed(text: str, outputs: dict[Path, str]) -> str:
    """Replace the ```json block after each marker with its excerpt; collect the full outputs."""
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
            output = run(*pending)
            outputs[output_file(pending[1])] = output
            out.append(excerpt(output))
            pending, skipping = None, True
    return "".join(out)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    if not any(MARKER.match(line) for line in text.splitlines()):
        print("no examples found in README.md")
        return 1
    outputs: dict[Path, str] = {}
    new = refreshed(text, outputs)
    stale = [README] if new != text else []
    stale += [p for p, o in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != o]
    if "--check" in sys.argv:
        if stale:
            print("stale examples (run .venv/bin/python scripts/readme_examples.py): "
                  + ", ".join(str(p.relative_to(ROOT)) for p in stale))
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    for path, output in outputs.items():
        path.write_text(output, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
