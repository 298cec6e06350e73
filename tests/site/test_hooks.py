"""The hooks refuse what CONVENTIONS.md forbids, and place hover definitions where they belong."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from .conftest import REPO

sys.path.insert(0, str(REPO / "scripts" / "hooks"))
import annotation_data  # noqa: E402
import award_tables  # noqa: E402
import glossary_hover  # noqa: E402
import param_values  # noqa: E402


def page(src_uri: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


def markers(*clauses: str) -> str:
    return "\n\n".join(f"<!-- award-table: {c} -->" for c in clauses)


ALL = award_tables.clauses_with_parameters()


def test_every_clause_with_parameters_gets_its_table():
    html = award_tables.on_page_markdown(markers(*ALL), page("policy.md"), None, None)
    assert html.count('class="generated award-table"') == len(ALL)


@pytest.mark.parametrize("markdown, src_uri, problem", [
    (markers(*ALL, "policy-1"), "policy.md", "policy-1 has no parameters"),
    (markers(*[c for c in ALL if c != "policy-9"]), "policy.en.md", "policy-9 has parameters but no marker"),
    (markers(*ALL, "policy-4"), "policy.md", "policy-4 has more than one marker"),
    (markers("policy-4"), "index.md", "on the policy page only"),
])
def test_award_table_markers_must_match_the_parameters(markdown, src_uri, problem):
    with pytest.raises(PluginError, match=problem):
        award_tables.on_page_markdown(markdown, page(src_uri), None, None)


def test_placeholders_render_per_language_and_unknown_keys_stop_the_build():
    text = "[[param:equipment_cap]], [[param:valid_until]]"
    assert param_values.on_page_markdown(text, page("x.md"), None, None) == "100万元, 2025年12月21日"
    assert param_values.on_page_markdown(text, page("x.en.md"), None, None) == "1,000,000 yuan, 21 December 2025"
    with pytest.raises(PluginError, match="no_such_key"):
        param_values.on_page_markdown("[[param:no_such_key]]", page("x.md"), None, None)


def test_a_section_without_its_annotation_stops_the_build(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "crossrefs.yml").write_text("[]\n", encoding="utf-8")
    markdown = "### 第一条 {#regulation-1}\n\n正文。\n"
    with pytest.raises(PluginError, match="regulation-1 has no '\\?\\?\\? note' block"):
        annotation_data.on_page_markdown(markdown, page("regulation.md"), SimpleNamespace(docs_dir=str(tmp_path)), None)


def test_generated_lines_end_the_annotation(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "crossrefs.yml").write_text(
        "- {regulation: regulation-26, policy: [policy-15], topic_zh: 人才, topic_en: talent}\n", encoding="utf-8")
    markdown = '### （十五）强化人才智力支撑保障。 {#policy-15}\n\n正文。\n\n??? note "注释"\n    解读。\n\n## 版记 {#policy-imprint}\n'
    out = annotation_data.on_page_markdown(markdown, page("policy.md"), SimpleNamespace(docs_dir=str(tmp_path)), None)
    note = out.split('??? note "注释"')[1].split("## 版记")[0]
    assert "    解读。" in note
    assert "    **责任单位**：市委组织部、" in note
    assert "    **相关条款**：[条例第二十六条](regulation.md#regulation-26)（人才）" in note
    assert "    **效力状态**：本政策有效期至2025年12月21日" in note
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
