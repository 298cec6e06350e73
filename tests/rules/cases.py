"""Loading the rules' case files (tests/rules/cases/*.toml), shared by every runner of them.

A case file holds the cases of one clause, written from the policy text:

    clause = "policy-4"
    [[case]]
    name = "backbone: revenue exactly at the first threshold (达到 includes it)"
    profile = { event_date = "2024-06-01", role = "backbone", revenue = "100000000" }
    # or: land = { grade = 5, area_m2 = "1000" }
    [case.expect]
    total = "200000.00"                                   # estimate total
    items = { "policy-4.backbone-milestone-1" = "200000.00" }  # exactly these items
    warnings = ["milestone_reading"]                       # codes that must be present
    absent_warnings = ["validity_other_reading"]           # codes that must not be
    recipients = { "policy-16.new-hire-training" = "training_body" }  # item -> who receives it
    totals_by_recipient = { enterprise = "0.00", training_body = "3500.00" }
    within_validity = true                                # some document applied
    applied = { policy = true }                           # document -> applied on the event date
    if_within_validity_total = "200000.00"
    errors = { revenue = "negative" }                      # field -> code; exit status 2
    land = { floor_price = "1234.00" }                     # keys of the land output
    # (warnings and absent_warnings hold for the land output too)

Money in profiles is written as strings so that TOML floats never enter.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

CASES_DIR = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class Case:
    file: str
    clause: str
    name: str
    command: str  # "estimate" | "land"
    input: Any
    expect: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.file}:{self.name}"


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for raw in data["case"]:
            command = "land" if "land" in raw else "estimate"
            cases.append(Case(path.name, data["clause"], raw["name"], command,
                              raw["land"] if command == "land" else raw["profile"], raw["expect"]))
    return cases


def check(case: Case, result: dict[str, Any], failed: bool) -> None:
    """Assert that an output (or error output, when `failed`) meets the case's expectations."""
    expect = case.expect
    if "errors" in expect:
        assert failed, f"expected an input error, got {result}"
        got = {e["field"]: e["code"] for e in result["errors"]}
        assert got == expect["errors"]
        for e in result["errors"]:
            assert e["message_zh"] and e["message_en"]
        return
    assert not failed, f"unexpected input error: {result}"
    if case.command == "land":
        for key, value in expect["land"].items():
            assert result[key] == value, (key, result[key], value)
        _check_warnings(expect, result)
        return
    if "items" in expect:
        assert {i["id"]: i["amount"] for i in result["items"]} == expect["items"]
    if "total" in expect:
        assert result["total"] == expect["total"]
    if "within_validity" in expect:
        assert result["within_validity"] is expect["within_validity"]
    if "applied" in expect:
        got = {d["id"]: d["applied"] for d in result["documents"]}
        assert {k: got.get(k) for k in expect["applied"]} == expect["applied"]
    if "if_within_validity_total" in expect:
        assert result["if_within_validity"]["total"] == expect["if_within_validity_total"]
    if "recipients" in expect:
        got = {i["id"]: i["recipient"] for i in result["items"]}
        assert {k: got.get(k) for k in expect["recipients"]} == expect["recipients"]
    if "totals_by_recipient" in expect:
        assert result["totals_by_recipient"] == expect["totals_by_recipient"]
        assert sum(map(Decimal, expect["totals_by_recipient"].values())) == Decimal(result["total"])
    _check_warnings(expect, result)


def _check_warnings(expect: dict[str, Any], result: dict[str, Any]) -> None:
    codes = {w["code"] for w in result["warnings"]}
    missing = set(expect.get("warnings", ())) - codes
    assert not missing, f"missing warnings {missing}; got {codes}"
    present = set(expect.get("absent_warnings", ())) & codes
    assert not present, f"warnings that must be absent: {present}"
