"""Each text as received is published exactly, with the repairs its page declares and no other:
the built Chinese page of the version the registry publishes from it (`source` in
document.toml) holds the received text, character for character and space for space, once
the repairs named in the page's repair box (文本说明 / 关于文本整理, one `<!-- repair: ID -->`
per item) are made to it; and each repair declared is one the page needs.

From the page, the generated blocks, the boxes (admonitions), the annotations and the headings
the site added (such as 施行与适用) are left out first. Line and paragraph breaks are layout: both
sides drop them (the `layout` repair says which breaks the page joins). Every other character,
a space included, counts. CONVENTIONS.md, "Repairs", lists the repairs.
"""

from __future__ import annotations

import re
import sys
from typing import Callable

import pytest

from xinzhou_policy.registry import DOCUMENTS

from .conftest import REPO
from .html_text import ArticleText

sys.path.insert(0, str(REPO / "scripts" / "hooks"))
from _documents import text_page  # noqa: E402  where each version's page is (CONVENTIONS.md)

SEEDS = REPO / ".." / "shared" / "seeds"
SENTENCE = re.compile(r"[^。！？]+[。！？]?")
DECLARED = re.compile(r"<!-- repair: ([\w-]+) -->")
CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# Every version the registry says was published from a text as received, with that text's page.
RECEIVED = [(document, version) for document in DOCUMENTS.values()
            for version in document.versions if version.source]

# The repairs a page may declare, each the exact change it makes to the text as received, in the
# order they are made. `layout` (breaks) is made by the comparison itself.
REPAIRS: dict[str, Callable[[str], str]] = {
    "layout": lambda text: text,
    # 培育 200 亿级 → 培育200亿级, 5G 融合 → 5G融合: a space between a digit or Latin letter and
    # a Chinese character or mark, on either side.
    "digit-spaces": lambda text: re.sub(rf"(?<=[0-9A-Za-z%+]) +(?=[{CJK}])|(?<=[{CJK}]) +(?=[0-9A-Za-z])", "", text),
    # 办公室 关于 → 办公室关于: a space between two Chinese characters.
    "cjk-spaces": lambda text: re.sub(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])", "", text),
    # (一) 着力 → (一)着力, 位: 市 → 位:市: a space after half-width punctuation.
    "punctuation-spaces": lambda text: re.sub(r"(?<=[(),:;]) +", "", text),
    "full-width": lambda text: text.translate(str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})),
    "angle-brackets": lambda text: text.translate(str.maketrans({"〈": "（", "〉": "）"})),
    # 第一章 总 则 → 第一章 总则: the space inside a chapter's two-character name.
    "chapter-name-spaces": lambda text: re.sub(r"^(第[一二三四五六七八九十]+章 )(\S) (\S)$", r"\1\2\3", text, flags=re.M),
}


def received(version) -> str:
    path = SEEDS / version.source
    if not path.is_file():
        pytest.skip(f"the source texts are not there: {path.resolve()} does not exist")
    text = path.read_text(encoding="utf-8")
    if re.search(r"^# ", text, re.M):
        # A Markdown source (the regulation's): its markup is layout, not text.
        text = "\n".join(re.sub(r"^(#+|-)\s+", "", line) for line in text.splitlines()
                         if not line.startswith("<!--"))
    return text


def unbroken(text: str) -> str:
    """A text without its breaks: a run of whitespace holding a line break is layout."""
    return re.sub(r"\s*\n\s*", "", text).strip()


def repaired(text: str, repairs: list[str]) -> str:
    """The text as received with the given repairs made, its breaks dropped."""
    for name in REPAIRS:
        if name in repairs:
            text = REPAIRS[name](text)
    return unbroken(text)


def declared(document, version) -> list[str]:
    """The repairs the page's box declares, in order."""
    markdown = (REPO / "docs" / text_page(document, version)).read_text(encoding="utf-8")
    return DECLARED.findall(markdown)


def page_html(site, document, version) -> str:
    return site.page(text_page(document, version)[:-len(".md")] + ".html")


def published(html: str, source: str) -> str:
    """The page's text of the document: without what the site adds, its breaks dropped. The
    page's title (its h1) is the site's where the text does not open with it (the policy's
    title is the heading of its second part, after the notice)."""
    text = unbroken(ArticleText.of(html, keep_heading=lambda h: unbroken(h) in source, skip_boxes=True))
    title = unbroken(ArticleText.of(re.search(r"<h1[^>]*>.*?</h1>", html, re.S)[0].join(("<article>", "</article>"))))
    return text[len(title):] if text.startswith(title) and not source.startswith(title) else text


def missing(source: str, page: str) -> list[str]:
    """The sentences of `source` not found in the page's text, each searched after the previous."""
    lost, position = [], 0
    for sentence in SENTENCE.findall(source):
        found = page.find(sentence, position)
        if found < 0:
            lost.append(sentence)
        else:
            position = found + len(sentence)
    return lost


def test_both_seeds_are_named_by_the_registry():
    assert {d.id for d, _ in RECEIVED} >= {"regulation", "policy"}


def test_every_repair_a_page_declares_is_known():
    for document, version in RECEIVED:
        repairs = declared(document, version)
        assert repairs and "layout" in repairs and set(repairs) <= set(REPAIRS), (document.id, repairs)


@pytest.mark.parametrize("document, version", RECEIVED, ids=lambda x: getattr(x, "id", None))
def test_the_page_is_the_received_text_with_the_declared_repairs(site, document, version):
    source = repaired(received(version), declared(document, version))
    page = published(page_html(site, document, version), source)
    assert len(SENTENCE.findall(source)) > 40
    assert missing(source, page) == []
    # Nothing else either: the page's text is exactly the repaired text ("除上述各项外，没有任何改动").
    assert page == source


@pytest.mark.parametrize("document, version", RECEIVED, ids=lambda x: getattr(x, "id", None))
def test_every_declared_repair_is_needed(site, document, version):
    html, repairs = page_html(site, document, version), declared(document, version)
    for left_out in (r for r in repairs if r != "layout"):
        source = repaired(received(version), [r for r in repairs if r != left_out])
        assert missing(source, published(html, source)), f"{left_out} changes nothing the page shows"


def test_the_comparison_notices_a_changed_word_an_added_space_and_a_joined_line(site):
    document, version = next((d, v) for d, v in RECEIVED if d.id == "policy")
    html, repairs = page_html(site, document, version), declared(document, version)
    source = repaired(received(version), repairs)
    changed = html.replace("给予20万元资金奖励", "给予30万元资金奖励")
    assert changed != html and len(missing(source, published(changed, source))) == 1
    # The imprint's two lines joined with a full-width space: a character the source lacks.
    joined = re.sub(r"忻州市人民政府办公室</p>\s*<p>2022年12月22日印发", "忻州市人民政府办公室\u30002022年12月22日印发", html)
    assert joined != html and missing(source, published(joined, source))
    # A space the scan put after a comma, kept on the page although the box says it is removed.
    spaced = html.replace("细分领域，打造", "细分领域， 打造")
    assert spaced != html and missing(source, published(spaced, source))


def test_the_regulation_keeps_the_space_between_chapter_number_and_name(site):
    document, version = next((d, v) for d, v in RECEIVED if d.id == "regulation")
    html = page_html(site, document, version)
    source = repaired(received(version), declared(document, version))
    assert "第一章 总则" in source
    wide = html.replace("第一章 总则", "第一章\u3000总则")
    assert wide != html and missing(source, published(wide, source))
