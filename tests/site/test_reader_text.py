"""No page shows a reader an internal name: the built HTML of every page, both languages, holds
no parameter key (scale_leader_award) and no raw id (policy-5, a reading's id) in its text.
A clause is named by its label, a value by its description; the names stay in the JSON export,
the schema, hrefs and attributes. (What the browsers show, and a calculator's result:
tests/engines/test_phone_reading.py.)"""

from __future__ import annotations

from .html_text import ReaderText, internal_names, internal_names_in


def test_the_names_are_the_registrys():
    assert {"scale_leader_award", "national_minimum_prices", "policy-5", "policy-closing",
            "policy-part2", "policy-thresholds"} <= internal_names()
    text = "regulation-12 regulation-ch3 policy-guide policy-5x 第（五）条 policy-14"
    assert internal_names_in(text) == ["policy-14", "regulation-12", "regulation-ch3"]


def test_no_page_shows_an_internal_name(site):
    shown = {page: found for page in site.pages()
             if (found := internal_names_in(ReaderText.of(site.page(page))))}
    assert shown == {}
