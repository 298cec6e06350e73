"""No built file makes the browser ask another host for anything.

The site runs on intranets without outside access. Scanned: every src/href/srcset/action in the
HTML, inline scripts and styles, url() in CSS, and URLs in JavaScript and JSON outside comments.
The site's own site_url is allowed; so are the few URLs in Material's bundle listed below, each of
which it requests only for a feature this site does not use.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

# In code: an absolute URL, or a protocol-relative one opening a string ("//cdn…").
URL = re.compile(r"""https?://[^\s"'`<>()]+|(?<=["'`])//[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s"'`<>()]*""")
ABSOLUTE = re.compile(r"\s*(?:[A-Za-z][A-Za-z0-9+.-]*:)?//")
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)""")
JS_COMMENT = re.compile(r"/\*.*?\*/|^\s*//.*$", re.DOTALL | re.MULTILINE)

# Material's JavaScript bundle: (URL, why the browser never requests it here).
MATERIAL_BUNDLE = {
    "https://unpkg.com/resize-observer-polyfill": "loaded only by browsers without ResizeObserver",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "loaded only for Mermaid diagrams; there are none",
    "https://api.github.com/repos/${e}/${t}": "queried only when repo_url is set; it is not",
    "https://api.github.com/users/${e}": "queried only when repo_url is set; it is not",
    "https://${e}/api/v4/projects/${encodeURIComponent": "queried only when repo_url is set; it is not",
}
# Pyodide's loader: (URL, why the browser never requests it here).
PYODIDE_LOADER = {
    "https://cdn.jsdelivr.net/pyodide/v${U}/full/": "the default packageBaseUrl; worker.js passes the site's own",
}
# Pyodide's runtime: the socket shim parses a host Python code asks for; the rules open none.
PYODIDE_RUNTIME = {"https://${t}": "URL parsing inside the socket shim, used only by Python sockets"}
# Material's search worker prints this link in a console warning; it is never fetched.
SEARCH_WORKER = {"https://bit.ly/2s3ChXG": "text of a console warning about an invalid query"}


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self._raw: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "action", "poster") and value:
                self.refs.append(value)
            elif name == "srcset" and value:
                self.refs += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name == "style" and value:
                self.refs += CSS_URL.findall(value)
        self._raw = tag if tag in ("script", "style") else None

    def handle_data(self, data):
        if self._raw == "script":
            self.refs += URL.findall(JS_COMMENT.sub("", data))
        elif self._raw == "style":
            self.refs += CSS_URL.findall(data)

    def handle_endtag(self, tag):
        self._raw = None


def references(path, text: str) -> list[str]:
    if path.suffix == ".html":
        parser = _Refs()
        parser.feed(text)
        return parser.refs
    if path.suffix == ".css":
        return CSS_URL.findall(text)
    if path.suffix in (".js", ".mjs"):
        return URL.findall(JS_COMMENT.sub("", text))
    return URL.findall(text)  # JSON


def allowed(path, url: str, site_url: str) -> bool:
    if url.startswith(site_url) or not ABSOLUTE.match(url):
        return True  # the site itself, or a relative or data: reference
    if path.name.startswith("bundle."):
        return url in MATERIAL_BUNDLE
    if path.name == "pyodide.mjs":
        return url in PYODIDE_LOADER
    if path.name == "pyodide.asm.mjs":
        return url in PYODIDE_RUNTIME
    return path.parent.name == "workers" and url in SEARCH_WORKER


def test_no_file_refers_to_another_host(site):
    scanned, offending = 0, []
    for path in sorted(site.root.rglob("*")):
        if path.suffix not in (".html", ".css", ".js", ".mjs", ".json"):
            continue
        scanned += 1
        text = path.read_text(encoding="utf-8", errors="replace")
        offending += [f"{path.relative_to(site.root)}: {url}" for url in references(path, text)
                      if not allowed(path, url, site.url)]
    assert scanned > 20
    assert offending == []


@pytest.mark.parametrize("path, text", [
    ("index.html", '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'),
    ("index.html", '<script src="//cdn.jsdelivr.net/x.js"></script>'),
    ("index.html", '<script>fetch("https://example.org/track")</script>'),
    ("site.css", 'body { background: url("https://example.org/a.png") }'),
    ("bundle.js", 'load("https://unpkg.com/other-package")'),
])
def test_the_scan_catches_other_hosts(site, path, text):
    path = Path(path)
    assert [url for url in references(path, text) if not allowed(path, url, site.url)]


def test_the_bundle_allowances_are_still_there(site):
    # When Material changes, this says which allowance to drop rather than letting it linger.
    bundle = next(site.root.glob("assets/javascripts/bundle.*.min.js")).read_text(encoding="utf-8")
    assert [url for url in MATERIAL_BUNDLE if url not in bundle] == []
