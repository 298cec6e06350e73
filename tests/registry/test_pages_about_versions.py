"""After the renewal (fictional.toml's (a)), the pages outside the policy's own say true things of
both versions: none changes what it says of an earlier version (a sentence about the text as
first issued names that version, [[param:policy@2022-12-22:…]]); a page on the validity in
general gives every version's period and the gap; the readings page shows each reading under the
versions whose words it reads."""

from __future__ import annotations

import re

from .conftest import FICTIONAL, rendered_pages

V = FICTIONAL["version"]


def test_no_page_outside_the_documents_changes_its_account_of_an_earlier_version(changed_copy):
    """Line by line (the renewal edits none of these pages): a rendered line may change only where
    it gives every version's period."""
    after = rendered_pages(changed_copy)
    changed = []
    for name, before in changed_copy.pages_before.items():
        source = (changed_copy.root / "docs" / name).read_text(encoding="utf-8").split("\n")
        for n, (old, new) in enumerate(zip(before.split("\n"), after[name].split("\n"))):
            if old != new and ".periods]]" not in source[n]:
                changed.append((name, n + 1, old[:120]))
    assert changed == []
    # The test can fail: the periods lines did change, and they are the only ones.
    assert any("2026年2月1日" in after[name] and "2026年2月1日" not in text
               for name, text in changed_copy.pages_before.items())


def _text(changed_copy, page: str) -> str:
    html = (changed_copy.site / page).read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", "", html).replace("\u200b", "")


def test_the_changelog_still_dates_the_first_publication(changed_copy):
    assert "依据2022年12月22日印发的文件的扫描文本整理" in _text(changed_copy, "changelog.html")
    assert "issued on 22 December 2022" in _text(changed_copy, "en/changelog.html")


def test_the_estimate_page_gives_both_periods_and_the_gap(changed_copy):
    zh = _text(changed_copy, "estimate.html")
    assert ("2022年12月22日至2025年12月21日（忻政办发〔2022〕81号）；2025年12月22日至2026年1月31日没有施行中的版本；"
            f"2026年2月1日至2029年1月31日（{V['number']}）") in zh
    en = _text(changed_copy, "en/estimate.html")
    assert "no version in force from 22 December 2025 through 31 January 2026" in en


def _reading(text: str, reading_id: str, heading: str) -> str:
    start = text.index(heading)
    return text[start:start + 1500]


def test_the_readings_page_shows_each_reading_under_its_versions(changed_copy):
    html = (changed_copy.site / "readings.html").read_text(encoding="utf-8")
    sections = dict(re.findall(r'<h3 id="([\w-]+)">(.*?)(?=<h3 |</div>\s*</article>|$)', html, re.S))
    publication, event_date = sections["policy-publication"], sections["policy-event-date"]
    # The old words' readings stay with the text that has them; it was issued on the day it names.
    assert "2022年12月22日起施行的文本" in publication and "2026年2月1日起施行的文本" not in publication
    assert "印发日期（2022年12月22日）" in publication and "2026年1月" not in publication
    assert "2026年2月1日起施行的文本" not in sections["policy-last-day"]
    # Words the renewal kept: the reading is under both versions.
    assert "2022年12月22日起施行的文本" in event_date and "2026年2月1日起施行的文本" in event_date


def test_an_estimate_cites_the_readings_of_the_version_applied(changed_copy):
    def cited(day: str) -> set[str]:
        result = changed_copy.estimate({"event_date": day, "incumbent_trainees": 10})
        return {r["id"] for w in result["warnings"] for r in w.get("readings", [])} | {
            r["id"] for d in result["documents"] for r in d.get("readings", [])}
    assert "policy-last-day" in cited("2025-12-22")  # after the old version: its last day's reading
    assert "policy-last-day" not in cited("2030-01-01")  # after the renewal: not the old words'
