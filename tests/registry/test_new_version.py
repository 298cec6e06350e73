"""(a) A renewal of the policy after a gap (scripts/new_version.py, with fictional.toml's values:
two clauses changed): the command line gives the old figures on the old version's last day,
nothing in the gap (with what the old version would have given, and a warning that names the
renewal), the new figures from the renewal, in the command line and in the browser; every item
cites the 文号 of the text applied; the "what changed" page shows the values and the words that
changed and the version's note; the earlier version keeps its own page and its own values."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from ..browser.browsing import READY_TIMEOUT_MS
from .conftest import FICTIONAL

V = FICTIONAL["version"]
PROFILE = {"role": "backbone", "revenue": "100000000", "incumbent_trainees": 10}
TIER, TRAINING = "policy-4.backbone-milestone-1", "policy-16.incumbent-training"
OLD_NUMBER = "忻政办发〔2022〕81号"


def _items(result: dict) -> dict[str, dict]:
    return {i["id"]: i for i in result["items"]}


def _policy_warning(result: dict) -> dict:
    (warning,) = [w for w in result["warnings"] if w["code"] == "outside_validity" and w.get("document") == "policy"]
    return warning


def test_the_figures_on_the_last_day_in_the_gap_and_in_the_renewal(changed_copy):
    old = changed_copy.estimate({**PROFILE, "event_date": V["old_last_day"]})
    gap = changed_copy.estimate({**PROFILE, "event_date": V["gap_day"]})
    new = changed_copy.estimate({**PROFILE, "event_date": V["new_day"]})
    assert {k: i["amount"] for k, i in _items(old).items()} == {TIER: "200000.00", TRAINING: "3000.00"}
    assert {k: i["amount"] for k, i in _items(new).items()} == {TIER: "250000.00", TRAINING: "3500.00"}
    assert (gap["items"], gap["total"], gap["within_validity"]) == ([], "0.00", False)
    assert gap["if_within_validity"]["total"] == "203000.00"  # what the old version would have given
    # The 文号 to cite is the text applied's: on the page and print sheet (documents), in the items.
    assert {i["version_number"] for i in old["items"]} == {OLD_NUMBER}
    assert {(i["version"], i["version_number"]) for i in new["items"]} == {(V["in_force"], V["number"])}
    policy = {d["id"]: d for d in new["documents"]}["policy"]
    assert (policy["version_number"], policy["validity"]["until"]) == (V["number"], V["new_last_day"])


def test_the_gap_warning_names_the_renewal_and_nothing_after_says_unless(changed_copy):
    gap = changed_copy.estimate({**PROFILE, "event_date": V["gap_day"]})
    warning = _policy_warning(gap)
    assert f"该日没有施行中的版本，延续后的文本自 2026年2月1日 起施行（{V['number']}）" in warning["message_zh"]
    assert f"no version is in force on that day, the renewed text applies from 1 February 2026 ({V['number']})" \
        in warning["message_en"]
    assert "除非已经延续" not in warning["message_zh"] and "unless it was renewed" not in warning["message_en"]
    # The new document, not yet in force and given nothing by this profile, is not warned about.
    assert [w for w in gap["warnings"] if w.get("document") == FICTIONAL["document"]["id"]] == []
    after = changed_copy.estimate({**PROFILE, "event_date": "2030-01-01"})
    assert "除非已经延续" in _policy_warning(after)["message_zh"]
    assert "unless it was renewed" in _policy_warning(after)["message_en"]
    land = changed_copy.run("-m", "xinzhou_policy", "land", "-", stdin=json.dumps(
        {"grade": 8, "area_m2": "10000", "supported_project": True, "event_date": V["gap_day"]}))
    (land_warning,) = [w for w in json.loads(land.stdout)["warnings"] if w["code"] == "outside_validity"]
    assert "延续后的文本自 2026年2月1日 起施行" in land_warning["message_zh"]


def test_the_event_date_chooses_the_version_in_the_browser(changed_copy, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(changed_copy.url + "calculators/index.html")
    page.wait_for_function("() => window.policyCalculator !== undefined", timeout=READY_TIMEOUT_MS)
    page.evaluate("() => window.policyCalculator.ready")
    for day, amount in ((V["old_last_day"], "200000.00"), (V["new_day"], "250000.00")):
        profile = {**PROFILE, "event_date": day}
        got = page.evaluate("(p) => window.policyCalculator.estimate(p)", profile)
        assert _items(got)[TIER]["amount"] == amount
        assert got == changed_copy.estimate(profile)  # the same JSON as the copy's command line
    context.close()


@pytest.mark.parametrize("lang, rows, note", [
    ("", {"backbone_milestones": "达到1亿元（含本数）：25万元", "incumbent_training_per_person": "350元/人"}, V["note_zh"]),
    ("en/", {"backbone_milestones": "reaches 100,000,000 yuan (inclusive): 250,000 yuan",
             "incumbent_training_per_person": "350 yuan per person"}, V["note_en"])])
def test_the_changes_page_shows_the_values_the_words_and_the_note(changed_copy, lang, rows, note):
    html = (changed_copy.site / f"{lang}versions/policy/{V['in_force']}-changes.html").read_text(encoding="utf-8")
    found = dict(re.findall(r'<tr data-key="(\w+)"><td>[^<]*</td><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>', html))
    assert {k: found.get(k, "")[:len(v)] for k, v in rows.items()} == rows
    assert re.findall(r'data-section="([\w-]+)"', html) == ["policy-4", "policy-16", "policy-closing"]
    assert "<del>" in html and "<ins>" in html
    assert note in html and (V["title_zh"] if not lang else V["title_en"]) in html
    current = (changed_copy.site / f"{lang}policy.html").read_text(encoding="utf-8")
    assert note in current  # and on the version's own page, in its information table


def test_the_earlier_version_keeps_its_page_and_values(changed_copy):
    old = (changed_copy.site / "versions/policy/2022-12-22.html").read_text(encoding="utf-8")
    assert "分别给予20万元、30万元、50万元" in old and "每人300元" in old and "每人350元" not in old
    assert 'href="../../regulation.html#regulation-7"' in old  # links climb from its folder
    current = (changed_copy.site / "policy.html").read_text(encoding="utf-8")
    table = re.search(r'data-clause="policy-16">(.*?)</table></div>', current, re.S)[1]
    assert "300元/人" in table and "350元/人" in table  # the history, dated
    assert "每人350元" in current
    # The current version's own address leads to the default page.
    stable = (changed_copy.site / f"versions/policy/{V['in_force']}.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in stable and "../../policy.html" in stable


def test_the_export_has_both_versions(changed_copy):
    data = json.loads((changed_copy.site / "data/policy.json").read_text(encoding="utf-8"))
    assert [v["id"] for v in data["document"]["versions"]] == ["2022-12-22", V["in_force"]]
    old = json.loads((changed_copy.site / "data/versions/policy/2022-12-22.json").read_text(encoding="utf-8"))
    assert old["document"]["latest"] is False and old["document"]["valid_until"] == V["old_last_day"]


KEY = V["sets"][1][0]  # a value, not a scale


@pytest.mark.parametrize("bad, message", [
    (["--set", "no_such_value", "1", "words"], "no parameter 'no_such_value'"),
    (["--set", KEY, "35万", "words"], "is not a number"),
    (["--set", KEY, "350", "words", "--set", KEY, "360", "words"], "a value from"),
])
def test_a_bad_value_writes_nothing(tmp_path, monkeypatch, bad, message):
    """Every --set is checked before anything is written: a typo leaves no half-made version."""
    import new_version  # scripts/ (on the path through tests/conftest.py)

    package = tmp_path / "package"
    shutil.copytree(new_version.PACKAGE / "documents" / V["document"], package / "documents" / V["document"])
    docs = tmp_path / "docs"
    docs.mkdir()
    for suffix in (".md", ".en.md"):
        shutil.copy(new_version.DOCS / f"{V['document']}{suffix}", docs)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    monkeypatch.setattr(new_version, "ROOT", tmp_path)
    monkeypatch.setattr(new_version, "PACKAGE", package)
    monkeypatch.setattr(new_version, "DOCS", docs)
    with pytest.raises(SystemExit) as stopped:
        new_version.main([V["document"], "--in-force", V["in_force"], *bad])
    assert message in str(stopped.value.code)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
