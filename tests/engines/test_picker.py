"""The situation picker of the calculator pages (issue 20, part 3), in Chromium and WebKit at
phone size (375×812, touch) and in Firefox on a desktop: only the groups of the situations
ticked are shown and computed, the choice round-trips through the URL fragment, a link made
before the picker shows the groups of its inputs, "显示全部项目" shows every field; the award
tables have left the page for links to them; axe finds nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from xinzhou_policy.cli import run_text
from xinzhou_policy.profile import SITUATIONS

from .pages import CALCULATOR, engine_state, open_ready

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE_OR_DESKTOP = [pytest.param("chromium", marks=pytest.mark.chromium),
                    pytest.param("webkit", marks=pytest.mark.webkit),
                    pytest.param("firefox", marks=pytest.mark.firefox)]

# Which groups are shown, which boxes ticked, and the total shown (or null).
STATE = """() => ({
  shown: [...document.querySelectorAll("form fieldset[data-group]")].filter((g) => !g.hidden).map((g) => g.dataset.group),
  ticked: [...document.querySelectorAll(".calc-pick input")].filter((b) => b.checked).map((b) => b.value),
  total: document.querySelector(".calc-result .calc-total strong")?.textContent ?? null,
  hash: location.hash,
})"""
TYPE = """(values) => {
  for (const [name, value] of Object.entries(values)) {
    const input = document.querySelector(`[name="${name}"]`);
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
}"""
TOTAL_IS = """(expected) => { const total = document.querySelector(".calc-result .calc-total strong");
  return total && total.textContent.replace(/[^0-9.]/g, "") === expected && location.hash.includes("_total=" + expected); }"""


def launch_for(engine, launch):
    return launch(phone=engine != "firefox")


def cli_total(profile: dict) -> str:
    return json.loads(run_text("estimate", json.dumps(profile))[1])["totals_by_recipient"]["enterprise"]


def tick(browser, key: str) -> None:
    """A tap on the box's label, as a reader's finger does (a click in Firefox)."""
    browser.tap(f'label[for="pick-{key}"]')


@pytest.mark.parametrize("engine", PHONE_OR_DESKTOP, indirect=True)
def test_ticked_situations_round_trip_through_the_fragment(engine, launch, served):
    browser = launch_for(engine, launch)
    open_ready(browser, served.url + CALCULATOR)
    state = browser.evaluate(STATE)
    # Before any tick: the fields every estimate needs, and the options of no situation.
    assert state["ticked"] == [] and state["shown"] == ["who"], state
    tick(browser, "revenue")
    tick(browser, "incumbent_training")
    profile = {"event_date": "2024-06-01", "revenue": "600000000", "incumbent_trainees": "12"}
    browser.evaluate(TYPE, profile)
    expected = cli_total(profile)
    browser.wait(TOTAL_IS, expected, timeout=60)
    state = browser.evaluate(STATE)
    assert state["ticked"] == ["revenue", "incumbent_training"], state
    assert [g for g in state["shown"] if g in SITUATIONS] == ["revenue", "incumbent_training"], state
    assert "_show=revenue%2Cincumbent_training" in state["hash"], state
    # The link, opened again: the same boxes, the same groups, the same total.
    browser.open("about:blank")
    browser.open(served.url + CALCULATOR + state["hash"])
    assert engine_state(browser)["state"] == "ready"
    browser.wait(TOTAL_IS, expected, timeout=60)
    again = browser.evaluate(STATE)
    assert (again["ticked"], again["shown"]) == (state["ticked"], state["shown"])
    # Unticked, a situation's input no longer counts (it waits in its hidden field).
    tick(browser, "incumbent_training")
    browser.wait(TOTAL_IS, cli_total({k: v for k, v in profile.items() if k != "incumbent_trainees"}), timeout=60)
    assert browser.evaluate("() => document.querySelector('#f-incumbent_trainees').value") == "12"
    assert parse_qs(browser.evaluate(STATE)["hash"][1:])["_show"] == ["revenue"]


@pytest.mark.parametrize("engine", PHONE_OR_DESKTOP, indirect=True)
def test_an_old_link_shows_the_groups_of_its_inputs(engine, launch, served):
    """A link made before the picker (no _show): its inputs' groups are ticked and computed."""
    link = {"event_date": "2024-06-01", "town_revenue_rank": "2", "equipment_investment": "3000000",
            "provincial_gi_award": "200000", "milestone_mode": "highest"}
    browser = launch_for(engine, launch)
    open_ready(browser, served.url + CALCULATOR + "#" + "&".join(f"{k}={v}" for k, v in link.items()))
    browser.wait(TOTAL_IS, cli_total(link), timeout=60)
    state = browser.evaluate(STATE)
    # milestone_mode is an option of policy-4: shown with its situations, which the link ticks.
    assert state["ticked"] == ["revenue", "scale_leader", "equipment", "provincial"], state
    assert browser.evaluate("() => document.querySelector('[data-field=milestone_mode]').hidden") is False


@pytest.mark.parametrize("engine", PHONE_OR_DESKTOP, indirect=True)
def test_show_all_items_shows_every_field(engine, launch, served):
    browser = launch_for(engine, launch)
    open_ready(browser, served.url + CALCULATOR)
    tick(browser, "all")
    hidden = browser.evaluate("""() => [...document.querySelectorAll("form.calculator [name]")]
        .filter((i) => !i.getClientRects().length).map((i) => i.name)""")
    assert hidden == [], hidden
    assert browser.evaluate("() => location.hash") == "#_show=all"
    tick(browser, "all")
    assert browser.evaluate(STATE)["shown"] == ["who"]


@pytest.mark.parametrize("engine", [pytest.param("chromium", marks=pytest.mark.chromium),
                                    pytest.param("webkit", marks=pytest.mark.webkit)], indirect=True)
def test_phone_page_has_links_not_tables_and_no_axe_violation(engine, launch, served):
    browser = launch(phone=True)
    open_ready(browser, served.url + CALCULATOR)
    tick(browser, "revenue")
    tick(browser, "provincial")
    page = browser.evaluate("""() => ({
      tables: document.querySelectorAll(".award-table, .calc-static table").length,
      links: [...document.querySelectorAll(".calc-table-links a")].map((a) => a.getAttribute("href")),
      boxes: [...document.querySelectorAll(".calc-pick label")].map((l) => l.getBoundingClientRect().height),
      fonts: [...document.querySelectorAll("form.calculator input[type=text], form.calculator select")]
        .filter((i) => i.getClientRects().length).map((i) => getComputedStyle(i).fontSize),
      legend: document.querySelector(".calc-picker legend")?.textContent,
    })""")
    assert page["tables"] == 0, page
    assert page["links"] and all(h.startswith("../policy.html#policy-") for h in page["links"]), page
    assert min(page["boxes"]) >= 44, page  # tap targets
    assert set(page["fonts"]) == {"16px"}, page  # iOS zooms into smaller inputs
    assert page["legend"] == "适用情形"
    # Every link's anchor is on the document page.
    browser.open(served.url + "policy.html")
    browser.wait("() => document.readyState === 'complete'")
    missing = browser.evaluate("(ids) => ids.filter((id) => !document.getElementById(id))",
                               [h.split("#")[1] for h in page["links"]])
    assert missing == []
    browser.open(served.url + CALCULATOR + "#_show=revenue,provincial")
    assert engine_state(browser)["state"] == "ready"
    # axe, evaluated by the driver (not subject to the page's CSP, which forbids inline scripts).
    found = browser.evaluate(f"""() => {{ {AXE.read_text(encoding="utf-8")}
        return axe.run(document, {{ runOnly: {{ type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }} }})
          .then((r) => r.violations.map((v) => `${{v.id}}: ${{v.nodes.map((n) => n.target.join(" ")).join("; ")}}`)); }}""",
                             timeout=120)
    assert found == []
