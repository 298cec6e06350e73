"""The readings register (each document's readings.toml): complete in both languages, quoting
the text it reads, and cited by the items and warnings that rest on it, each of them a result of
a clause the reading reads. (That the notes and the rules name only registered readings, and
every reading in the notes of its clauses, is tests/site/test_readings_register.py.)"""

from __future__ import annotations

import json

import pytest

from xinzhou_policy.cli import run_text
from xinzhou_policy.money import yuan
from xinzhou_policy.readings import readings
from xinzhou_policy.registry import DOCUMENTS, kind_of

from .cases import load_cases
from .test_package import _squeeze, source_text
from .test_registry import as_issued

READINGS = list(readings().values())


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r.id)
def test_a_reading_names_its_clauses_quotes_them_and_is_complete(reading):
    assert reading.id.startswith(f"{reading.document}-")
    assert reading.clauses and all(kind_of(c) in ("clause", "article") for c in reading.clauses)
    for field in ("title", "reading", "other", "effect"):
        assert getattr(reading, f"{field}_zh").strip() and getattr(reading, f"{field}_en").strip(), field
    text = source_text(DOCUMENTS[reading.document])
    for part in reading.words_zh.split("……"):
        assert _squeeze(part) in text, part


def _outputs():
    for case in load_cases():
        status, text = run_text(case.command, json.dumps(case.input, ensure_ascii=False))
        yield case, json.loads(text)


def test_every_reading_the_rules_apply_is_cited_by_some_result():
    """The readings of the amounts (all but one that only a note states, policy-srdi-first, of
    a clause without an amount) are each cited by an item, a warning or a document's validity in
    the outputs of the case files (or, for the land floor, of the land command)."""
    cited = set()
    for _, result in _outputs():
        for entry in [*result.get("items", []), *result.get("warnings", []), *result.get("documents", []), result]:
            cited |= {r["id"] for r in entry.get("readings", []) if isinstance(r, dict)}
    assert sorted(set(readings()) - cited) == ["policy-srdi-first"]


def test_a_result_cites_only_readings_of_its_own_clause():
    """An item or a warning of a clause rests on readings of that clause's words (their
    `clauses`), so the note of that clause names each of them too."""
    wrong = set()
    for case, result in _outputs():
        for entry in [*result.get("items", []), *result.get("warnings", []), *result.get("documents", [])]:
            clause = entry.get("clause") or (entry.get("validity") or {}).get("clause")
            for cited in entry.get("readings", []):
                if clause and clause not in readings()[cited["id"]].clauses:
                    wrong.add((entry.get("id") or entry.get("code"), clause, cited["id"]))
    assert sorted(wrong) == []


def test_the_last_day_warning_names_the_other_last_day(monkeypatch):
    # The policy as issued: a version added later from 2025-12-22 would apply to the event.
    policy = as_issued(DOCUMENTS["policy"])
    monkeypatch.setitem(DOCUMENTS, "policy", policy)
    result = json.loads(run_text("estimate", '{"event_date": "2025-12-22", "incumbent_trainees": 10}')[1])
    warning = next(w for w in result["warnings"] if w["code"] == "validity_other_reading")
    assert "2025年12月21日" in warning["message_zh"] and "2025年12月22日" in warning["message_zh"]
    would = policy.parameters.at(policy.first.last_day).incumbent_training_per_person.value * 10
    assert yuan(would) in warning["message_zh"] and "Civil Code" in warning["message_en"]
    assert [r["id"] for r in warning["readings"]] == ["policy-last-day"]
