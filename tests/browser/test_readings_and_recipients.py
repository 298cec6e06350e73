"""A result line links to the readings it rests on, and what the text gives to others than the
enterprise is listed apart, out of the enterprise's total: on screen and on the print sheet."""

from __future__ import annotations

import json
from decimal import Decimal

from playwright.sync_api import expect

from xinzhou_policy.cli import run_text

from .browsing import open_calculator

PROFILE = {"event_date": "2024-06-01", "incumbent_trainees": "10", "new_hire_trainees": "10",
           "new_hire_training_days": "10", "new_hire_employment_rate": "0.9"}
FRAGMENT = "#" + "&".join(f"{k}={v}" for k, v in PROFILE.items())


def test_lines_link_their_readings_and_others_are_apart(page, site):
    open_calculator(page, site, "calculators/training.html", FRAGMENT)
    expected = json.loads(run_text("estimate", json.dumps(PROFILE))[1])
    total = page.locator(".calc-result .calc-total strong")
    expect(total).to_have_text("3,000.00 元")  # the enterprise's own: in-service training only
    assert expected["totals_by_recipient"] == {"enterprise": "3000.00", "training_body": "15000.00"}
    others = page.locator(".calc-others")
    expect(others.locator('[data-clause="policy-16"] .calc-item-amount')).to_have_text("15,000.00 元")
    expect(others).to_contain_text("培训主体")
    expect(page.locator(".calc-summary span")).to_contain_text("3,000.00")
    # The print sheet keeps the two apart too.
    sheet = page.locator(".calc-print-sheet")
    expect(sheet).to_contain_text("企业本身可得的估算合计")
    expect(sheet).to_contain_text("不直接支付给企业的奖补")
    link = others.locator('a[data-reading="policy-training-all"]')
    expect(link).to_have_attribute("href", "../readings.html#policy-training-all")
    link.click()
    expect(page.locator("#policy-training-all")).to_be_visible()
    expect(page.locator("#policy-training-all")).to_contain_text("新招聘人员培训补贴按全部参训人数计算")


def test_a_warning_links_its_readings_and_each_document_says_why(page, site):
    """After the policy's last day: its line says it was not applied and what it would have
    given; the warning links the readings of the last day, each a link, nothing else."""
    open_calculator(page, site, "en/calculators/training.html", "#event_date=2025-12-22&incumbent_trainees=10")
    line = page.locator('.calc-validity[data-document="policy"]')
    expect(line).to_contain_text("not applied")
    expect(line).to_contain_text("3,000.00 yuan")
    assert "《" not in line.inner_text()
    warning = page.locator(".calc-warnings li").filter(has_text="Civil Code")
    links = warning.locator("a[data-reading]")
    expect(links).to_have_count(1)
    expect(links.first).to_have_attribute("href", "../readings.html#policy-last-day")
    assert "http" not in warning.inner_text() and "," not in warning.inner_text().split("rests on:")[-1]


def test_what_a_document_would_have_given_counts_as_the_headline(page, site):
    """Outside the validity, the line's "would have been" is the enterprise's own, as the headline
    counts: 1 亿 and 5 亿 reached (200,000 + 300,000); the GI award (60,000) is the region's."""
    open_calculator(page, site, "calculators/index.html",
                    "#event_date=2025-12-22&role=backbone&revenue=600000000&provincial_gi_award=200000")
    line = page.locator('.calc-validity[data-document="policy"]')
    expect(line).to_contain_text("企业本身可得的估算金额为 500,000.00 元")
    expected = json.loads(run_text("estimate", json.dumps(
        {"event_date": "2025-12-22", "role": "backbone", "revenue": "600000000", "provincial_gi_award": "200000"}))[1])
    assert expected["if_within_validity"]["total"] == "560000.00"  # every item, as in the JSON
