"""Served from a sub-path, every link and asset of every page resolves, anchors included.

The crawl starts at the home page and at 404.html (whose links are absolute) and follows every
page of the site; each href and src must answer 200, and each #anchor must exist on its page.
Each page's search worker and search index, which the theme loads by script, must answer too.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

from .html_text import ids


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.config: str | None = None
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.links += [attrs[name] for name in ("href", "src") if attrs.get(name)]
        self._in_config = attrs.get("id") == "__config"

    def handle_data(self, data):
        if self._in_config:
            self.config = data

    def handle_endtag(self, tag):
        self._in_config = False


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read()
            kind = response.headers.get_content_type()
            return response.status, kind, body.decode("utf-8") if kind == "text/html" else ""
    except urllib.error.HTTPError as error:
        return error.code, "", ""


def crawl(start: list[str], prefix: str) -> tuple[dict[str, int], dict[str, str], list[tuple[str, str]]]:
    """(status per URL, HTML per page, (page, link) pairs with a fragment)."""
    status, pages, fragments = {}, {}, []
    queue = list(start)
    while queue:
        url = queue.pop()
        if url in status:
            continue
        status[url], kind, body = fetch(url)
        if kind != "text/html" or not url.startswith(prefix):
            continue
        pages[url] = body
        parser = _Links()
        parser.feed(body)
        targets = [urljoin(url, link) for link in parser.links]
        if parser.config:  # files the theme's scripts load: the search worker and index
            config = json.loads(parser.config)
            base = urljoin(url, config["base"].rstrip("/") + "/")
            targets += [urljoin(url, config["search"]), urljoin(base, "search/search_index.json")]
        for target in targets:
            address, fragment = urldefrag(target)
            if fragment:
                fragments.append((address, fragment))
            queue.append(address)
    return status, pages, fragments


def test_every_link_resolves_under_the_sub_path(site):
    status, pages, fragments = crawl([site.url + "index.html", site.url + "404.html"], site.url)
    assert len(pages) >= 15  # seven pages in two languages, and 404.html
    assert {url: code for url, code in status.items() if code != 200} == {}
    assert [url for url in status if not url.startswith(site.url)] == []
    page_ids = {url: ids(html) for url, html in pages.items()}
    assert sorted({(page, f) for page, f in fragments if f not in page_ids.get(page, ())}) == []


def test_language_links_keep_the_page(site):
    html = site.page("en/policy.html")
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', html))
    assert set(links.values()) == {"zh", "en"}
    assert {lang: link for link, lang in links.items()} == {"zh": "../policy.html", "en": "policy.html"}
