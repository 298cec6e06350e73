"""The what-if sweep (xinzhou_policy/sweep.py): every point is the CLI's estimate of the same
profile with the field moved; breakpoints sit exactly at the parameters' thresholds, included
and excluded; the next-threshold sentence appears where the rules give more, and nowhere else."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from xinzhou_policy.cli import run_text
from xinzhou_policy.params import Scale
from xinzhou_policy.registry import DOCUMENTS
from xinzhou_policy.sweep import SWEEPABLE

from .cases import load_cases

POLICY = DOCUMENTS["policy"]
DAY = "2024-06-01"


def _sweep(profile: dict, field: str | None, points: int = 200) -> dict:
    status, text = run_text("sweep", json.dumps({"profile": profile, "field": field, "points": points}))
    assert status == 0, text
    return json.loads(text)


def _estimate_total(profile: dict) -> str:
    status, text = run_text("estimate", json.dumps(profile))
    assert status == 0, text
    result = json.loads(text)
    totals = result["totals_by_recipient"] if result["within_validity"] else None
    if totals is None:  # outside the validity: the sweep shows what it would have been
        own = [i for i in result["if_within_validity"]["items"] if i["recipient"] == "enterprise"]
        return f"{sum(Decimal(i['amount']) for i in own):.2f}"
    return totals["enterprise"]


# A sample of the case files' profiles, each swept along every number it gives.
SAMPLE = [c for c in load_cases() if c.command == "estimate" and "errors" not in c.expect
          and any(f.name in c.input for f in SWEEPABLE)][::6]


@pytest.mark.parametrize("case", SAMPLE, ids=lambda c: c.id)
def test_points_equal_the_cli_estimates(case):
    field = next(f.name for f in SWEEPABLE if f.name in case.input)
    swept = _sweep(case.input, field, points=12)["sweep"]
    # Every breakpoint's three points and a share of the samples, each against the CLI.
    xs = [p for p in swept["points"]][:: max(1, len(swept["points"]) // 6)]
    for point in xs + [p for p in swept["points"] if any(p["x"] == b["x"] for b in swept["breakpoints"])]:
        moved = {**case.input, field: int(point["x"]) if swept["kind"] in ("count", "rank") else point["x"]}
        assert point["values"][0] == _estimate_total(moved), (field, point["x"])


def test_every_point_of_a_sweep_equals_the_cli():
    profile = {"event_date": DAY, "role": "backbone", "revenue": "520000000", "previous_max_revenue": "80000000",
               "town_revenue_rank": 2, "equipment_investment": "1800000"}
    swept = _sweep(profile, "equipment_investment", points=20)["sweep"]
    for point in swept["points"]:
        assert point["values"][0] == _estimate_total({**profile, "equipment_investment": point["x"]})


def _scale_thresholds(key: str) -> tuple[list[Decimal], bool]:
    scale = POLICY.parameters.at(POLICY.versions[0].in_force).__getattr__(key)
    assert isinstance(scale, Scale)
    return [t.threshold for t in scale.tiers], scale.inclusive


@pytest.mark.parametrize("role, key", [("backbone", "backbone_milestones"), ("leading", "leading_milestones")])
def test_breakpoints_sit_at_the_thresholds(role, key):
    thresholds, inclusive = _scale_thresholds(key)
    swept = _sweep({"event_date": DAY, "role": role, "revenue": "1"}, "revenue")["sweep"]
    found = {Decimal(b["x"]): b for b in swept["breakpoints"]}
    assert sorted(found) == thresholds
    for t, b in found.items():
        assert b["side"] == ("right" if inclusive else "left"), t
        assert b["kind"] == "threshold" and b["clause"] == "policy-4" and key in b["parameters"]
        # Included: the higher value AT the threshold; excluded: only just above it.
        higher, lower = b["after"][0], b["before"][0]
        assert Decimal(higher) > Decimal(lower)
        assert b["at"][0] == (higher if inclusive else lower)
        xs = [p["x"] for p in swept["points"]]
        assert {f"{t - Decimal('0.01'):.2f}", f"{t:.2f}", f"{t + Decimal('0.01'):.2f}"} <= set(xs)


def test_the_equipment_cap_is_a_kink_at_cap_over_rate():
    p = POLICY.parameters.at(POLICY.versions[0].in_force)
    swept = _sweep({"event_date": DAY, "town_revenue_rank": 1, "equipment_investment": "1"},
                   "equipment_investment")["sweep"]
    kinds = {Decimal(b["x"]): b["kind"] for b in swept["breakpoints"]}
    assert kinds == {p.equipment_min_investment.value: "threshold",
                     p.equipment_cap.value / p.equipment_rate.value: "kink"}


def test_a_cap_no_parameter_names_is_found_between_points():
    p = POLICY.parameters.at(POLICY.versions[0].in_force)
    first, cap = p.new_hire_first_days.value, p.new_hire_cap_per_person.value
    capped_from = first + (cap - first * p.new_hire_first_daily.value) / p.new_hire_later_daily.value
    swept = _sweep({"event_date": DAY, "new_hire_trainees": 10, "new_hire_training_days": 5,
                    "new_hire_employment_rate": "0.9"}, "new_hire_training_days")["sweep"]
    assert [(Decimal(b["x"]), b["kind"]) for b in swept["breakpoints"]] == [(first, "kink"), (capped_from, "kink")]


def test_the_table_rows_are_the_points_in_order():
    swept = _sweep({"event_date": DAY, "role": "backbone", "revenue": "3"}, "revenue")["sweep"]
    xs = [Decimal(p["x"]) for p in swept["points"]]
    assert xs == sorted(set(xs)) and all(len(p["values"]) == len(swept["series"]) for p in swept["points"])
    assert swept["current"]["x"] in [p["x"] for p in swept["points"]]


def test_other_clauses_do_not_read_a_swept_field():
    """The sweep reruns only the rules of the field's clause: moving a field never changes an
    item of another clause (checked on a profile that gives something under every clause)."""
    profile = {"event_date": DAY, "role": "backbone", "revenue": "520000000", "selected_scale_leader": True,
               "town_revenue_rank": 1, "equipment_investment": "1800000", "provincial_digital_award": "500000",
               "provincial_key_project_support": "100000", "incumbent_trainees": 40, "new_hire_trainees": 10,
               "new_hire_training_days": 12, "new_hire_employment_rate": "0.9"}
    base = json.loads(run_text("estimate", json.dumps(profile))[1])["items"]
    for field in SWEEPABLE:
        moved = {**profile, field.name: 2 if field.kind in ("count", "rank") else "0.5" if field.kind == "rate" else "3000000000"}
        items = json.loads(run_text("estimate", json.dumps(moved))[1])["items"]
        other = lambda found: {i["id"]: i["amount"] for i in found if i["clause"] != field.clause}
        assert other(items) == other(base), field.name


@pytest.mark.parametrize("profile, expected", [
    # A backbone enterprise below its next milestone: one sentence, for revenue, 达到 included.
    ({"role": "backbone", "revenue": "520000000", "previous_max_revenue": "480000000"}, {("revenue", "right")}),
    # A leading enterprise: 突破 excluded.
    ({"role": "leading", "revenue": "1500000000"}, {("revenue", "left")}),
    # No role: the milestones are not for it, so revenue gives no sentence.
    ({"role": "none", "revenue": "520000000"}, set()),
    # Equipment below the minimum, ranked in the top three: a sentence; ranked fourth: none.
    ({"town_revenue_rank": 2, "equipment_investment": "800000"}, {("equipment_investment", "right")}),
    ({"town_revenue_rank": 4, "equipment_investment": "800000"}, set()),
    # Past every threshold: nothing further.
    ({"role": "backbone", "revenue": "2000000000"}, set()),
    # A count with no threshold (per-person amounts): none.
    ({"incumbent_trainees": 40}, set()),
])
def test_next_threshold_where_the_rules_give_more_and_nowhere_else(profile, expected):
    found = _sweep({"event_date": DAY, **profile}, None)["next_thresholds"]
    assert {(s["field"], s["side"]) for s in found} == expected
    for s in found:
        assert s["within_validity"] and s["readings"] and s["clause"] in s["message_zh"] + s["clause"]
        moved = {"event_date": DAY, **profile, s["field"]: s["x"] if s["side"] == "right" else f"{Decimal(s['x']) + Decimal('0.01')}"}
        gained = Decimal(_estimate_total(moved)) - Decimal(_estimate_total({"event_date": DAY, **profile}))
        assert gained == Decimal(s["gain"])


def test_next_threshold_outside_the_validity_says_what_it_would_have_been():
    last = POLICY.versions[-1].last_day
    day = last.replace(year=last.year + 1).isoformat()
    found = _sweep({"event_date": day, "role": "backbone", "revenue": "520000000"}, None)["next_thresholds"]
    assert found and not found[0]["within_validity"]
    assert found[0]["message_zh"].startswith("若在有效期内") and found[0]["message_en"].startswith("Had the event")


def test_bad_requests_name_the_field():
    status, text = run_text("sweep", json.dumps({"profile": {"event_date": DAY}, "field": "role"}))
    assert status == 2 and json.loads(text)["errors"][0]["field"] == "field"
    status, text = run_text("sweep", json.dumps({"profile": {"event_date": DAY, "revenue": "-1"}, "field": "revenue"}))
    assert status == 2 and json.loads(text)["errors"][0]["field"] == "revenue"
