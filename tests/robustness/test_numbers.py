"""Issue 19, item 3: a number of any size or exponent, in any numeric field, answers at once.

int() of 1E+10000000 first writes out its ten million digits (it hung for minutes): the bounds
are checked while the number is a Decimal (validation._whole). A run that hangs fails here by
its subprocess timeout, which bounds the test, not a performance target.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from xinzhou_policy.cli import run_text
from xinzhou_policy.profile import COMMANDS, PROFILE_FIELDS

from .running import answer, codes, run_cli

NUMERIC_KINDS = ("money", "count", "rank", "rate", "grade", "area")
# Valid values of the other fields of a land input, so that only the field tried is wrong.
LAND_BASE = {"grade": 8, "area_m2": "100"}


@pytest.mark.parametrize("command, field, code", [
    ("estimate", "town_revenue_rank", "too_large"),
    ("estimate", "incumbent_trainees", "too_large"),
    ("land", "grade", "grade_range"),
])
def test_a_huge_exponent_is_refused_at_once(command, field, code):
    """The issue's reproductions: each used to print nothing for over a minute."""
    base = {"event_date": "2025-06-30"} if command == "estimate" else LAND_BASE
    text = json.dumps(base)[:-1] + f', "{field}": 1E+10000000}}'
    run = run_cli(command, "-", stdin=text.encode(), timeout=30)
    assert run.returncode == 2
    assert codes(answer(run)) == [(field, code)]


# Every value below, in every numeric field of every command, in one process (a few seconds in
# all; minutes or hours before the fix).
EXTREMES = ["1E+10000000", "-1E+10000000", "1E-10000000", "-1E-10000000", "9E+999999", "1E+400",
            "1" + "0" * 5000, "-" + "9" * 5000, "0." + "0" * 5000 + "1", "-0", "0E+10000000"]


def _numeric_fields() -> list[tuple[str, str]]:
    fields = [("estimate", f.name) for f in PROFILE_FIELDS if f.kind in NUMERIC_KINDS]
    fields += [(name, f.name) for name, (_, fs, *_) in COMMANDS.items() for f in fs if f.kind in NUMERIC_KINDS]
    assert {kind for kind in NUMERIC_KINDS} <= {f.kind for f in PROFILE_FIELDS} | {
        f.kind for _, fs, *_ in COMMANDS.values() for f in fs}
    return fields


def test_every_numeric_field_answers_any_extreme_number_at_once():
    script = textwrap.dedent("""
        import json, sys
        from xinzhou_policy.cli import run_text
        out = []
        for command, base, field, literal in json.load(sys.stdin):
            status, text = run_text(command, json.dumps(base)[:-1] + f', "{field}": {literal}}}')
            out.append([status, len(text), [(e["field"], e["code"]) for e in json.loads(text).get("errors", [])]])
        json.dump(out, sys.stdout)
    """)
    cases = [(command, {"event_date": "2025-06-30"} if command == "estimate" else LAND_BASE, field, literal)
             for command, field in _numeric_fields() for literal in EXTREMES]
    run = subprocess.run([sys.executable, "-c", script], input=json.dumps(cases).encode(),
                         capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-3000:]
    for (command, _, field, literal), (status, size, errors) in zip(cases, json.loads(run.stdout)):
        assert status in (0, 2), (command, field, literal[:20])
        # Refused with an error of the field itself, or (0, -0) taken as zero; never an answer
        # that writes the number out digit by digit.
        assert status == 0 or [f for f, _ in errors] == [field], (command, field, literal[:20], errors)
        assert size < 100_000, (command, field, literal[:20], size)


def test_minus_zero_is_zero_in_every_figure():
    status, text = run_text("land", json.dumps({**LAND_BASE, "total_cost": "-0"}))
    assert status == 0 and json.loads(text)["total_cost"] == "0.00"
    status, text = run_text("land", '{"grade": 8, "area_m2": "100", "total_cost": -0.0}')
    assert status == 0 and json.loads(text)["total_cost"] == "0.00"


def test_an_area_below_a_hundredth_of_a_square_metre_is_refused():
    """1E-15 m² with a cost of 1E14 yuan gave a price per m² past the precision (a traceback)."""
    status, text = run_text("land", json.dumps({**LAND_BASE, "area_m2": "0.000000000000001",
                                                "total_cost": "100000000000000"}))
    assert (status, codes(json.loads(text))) == (2, [("area_m2", "area_too_small")])
    status, text = run_text("land", json.dumps({**LAND_BASE, "area_m2": "0.01", "total_cost": "100000000000000"}))
    assert status == 0 and json.loads(text)["floor_unit_price"] == "10000000000000000.00"


def test_a_vanishingly_small_rate_is_refused_not_written_out():
    """0.000…1 with a million zeros used to be written out in the explanation (2 MB)."""
    status, text = run_text("estimate", '{"event_date": "2025-06-30", "new_hire_trainees": 10, '
                                        '"new_hire_training_days": 5, "new_hire_employment_rate": 1E-999999}')
    assert (status, codes(json.loads(text))) == (2, [("new_hire_employment_rate", "too_small")])
    # Excel's 15 significant digits of a share are a number, not a mistake.
    status, _ = run_text("estimate", '{"event_date": "2025-06-30", "new_hire_employment_rate": 0.857142857142857}')
    assert status == 0
