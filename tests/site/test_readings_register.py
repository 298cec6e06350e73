"""The readings register is complete by construction (CONVENTIONS.md, "Readings"): every id a
note, a rule or a status text names is registered, every registered reading is named in the note
of each clause it reads, in both languages, and a note that reads the text names its reading.

The check is scripts/hooks/_readings.py's `problems`, which the build runs before it starts
(readings_page.on_pre_build): the planted tests below give it a copy of the pages or of the rules
with one thing wrong, and see it, and the build's hook, stop on it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import xinzhou_policy
from mkdocs.exceptions import PluginError
from xinzhou_policy.readings import readings
from xinzhou_policy.registry import DOCUMENTS

from .conftest import REPO

sys.path.insert(0, str(REPO / "scripts" / "hooks"))
import readings_page  # noqa: E402  the hook itself
from _documents import build_date  # noqa: E402
from _readings import marker_ids, problems, render_markers, rule_citations  # noqa: E402

DOCS = REPO / "docs"
PACKAGE = Path(xinzhou_policy.__file__).parent
UNKNOWN = "policy-no-such-reading"


def _docs_copy(tmp_path: Path, edits: dict[str, list[tuple[str, str]]]) -> Path:
    """A copy of docs/ with each page's (old, new) replacements made (each old found once)."""
    target = tmp_path / "docs"
    shutil.copytree(DOCS, target, ignore=shutil.ignore_patterns("assets", "deploy"))
    for name, pairs in edits.items():
        page = target / name
        text = page.read_text(encoding="utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, (name, old)
            text = text.replace(old, new)
        page.write_text(text, encoding="utf-8")
    return target


def test_the_register_and_every_text_that_cites_it_agree():
    assert problems(DOCS, PACKAGE, readings()) == []


def test_every_registered_reading_is_named_by_the_notes_of_its_clauses():
    """The reverse of "every id named is registered": the readings page lists no reading that
    the notes do not name (so 本页逐一列出 holds both ways)."""
    named = set()
    for page in (DOCS / "policy.md", DOCS / "policy.en.md", DOCS / "regulation.md"):
        named |= set(marker_ids(page.read_text(encoding="utf-8")))
    assert named == set(readings())


def test_the_rules_cite_registered_readings_and_the_scan_sees_them():
    cited = {i for i, _ in rule_citations(PACKAGE / "documents" / "policy" / "rules")}
    assert {"policy-top-three", "policy-provincial-basis", "policy-land-unsupported",
            "policy-first-time"} <= cited
    assert cited <= set(readings())


def test_a_planted_unknown_marker_is_caught_and_stops_the_build(tmp_path):
    marker = "[[reading:policy-top-three]]"
    docs = _docs_copy(tmp_path, {"policy.md": [(marker, f"[[reading:policy-top-three, {UNKNOWN}]]")]})
    found = problems(docs, PACKAGE, readings())
    assert any(p.startswith("policy.md: ") and UNKNOWN in p for p in found), found
    # The two languages no longer name the same readings in that note.
    assert any("policy-5: the Chinese note names" in p for p in found), found
    with pytest.raises(PluginError, match=UNKNOWN):
        readings_page.on_pre_build(SimpleNamespace(docs_dir=str(docs)))
    with pytest.raises(PluginError, match=UNKNOWN):
        render_markers(f"x[[reading:{UNKNOWN}]]", "zh", "policy.md", readings())


def test_a_planted_rule_citing_an_unknown_reading_is_caught(tmp_path):
    package = tmp_path / "xinzhou_policy"
    shutil.copytree(PACKAGE / "documents", package / "documents",
                    ignore=shutil.ignore_patterns("__pycache__"))
    rule = package / "documents" / "policy" / "rules" / "policy_5.py"
    text = rule.read_text(encoding="utf-8")
    old = 'readings=("policy-first-named",)'
    assert text.count(old) == 1
    rule.write_text(text.replace(old, f'readings=("policy-first-named", "{UNKNOWN}")'), encoding="utf-8")
    found = problems(DOCS, package, readings())
    assert len(found) == 1 and found[0].startswith("policy/rules/policy_5.py:") and UNKNOWN in found[0]


def test_a_reading_its_clauses_notes_do_not_name_is_caught(tmp_path):
    docs = _docs_copy(tmp_path, {name: [("[[reading:policy-ranking-year]]", "")]
                                 for name in ("policy.md", "policy.en.md")})
    found = problems(docs, PACKAGE, readings())
    assert sorted(p.split(":")[0] for p in found) == ["policy (en)", "policy (zh)"]
    assert all("policy-ranking-year reads ['policy-5']" in p for p in found)


def test_a_reading_whose_version_no_longer_holds_its_words_is_caught(tmp_path):
    """A new version inherits every reading (scripts/new_version.py); where its text changed the
    words a reading reads, the build names the reading to review."""
    policy = DOCUMENTS["policy"]
    page = (DOCS / "policy.md").read_text(encoding="utf-8")
    # A reading of the current text whose words the page holds once (a note's quote does not count).
    reading = next(r for r in readings().values() if r.document == "policy" and r.applies(policy.latest.id)
                   and "……" not in r.words_zh and page.count(r.words_zh) == 1
                   and any(r.words_zh in line and not line[:1].isspace() for line in page.splitlines()))
    docs = _docs_copy(tmp_path, {"policy.md": [(reading.words_zh, "（改写）")]})
    found = problems(docs, PACKAGE, readings())
    assert f"policy: reading {reading.id} names version {policy.latest.id}" in "\n".join(found)
    assert found and all("review it" in p for p in found)


def test_a_note_that_reads_the_text_without_naming_its_reading_is_caught(tmp_path):
    planted = "    - 本站把“前三”读作按营业收入计算的名次。"
    docs = _docs_copy(tmp_path, {"policy.md": [
        ("    - 名次按购置设备当年的营业收入计算", f"{planted}\n    - 名次按购置设备当年的营业收入计算")]})
    found = problems(docs, PACKAGE, readings())
    assert len(found) == 1 and "policy.md, policy-5: a note reads the text (“本站把”)" in found[0]


def test_a_marker_outside_a_note_is_caught(tmp_path):
    docs = _docs_copy(tmp_path, {"policy.md": [("排名前三的企业，当年购置", "排名前三[[reading:policy-top-three]]的企业，当年购置")]})
    assert any("outside a note" in p for p in problems(docs, PACKAGE, readings()))


@pytest.mark.parametrize("page", ["policy.html", "en/policy.html"])
def test_notes_and_status_texts_link_their_readings(site, page):
    html = site.page(page)
    for reading in readings().values():
        assert f'href="readings.html#{reading.id}"' in html, reading.id
    assert "[[reading:" not in html
    # The status box names the readings it states: the last day of a validity given in years,
    # the day of publication where the version is in force from it, and the event date where
    # the box says an event earns nothing (the policy expired, or not yet in force).
    document = DOCUMENTS["policy"]
    version, status = document.latest, document.status_on(build_date())
    # Each only where it is a reading of the words of the version shown (readings.toml, `versions`).
    box = html[html.index('class="admonition'):html.index('id="policy-notice"')]
    of = {r: readings()[r].applies(version.id) for r in ("policy-last-day", "policy-publication", "policy-event-date")}
    assert ('readings.html#policy-last-day' in box) == (bool(version.validity_years) and of["policy-last-day"])
    assert ('readings.html#policy-publication' in box) == (version.published == version.in_force and of["policy-publication"])
    assert ('readings.html#policy-event-date' in box) == (status.code in ("expired", "not_yet") and of["policy-event-date"])
    # And each clause's status line, the last day.
    line = html[html.index('id="policy-5"'):html.index('id="policy-6"')]
    assert ('readings.html#policy-last-day' in line) == (bool(version.validity_years) and of["policy-last-day"])


def test_the_json_export_lists_the_readings_of_each_note(site):
    import json
    data = json.loads(site.page("data/policy.json"))
    sections = {s["id"]: s for s in data["sections"]}
    assert sections["policy-5"]["readings"][:2] == ["policy-up-to", "policy-thresholds"]
    assert "[[reading:" not in json.dumps(data, ensure_ascii=False)
    assert "（解读：“排名前三”含第三名和并列第三名）" in sections["policy-5"]["annotations"]["zh"]
