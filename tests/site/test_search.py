"""The Chinese search index finds the right articles for the terms readers type.

A tiny search over search/search_index.json that works like Material's worker: the text is cut
into tokens on the index's own separator (jieba's segments are joined with \\u200b, which the
separator keeps), and a query term matches a token it begins (Material appends a wildcard).
"""

from __future__ import annotations

import json
import re

import pytest


@pytest.fixture(scope="module")
def index(site):
    data = json.loads(site.page("search/search_index.json"))
    separator = re.compile(data["config"]["separator"])
    docs = {}
    for doc in data["docs"]:
        if doc["location"].startswith("en/"):
            continue
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]).lower()
        docs[doc["location"]] = {token for token in separator.split(text) if token}
    return docs


def search(index, term: str) -> set[str]:
    return {location for location, tokens in index.items() if any(t.startswith(term) for t in tokens)}


@pytest.mark.parametrize("term, expected", [
    ("人才", {"regulation.html#regulation-26", "policy.html#policy-15"}),
    ("标准", {"regulation.html#regulation-22", "policy.html#policy-9"}),
    ("法兰", {"regulation.html#regulation-1", "regulation.html#regulation-22"}),
    ("奖励", {"policy.html#policy-4"}),
    ("专业镇", {"policy.html#policy-1", "policy.html#policy-4"}),
    ("领军企业", {"policy.html#policy-4"}),
])
def test_terms_find_their_articles(index, term, expected):
    assert expected <= search(index, term)


def test_terms_are_tokens_of_their_own(index):
    # jieba cut the text into words: the terms are whole tokens, not parts of a longer run.
    assert {"人才", "法兰"} <= index["regulation.html#regulation-26"]
    assert {"领军企业", "专业镇", "奖励"} <= index["policy.html#policy-4"]


def test_the_separator_keeps_zero_width_space(site):
    assert "\\u200b" in json.loads(site.page("search/search_index.json"))["config"]["separator"]
