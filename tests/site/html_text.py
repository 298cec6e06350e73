"""Reading built pages: the article's text and every id, with the standard library's parser."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


class ArticleText(HTMLParser):
    """The text of a page's article, without what the site adds around the document's words.

    Left out: blocks the hooks generate (class "generated"), annotations (<details>), heading
    permalinks, headings `keep_heading` rejects (headings the site added to the text), and with
    `skip_boxes` the boxes (admonitions: the site's notes on the text, never the text itself).
    """

    def __init__(self, keep_heading=lambda text: True, skip_boxes: bool = False):
        super().__init__(convert_charrefs=True)
        self.keep_heading = keep_heading
        self.skip_boxes = skip_boxes
        self.parts: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, whether it starts a skipped subtree)
        self._skipping = 0
        self._in_article = False
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._in_article = True
        if tag in VOID or not self._in_article:
            return
        classes = (attrs.get("class") or "").split()
        skip = (tag == "details" or "generated" in classes or "headerlink" in classes
                or (self.skip_boxes and "admonition" in classes))
        self._stack.append((tag, skip))
        self._skipping += skip
        if re.fullmatch(r"h[1-6]", tag) and not self._skipping:
            self._heading = []

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article = False
        if not self._in_article or tag in VOID:
            return
        while self._stack:
            name, skip = self._stack.pop()
            self._skipping -= skip
            if name == tag:
                break
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            text = "".join(self._heading)
            self._heading = None
            if self.keep_heading(text):
                self.parts.append(text)

    def handle_data(self, data):
        if not self._in_article or self._skipping:
            return
        (self._heading if self._heading is not None else self.parts).append(data)

    @classmethod
    def of(cls, html: str, keep_heading=lambda text: True, skip_boxes: bool = False) -> str:
        parser = cls(keep_heading, skip_boxes)
        parser.feed(html)
        parser.close()
        return "".join(parser.parts)


# ------------------------------------------------------------------------------ reader text
@cache
def internal_names() -> frozenset[str]:
    """What only the rules and the data may name, as far as the registry lists it: every
    parameter key, reading id, numbered clause with a title, part and named section."""
    from xinzhou_policy.readings import readings
    from xinzhou_policy.registry import DOCUMENTS

    names = set(readings())
    for document in DOCUMENTS.values():
        names |= set(document.parameters.all) | set(document.clauses) | set(document.parts)
        names |= set(document.sections.named)
    return frozenset(names)


def is_internal(word: str) -> bool:
    """A parameter key or a raw id: one of internal_names(), or any id a document's templates
    make (regulation-12, regulation-ch3), whether or not the registry lists it."""
    from xinzhou_policy.registry import DOCUMENTS

    return word in internal_names() or any(d.sections.number_of(word) is not None for d in DOCUMENTS.values())


def internal_names_in(text: str) -> list[str]:
    """The internal names `text` shows, as whole words (policy-1 is not found in policy-10).
    Readers are shown descriptions and labels instead; the names stay in hrefs, ids and data
    attributes."""
    return sorted(w for w in set(re.findall(r"[\w-]+", text)) if is_internal(w))


class ReaderText(HTMLParser):
    """Every text of a page a reader can be shown (hidden or not yet shown included), without
    attributes, scripts and styles, and without the batch page's list of the CSV file's column
    names: those are the names the reader's file must use (the result's amount columns are
    named by clause id, each described beside its name)."""

    SKIPPED = {"script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._open: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        skip = tag in self.SKIPPED or "batch-columns" in classes
        self._open.append("skip" if skip else tag)
        self._skipping += skip

    def handle_endtag(self, tag):
        if tag in VOID or not self._open:
            return
        self._skipping -= self._open.pop() == "skip"

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        parser.close()
        return " ".join(parser.parts)
