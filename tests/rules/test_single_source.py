"""One source of numbers: no amount, rate, threshold or date of the policy outside parameters.py."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest

import xinzhou_policy
from xinzhou_policy.parameters import ISSUE_DATE, PARAMETERS, VALID_UNTIL, Parameter, Scale

PACKAGE = Path(xinzhou_policy.__file__).parent
NUMBER = re.compile(r"\d+(?:\.\d+)?")
# Numbers that name things rather than count money: clause ids, the document number, "5G".
NAMES = re.compile(r"(?:policy|regulation)[-_]\d+|[Cc]lause \(\d+\)|〔\d+〕\d+号|\b5G\b")
# Calls whose leading whole numbers are clause and part numbers (clauses.py).
NUMBERING_CALLS = {"_C": 2, "Clause": 2, "Part": 1}
WAN, YI = Decimal(10) ** 4, Decimal(10) ** 8


def _written_forms(value: Decimal, unit: str) -> set[Decimal]:
    """The ways a person would type the value: as is, in 万元 or 亿元, or as a percentage."""
    forms = {value}
    if unit.startswith("yuan"):
        forms |= {v for v in (value / WAN, value / YI) if v == v.to_integral_value()}
    if unit == "ratio":
        forms.add(value * 100)
    return forms


def forbidden_numbers() -> set[Decimal]:
    numbers: set[Decimal] = set()
    for p in PARAMETERS:
        if isinstance(p, Parameter):
            if isinstance(p.value, (int, Decimal)):
                numbers |= _written_forms(Decimal(p.value), p.unit)
        else:
            for tier in p.tiers:
                if p.threshold_unit != "grade":  # grade numbers are names of rows, not amounts
                    numbers |= _written_forms(tier.threshold, p.threshold_unit)
                numbers |= _written_forms(tier.amount, p.amount_unit)
    numbers |= {Decimal(d.year) for d in (ISSUE_DATE, VALID_UNTIL)}
    return {n.normalize() for n in numbers} - {Decimal(0), Decimal(1)}


def numbers_in(path: Path) -> list[tuple[int, Decimal]]:
    """Every number written in a module: numeric literals and numbers inside strings."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    numbering = {id(arg) for call in ast.walk(tree) if isinstance(call, ast.Call)
                 and isinstance(call.func, ast.Name) and call.func.id in NUMBERING_CALLS
                 for arg in call.args[:NUMBERING_CALLS[call.func.id]]}
    for node in ast.walk(tree):
        if id(node) in numbering:
            continue
        if isinstance(node, ast.Constant):
            if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
                found.append((node.lineno, Decimal(str(node.value))))
            elif isinstance(node.value, str):
                text = NAMES.sub(" ", node.value)
                found += [(node.lineno, Decimal(m)) for m in NUMBER.findall(text)]
    return found


RULE_MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "parameters.py")


def test_the_forbidden_set_is_meaningful():
    forbidden = forbidden_numbers()
    # a sample of the policy's numbers, in the forms the text writes them
    assert {Decimal(20), Decimal(100), Decimal(300), Decimal(4000), Decimal(70), Decimal(840)} <= forbidden


def test_the_scan_finds_a_planted_number(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('CAP = 4000\nTEXT = "policy-5 5G 最高补助 100 万元"\nPart(3, "x")\n',
                       encoding="utf-8")
    hits = [n for _, n in numbers_in(planted) if n.normalize() in forbidden_numbers()]
    assert hits == [Decimal(4000), Decimal(100)]


@pytest.mark.parametrize("module", RULE_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_policy_number_outside_parameters(module: Path):
    forbidden = forbidden_numbers()
    hits = [(line, str(n)) for line, n in numbers_in(module) if n.normalize() in forbidden]
    assert not hits, f"policy numbers written in {module.name} (line, number): {hits}"
