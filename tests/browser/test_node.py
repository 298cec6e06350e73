"""The rules' case files inside Pyodide under Node give exactly what CPython gives.

node_cases.mjs loads Pyodide from node_modules/pyodide with the runtime archive the site serves
(python.zip, built by the site fixture) as its standard library, runs every case input through xinzhou_policy.cli.run_text and prints the results;
each must be byte-identical to CPython's, with the same exit status. No browser is needed.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from xinzhou_policy.cli import run_text

from ..conftest import REPO
from ..rules.cases import load_cases
from .inputs import EXTRA, case_text

SCRIPT = REPO / "tests" / "browser" / "node_cases.mjs"
CASES = load_cases()
INPUTS = [(c.id, c.command, case_text(c)) for c in CASES] + [
    (f"extra:{name}", command, text) for name, (command, text) in EXTRA.items()]


@pytest.fixture(scope="module")
def node_results(site, tmp_path_factory):
    node = shutil.which("node")
    assert node, "node is not on PATH (scripts/setup installs the npm packages with it)"
    assert (REPO / "node_modules" / "pyodide" / "pyodide.mjs").exists(), "run npm ci (scripts/setup)"
    archives = list(site.root.glob("runtime/rules-*/python.zip"))
    assert len(archives) == 1, archives
    cases = tmp_path_factory.mktemp("node") / "cases.json"
    cases.write_text(json.dumps([{"command": c, "text": t} for _, c, t in INPUTS],
                                ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([node, str(SCRIPT), str(archives[0]), str(cases)],
                         capture_output=True, timeout=600, cwd=REPO)
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    results = json.loads(run.stdout.decode("utf-8"))
    assert len(results) == len(INPUTS)
    return {name: (r["status"], r["text"]) for (name, _, _), r in zip(INPUTS, results)}


@pytest.mark.parametrize("name, command, text", INPUTS, ids=[i[0] for i in INPUTS])
def test_pyodide_under_node_equals_cpython(node_results, name, command, text):
    assert node_results[name] == run_text(command, text)
