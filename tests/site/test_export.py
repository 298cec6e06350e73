"""data/regulation.json and data/policy.json hold every article and clause in both languages."""

from __future__ import annotations

import json

import pytest
from xinzhou_policy.registry import DOCUMENTS

from .test_anchors import POLICY, REGULATION


@pytest.fixture(scope="module")
def exported(site):
    return {name: json.loads(site.page(f"data/{name}.json")) for name in ("regulation", "policy")}


@pytest.mark.parametrize("name, expected", [("regulation", REGULATION), ("policy", POLICY)])
def test_every_id_with_text_in_both_languages(exported, name, expected):
    sections = {s["id"]: s for s in exported[name]["sections"]}
    assert sorted(set(expected) - set(sections)) == []
    for section_id in expected:
        section = sections[section_id]
        fields = ["heading_zh", "heading_en"]
        if section["kind"] in ("article", "clause"):
            fields += ["text_zh", "text_en"]
            assert section["annotations"]["zh"] and section["annotations"]["en"], section_id
        assert [f for f in fields if not section[f].strip()] == [], section_id


def test_policy_clauses_carry_their_data(exported):
    sections = {s["id"]: s for s in exported["policy"]["sections"]}
    four = sections["policy-4"]
    assert four["parent"] == "policy-part2"
    assert four["parameters"] == ["scale_leader_award", "leading_milestones", "backbone_milestones"]
    assert four["departments"][0] == {"zh": "市工信局", "en": "Municipal Bureau of Industry and Information Technology"}
    assert four["text_zh"].startswith("从专业镇营收规模")
    assert "[[param:" not in json.dumps(exported, ensure_ascii=False)
    assert sections["policy-18"]["departments_open"] is True
    assert exported["policy"]["document"]["valid_until"] == DOCUMENTS["policy"].latest.last_day.isoformat()
    assert exported["policy"]["document"]["number"] == "忻政办发〔2022〕81号"
    assert [v["id"] for v in exported["policy"]["document"]["versions"]] == [
        v.id for v in DOCUMENTS["policy"].versions]


def test_cross_references_go_both_ways(exported):
    regulation = {s["id"]: s for s in exported["regulation"]["sections"]}
    policy = {s["id"]: s for s in exported["policy"]["sections"]}
    assert "policy-15" in regulation["regulation-26"]["cross_references"]
    assert "regulation-26" in policy["policy-15"]["cross_references"]
    for article in regulation.values():
        for clause in article["cross_references"]:
            assert article["id"] in policy[clause]["cross_references"]
