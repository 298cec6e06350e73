"""(b) A third document (scripts/new_document.py, with fictional.toml's values): with no edit to
any existing file, it has its pages in both languages, anchors and status, search, the JSON
export, a calculator item for an eligible profile and a batch column."""

from __future__ import annotations

import csv
import io
import json
import tomllib

import pytest
from playwright.sync_api import expect

from ..browser.browsing import READY_TIMEOUT_MS
from ..rules.cases import Case, check
from .conftest import FICTIONAL

D = FICTIONAL["document"]
ID = D["id"]


def test_no_existing_file_was_edited(changed_copy):
    before, after = changed_copy.before_document, changed_copy.after_document
    changed = [path for path, digest in before.items() if after.get(path) != digest]
    assert changed == []
    added = sorted(set(after) - set(before))
    assert added == sorted([
        f"calculators/src/xinzhou_policy/documents/{ID}/{name}"
        for name in ("__init__.py", "document.toml", "messages.toml", "parameters.toml", "rules/__init__.py",
                     "rules/clause_3.py", "rules/texts.py")
    ] + [f"docs/{ID}.md", f"docs/{ID}.en.md", f"tests/rules/cases/{D['clause']}.toml"])


@pytest.mark.parametrize("lang, title, status", [("", "忻州市人才引进奖励办法（虚构·测试）", "现行有效"),
                                                 ("en/", "Xinzhou Talent Awards (fictional, for tests)", "In force")])
def test_its_pages_anchors_status_and_navigation(changed_copy, lang, title, status):
    html = (changed_copy.site / f"{lang}{ID}.html").read_text(encoding="utf-8")
    assert f'id="{D["clause"]}"' in html and title in html and status in html
    assert f'data-clause="{D["clause"]}"' in html  # its award table
    home = (changed_copy.site / f"{lang}index.html").read_text(encoding="utf-8")
    assert f'href="{ID}.html"' in home  # in the navigation and the home page's list


def test_search_finds_it_in_both_languages(changed_copy):
    index = json.loads((changed_copy.site / "search/search_index.json").read_text(encoding="utf-8"))
    found = {d["location"].split("#")[0] for d in index["docs"]
             if "人才引进奖励办法" in (d["title"] + d["text"]).replace("\u200b", "")
             or "Talent Awards" in d["title"] + d["text"]}
    assert {f"{ID}.html", f"en/{ID}.html"} <= found


def test_the_json_export(changed_copy):
    data = json.loads((changed_copy.site / f"data/{ID}.json").read_text(encoding="utf-8"))
    assert data["document"]["number"] == "忻政发〔2026〕99号（虚构·测试）"
    assert [s["id"] for s in data["sections"]] == [D["clause"]]
    assert data["sections"][0]["parameters"] == [f"{D['field']}_award", f"{D['field']}_cap"]


def test_the_calculators_compute_its_item(changed_copy, browser):
    result = changed_copy.estimate(D["eligible"])
    (item,) = [i for i in result["items"] if i["clause"] == D["clause"]]
    assert (item["amount"], item["document"], item["document_number"]) == (
        D["amount"], ID, "忻政发〔2026〕99号（虚构·测试）")
    context = browser.new_context()
    page = context.new_page()
    page.goto(changed_copy.url + "calculators/index.html")
    assert page.locator(f'[name="{D["field"]}"]').count() == 1  # the field is on the form
    # in a group of its own, a situation of the picker named by its clause's title, shown once ticked
    expect(page.locator(f'label[for="pick-{D["clause"]}"]')).to_have_text("引进高层次人才奖励")
    expect(page.locator(f'[name="{D["field"]}"]')).to_be_hidden()
    page.check(f'#pick-{D["clause"]}')
    expect(page.locator(f'[name="{D["field"]}"]')).to_be_visible()
    page.wait_for_function("() => window.policyCalculator !== undefined", timeout=READY_TIMEOUT_MS)
    page.evaluate("() => window.policyCalculator.ready")
    assert page.evaluate("(p) => window.policyCalculator.estimate(p)", D["eligible"]) == result
    context.close()


def test_a_batch_column(changed_copy, tmp_path):
    rows = tmp_path / "in.csv"
    rows.write_text(f"name,event_date,{D['field']}\nA,{D['eligible']['event_date']},"
                    f"{D['eligible'][D['field']]}\n", encoding="utf-8")
    run = changed_copy.run("-m", "xinzhou_policy", "batch", str(rows))
    assert run.returncode == 0, run.stderr
    table = list(csv.DictReader(io.StringIO(run.stdout.lstrip("\ufeff"))))
    assert table[0][D["clause"]] == D["amount"]


def test_its_case_file_holds(changed_copy):
    path = changed_copy.root / "tests/rules/cases" / f"{D['clause']}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for raw in data["case"]:
        case = Case(path.name, data["clause"], raw["name"], "estimate", raw["profile"], raw["expect"])
        run = changed_copy.run("-m", "xinzhou_policy", "estimate", "-", stdin=json.dumps(case.input))
        check(case, json.loads(run.stdout), run.returncode == 2)


def test_a_per_person_award_with_a_count_cap(changed_copy):
    """--award per-unit --unit person --cap: the amount is yuan per person, the cap a count of
    persons, and the explanation says when the cap applied."""
    data = tomllib.loads((changed_copy.root / f"calculators/src/xinzhou_policy/documents/{ID}/parameters.toml")
                        .read_text(encoding="utf-8"))
    assert (data[f"{D['field']}_award"]["unit"], data[f"{D['field']}_cap"]["unit"]) == ("yuan/person", "person")
    (item,) = [i for i in changed_copy.estimate(D["eligible"])["items"] if i["clause"] == D["clause"]]
    assert "7 人" in item["explanation_zh"] and "最多计 5 人" in item["explanation_zh"]
    assert "7 persons" in item["explanation_en"] and "at most 5 persons per enterprise per year" in item["explanation_en"]
    assert item["parameters"] == [f"{D['field']}_award", f"{D['field']}_cap"]
    html = (changed_copy.site / f"{ID}.html").read_text(encoding="utf-8")
    assert "2万元" in html and "5人" in html  # the award table, with both values and their units
