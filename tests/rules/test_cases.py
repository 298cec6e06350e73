"""Every case file, through the Python API and through the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from xinzhou_policy import InputError, estimate, land

from .cases import Case, check, load_cases

CASES = load_cases()
COMMANDS = {"estimate": estimate, "land": land}


def test_every_clause_with_an_award_has_a_case_file():
    from xinzhou_policy.registry import DOCUMENTS
    clauses = {p.clause for d in DOCUMENTS.values() for p in d.parameters.all.values()}
    assert clauses <= {c.clause for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_api(case: Case):
    try:
        result, failed = COMMANDS[case.command](case.input), False
    except InputError as bad:
        result, failed = bad.to_dict(), True
    check(case, result, failed)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_cli(case: Case):
    run = subprocess.run([sys.executable, "-m", "xinzhou_policy", case.command, "-"],
                         input=json.dumps(case.input, ensure_ascii=False).encode(),
                         capture_output=True, timeout=60)
    assert b"Traceback" not in run.stderr + run.stdout
    assert run.returncode in (0, 2), run.stderr
    check(case, json.loads(run.stdout), run.returncode == 2)
