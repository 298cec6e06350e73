"""Running the command line as a person or a script does (a process, its real exit status), and
the rules' registry changed in memory for one test (a value that starts later, versions with a
gap, a successor), where the real data has no such case. Shared by tests/robustness."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from xinzhou_policy import registry
from xinzhou_policy.params import Parameters
from xinzhou_policy.registry import DOCUMENTS

POLICY = DOCUMENTS["policy"]


def run_cli(*args: str, stdin: bytes = b"", timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m xinzhou_policy ARGS` with `stdin`; never a traceback, status 0 or 2."""
    run = subprocess.run([sys.executable, "-m", "xinzhou_policy", *args], input=stdin,
                         capture_output=True, timeout=timeout)
    assert b"Traceback" not in run.stdout + run.stderr, run.stderr.decode(errors="replace")[-2000:]
    assert run.returncode in (0, 2), (run.returncode, run.stderr[-2000:])
    return run


def answer(run: subprocess.CompletedProcess) -> Any:
    """The JSON a run printed, read as strict UTF-8 (what a terminal or a pipe receives)."""
    return json.loads(run.stdout.decode("utf-8"))


def codes(result: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in result["errors"]]


def starting_later(monkeypatch: pytest.MonkeyPatch, **firsts: date) -> None:
    """The policy's parameters as if each named one had its only value from the given date
    (a value a later version added, a reference table that starts later)."""
    raw = copy.deepcopy(POLICY.data("parameters.toml"))
    for key, first in firsts.items():
        raw[key]["values"] = [{**raw[key]["values"][-1], "from": first}]
    monkeypatch.setitem(POLICY.__dict__, "parameters", Parameters(POLICY.id, raw))


def with_versions(monkeypatch: pytest.MonkeyPatch, *versions: dict[str, Any]) -> None:
    """The policy with these versions (registry-shaped data), linked as the registry links them."""
    raw = document_data()
    raw["version"] = list(versions)
    monkeypatch.setattr(POLICY, "versions", registry._load(POLICY.id, raw).versions)


def document_data() -> dict[str, Any]:
    """The policy's document.toml, parsed, to change in a test."""
    return copy.deepcopy(registry.data_file(POLICY.package, "document.toml"))


def superseded_from(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    """A successor of the policy in force from `day` (a document without rules)."""
    successor = replace(DOCUMENTS["regulation"], id="successor", title_zh="后继政策", title_en="Successor Policy",
                        number="忻政办发〔2026〕1号", supersedes=("policy",), superseded_by=(),
                        versions=(replace(POLICY.first, document="successor", id=day.isoformat(), in_force=day,
                                          expires=None, validity_years=None, last_day=None),))
    monkeypatch.setitem(registry.DOCUMENTS, "successor", successor)
    monkeypatch.setattr(POLICY, "superseded_by", ("successor",))


ONE_DAY = timedelta(days=1)
