"""Every sentence of each text as received appears, in order, in the built Chinese page of the
version the registry publishes from it (`source` in document.toml).

Both sides get exactly the repairs CONVENTIONS.md allows for the scanned policy: whitespace
removed, half-width ( ) : , ; made full-width, 〈〉 made （）. From the pages the generated blocks,
the annotations and the headings the site added (such as 施行与适用) are left out first.
"""

from __future__ import annotations

import re
import sys

import pytest

from xinzhou_policy.registry import DOCUMENTS

from .conftest import REPO
from .html_text import ArticleText

sys.path.insert(0, str(REPO / "scripts" / "hooks"))
from _documents import text_page  # noqa: E402  where each version's page is (CONVENTIONS.md)

SEEDS = REPO / ".." / "shared" / "seeds"
REPAIRS = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "〈": "（", "〉": "）"})
SENTENCE = re.compile(r"[^。！？]+[。！？]?")
# Every version the registry says was published from a text as received, with that text's page.
RECEIVED = [(document, version) for document in DOCUMENTS.values()
            for version in document.versions if version.source]


def normalize(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(REPAIRS)


def source(version) -> str:
    path = SEEDS / version.source
    if not path.is_file():
        pytest.skip(f"the source texts are not there: {path.resolve()} does not exist")
    return path.read_text(encoding="utf-8")


def sentences(text: str) -> list[str]:
    """A Markdown source (the regulation's) has one unit per line, # and - marking headings and
    items; a scan (the policy's) breaks lines inside sentences, so it is split at 。！？ only."""
    if not re.search(r"^# ", text, re.M):
        return SENTENCE.findall(normalize(text))
    found = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("<!--"):
            found += SENTENCE.findall(normalize(re.sub(r"^(#+|-)\s*", "", line)))
    return found


def page_html(site, document, version) -> str:
    return site.page(text_page(document, version)[:-len(".md")] + ".html")


def missing(sentences: list[str], page_html: str) -> list[str]:
    """The sentences not found in the page's text, searching each after the previous one."""
    whole_source = "".join(sentences)
    text = normalize(ArticleText.of(page_html, keep_heading=lambda h: normalize(h) in whole_source))
    lost, position = [], 0
    for sentence in sentences:
        found = text.find(sentence, position)
        if found < 0:
            lost.append(sentence)
        else:
            position = found + len(sentence)
    return lost


def test_both_seeds_are_named_by_the_registry():
    assert {d.id for d, _ in RECEIVED} >= {"regulation", "policy"}


@pytest.mark.parametrize("document, version", RECEIVED, ids=lambda x: getattr(x, "id", None))
def test_every_source_sentence_is_published_in_order(site, document, version):
    expected = sentences(source(version))
    assert len(expected) > 50
    assert missing(expected, page_html(site, document, version)) == []


def test_the_comparison_notices_a_changed_word(site):
    document, version = next((d, v) for d, v in RECEIVED if d.id == "policy")
    published = page_html(site, document, version)
    html = published.replace("给予 20 万元资金奖励", "给予 30 万元资金奖励").replace(
        "给予20万元资金奖励", "给予30万元资金奖励")
    assert html != published
    assert len(missing(sentences(source(version)), html)) == 1
