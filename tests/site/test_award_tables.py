"""The award tables on the policy pages are generated from the policy's parameters.toml."""

from __future__ import annotations

import re

import pytest
from xinzhou_policy.registry import DOCUMENTS

POLICY = DOCUMENTS["policy"].parameters

from .html_text import ArticleText


def table(html: str, clause: str) -> str:
    match = re.search(rf'<div class="generated award-table" data-clause="{clause}">(.*?)</div>', html, re.S)
    assert match, f"no award table for {clause}"
    return match[1]


def text(fragment: str) -> str:
    return ArticleText.of(f"<article>{fragment}</article>")


@pytest.mark.parametrize("page", ["policy.html", "en/policy.html"])
def test_every_clause_with_parameters_has_its_table(site, page):
    html = site.page(page)
    clauses = POLICY.clauses()
    assert len(re.findall(r'class="generated award-table"', html)) == len(clauses)
    for clause in clauses:
        shown = table(html, clause)
        assert [p.key for p in POLICY.of_clause(clause) if f'data-key="{p.key}"' not in shown] == []


# A change detector: policy-4 as a reader sees it. If a parameter changes, so must this.
POLICY_4 = {
    "policy.html": ["20万元", "突破20亿元（不含本数）", "100万元", "突破50亿元（不含本数）", "200万元",
                    "达到1亿元（含本数）", "达到5亿元（含本数）", "30万元", "达到10亿元（含本数）", "50万元",
                    "对评选为全市特色专业镇规模化领军企业给予 20 万元资金奖励", "2022年12月22日"],
    "en/policy.html": ["200,000 yuan", "exceeds 2,000,000,000 yuan (not inclusive)", "1,000,000 yuan",
                       "exceeds 5,000,000,000 yuan (not inclusive)", "2,000,000 yuan",
                       "reaches 100,000,000 yuan (inclusive)", "reaches 1,000,000,000 yuan (inclusive)",
                       "500,000 yuan", "22 December 2022"],
}


@pytest.mark.parametrize("page", POLICY_4)
def test_policy_4_shows_each_parameter_formatted(site, page):
    shown = text(table(site.page(page), "policy-4"))
    assert [value for value in POLICY_4[page] if value not in shown] == []


def test_the_land_table_lists_every_grade(site):
    shown = text(table(site.page("policy.html"), "policy-13"))
    assert "第1等" in shown and "840元/平方米" in shown and "第15等" in shown and "60元/平方米" in shown
    assert "国土资发〔2006〕307号" in shown and "2007年1月1日" in shown


@pytest.mark.parametrize("page", ["policy.html", "en/policy.html"])
def test_every_award_table_leads_to_a_calculator_that_computes_it(site, page):
    # From the clause to the calculator, and (the items' links) back to the clause.
    html = site.page(page)
    folder = page.rpartition("/")[0]
    for clause in POLICY.clauses():
        link = re.search(rf'data-clause="{clause}">.*?</table></div><p class="generated calc-link">'
                         r'<a href="([^"]+)"', html, re.S)
        assert link, f"no calculator link after the table of {clause}"
        target = site.root / folder / link[1]
        assert target.exists(), target
        assert "data-calculator=" in target.read_text(encoding="utf-8")
