"""Material's search, in the browser, finds the articles readers look for in both languages.

tests/site/test_search.py checks the index file; this checks what a reader gets: the page's
worker fetches the index through the server (which sends the build's precompressed copy when
the browser accepts it), builds lunr's index with the zh/en language support and answers the
query typed into the search box. The results must include the expected articles, and every
result link must lead to a page, and an anchor in it, under the site's sub-path.
"""

from __future__ import annotations

import gzip
import urllib.parse
import urllib.request

import brotli
import pytest

from .browsing import search

# (home page, query, articles that must be among the results); the Chinese terms are those
# tests/site/test_search.py checks in the index.
QUERIES = [
    ("index.html", "法兰", {"regulation.html#regulation-1", "regulation.html#regulation-22"}),
    ("index.html", "人才", {"regulation.html#regulation-26", "policy.html#policy-15"}),
    ("index.html", "奖励", {"policy.html#policy-4"}),
    ("en/index.html", "flange", {"en/regulation.html#regulation-1", "en/regulation.html#regulation-22"}),
    ("en/index.html", "talent", {"en/regulation.html#regulation-26", "en/policy.html#policy-15"}),
    ("en/index.html", "award", {"en/policy.html#policy-4"}),
]


def result_locations(page, site) -> list[str]:
    """The results' links as site paths with their anchors (Material's ?h= highlight query
    dropped); a link outside the site's sub-path fails."""
    locations = []
    for href in page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)"):
        assert href.startswith(site.url), f"{href} is not under {site.url}"
        parts = urllib.parse.urlsplit(href[len(site.url):])
        locations.append(parts.path + (f"#{parts.fragment}" if parts.fragment else ""))
    return locations


@pytest.mark.parametrize("home, query, expected", QUERIES, ids=[q for _, q, _ in QUERIES])
def test_search_finds_the_articles(page, site, home, query, expected):
    page.goto(site.url + home)
    search(page, query)
    locations = result_locations(page, site)
    assert expected <= set(locations), f"{query!r} on {home} found {locations}"
    for path in {location.split("#")[0] for location in locations}:
        with urllib.request.urlopen(site.url + path) as response:
            assert response.status == 200, path
    for location in locations:
        path, _, anchor = location.partition("#")
        if anchor:
            assert f'id="{anchor}"' in site.page(path), f"{location}: no such anchor"


@pytest.mark.parametrize("encoding, decode", [
    ("br", brotli.decompress), ("gzip", gzip.decompress), ("identity", lambda body: body)])
def test_every_encoding_of_the_index_is_the_index(site, encoding, decode):
    # The worker gets the precompressed copy: one written before the last write of the index
    # (mkdocs-static-i18n rewrites it after building the other languages) loses a language.
    request = urllib.request.Request(site.url + "search/search_index.json",
                                     headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        sent = response.headers.get("Content-Encoding", "identity")
        body = decode(response.read())
    assert sent == encoding
    assert body == (site.root / "search" / "search_index.json").read_bytes()
