"""一图读懂 and the timeline after (a) a renewal of the policy and (b) a third document, in the copy
(issue 21, parts 4 and 5): with no edit for them, the renewal has its own image with its new
values (the award tables'), and a 新旧对比 image of what its "what changed" page lists; the third
document has its image; the timeline has a bar for each, with the renewal's gap left blank.
"""

from __future__ import annotations

import html
import re

import pytest
from xinzhou_policy.registry import DOCUMENTS

from ..site.test_graphics import LANGS, graphic_values, listed, svg_text, table_values
from .conftest import FICTIONAL

V, D = FICTIONAL["version"], FICTIONAL["document"]
OLD = DOCUMENTS["policy"].latest.id  # the repository's latest version: the copy's earlier one
BAR = r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*data-document="{}" data-version="{}"'


def _svg(copy, name: str) -> str:
    return (copy.site / "graphics" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_the_renewal_and_the_new_document_have_their_images(changed_copy, lang):
    folder = LANGS[lang][0]
    made = {p.name for p in (changed_copy.site / "graphics").glob("*.svg")}
    assert {f"policy-{V['in_force']}.{lang}.svg", f"policy-{V['in_force']}-changes.{lang}.svg",
            f"policy-{OLD}.{lang}.svg"} <= made
    assert f"policy-{OLD}-changes.{lang}.svg" not in made
    assert any(name.startswith(f"{D['id']}-") and name.endswith(f".{lang}.svg") for name in made)
    graphics = changed_copy.site.joinpath(f"{folder}graphics.html").read_text(encoding="utf-8")
    page = changed_copy.site.joinpath(f"{folder}policy.html").read_text(encoding="utf-8")
    new, old = listed(graphics, f"policy-{V['in_force']}"), listed(graphics, f"policy-{OLD}")
    changed = 0
    for clause in re.findall(r'<li data-clause="([\w-]+)">', new):
        values = graphic_values(new, clause)
        assert values == table_values(page, clause, lang), clause
        changed += values != graphic_values(old, clause)
    assert changed == len({key for key, _, _ in V["sets"]})  # one value per changed parameter
    assert f'<figure class="graphic" id="{D["id"]}-' in graphics


@pytest.mark.parametrize("lang", LANGS)
def test_the_old_and_new_image_shows_what_the_changes_page_lists(changed_copy, lang):
    folder = LANGS[lang][0]
    changes = changed_copy.site.joinpath(f"{folder}versions/policy/{V['in_force']}-changes.html").read_text(encoding="utf-8")
    table = re.search(r'<div class="generated changes-parameters">(.*?)</table>', changes, re.S)[1]
    rows = [[html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("</thead>", 1)[1], re.S)]
    graphics = changed_copy.site.joinpath(f"{folder}graphics.html").read_text(encoding="utf-8")
    anchor = f"policy-{V['in_force']}-changes"
    start = graphics.index(f'id="{anchor}"')
    items = [html.unescape(i) for i in re.findall(r"<li>(.*?)</li>", graphics[start:graphics.index("</details>", start)])]
    assert len(items) == len(rows) == len(V["sets"]) + 1  # the values, and the period of validity
    svg = svg_text(_svg(changed_copy, f"{anchor}.{lang}.svg"))
    for row, item in zip(rows, items):
        _, what, before, after = row[:4]
        assert what in item and before in item and after in item, (row, item)
        assert item in svg


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_gains_a_bar_for_each_and_shows_the_gap(changed_copy, lang):
    svg = _svg(changed_copy, f"timeline.{lang}.svg")
    bars = re.findall(r'data-document="([\w-]+)" data-version="([\w-]+)"', svg)
    before = [(d.id, v.id) for d in DOCUMENTS.values() for v in d.versions]
    added = [bar for bar in bars if bar not in before]
    assert [b for b in bars if b in before] == before
    assert ("policy", V["in_force"]) in added and [d for d, _ in added].count(D["id"]) == 1 and len(added) == 2
    (x1, w1), (x2, _) = [re.search(BAR.format("policy", v), svg).groups() for v in (OLD, V["in_force"])]
    assert float(x1) + float(w1) < float(x2)  # the gap between the versions is left blank
    home = changed_copy.site.joinpath(f"{LANGS[lang][0]}index.html").read_text(encoding="utf-8")
    gap = re.search(r'<li data-document="policy">.*?</ul>', home, re.S)[0]
    assert gap.count("<li>") == 3  # each version, and the gap between them
