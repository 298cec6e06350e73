"""Properties of the estimate and land calculations, checked with hypothesis.

The case files pin amounts written by hand from the policy text; these tests check what must hold
for every profile: no negative amount, no cap exceeded, more input never means less award, the
total is the sum of the items, every item cites an existing clause, amounts have two decimals,
validity only hides items, and bad input only ever raises InputError.

Every number of the policy used here is read from its parameters (the registry's policy). The
fields of any other document of the registry get a valid value of their kind, so a document
added by scripts/new_document.py is in every profile (and must keep these properties) with no
edit here; the validity properties look at the policy's own entry in the result's `documents`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xinzhou_policy import InputError, estimate, land
from xinzhou_policy.profile import COMMANDS, PROFILE_FIELDS
from xinzhou_policy.registry import DOCUMENTS, kind_of

# The policy's values, of its latest version; its validity, from its first day to its last.
POLICY = DOCUMENTS["policy"]
_P = POLICY.parameters.at(POLICY.latest.in_force)
BACKBONE_MILESTONES, LEADING_MILESTONES = _P.backbone_milestones, _P.leading_milestones
EQUIPMENT_CAP, EQUIPMENT_MIN_INVESTMENT = _P.equipment_cap, _P.equipment_min_investment
EQUIPMENT_RATE, EQUIPMENT_TOP_RANK = _P.equipment_rate, _P.equipment_top_rank
LAND_SUPPORTED_RATIO, NATIONAL_MINIMUM_PRICES = _P.land_supported_ratio, _P.national_minimum_prices
NEW_HIRE_CAP_PER_PERSON, NEW_HIRE_MIN_EMPLOYMENT_RATE = _P.new_hire_cap_per_person, _P.new_hire_min_employment_rate
VALID_FROM, VALID_UNTIL = POLICY.first.in_force, POLICY.latest.last_day or date(2040, 12, 31)


def in_force(day: date) -> bool:
    """A version of the policy covers the day (versions may leave gaps), and no successor has
    taken over."""
    return (any(v.covers(day) for v in POLICY.versions)
            and not any(s.first.in_force <= day for s in POLICY.successors()))


LAND_FIELDS = COMMANDS["land"][1]


def clause_exists(clause: str) -> bool:
    return kind_of(clause) in ("clause", "article")


SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MONEY_FORMAT = re.compile(r"^\d+\.\d{2}$")
FEN = Decimal("0.01")
ONE_DAY = timedelta(days=1)

PROVINCIAL_FIELDS = tuple(f.name for f in PROFILE_FIELDS if f.name.startswith("provincial_"))
ROLE_CHOICES = next(f.choices for f in PROFILE_FIELDS if f.name == "role")
MODE_CHOICES = next(f.choices for f in PROFILE_FIELDS if f.name == "milestone_mode")
TRAINING_CHOICES = next(f.choices for f in PROFILE_FIELDS if f.name == "new_hire_training_reading")


# ------------------------------------------------------------------------------- strategies
def _plain(value: Decimal) -> str:
    return format(value, "f")


def money(max_value: Decimal, near: tuple[Decimal, ...] = ()) -> st.SearchStrategy[Any]:
    """Yuan with at most two decimals, as a decimal string or a JSON integer; often near `near`."""
    amounts = st.decimals(min_value=0, max_value=max_value, places=2,
                          allow_nan=False, allow_infinity=False)
    choices = [amounts.map(_plain), st.integers(min_value=0, max_value=int(max_value))]
    if near:
        at = st.builds(lambda point, step: max(point + step * FEN, Decimal(0)),
                       st.sampled_from(near), st.integers(min_value=-2, max_value=2))
        scaled = st.builds(lambda point, factor: min((point * factor).quantize(FEN), max_value),
                           st.sampled_from(near), st.decimals(min_value=Decimal("0.3"),
                                                              max_value=Decimal(4), places=3))
        choices += [at.map(_plain), scaled.map(_plain)]
    return st.one_of(*choices)


REVENUE_THRESHOLDS = tuple(t.threshold for s in (LEADING_MILESTONES, BACKBONE_MILESTONES)
                           for t in s.tiers)
REVENUE_MAX = max(REVENUE_THRESHOLDS) * 2
EQUIPMENT_NEAR = (EQUIPMENT_MIN_INVESTMENT.value, EQUIPMENT_CAP.value / EQUIPMENT_RATE.value)
EQUIPMENT_MAX = EQUIPMENT_CAP.value / EQUIPMENT_RATE.value * 3
PROVINCIAL_MAX = EQUIPMENT_MAX  # a realistic range of provincial awards: up to a few 10 million yuan

revenue = money(REVENUE_MAX, REVENUE_THRESHOLDS)
equipment = money(EQUIPMENT_MAX, EQUIPMENT_NEAR)
provincial = st.one_of(money(PROVINCIAL_MAX), money(Decimal(1)))  # also fen-sized amounts
rank = st.one_of(st.none(), st.integers(min_value=1, max_value=EQUIPMENT_TOP_RANK.value + 2))
count = st.integers(min_value=0, max_value=2000)
days = st.integers(min_value=0, max_value=60)
rate = st.one_of(
    st.none(),
    st.decimals(min_value=0, max_value=1, places=2).map(_plain),
    st.decimals(min_value=NEW_HIRE_MIN_EMPLOYMENT_RATE.value, max_value=1, places=3).map(_plain),
    st.sampled_from([0, 1, _plain(NEW_HIRE_MIN_EMPLOYMENT_RATE.value)]),
)
# Each version's first and last day, and the day on either side of them.
validity_edges = sorted({d for v in POLICY.versions
                         for d in (v.in_force - ONE_DAY, v.in_force, v.last_day, v.last_day and v.last_day + ONE_DAY) if d})
any_day = st.one_of(
    st.dates(min_value=VALID_FROM, max_value=VALID_UNTIL),
    st.dates(min_value=VALID_FROM - timedelta(days=800), max_value=VALID_UNTIL + timedelta(days=800)),
    st.sampled_from(validity_edges))
inside_day = st.one_of(st.dates(min_value=VALID_FROM, max_value=VALID_UNTIL),
                       st.sampled_from(validity_edges)).filter(in_force)
outside_day = st.one_of(
    st.dates(max_value=VALID_FROM - ONE_DAY, min_value=date(2000, 1, 1)),
    st.dates(min_value=VALID_UNTIL + ONE_DAY, max_value=max(VALID_UNTIL + ONE_DAY, date(2040, 12, 31))),
    st.dates(min_value=VALID_FROM, max_value=VALID_UNTIL),
    st.sampled_from(validity_edges)).filter(lambda day: not in_force(day))


def _fields() -> dict[str, st.SearchStrategy[Any]]:
    fields: dict[str, st.SearchStrategy[Any]] = {
        "role": st.sampled_from(ROLE_CHOICES),
        "selected_scale_leader": st.booleans(),
        "town_revenue_rank": rank,
        "revenue": revenue,
        "previous_max_revenue": st.one_of(st.just("0"), revenue, money(REVENUE_MAX / 20, REVENUE_THRESHOLDS)),
        "equipment_investment": equipment,
        "first_single_champion_product": st.booleans(),
        "incumbent_trainees": count,
        "new_hire_trainees": count,
        "new_hire_training_days": days,
        "new_hire_employment_rate": rate,
        "milestone_mode": st.sampled_from(MODE_CHOICES),
        "new_hire_training_reading": st.sampled_from(TRAINING_CHOICES),
    }
    fields.update({name: provincial for name in PROVINCIAL_FIELDS})
    # A field added to the policy's rules needs its strategy here, written from the text.
    assert set(fields) == {f.name for f in POLICY.rules.FIELDS}
    fields.update({f.name: _of_kind(f) for f in PROFILE_FIELDS if f.name not in {*fields, "event_date"}})
    return fields


def _of_kind(field) -> st.SearchStrategy[Any]:
    """Any valid value of another document's field (validation.Field.kind)."""
    if field.kind == "enum":
        return st.sampled_from(field.choices)
    return {"money": money(REVENUE_MAX), "flag": st.booleans(), "count": count,
            "rank": st.one_of(st.none(), st.integers(min_value=1, max_value=100)),
            "rate": st.decimals(min_value=0, max_value=1, places=3).map(_plain),
            "date": st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)).map(date.isoformat),
            }[field.kind]


def profiles(day: st.SearchStrategy[date] = any_day) -> st.SearchStrategy[dict[str, Any]]:
    """Valid profiles: sparse ones (any optional field may be left out) and full ones (every field
    given, so that the conditions of each award meet more often)."""
    dated = {"event_date": day.map(date.isoformat)}
    sparse = st.fixed_dictionaries(dated, optional=_fields())
    full = st.fixed_dictionaries({**dated, **_fields()})
    return st.one_of(sparse, full)


@st.composite
def eligible_profiles(draw, day: st.SearchStrategy[date] = inside_day):
    """Profiles inside the validity that meet the conditions of every award, so that the amounts,
    caps and thresholds are reached often."""
    profile = draw(st.fixed_dictionaries({"event_date": day.map(date.isoformat), **_fields()}))
    profile["role"] = draw(st.sampled_from(["leading", "backbone"]))
    profile["previous_max_revenue"] = draw(st.one_of(st.just("0"), money(REVENUE_MAX / 20, REVENUE_THRESHOLDS)))
    profile["town_revenue_rank"] = draw(st.integers(min_value=1, max_value=EQUIPMENT_TOP_RANK.value))
    profile["new_hire_trainees"] = draw(st.integers(min_value=1, max_value=500))
    profile["new_hire_training_days"] = draw(st.integers(min_value=1, max_value=60))
    profile["new_hire_employment_rate"] = draw(st.decimals(
        min_value=NEW_HIRE_MIN_EMPLOYMENT_RATE.value, max_value=1, places=2).map(_plain))
    return profile


any_profile = st.one_of(profiles(), eligible_profiles())


# ------------------------------------------------------------------------------- helpers
def awards(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The items, and those the documents not in force would have given."""
    return result["items"] + result.get("if_within_validity", {}).get("items", [])


def award_total(result: dict[str, Any]) -> Decimal:
    return Decimal(result["total"]) + Decimal(result.get("if_within_validity", {}).get("total", "0"))


def policy_applied(result: dict[str, Any]) -> bool:
    return next(d for d in result["documents"] if d["id"] == "policy")["applied"]


def policy_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in items if i["document"] == "policy"]


def all_amounts(result: dict[str, Any]) -> list[str]:
    amounts = [i["amount"] for i in result["items"]] + [result["total"]]
    if "if_within_validity" in result:
        extra = result["if_within_validity"]
        amounts += [i["amount"] for i in extra["items"]] + [extra["total"]]
    return amounts


def item_amount(result: dict[str, Any], item_id: str) -> Decimal:
    return sum((Decimal(i["amount"]) for i in awards(result) if i["id"] == item_id), Decimal(0))


def award_groups(result: dict[str, Any]) -> dict[str, Decimal]:
    """Amount per award. With milestone_mode "highest" the milestone award of a role is one award
    whose tier may move up, so its items are summed into one group."""
    highest = result["milestone_mode"] == "highest"
    groups: dict[str, Decimal] = {}
    for item in awards(result):
        key = item["id"]
        if highest and "-milestone-" in key:
            key = key.rsplit("-", 1)[0]
        groups[key] = groups.get(key, Decimal(0)) + Decimal(item["amount"])
    return groups


def _as_decimal(value: Any) -> Decimal:
    return Decimal(0) if value is None else Decimal(str(value))


# ------------------------------------------------------------------------------- properties
@SETTINGS
@given(any_profile)
def test_no_amount_is_negative(profile):
    result = estimate(profile)
    for amount in all_amounts(result):
        assert Decimal(amount) >= 0, (amount, profile)


@SETTINGS
@given(any_profile)
def test_items_list_only_amounts_above_zero(profile):
    # The interface: "items lists only the amounts above zero" (after rounding to the fen).
    result = estimate(profile)
    for item in awards(result):
        assert Decimal(item["amount"]) > 0, (item["id"], item["amount"], profile)


@SETTINGS
@given(any_profile)
def test_amounts_have_two_decimals_and_items_cite_existing_clauses(profile):
    result = estimate(profile)
    for amount in all_amounts(result):
        assert isinstance(amount, str) and MONEY_FORMAT.match(amount), amount
    for item in awards(result):
        assert clause_exists(item["clause"]), item["clause"]
        assert item["id"].startswith(item["clause"] + "."), item["id"]
        assert item["basis"] in ("fixed", "computed", "up_to")
        assert item["explanation_zh"] and item["explanation_en"]
    for warning in result["warnings"]:
        assert warning["message_zh"] and warning["message_en"]
        if "clause" in warning:
            assert clause_exists(warning["clause"]), warning
    if any(i["basis"] == "up_to" for i in awards(result)):
        assert "up_to_counted_at_bound" in {w["code"] for w in result["warnings"]}
    json.dumps(result, allow_nan=False)  # plain JSON: no Decimal, date or NaN leaks out


@SETTINGS
@given(any_profile)
def test_total_is_the_sum_of_the_items(profile):
    result = estimate(profile)
    assert Decimal(result["total"]) == sum((Decimal(i["amount"]) for i in result["items"]), Decimal(0))
    if "if_within_validity" in result:
        extra = result["if_within_validity"]
        assert Decimal(extra["total"]) == sum((Decimal(i["amount"]) for i in extra["items"]),
                                              Decimal(0))


@SETTINGS
@given(any_profile)
def test_no_cap_is_exceeded(profile):
    result = estimate(profile)
    assert item_amount(result, "policy-5.equipment") <= EQUIPMENT_CAP.value
    trainees = profile.get("new_hire_trainees") or 0
    assert item_amount(result, "policy-16.new-hire-training") <= NEW_HIRE_CAP_PER_PERSON.value * trainees
    # Each role has one scale; a milestone award never exceeds the sum of its scale's amounts.
    for scale in (LEADING_MILESTONES, BACKBONE_MILESTONES):
        role = "leading" if scale is LEADING_MILESTONES else "backbone"
        got = sum((Decimal(i["amount"]) for i in awards(result)
                   if i["id"].startswith(f"policy-4.{role}-milestone-")), Decimal(0))
        assert got <= sum(t.amount for t in scale.tiers)
    # A share of a provincial amount is never more than that amount.
    for item in awards(result):
        field = MATCHED_FIELD.get(item["id"])
        if field is not None:
            assert Decimal(item["amount"]) <= _as_decimal(profile.get(field)), (item, profile)


# The provincial amount each matching item is a share of (written from the text, not the package).
MATCHED_FIELD = {
    "policy-5.key-project": "provincial_key_project_support",
    "policy-6.digital": "provincial_digital_award",
    "policy-9.standards": "provincial_standards_subsidy",
    "policy-10.gi": "provincial_gi_award",
    "policy-10.time-honored": "provincial_time_honored_brand_award",
    "policy-14.culture-park": "provincial_culture_park_award",
}


# Raising one of these never lowers any award, nor the total.
RAISABLE = ("revenue", "equipment_investment", *PROVINCIAL_FIELDS, "incumbent_trainees",
            "new_hire_trainees", "new_hire_training_days", "new_hire_employment_rate")


@st.composite
def raised_pairs(draw):
    profile = draw(any_profile)
    field = draw(st.sampled_from(RAISABLE))
    higher = dict(profile)
    old = profile.get(field)
    if field in ("incumbent_trainees", "new_hire_trainees", "new_hire_training_days"):
        higher[field] = (old or 0) + draw(st.integers(min_value=1, max_value=100))
    elif field == "new_hire_employment_rate":
        low = _as_decimal(old)
        higher[field] = _plain(draw(st.decimals(min_value=low, max_value=1, places=4)))
    else:
        step = draw(st.one_of(st.decimals(min_value=FEN, max_value=Decimal(100), places=2),
                              st.decimals(min_value=FEN, max_value=REVENUE_MAX, places=2)))
        higher[field] = _plain(_as_decimal(old) + step)
    return field, profile, higher


@SETTINGS
@given(raised_pairs())
def test_raising_an_input_never_lowers_an_award(pair):
    _never_lower(*pair)


def _never_lower(field: str, lower: dict[str, Any], higher: dict[str, Any]) -> None:
    low, high = estimate(lower), estimate(higher)
    low_groups, high_groups = award_groups(low), award_groups(high)
    for key, amount in low_groups.items():
        assert high_groups.get(key, Decimal(0)) >= amount, (field, key, lower, higher)
    assert award_total(high) >= award_total(low), (field, lower, higher)
    assert Decimal(high["total"]) >= Decimal(low["total"])


@st.composite
def sorted_pairs(draw):
    """Two profiles that differ only in revenue or equipment investment, the second one higher,
    both drawn near the thresholds and with a role and rank that can earn the award."""
    profile = draw(eligible_profiles())
    field = draw(st.sampled_from(["revenue", "equipment_investment"]))
    values = revenue if field == "revenue" else equipment
    if field == "revenue" and draw(st.booleans()):
        # a highest earlier revenue below every threshold, so that any of them can be new
        profile["previous_max_revenue"] = draw(money(min(REVENUE_THRESHOLDS) - FEN))
    low, high = sorted(draw(st.lists(values, min_size=2, max_size=2)), key=_as_decimal)
    return field, {**profile, field: low}, {**profile, field: high}


@SETTINGS
@given(sorted_pairs())
def test_more_revenue_or_equipment_never_lowers_an_award(pair):
    _never_lower(*pair)


@SETTINGS
@given(profiles())
def test_validity_decides_by_the_event_date(profile):
    result = estimate(profile)
    day = date.fromisoformat(profile["event_date"])
    assert policy_applied(result) is in_force(day)
    assert result["within_validity"] is any(d["applied"] for d in result["documents"])


@SETTINGS
@given(profiles(outside_day), inside_day)
def test_outside_validity_nothing_is_awarded_but_the_result_says_what_would_have_been(profile, day):
    result = estimate(profile)
    assert policy_applied(result) is False
    assert policy_items(result["items"]) == []
    warned = ("outside_validity", "policy") in {(w["code"], w.get("document")) for w in result["warnings"]}
    # Warned when the policy would have given something, or when no document applies and none
    # would have given anything (the policy, the first with awards, then explains the zero).
    would = result["if_within_validity"]["items"]
    assert warned is bool(policy_items(would) or (not result["within_validity"] and not would))
    # What the policy would have given is what the version nearest the event gives, inside it.
    version = POLICY.status_on(date.fromisoformat(profile["event_date"])).version
    if not version.covers(day):
        day = POLICY.day_within(version, day)
    inside = estimate({**profile, "event_date": day.isoformat()})
    assert policy_applied(inside) is True
    assert policy_items(inside.get("if_within_validity", {}).get("items", [])) == []
    assert policy_items(result["if_within_validity"]["items"]) == policy_items(inside["items"])


# ------------------------------------------------------------------------------- land
@st.composite
def land_inputs(draw):
    grades = [int(t.threshold) for t in NATIONAL_MINIMUM_PRICES.tiers]
    data = {"grade": draw(st.sampled_from(grades)),
            "area_m2": _plain(draw(st.decimals(min_value=FEN, max_value=Decimal(10) ** 7, places=2)))}
    if draw(st.booleans()):
        data["total_cost"] = draw(money(Decimal(10) ** 9))
    if draw(st.booleans()):
        data["supported_project"] = draw(st.booleans())
    return data


@SETTINGS
@given(land_inputs())
def test_land_floor_is_never_below_the_cost_nor_the_price_floor(data):
    result = land(data)
    unit = next(t.amount for t in NATIONAL_MINIMUM_PRICES.tiers if int(t.threshold) == data["grade"])
    area = Decimal(data["area_m2"])
    ratio = LAND_SUPPORTED_RATIO.value if data.get("supported_project") else Decimal(1)
    cost = _as_decimal(data.get("total_cost"))
    expected = max(unit * area * ratio, cost).quantize(FEN)
    assert Decimal(result["floor_price"]) == expected
    assert Decimal(result["floor_price"]) >= cost
    assert Decimal(result["floor_price"]) >= Decimal(result["price_floor"])
    assert result["clause"] == "policy-13"
    for key in ("floor_price", "price_floor", "national_minimum_unit_price", "national_minimum_total"):
        assert MONEY_FORMAT.match(result[key]), (key, result[key])
    json.dumps(result, allow_nan=False)


# ------------------------------------------------------------------------------- bad input
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=15,
)
# Strings that look almost like numbers and dates reach deeper into the parsers.
near_values = st.one_of(
    json_values,
    st.from_regex(r"\A[ +\-]?[0-9]{0,16}(\.[0-9]{0,4})?[ eE%]?\Z"),
    st.from_regex(r"\A[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z"),
    st.sampled_from(["NaN", "nan", "-nan", "Infinity", "-Infinity", "inf", "1e5", "1E+3",
                     "0x10", "1_000", "", " ", "１２３", "٢٠٢٤-٠٦-٠١", "2024-02-30"]),
)


def _only_input_errors(compute, data):
    try:
        result = compute(data)
    except InputError as bad:
        out = bad.to_dict()
        assert out["errors"], data
        for e in out["errors"]:
            assert {"field", "code", "message_zh", "message_en"} <= set(e)
        json.dumps(out, allow_nan=False)
        return
    json.dumps(result, allow_nan=False)


@SETTINGS
@given(json_values)
def test_estimate_raises_only_input_error_for_any_json(data):
    _only_input_errors(estimate, data)


@SETTINGS
@given(st.dictionaries(st.sampled_from([f.name for f in PROFILE_FIELDS] + ["unknown"]),
                       near_values, max_size=len(PROFILE_FIELDS)))
def test_estimate_raises_only_input_error_for_known_fields_with_any_value(data):
    _only_input_errors(estimate, data)


@SETTINGS
@given(profiles(), st.sampled_from([f.name for f in PROFILE_FIELDS]), near_values)
def test_estimate_raises_only_input_error_when_one_field_of_a_valid_profile_goes_bad(profile, name, value):
    _only_input_errors(estimate, {**profile, name: value})


@SETTINGS
@given(st.one_of(json_values,
                 st.dictionaries(st.sampled_from([f.name for f in LAND_FIELDS] + ["unknown"]),
                                 near_values, max_size=len(LAND_FIELDS))))
def test_land_raises_only_input_error_for_any_json(data):
    _only_input_errors(land, data)


# ------------------------------------------------------------------------------- the CLI's own errors
# Malformed JSON text and bytes that are not UTF-8 never reach estimate(); the case files cannot
# express them, so they are checked here once through the command line.
@pytest.mark.parametrize("command", ["estimate", "land"])
@pytest.mark.parametrize("raw, code", [
    (b'{"event_date": "2024-06-01",', "malformed_json"),
    (b"{'event_date': '2024-06-01'}", "malformed_json"),
    (b"", "malformed_json"),
    (b'{"event_date": "2024-06-01", "revenue": 1,000}', "malformed_json"),
    (b'\xff\xfe{"event_date"', "not_utf8"),
])
def test_cli_malformed_input(command, raw, code):
    run = subprocess.run([sys.executable, "-m", "xinzhou_policy", command, "-"], input=raw,
                         capture_output=True, timeout=60)
    assert b"Traceback" not in run.stdout + run.stderr
    assert run.returncode == 2
    out = json.loads(run.stdout)
    assert [(e["field"], e["code"]) for e in out["errors"]] == [("", code)]
    assert out["errors"][0]["message_zh"] and out["errors"][0]["message_en"]
