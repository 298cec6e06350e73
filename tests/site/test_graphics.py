"""一图读懂 and the timeline, as built (issue 21, parts 4 and 5): one image per version of each
award document and language, none for a document without awards; the amounts they show are the
award tables' (both read from the built pages); the text alternative says what the image says;
the images draw their words as outlines; every document page links its image and shows the
timeline, which has a bar for every version of the registry.
"""

from __future__ import annotations

import html
import re

import pytest
from xinzhou_policy.registry import DOCUMENTS, award_documents

LANGS = {"zh": ("", "数值", "：", "；"), "en": ("en/", "Value", ": ", "; ")}  # folder, value column, colon, separator
USE = re.compile(r'<use href="#(g\d+)"')


def award_clauses(document) -> list[str]:
    rules = {r.clause for r in document.rules.AWARD_RULES}
    return sorted(rules & set(document.parameters.clauses()), key=document.clause_order)


def table_values(page: str, clause: str, lang: str) -> list[str]:
    """Each parameter's current value in the clause's award table, as the reader sees it."""
    _, column, colon, sep = LANGS[lang]
    table = re.search(rf'<div class="generated award-table" data-clause="{clause}">(.*?)</table></div>', page, re.S)[1]
    values = []
    for group in re.findall(r"<tbody id=[^>]*>(.*?)</tbody>(?=<tbody id|$)", table + "", re.S):
        # The group's own rows (a scale's steps are rows of a table inside the value's cell).
        rows = re.split(r'(<tr(?: class="earlier")?>)(?=<th scope|<td data-label)', group)[1:]
        row = [body for mark, body in zip(rows[::2], rows[1::2]) if "earlier" not in mark][-1]
        cell = re.search(rf'<td data-label="{column}">(.*?)</td><td class="unit"', row, re.S)[1]
        steps = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", cell)
        values.append(sep.join(f"{c}{colon}{a}" for c, a in steps) if steps else cell)
    return [html.unescape(v) for v in values]


def listed(page: str, anchor: str) -> str:
    """The text alternative of the image with id `anchor` on the 政策图解 page."""
    start = page.index(f'<figure class="graphic" id="{anchor}">')
    return page[start:page.index("</details>", start)]


def graphic_values(alternative: str, clause: str) -> list[str]:
    item = re.search(rf'<li data-clause="{clause}">(.*?)</ul></li>', alternative, re.S)[1]
    return [html.unescape(v) for v in re.findall(r'<strong class="graphic-value">(.*?)</strong>', item)]


def svg_text(svg: str) -> str:
    return html.unescape(re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S)[1])


def test_one_image_per_version_and_language_of_each_award_document(site):
    made = sorted(p.name for p in (site.root / "graphics").glob("*.svg"))
    expected = sorted([f"{d.id}-{v.id}{kind}.{lang}.svg" for d in award_documents() for v in d.versions
                       for lang in LANGS for kind in ("", ".print")]
                      + [f"{d.id}-{v.id}-changes.{lang}.svg" for d in award_documents() for v in d.versions[1:]
                         for lang in LANGS] + [f"timeline.{lang}.svg" for lang in LANGS])
    assert made == expected
    assert [d.id for d in DOCUMENTS.values() if d not in award_documents()], "a document without awards to test"


@pytest.mark.parametrize("lang", LANGS)
def test_the_images_show_the_award_tables_amounts(site, lang):
    folder = LANGS[lang][0]
    graphics = site.page(f"{folder}graphics.html")
    for document in award_documents():
        page = site.page(f"{folder}{document.id}.html")
        version = document.latest
        alternative = listed(graphics, f"{document.id}-{version.id}")
        svg = (site.root / "graphics" / f"{document.id}-{version.id}.{lang}.svg").read_text(encoding="utf-8")
        printed = (site.root / "graphics" / f"{document.id}-{version.id}.print.{lang}.svg").read_text(encoding="utf-8")
        clauses = award_clauses(document)
        assert clauses and re.findall(r'<li data-clause="([\w-]+)">', alternative) == clauses
        for clause in clauses:
            values = graphic_values(alternative, clause)
            assert values == table_values(page, clause, lang), clause
            for value in values:  # the image says it too (its description, for assistive technology)
                assert value in svg_text(svg) and value in svg_text(printed), (clause, value)


@pytest.mark.parametrize("name", ["policy-2022-12-22.zh.svg", "policy-2022-12-22.print.en.svg", "timeline.zh.svg"])
def test_the_images_are_self_contained_outlines(site, name):
    svg = (site.root / "graphics" / name).read_text(encoding="utf-8")
    assert "<text" not in svg and "font" not in svg and "href=\"http" not in svg and "<image" not in svg
    defined = set(re.findall(r'<path id="(g\d+)"', svg))
    assert defined and set(USE.findall(svg)) == defined  # every glyph used is defined, and only those
    assert re.search(r'<svg [^>]*viewBox="0 0 \d+ \d+" width="\d+" height="\d+"', svg)


@pytest.mark.parametrize("lang", LANGS)
def test_each_document_page_links_its_image_and_shows_the_timeline(site, lang):
    folder = LANGS[lang][0]
    for document in DOCUMENTS.values():
        page = site.page(f"{folder}{document.id}.html")
        link = re.search(r'<div class="generated graphic-link">\s*<p><a href="graphics.html#([\w-]+)"', page)
        if document in award_documents():
            assert link and link[1] == f"{document.id}-{document.latest.id}", document.id
            # Near the top: below the information table, before the text's first section.
            first = re.search(rf'<h[2-6] id="{document.id}-', page).start()
            assert page.index('class="generated document-info"') < page.index("graphic-link") \
                < page.index('class="generated timeline"') < first
        else:
            assert link is None, document.id
        assert page.count('class="generated timeline"') == 1


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_has_every_version_and_says_it_in_text(site, lang):
    folder = LANGS[lang][0]
    svg = (site.root / "graphics" / f"timeline.{lang}.svg").read_text(encoding="utf-8")
    bars = re.findall(r'data-document="([\w-]+)" data-version="([\w-]+)"', svg)
    assert bars == [(d.id, v.id) for d in DOCUMENTS.values() for v in d.versions]
    home = site.page(f"{folder}index.html")
    alternative = re.search(r'<ul class="timeline-text">(.*?)</ul></details>', home, re.S)[1]
    assert re.findall(r'<li data-document="([\w-]+)">', alternative) == list(DOCUMENTS)
    lines = [html.unescape(line) for line in re.findall(r"<li>([^<]*)</li>", alternative)]
    assert len(lines) > len(DOCUMENTS)
    assert all(line in svg_text(svg) for line in lines), (lines, svg_text(svg))
