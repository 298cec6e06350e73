"""Every article and clause id is an anchor on the page of each language."""

from __future__ import annotations

import pytest
from xinzhou_policy.clauses import CLAUSES, CLOSING_CLAUSE

from .html_text import ids

REGULATION = [f"regulation-{n}" for n in range(1, 34)] + [f"regulation-ch{n}" for n in range(1, 7)]
POLICY = [*CLAUSES, CLOSING_CLAUSE]


@pytest.mark.parametrize("page, expected", [
    ("regulation.html", REGULATION), ("en/regulation.html", REGULATION),
    ("policy.html", POLICY), ("en/policy.html", POLICY),
])
def test_every_id_is_an_anchor(site, page, expected):
    assert sorted(set(expected) - ids(site.page(page))) == []


def test_the_policy_has_twenty_clauses():
    assert len(CLAUSES) == 20
