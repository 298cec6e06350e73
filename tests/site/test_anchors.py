"""Every article and clause id is an anchor on the page of each language.

The ids are written out here, not taken from the registry: they are published addresses that
must never change (issue 15), whatever the data says.
"""

from __future__ import annotations

import pytest
from xinzhou_policy.registry import DOCUMENTS

from .html_text import ids

REGULATION = [f"regulation-{n}" for n in range(1, 34)] + [f"regulation-ch{n}" for n in range(1, 7)]
POLICY = [f"policy-{n}" for n in range(1, 21)] + ["policy-closing"]


@pytest.mark.parametrize("page, expected", [
    ("regulation.html", REGULATION), ("en/regulation.html", REGULATION),
    ("policy.html", POLICY), ("en/policy.html", POLICY),
])
def test_every_id_is_an_anchor(site, page, expected):
    assert sorted(set(expected) - ids(site.page(page))) == []


def test_the_registry_names_the_published_ids():
    assert list(DOCUMENTS["policy"].clauses) == POLICY[:-1]
    assert [DOCUMENTS["policy"].sections.kind_of(i) for i in POLICY] == ["clause"] * 21
    assert {DOCUMENTS["regulation"].sections.kind_of(i) for i in REGULATION} == {"article", "chapter"}
