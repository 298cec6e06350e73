"""(a) A version of the policy (scripts/new_version.py, with fictional.toml's changed amount):
an event before it gets the old amount and an event after it the new one, in the command line
and in the browser; the "what changed" page shows the value and the words that changed; the
earlier version keeps its own page and its own values."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from ..browser.browsing import READY_TIMEOUT_MS
from .conftest import FICTIONAL

V = FICTIONAL["version"]
PROFILE = {"selected_scale_leader": True}


def _item(result: dict) -> dict:
    (item,) = [i for i in result["items"] if i["id"] == "policy-4.scale-leader"]
    return item


def test_the_event_date_chooses_the_version_on_the_command_line(changed_copy):
    before = changed_copy.estimate({**PROFILE, "event_date": V["before"]})
    after = changed_copy.estimate({**PROFILE, "event_date": V["after"]})
    assert (_item(before)["amount"], _item(before)["version"]) == ("200000.00", "2022-12-22")
    assert (_item(after)["amount"], _item(after)["version"]) == ("250000.00", V["in_force"])
    assert after["within_validity"] is True
    policy = {d["id"]: d for d in after["documents"]}["policy"]
    assert (policy["status"], policy["version"], policy["validity"]["until"]) == ("in_force", V["in_force"], "2028-12-21")


def test_the_event_date_chooses_the_version_in_the_browser(changed_copy, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(changed_copy.url + "calculators/index.html")
    page.wait_for_function("() => window.policyCalculator !== undefined", timeout=READY_TIMEOUT_MS)
    page.evaluate("() => window.policyCalculator.ready")
    for day, amount in ((V["before"], "200000.00"), (V["after"], "250000.00")):
        profile = {**PROFILE, "event_date": day}
        got = page.evaluate("(p) => window.policyCalculator.estimate(p)", profile)
        assert _item(got)["amount"] == amount
        assert got == changed_copy.estimate(profile)  # the same JSON as the copy's command line
    context.close()


@pytest.mark.parametrize("lang, old, new", [("", "20万元", "25万元"), ("en/", "200,000 yuan", "250,000 yuan")])
def test_the_changes_page_shows_the_value_and_the_words(changed_copy, lang, old, new):
    html = (changed_copy.site / f"{lang}versions/policy/{V['in_force']}-changes.html").read_text(encoding="utf-8")
    row = re.search(r'<tr data-key="scale_leader_award"><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td>', html)
    assert row and row.groups() == (old, new)
    assert re.findall(r'data-section="([\w-]+)"', html) == ["policy-4"]  # only the clause that changed
    assert "<del>" in html and "<ins>" in html


def test_the_earlier_version_keeps_its_page_and_values(changed_copy):
    old = (changed_copy.site / "versions/policy/2022-12-22.html").read_text(encoding="utf-8")
    table = re.search(r'data-clause="policy-4">(.*?)</table></div>', old, re.S)[1]
    assert "20万元" in table and "25万元" not in table
    assert "给予20万元资金奖励" in old and "给予25万元资金奖励" not in old
    assert 'href="../../regulation.html#regulation-7"' in old  # links climb from its folder
    current = (changed_copy.site / "policy.html").read_text(encoding="utf-8")
    table = re.search(r'data-clause="policy-4">(.*?)</table></div>', current, re.S)[1]
    assert "20万元" in table and "25万元" in table  # the history, dated
    assert "给予25万元资金奖励" in current and "现行有效" in current
    # The current version's own address leads to the default page.
    stable = (changed_copy.site / f"versions/policy/{V['in_force']}.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in stable and "../../policy.html" in stable


def test_the_export_has_both_versions(changed_copy):
    data = json.loads((changed_copy.site / "data/policy.json").read_text(encoding="utf-8"))
    assert [v["id"] for v in data["document"]["versions"]] == ["2022-12-22", V["in_force"]]
    old = json.loads((changed_copy.site / "data/versions/policy/2022-12-22.json").read_text(encoding="utf-8"))
    assert old["document"]["latest"] is False and old["document"]["valid_until"] == "2025-12-21"


@pytest.mark.parametrize("bad, message", [
    (["--set", "no_such_value", "1", "words"], "no parameter 'no_such_value'"),
    (["--set", V["key"], "25万", "words"], "is not a number"),
    (["--set", V["key"], "250000", "words", "--set", V["key"], "260000", "words"], "a value from"),
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
