"""The page 解读与假设 / Readings and assumptions lists every reading, in both languages, with
the values in force written out, and each calculator links to it."""

from __future__ import annotations

import pytest
from xinzhou_policy.money import date_en, date_zh
from xinzhou_policy.readings import readings, topic_reading
from xinzhou_policy.registry import DOCUMENTS

from .html_text import ids


@pytest.mark.parametrize("page", ["readings.html", "en/readings.html"])
def test_every_reading_is_on_the_page(site, page):
    html = site.page(page)
    assert sorted(set(readings()) - ids(html)) == []
    assert "[[param:" not in html
    # The other last day (Civil Code arts. 201-202) of the latest version given in years whose
    # words the last-day reading reads: for 81号 as issued, 2025-12-22.
    reading = topic_reading(DOCUMENTS["policy"], "last-day")
    version = next(v for v in reversed(DOCUMENTS["policy"].versions)
                   if v.last_day_other_reading and reading.applies(v.id))
    day = version.last_day_other_reading
    assert (date_zh(day) if page == "readings.html" else date_en(day)) in html


@pytest.mark.parametrize("page, target", [("calculators/index.html", "../readings.html"),
                                          ("en/calculators/land.html", "../readings.html")])
def test_the_calculators_know_where_the_readings_are(site, page, target):
    assert f'data-readings-page="{target}"' in site.page(page)
