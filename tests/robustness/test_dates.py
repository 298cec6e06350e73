"""Issue 19, item 1: a date outside the data, for every document and every command.

- A value the computation needs with no entry in force on the date (params.NoValue):
  - a command (the policy's `land`, any document's command): an error of its date field, in
    both languages, exit status 2; never an AttributeError;
  - the estimate: that rule's item is not computed, and a warning (`no_value_on_date`) says so;
    the other items stand (an event outside a validity is no error: "would have been");
  - a batch row: an error of the row's date (a row has no warnings column), the other rows stand.
- A date outside the policy's validity (before it, in a gap between versions, after it, after a
  successor) for `land`: the nearest version's values, with the estimate's warning codes.

Where the real registry has no such case (a value that only a later version has, a reference
table that starts later, a gap, a successor), the registry is changed in memory (running.py).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from xinzhou_policy import cli, params, profile
from xinzhou_policy.batch import BatchJob
from xinzhou_policy.cli import run_text
from xinzhou_policy.registry import DOCUMENTS
from xinzhou_policy.validation import EVENT_DATE, InputError

from .running import ONE_DAY, POLICY, answer, codes, run_cli, starting_later, superseded_from, with_versions

NATIONAL = POLICY.parameters.all["national_minimum_prices"]
RATIO = POLICY.parameters.all["land_supported_ratio"]
SITE = {"grade": 8, "area_m2": "10000", "supported_project": True}


def _land(day: date | None, **extra) -> tuple[int, dict]:
    data = {**SITE, **extra, **({"event_date": day.isoformat()} if day else {})}
    status, text = run_text("land", json.dumps(data))
    return status, json.loads(text)


def _expected_floor(day: date, values_day: date) -> str:
    """grade 8 × 10,000 m² × the ratio: the national price of the grant date, the policy's ratio
    of the day whose values apply (computed here from the registry's entries)."""
    price = {int(t.threshold): t.amount for t in NATIONAL.at(day).tiers}[8]
    return f"{(price * 10000 * RATIO.at(values_day).value).quantize(Decimal('0.01'))}"


# ------------------------------------------------------------------------------ land, real data
def test_land_before_the_national_standard_is_an_error_of_the_date_on_the_command_line():
    """The issue's reproduction: exit 2 and a bilingual error on event_date, not a traceback."""
    run = run_cli("land", "-", stdin=b'{"grade":8,"area_m2":"10000","event_date":"2006-12-31"}')
    assert run.returncode == 2
    out = answer(run)
    assert codes(out) == [("event_date", "no_value_on_date")]
    error = out["errors"][0]
    assert "2006年12月31日" in error["message_zh"] and "2007年1月1日" in error["message_zh"]
    assert "31 December 2006" in error["message_en"] and "1 January 2007" in error["message_en"]


def test_land_errors_of_other_fields_come_with_the_date_error():
    status, out = _land(NATIONAL.entries[0].start - ONE_DAY, grade=99, area_m2="-1")
    assert status == 2
    assert codes(out) == [("grade", "grade_range"), ("area_m2", "negative"), ("event_date", "no_value_on_date")]


def test_land_on_the_first_day_of_the_national_standard_but_before_the_policy_warns():
    first = NATIONAL.entries[0].start
    status, out = _land(first)
    assert status == 0
    assert out["within_validity"] is False and out["version"] == POLICY.first.id
    assert [w["code"] for w in out["warnings"]] == ["outside_validity"]
    assert out["floor_price"] == _expected_floor(first, POLICY.first.in_force)


@pytest.mark.parametrize("day, within, warnings", [
    (POLICY.first.in_force - ONE_DAY, False, ["outside_validity"]),
    (POLICY.first.in_force, True, []),
    (POLICY.first.last_day, True, []),
    # the day after the last day counted with its first day: on it, by the other reading
    (POLICY.first.last_day + ONE_DAY, False, ["outside_validity", "validity_other_reading"]),
    (date(2030, 1, 1), False, ["outside_validity"]),
    (date(9999, 12, 31), False, ["outside_validity"]),
])
def test_land_outside_the_policy_as_issued_says_so_with_the_nearest_version(monkeypatch, day, within, warnings):
    # The policy as its first version made it, so that this holds whatever version is added.
    monkeypatch.setattr(POLICY, "versions", (replace(POLICY.first, last_day=POLICY.first.expires),))
    monkeypatch.setattr(POLICY, "superseded_by", ())
    status, out = _land(day)
    assert status == 0
    assert (out["within_validity"], [w["code"] for w in out["warnings"]]) == (within, warnings)
    assert out["event_date"] == day.isoformat()
    assert out["floor_price"] == _expected_floor(day, POLICY.day_within(POLICY.first, day))
    for w in out["warnings"]:
        assert w["message_zh"] and w["message_en"] and w["document"] == "policy"


def test_land_without_a_date_says_which_standards_it_used():
    status, out = _land(None)
    assert status == 0
    assert (out["event_date"], out["within_validity"], out["version"]) == (None, None, POLICY.latest.id)
    assert [w["code"] for w in out["warnings"]] == ["latest_standards"]


# ------------------------------------------------------------------------------ land, changed registry
def test_land_in_a_gap_between_versions_uses_the_earlier_one_and_warns(monkeypatch):
    with_versions(monkeypatch,
                  {"id": "2022-12-22", "in_force": date(2022, 12, 22), "validity_years": 3},
                  {"id": "2026-06-01", "in_force": date(2026, 6, 1), "validity_years": 3})
    status, out = _land(date(2026, 3, 1))
    assert status == 0
    assert (out["within_validity"], out["version"]) == (False, "2022-12-22")
    assert [w["code"] for w in out["warnings"]] == ["outside_validity"]
    status, out = _land(date(2026, 6, 1))
    assert (out["within_validity"], out["version"], out["warnings"]) == (True, "2026-06-01", [])


def test_land_after_a_successor_points_to_it(monkeypatch):
    superseded_from(monkeypatch, date(2026, 1, 1))
    status, out = _land(date(2026, 3, 1))
    assert status == 0 and out["within_validity"] is False
    warning = out["warnings"][0]
    assert warning["code"] == "superseded" and "后继政策" in warning["message_zh"]
    assert "Successor Policy" in warning["message_en"]


def test_land_before_a_reference_table_that_starts_later_is_an_error_of_the_date(monkeypatch):
    starting_later(monkeypatch, national_minimum_prices=date(2024, 1, 1))
    status, out = _land(date(2023, 6, 1))
    assert (status, codes(out)) == (2, [("event_date", "no_value_on_date")])
    assert _land(date(2024, 1, 1))[0] == 0


def test_land_before_a_value_of_a_later_version_is_an_error_of_the_date(monkeypatch):
    """The supported ratio from a later date only: a supported project before it cannot be
    computed (the error of the date); an unsupported one does not need it."""
    starting_later(monkeypatch, land_supported_ratio=date(2024, 1, 1))
    status, out = _land(date(2023, 6, 1))
    assert (status, codes(out)) == (2, [("event_date", "no_value_on_date")])
    assert "2024年1月1日" in out["errors"][0]["message_zh"]
    assert _land(date(2023, 6, 1), supported_project=False)[0] == 0


def test_any_document_command_turns_a_missing_value_into_an_error_of_its_date():
    """A future document's command: whatever it looks up on a date with no value is an error of
    its own date field (its field of kind date), through profile.dated, which every document
    command of the CLI and the browser goes through."""
    grant = next(f for f in profile.COMMANDS["land"][1] if f.kind == "date")

    def looks_up(data):
        return {"cap": str(POLICY.parameters.at(date(1900, 1, 1)).equipment_cap.value)}

    with pytest.raises(InputError) as bad:
        profile.dated(looks_up, profile.COMMANDS["land"][1])({})
    assert [(e["field"], e["code"]) for e in bad.value.errors] == [("event_date", "no_value_on_date")]
    assert grant.label_zh in bad.value.errors[0]["message_zh"]
    with pytest.raises(InputError) as bad:
        profile.dated(looks_up, ())({})  # no date field of its own: the event date
    assert EVENT_DATE.label_en in bad.value.errors[0]["message_en"]
    for name, (function, *_) in profile.COMMANDS.items():
        assert cli.COMMANDS[name] is function and function.__wrapped__, name


# ------------------------------------------------------------------------------ the estimate
FULL = {"role": "backbone", "revenue": "100000000", "incumbent_trainees": 10}


def _policy(items: list[dict]) -> list[dict]:
    """The policy's items (another document in force that day may add its own)."""
    return [i for i in items if i["document"] == "policy"]


def _sum(items: list[dict]) -> str:
    return f"{sum((Decimal(i['amount']) for i in items), Decimal(0)):.2f}"


def _estimate(day: date, **extra) -> dict:
    status, text = run_text("estimate", json.dumps({**FULL, **extra, "event_date": day.isoformat()}))
    assert status == 0, text
    return json.loads(text)


def test_estimate_rule_without_a_value_on_the_date_is_not_computed_and_says_so(monkeypatch):
    starting_later(monkeypatch, incumbent_training_per_person=date(2024, 1, 1))
    out = _estimate(date(2023, 6, 1))
    assert [i["id"] for i in _policy(out["items"])] == ["policy-4.backbone-milestone-1"]
    assert out["total"] == _sum(out["items"])
    warning = next(w for w in out["warnings"] if w["code"] == "no_value_on_date")
    assert (warning["clause"], warning["document"]) == ("policy-16", "policy")
    assert "2023年6月1日" in warning["message_zh"] and "1 January 2024" in warning["message_en"]
    # From the value's first day, the item is back and the warning gone.
    later = _estimate(date(2024, 1, 1))
    assert "policy-16.incumbent-training" in {i["id"] for i in later["items"]}
    assert "no_value_on_date" not in {w["code"] for w in later["warnings"]}


def test_estimate_outside_the_validity_tells_what_would_have_been_without_it(monkeypatch):
    """Before the policy, its nearest version's values give the "would have been"; a value that
    even that day lacks is left out of it with the same warning."""
    starting_later(monkeypatch, incumbent_training_per_person=date(2024, 1, 1))
    out = _estimate(POLICY.first.in_force - ONE_DAY)
    assert _policy(out["items"]) == [] and {w["code"] for w in out["warnings"]} >= {"outside_validity", "no_value_on_date"}
    assert [i["id"] for i in _policy(out["if_within_validity"]["items"])] == ["policy-4.backbone-milestone-1"]


def test_estimate_in_a_gap_uses_the_earlier_version(monkeypatch):
    with_versions(monkeypatch,
                  {"id": "2022-12-22", "in_force": date(2022, 12, 22), "validity_years": 3},
                  {"id": "2026-06-01", "in_force": date(2026, 6, 1), "validity_years": 3})
    out = _estimate(date(2026, 3, 1))
    policy = {d["id"]: d for d in out["documents"]}["policy"]
    assert (policy["status"], policy["version"], policy["applied"]) == ("expired", "2022-12-22", False)
    assert _policy(out["items"]) == []
    assert {i["version"] for i in _policy(out["if_within_validity"]["items"])} == {"2022-12-22"}


# ------------------------------------------------------------------------------ batch rows
def test_batch_row_without_a_value_on_its_date_is_an_error_of_the_date(monkeypatch):
    starting_later(monkeypatch, incumbent_training_per_person=date(2024, 1, 1))
    csv = ("name,event_date,incumbent_trainees\r\n"
           "a,2023-06-01,10\r\nb,2024-06-01,10\r\nc,2023-06-01,\r\n").encode()
    job = BatchJob(csv)
    job.compute()
    assert len(job.results) == 3
    assert [[(e["field"], e["code"]) for e in row] for row in job.errors] == [
        [("event_date", "no_value_on_date")], [], []]
    assert job.summary()["errors"] == 1 and job.summary()["computed"] == 2


# ------------------------------------------------------------------------------ every edge
def _edges() -> list[date]:
    """Every date at an edge of the data: each value's first day and the day before it, each
    version's first and last day and the days beside them, and the first and last days a date
    can name."""
    days = {date(1, 1, 1), date(9999, 12, 31)}
    for doc in DOCUMENTS.values():
        for v in doc.versions:
            days |= {v.in_force - ONE_DAY, v.in_force}
            if v.last_day:
                days |= {v.last_day, v.last_day + ONE_DAY}
            if v.last_day_other_reading:
                days |= {v.last_day_other_reading, v.last_day_other_reading + ONE_DAY}
        for p in doc.parameters.all.values():
            for e in p.entries:
                days |= {e.start - ONE_DAY, e.start}
    return sorted(days)


def _full_input(command: str) -> dict:
    """An input that makes every rule of the command read its values."""
    if command == "estimate":
        return {"role": "leading", "selected_scale_leader": True, "town_revenue_rank": 1,
                "revenue": "900000000", "equipment_investment": "5000000",
                "first_single_champion_product": True, **{
                    f.name: "100000" for f in profile.PROFILE_FIELDS if f.name.startswith("provincial_")},
                "incumbent_trainees": 10, "new_hire_trainees": 10, "new_hire_training_days": 30,
                "new_hire_employment_rate": "1"}
    fields = profile.COMMANDS[command][1]
    values = {"grade": 1, "area": "100", "money": "1", "flag": True, "count": 1, "rank": 1, "rate": "1"}
    return {f.name: (f.choices[0] if f.kind == "enum" else values[f.kind]) for f in fields if f.kind != "date"}


@pytest.mark.parametrize("command", ["estimate", *profile.COMMANDS])
def test_every_command_on_every_edge_date_answers_or_names_the_date(command):
    for day in _edges():
        status, text = run_text(command, json.dumps({**_full_input(command), "event_date": day.isoformat()}))
        out = json.loads(text)
        assert status in (0, 2), (command, day)
        if status == 2:  # only where some value has no entry yet on the day
            assert codes(out) == [("event_date", "no_value_on_date")], (command, day, out)
            assert any(day < p.entries[0].start for d in DOCUMENTS.values() for p in d.parameters.all.values())


def test_no_value_is_an_attribute_error_that_names_what_is_missing():
    with pytest.raises(params.NoValue) as missing:
        POLICY.parameters.at(date(1900, 1, 1)).national_minimum_prices  # noqa: B018
    assert (missing.value.parameter.key, missing.value.day, missing.value.first) == (
        "national_minimum_prices", date(1900, 1, 1), NATIONAL.entries[0].start)
    assert isinstance(missing.value, AttributeError)
    assert not hasattr(POLICY.parameters.at(date(1900, 1, 1)), "national_minimum_prices")
    with pytest.raises(AttributeError) as typo:
        POLICY.parameters.at(date(2024, 1, 1)).no_such_parameter  # noqa: B018
    assert not isinstance(typo.value, params.NoValue)  # a rule's typo is a bug, not a date outside the data
