"""Each rule declares who receives its items (findings.Rule.recipient): the illustrated readings
show it without running the rule (scripts/hooks/graphics.py), and the estimate stops on an item
whose recipient differs from its rule's, so the two cannot disagree."""

from __future__ import annotations

from dataclasses import replace

import pytest
from xinzhou_policy.estimate import assess
from xinzhou_policy.profile import PROFILE_FIELDS
from xinzhou_policy.registry import award_documents
from xinzhou_policy.validation import parse


def test_an_item_for_another_recipient_than_its_rules_stops_the_estimate(monkeypatch):
    document = award_documents()[0]
    rule = next(r for r in document.rules.AWARD_RULES if r.recipient != "enterprise")
    values = parse({"event_date": document.first.in_force.isoformat(), **{
        f.name: "100000" for f in PROFILE_FIELDS if f.kind == "money"}}, PROFILE_FIELDS)
    monkeypatch.setattr(document.rules, "AWARD_RULES", (rule,))
    assert [i.recipient for a in assess(values) for i in a.items] == [rule.recipient]
    monkeypatch.setattr(document.rules, "AWARD_RULES", (replace(rule, recipient="enterprise"),))
    with pytest.raises(ValueError, match="recipient"):
        assess(values)
