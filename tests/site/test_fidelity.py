"""Every sentence of both sources appears, in order, in the built Chinese pages.

Both sides get exactly the repairs CONVENTIONS.md allows for the scanned policy: whitespace
removed, half-width ( ) : , ; made full-width, 〈〉 made （）. From the pages the generated blocks,
the annotations and the headings the site added (such as 施行与适用) are left out first.
"""

from __future__ import annotations

import re

import pytest

from .conftest import REPO
from .html_text import ArticleText

SEEDS = REPO / ".." / "shared" / "seeds"
REPAIRS = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "〈": "（", "〉": "）"})
SENTENCE = re.compile(r"[^。！？]+[。！？]?")


def normalize(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(REPAIRS)


def source(first_line: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"the source texts are not there: {SEEDS.resolve()} does not exist")
    found = [p for p in sorted(SEEDS.glob("*.txt")) if first_line in p.read_text(encoding="utf-8")]
    assert len(found) == 1, f"expected one source containing {first_line!r} in {SEEDS}"
    return found[0].read_text(encoding="utf-8")


def regulation_sentences() -> list[str]:
    """The regulation's source is Markdown: each line is a unit; # and - mark headings and items."""
    sentences = []
    for line in source("# 忻州市法兰产业发展促进条例").splitlines():
        if line.strip() and not line.startswith("<!--"):
            sentences += SENTENCE.findall(normalize(re.sub(r"^(#+|-)\s*", "", line)))
    return sentences


def policy_sentences() -> list[str]:
    """The policy's source is a scan whose line breaks fall inside sentences: split at 。！？ only."""
    return SENTENCE.findall(normalize(source("忻政办发〔2022〕81号")))


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


@pytest.mark.parametrize("page, sentences", [
    ("regulation.html", regulation_sentences),
    ("policy.html", policy_sentences),
])
def test_every_source_sentence_is_published_in_order(site, page, sentences):
    expected = sentences()
    assert len(expected) > 50
    assert missing(expected, site.page(page)) == []


def test_the_comparison_notices_a_changed_word(site):
    html = site.page("policy.html").replace("给予 20 万元资金奖励", "给予 30 万元资金奖励").replace(
        "给予20万元资金奖励", "给予30万元资金奖励")
    assert html != site.page("policy.html")
    assert len(missing(policy_sentences(), html)) == 1
