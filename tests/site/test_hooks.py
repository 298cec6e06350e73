"""The hooks refuse what CONVENTIONS.md forbids, and place hover definitions where they belong."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from xinzhou_policy.registry import DOCUMENTS, Version

from .conftest import REPO

sys.path.insert(0, str(REPO / "scripts" / "hooks"))
import annotation_data  # noqa: E402
import award_tables  # noqa: E402
import document_status  # noqa: E402
import glossary_hover  # noqa: E402
import param_values  # noqa: E402


def page(src_uri: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


def markers(*clauses: str) -> str:
    return "\n\n".join(f"<!-- award-table: {c} -->" for c in clauses)


from _documents import text_page  # noqa: E402

ALL = award_tables.clauses_with_parameters(DOCUMENTS["policy"])
# The page of the policy as issued: its values are history and never change (policy.md while no
# later version exists, then versions/policy/….md).
POLICY = DOCUMENTS["policy"]
AS_ISSUED = text_page(POLICY, POLICY.versions[0])


def test_every_clause_with_parameters_gets_its_table():
    html = award_tables.on_page_markdown(markers(*ALL), page("policy.md"), None, None)
    assert html.count('class="generated award-table"') == len(ALL)


@pytest.mark.parametrize("markdown, src_uri, problem", [
    (markers(*ALL, "policy-1"), "policy.md", "policy-1 has no parameters"),
    (markers(*[c for c in ALL if c != "policy-9"]), "policy.en.md", "policy-9 has parameters but no marker"),
    (markers(*ALL, "policy-4"), "policy.md", "policy-4 has more than one marker"),
    (markers("policy-4"), "index.md", "on the pages of their document"),
])
def test_award_table_markers_must_match_the_parameters(markdown, src_uri, problem):
    with pytest.raises(PluginError, match=problem):
        award_tables.on_page_markdown(markdown, page(src_uri), None, None)


def test_placeholders_render_per_language_and_unknown_keys_stop_the_build():
    text = "[[param:equipment_cap]], [[param:valid_until]]"
    english = AS_ISSUED[:-len(".md")] + ".en.md"
    assert param_values.on_page_markdown(text, page(AS_ISSUED), None, None) == "100万元, 2025年12月21日"
    assert param_values.on_page_markdown(text, page(english), None, None) == "1,000,000 yuan, 21 December 2025"
    # Elsewhere a value names its document where its key alone would not, and is the latest version's.
    latest = param_values.on_page_markdown("[[param:equipment_cap]]", page(text_page(POLICY, POLICY.latest)), None, None)
    assert param_values.on_page_markdown("[[param:policy.equipment_cap]]", page("x.md"), None, None) == latest
    with pytest.raises(PluginError, match="name the document"):
        param_values.on_page_markdown("[[param:valid_until]]", page("x.md"), None, None)
    with pytest.raises(PluginError, match="no_such_key"):
        param_values.on_page_markdown("[[param:no_such_key]]", page("policy.md"), None, None)


def test_a_sentence_about_a_version_names_it_and_the_periods_show_the_gaps(monkeypatch):
    """Outside the document's pages a version's date names its version (a renewal leaves it as
    it was); `periods` is every version's, with the gap between two."""
    first = replace(POLICY.first, last_day=POLICY.first.expires)
    renewed = Version("policy", "2026-01-01", date(2026, 1, 1), expires=date(2028, 12, 31), validity_years=3,
                      number="忻政办发〔2026〕3号（虚构）", last_day=date(2028, 12, 31))
    monkeypatch.setitem(DOCUMENTS, "policy", replace(POLICY, versions=(first, renewed)))
    render = lambda text, src: param_values.on_page_markdown(text, page(src), None, None)  # noqa: E731
    assert render("[[param:policy@2022-12-22:valid_until]]", "changelog.md") == "2025年12月21日"
    assert render("[[param:policy@2026-01-01:valid_from]]", "changelog.en.md") == "1 January 2026"
    assert render("[[param:policy.periods]]", "estimate.md") == (
        "2022年12月22日至2025年12月21日（忻政办发〔2022〕81号）；2025年12月22日至2025年12月31日没有施行中的版本；"
        "2026年1月1日至2028年12月31日（忻政办发〔2026〕3号（虚构））")
    assert render("[[param:policy.periods]]", "estimate.en.md") == (
        "from 22 December 2022 through 21 December 2025 (忻政办发〔2022〕81号); no version in force from "
        "22 December 2025 through 31 December 2025; from 1 January 2026 through 31 December 2028 (忻政办发〔2026〕3号（虚构）)")
    with pytest.raises(PluginError, match=r"name the version the sentence is about \(\[\[param:policy@VERSION:valid_until"):
        render("[[param:policy.valid_until]]", "changelog.md")
    with pytest.raises(PluginError, match="policy has no version '2024-01-01'"):
        render("[[param:policy@2024-01-01:valid_until]]", "changelog.md")
    assert render("[[param:policy.valid_until]]", "policy.md") == "2028年12月31日"  # its own page: the latest


def test_a_version_shows_its_note_and_its_own_title(monkeypatch):
    first, start = POLICY.first, date(POLICY.latest.in_force.year + 10, 1, 1)  # after every real version
    renewed = Version("policy", start.isoformat(), start, note_zh="延续（虚构）", note_en="A renewal (fictional)",
                      title_zh="修订后的标题（虚构）", title_en="The amended title (fictional)")
    monkeypatch.setitem(DOCUMENTS, "policy", replace(POLICY, versions=(*POLICY.versions, renewed)))
    document = DOCUMENTS["policy"]
    zh = document_status.info_table(document, renewed, "zh", "policy.md")
    en = document_status.info_table(document, renewed, "en", "policy.en.md")
    assert "| 标题 | 修订后的标题（虚构） |" in zh and "| 本版本 | 延续（虚构） |" in zh
    assert "| Title | The amended title (fictional) |" in en and "| This version | A renewal (fictional) |" in en
    assert "本版本" not in document_status.info_table(document, first, "zh", AS_ISSUED)  # the first has neither
    assert document.title_of(first, "zh") == POLICY.title_zh and document.title_of(renewed, "en") == "The amended title (fictional)"


def test_a_section_without_its_annotation_stops_the_build(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "crossrefs.yml").write_text("[]\n", encoding="utf-8")
    markdown = "### 第一条 {#regulation-1}\n\n正文。\n"
    with pytest.raises(PluginError, match="regulation-1 has no '\\?\\?\\? note' block"):
        annotation_data.on_page_markdown(markdown, page("regulation.md"), SimpleNamespace(docs_dir=str(tmp_path)), None)


def test_generated_lines_end_the_annotation(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "crossrefs.yml").write_text(
        "- {from: regulation-26, to: [policy-15], topic_zh: 人才, topic_en: talent}\n", encoding="utf-8")
    markdown = '### （十五）强化人才智力支撑保障。 {#policy-15}\n\n正文。\n\n??? note "注释"\n    解读。\n\n## 版记 {#policy-imprint}\n'
    out = annotation_data.on_page_markdown(markdown, page("policy.md"), SimpleNamespace(docs_dir=str(tmp_path)), None)
    note = out.split('??? note "注释"')[1].split("## 版记")[0]
    assert "    解读。" in note
    assert "    **责任单位**：市委组织部、" in note
    assert "    **相关条款**：[条例第二十六条](regulation.md#regulation-26)（人才）" in note
    assert "    **效力状态**：" in note  # its wording, for each status: tests/site/test_status.py
    assert note.count("{: .generated .annotation-data }") == 3


def test_hover_definitions_skip_headings_links_code_and_attributes():
    html = ('<h2 id="a">法兰</h2><p class="admonition-title">法兰</p>'
            '<p title="法兰">法兰和<a href="#a">法兰</a>、<code>法兰</code>、法兰</p>'
            '<h3 id="b">下一条</h3><p>法兰</p>')
    out = glossary_hover.add_definitions(html, "zh")
    assert out.startswith('<h2 id="a">法兰</h2><p class="admonition-title">法兰</p><p title="法兰"><abbr title="')
    assert out.count("<abbr") == 2  # once per section, and again after the next heading
    assert '<a href="#a">法兰</a>' in out and "<code>法兰</code>" in out and "、法兰</p>" in out


def test_hover_definitions_in_english_use_the_glossary_rendering():
    out = glossary_hover.add_definitions("<p>Specialized towns and a leading enterprise.</p>", "en")
    assert '<abbr title="A town or industrial cluster area' in out
    assert ">Specialized towns</abbr>" in out and ">leading enterprise</abbr>" in out


def test_a_replaced_value_ends_with_the_version_that_had_it():
    """A value replaced by a version that starts after a gap applied only until the earlier
    version expired, and the award table says so."""
    document = replace(POLICY, versions=(Version("policy", "a", date(2022, 12, 22), last_day=date(2025, 12, 21)),
                                         Version("policy", "b", date(2026, 3, 1))))
    assert award_tables._last_day(document, date(2026, 2, 28)) == date(2025, 12, 21)
    assert award_tables._last_day(document, date(2025, 6, 30)) == date(2025, 6, 30)


# The last day of a validity given in years is a reading (how the years are counted): the
# status line links it.
LAST_DAY = "(readings.md#policy-last-day)"


@pytest.mark.parametrize("build_day, zh, en", [
    ("2024-06-01", f"自2022年12月22日起施行，有效期至[2025年12月21日]{LAST_DAY}。",
     f"In force since 22 December 2022, valid through [21 December 2025]{LAST_DAY}."),
    ("2025-12-22", f"有效期至[2025年12月21日]{LAST_DAY}；除非已经延续，有效期已经届满。",
     f"Valid through [21 December 2025]{LAST_DAY}; unless it was renewed, its validity has ended."),
    ("2022-12-21", "自2022年12月22日起施行。", "In force from 22 December 2022."),
])
def test_the_status_line_of_the_policy_as_issued(monkeypatch, build_day, zh, en):
    first = replace(POLICY.first, last_day=POLICY.first.expires)
    as_issued = replace(POLICY, versions=(first,), superseded_by=())
    monkeypatch.setenv("BUILD_DATE", build_day)
    assert [annotation_data._status(as_issued, first, lang, "") for lang in ("zh", "en")] == [zh, en]
    # Once a later version exists, an earlier one's pages say so, whatever the day.
    later = replace(first, id="2026-03-01", in_force=date(2026, 3, 1), last_day=None)
    renewed = replace(POLICY, versions=(first, later), superseded_by=())
    assert annotation_data._status(renewed, first, "zh", "") == f"本版本自2022年12月22日起施行，适用至[2025年12月21日]{LAST_DAY}；已被后来的版本取代。"
