"""One source of numbers: no amount, rate, threshold or date of any document outside its data.

Every value of every document's parameters.toml, and the years of its registry dates, are
forbidden in the package's Python modules, the documents' own rule modules included: the rules
read them from the data, dated.
"""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest

import xinzhou_policy
from xinzhou_policy.registry import DOCUMENTS

PACKAGE = Path(xinzhou_policy.__file__).parent
# A number in its own right: not digits inside a name (the 2 of `area_m2`, `x1`, `5G`, `v2_3`).
# Chinese characters may touch a number (给予20万元), so the bounds are ASCII letters, digits,
# `_` and `.` only.
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])\d+(?:\.\d+)?(?![A-Za-z0-9_]|\.\d)")
# Numbers that name things rather than count money: section ids, document numbers.
NAMES = re.compile(r"(?:" + "|".join(re.escape(d) for d in DOCUMENTS) + r")[-_](?:part|ch)?\d+"
                   r"|[Cc]lause \(\d+\)|Article \d+|〔\d+〕\d+号")
WAN, YI = Decimal(10) ** 4, Decimal(10) ** 8


def _written_forms(value: Decimal, unit: str) -> set[Decimal]:
    """The ways a person would type the value: as is, in 万元 or 亿元, or as a percentage."""
    forms = {value}
    if unit.startswith("yuan"):
        forms |= {v for v in (value / WAN, value / YI) if v == v.to_integral_value()}
    if unit == "ratio":
        forms.add(value * 100)
    return forms


def forbidden_numbers(forms: bool = True) -> set[Decimal]:
    """Every value of the data, in every written form (`forms`) or as the data holds it."""
    written = _written_forms if forms else (lambda value, unit: {value})
    numbers: set[Decimal] = set()
    for doc in DOCUMENTS.values():
        for p in doc.parameters.all.values():
            for entry in p.entries:
                if not p.scale:
                    numbers |= written(Decimal(entry.value), p.unit)
                for tier in entry.tiers:
                    if p.threshold_unit != "grade":  # grade numbers are names of rows, not amounts
                        numbers |= written(tier.threshold, p.threshold_unit)
                    numbers |= written(tier.amount, p.unit)
        for version in doc.versions:
            dates = (version.in_force, version.expires, version.issued, version.published,
                     version.adopted, version.approved)
            numbers |= {Decimal(d.year) for d in dates if d}
    return {n.normalize() for n in numbers} - {Decimal(0), Decimal(1)}


def numbers_in(path: Path) -> list[tuple[int, Decimal]]:
    """Every number written in a module: numeric literals and numbers inside strings."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
                found.append((node.lineno, Decimal(str(node.value))))
            elif isinstance(node.value, str):
                text = NAMES.sub(" ", node.value)
                found += [(node.lineno, Decimal(m)) for m in NUMBER.findall(text)]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_forbidden_set_is_meaningful():
    forbidden = forbidden_numbers()
    # a sample of the policy's numbers, in the forms the text writes them, and its years
    assert {Decimal(20), Decimal(100), Decimal(300), Decimal(4000), Decimal(70), Decimal(840),
            Decimal(2022), Decimal(2025)} <= forbidden


def test_the_scan_finds_a_planted_number(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('CAP = 4000\nTEXT = "policy-5 5G 最高补助 100 万元"\nPart("policy-part3", "x")\n',
                       encoding="utf-8")
    hits = [n for _, n in numbers_in(planted) if n.normalize() in forbidden_numbers()]
    assert hits == [Decimal(4000), Decimal(100)]


def test_a_typed_amount_is_caught_and_a_name_is_not(tmp_path):
    """Digits inside a name are no number (the "2" of 2万 is not in `area_m2`); the same digit
    written as an amount, beside Chinese or alone, is."""
    planted = tmp_path / "planted.py"
    planted.write_text('FIELD = "area_m2"\nKEY = "x2_rate_v2"\nTEXT = "奖励2万元"\nSHARE = "按0.3计"\nN = 2\n',
                       encoding="utf-8")
    assert [(line, n) for line, n in numbers_in(planted)] == [(3, Decimal(2)), (4, Decimal("0.3")), (5, Decimal(2))]


def forbidden_in(module: Path) -> set[Decimal]:
    """In a document's own rules, where amounts are computed and explained, every value counts
    in every written form (20 for 20万元). The shared modules compute no amount; their numbers
    are structure (an index, a column, "25 -> Z") that a document added later would meet by
    chance in its short forms and small values, so there a value counts as the data holds it
    (200000, 0.3, the years), from 10 up."""
    if "documents" in module.relative_to(PACKAGE).parts:
        return forbidden_numbers()
    return {n for n in forbidden_numbers(forms=False) if n >= 10}


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_document_number_in_code(module: Path):
    forbidden = forbidden_in(module)
    hits = [(line, str(n)) for line, n in numbers_in(module) if n.normalize() in forbidden]
    assert not hits, f"numbers of a document's data written in {module.name} (line, number): {hits}"
