"""The calculator forms as a reader uses them: keyboard only, errors beside the field, the URL
fragment, the land calculator.

The expected totals are worked out by hand from the policy text (忻政办发〔2022〕81号):
- (四) 骨干企业营收规模首次达到 1 亿元、5 亿元、10 亿元的分别给予 20 万元、30 万元、50 万元:
  revenue 6 亿 this year, at most 2 亿 in any earlier year: only 5 亿 is reached for the first
  time → 300,000;
- (五) 营收规模在专业镇中排名前三的企业，当年购置研发、检测、试验等设备投入 100 万元以上 … 给予 10%
  的补助，单个企业最高补助 100 万元: rank 2, 3,000,000 → 300,000 (below the cap);
- (十) 地理标志 … 市级财政再给予省级奖励额度 30% 的奖励: 200,000 → 60,000, to the region or town
  that holds the title, not the enterprise (the readings page, policy-region-recipient).
The enterprise's own total 600,000.00 yuan (the headline); 60,000.00 apart; every item 660,000.00.
- (四) alone (milestones page): the same revenue → 300,000.00; (五) alone (equipment page):
  → 300,000.00;
- (十六) 在岗职工职业技能提升培训 … 按照每人 300 元的标准给予企业培训补贴: 10 trainees → 3,000.00;
- (十三) land of grade 8 (national minimum 252 元/m²), 20,000 m², supported project (70%):
  252 × 20,000 × 70% = 3,528,000, above the cost of 3,000,000 → floor 3,528,000.00;
  the same grade, 123,456 m², not a supported project: 252 × 123,456 → floor 31,110,912.00.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from .browsing import CALCULATOR_PAGES, READY_TIMEOUT_MS, wait_ready

CJK = re.compile(r"[\u4e00-\u9fff]")
PAGES = {"zh": "calculators/index.html", "en": "en/calculators/index.html"}
TOTAL = {"zh": "600,000.00 元", "en": "600,000.00 yuan"}  # the enterprise's own
# field -> what the reader types; revenue with thousands separators in English, as people write it
TYPED = {
    "zh": {"event_date": "2024-06-01", "town_revenue_rank": "2", "revenue": "600000000",
           "previous_max_revenue": "200000000", "equipment_investment": "3000000",
           "provincial_gi_award": "200000"},
    "en": {"event_date": "2024-06-01", "town_revenue_rank": "2", "revenue": "600,000,000",
           "previous_max_revenue": "200,000,000", "equipment_investment": "3,000,000",
           "provincial_gi_award": "200,000"},
}
EXPECTED_FRAGMENT = {"event_date": "2024-06-01", "role": "backbone", "town_revenue_rank": "2",
                     "revenue": "600000000", "previous_max_revenue": "200000000",
                     "equipment_investment": "3000000", "provincial_gi_award": "200000"}


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


# What a sighted keyboard user sees of the focus: an outline or a box shadow on the focused
# element, or, for Material's visually hidden radio of the colour toggle, on the label after it
# (the icon the reader sees).
FOCUS_SHOWN = """() => {
  const shown = (el) => {
    const style = getComputedStyle(el);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  };
  const el = document.activeElement;
  if (shown(el)) return true;
  const label = el.nextElementSibling;
  return el.getBoundingClientRect().width <= 1 && label?.tagName === "LABEL" && shown(label);
}"""


def focus_description(page) -> str:
    return page.evaluate("""() => { const el = document.activeElement;
        return `${el.tagName.toLowerCase()}#${el.id}.${el.className} "${(el.textContent || "").trim().slice(0, 20)}"`; }""")


def tab_to(page, field: str, limit: int = 12) -> None:
    """Press Tab until the field (or the picker's box `pick-GROUP`) has the focus (fields are in
    the form's order); each element the focus lands on on the way must show it."""
    target = field if field.startswith("pick-") else f"f-{field}"
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {focus_description(page)}"
        if focused_id(page) == target:
            return
    pytest.fail(f"#f-{field} not reached with {limit} Tabs; focus is on #{focused_id(page)}")


def fill_by_keyboard(page, lang: str) -> None:
    """Tick the situations by keyboard, focus the first field, then Tab and type: no click, no
    fill."""
    page.focus("#pick-revenue")
    page.keyboard.press("Space")
    for situation in ("pick-equipment", "pick-provincial"):
        tab_to(page, situation)
        page.keyboard.press("Space")
    page.focus("#f-event_date")
    assert focused_id(page) == "f-event_date"
    page.keyboard.type(TYPED[lang]["event_date"])
    tab_to(page, "role")
    page.keyboard.press("ArrowUp")  # none → backbone (leading, backbone, none)
    for field in ("revenue", "previous_max_revenue", "town_revenue_rank", "equipment_investment",
                  "provincial_gi_award"):
        tab_to(page, field)
        page.keyboard.type(TYPED[lang][field])


def total(page):
    return page.locator(".calc-result .calc-total")


# Each calculator (data-calculator) by keyboard: (field, keys) in the form's order, a key name
# (Playwright's) or text to type, the situations first (their boxes, pick-GROUP, where the page
# has a picker); then the total and the clauses of the items, worked out by hand
# (module docstring). Money with thousands separators in English, as people write it there.
KEYBOARD = {
    "estimate": ([("pick-revenue", "Space"), ("pick-equipment", "Space"), ("pick-provincial", "Space"),
                  ("event_date", "2024-06-01"), ("role", "ArrowUp"), ("revenue", "600000000"),
                  ("previous_max_revenue", "200000000"), ("town_revenue_rank", "2"),
                  ("equipment_investment", "3000000"), ("provincial_gi_award", "200000")],
                 "600,000.00", ["policy-10", "policy-4", "policy-5"]),
    "milestones": ([("pick-revenue", "Space"), ("event_date", "2024-06-01"), ("role", "ArrowUp"), ("revenue", "600000000"),
                    ("previous_max_revenue", "200000000")], "300,000.00", ["policy-4"]),
    "equipment": ([("event_date", "2024-06-01"), ("town_revenue_rank", "2"),
                   ("equipment_investment", "3000000")], "300,000.00", ["policy-5"]),
    "training": ([("pick-incumbent_training", "Space"), ("event_date", "2024-06-01"), ("incumbent_trainees", "10")], "3,000.00",
                 ["policy-16"]),
    "land": ([("grade", "8"), ("area_m2", "20000"), ("total_cost", "3000000"),
              ("supported_project", "Space")], "3,528,000.00", []),
}
KEYS = {"ArrowUp", "Space"}
PICKED = {"estimate": "revenue%2Cequipment%2Cprovincial", "milestones": "revenue", "training": "incumbent_training"}


def with_separators(text: str) -> str:
    return f"{int(text):,}" if text.isdigit() and len(text) > 4 else text


@pytest.mark.parametrize("path", CALCULATOR_PAGES)
def test_every_calculator_by_keyboard_alone_with_visible_focus(page, site, path):
    """From the top of the page, Tab to the form and fill it in: no click, no fill. Typed straight
    after navigation: the form works before the engine is ready, and the result follows once it
    is. Every element the focus lands on shows it."""
    page.goto(site.url + path)
    name = re.search(r'data-calculator="(\w+)"', site.page(path))[1]
    english = path.startswith("en/")
    steps, expected, clauses = KEYBOARD[name]
    for index, (field, keys) in enumerate(steps):
        # The first field is reached from the top of the page, through header and navigation.
        tab_to(page, field, limit=80 if index == 0 else 12)
        if keys in KEYS:
            page.keyboard.press(keys)
        else:
            page.keyboard.type(with_separators(keys) if english and field not in ("event_date", "grade") else keys)
    if name in PICKED:  # the situations ticked, and only they, are in the share link
        expect(page).to_have_url(re.compile(rf"_show={PICKED[name]}(&|$)"), timeout=READY_TIMEOUT_MS)
    if name in ("estimate", "milestones"):
        assert page.eval_on_selector("#f-role", "e => e.value") == "backbone"
    expect(total(page)).to_contain_text(expected, timeout=READY_TIMEOUT_MS)
    if name == "estimate":  # policy-10's item is the region's: under its own heading and subtotal
        expect(page.locator(".calc-others .calc-item")).to_have_count(1)
        assert page.locator(".calc-others .calc-item").get_attribute("data-clause") == "policy-10"
        expect(page.locator(".calc-others-total")).to_contain_text("60,000.00")
        expect(page.locator(".calc-others-total")).to_contain_text("660,000.00")
    items = page.locator(".calc-result .calc-item")
    assert sorted(items.evaluate_all("els => els.map(e => e.dataset.clause)")) == clauses
    assert page.locator(".calc-status").get_attribute("class") == "calc-status is-ready"
    # The result's own controls (clause links, "how this was computed") show their focus too.
    # Straight from the last field: its change event must not re-render the result, which would
    # drop the focus.
    controls = page.locator(".calc-result a, .calc-result summary")
    first = controls.first.element_handle()
    for index in range(min(controls.count(), 3)):
        controls.nth(index).focus()
        assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {focus_description(page)}"
    page.wait_for_timeout(500)
    assert first.evaluate("e => e.isConnected"), "the result was rendered again"


@pytest.mark.parametrize("lang", PAGES)
def test_error_beside_the_field_in_the_page_language(page, site, lang):
    page.goto(site.url + PAGES[lang])
    wait_ready(page)
    page.check("#pick-revenue")
    page.focus("#f-event_date")
    page.keyboard.type("2024-06-01")
    tab_to(page, "revenue")
    page.keyboard.type("-5")
    message = page.locator("#e-revenue")
    # "-" alone, typed first, is "not a number": wait for the message about "-5" itself.
    expect(message).to_contain_text("负数" if lang == "zh" else "cannot be negative", timeout=READY_TIMEOUT_MS)
    assert bool(CJK.search(message.inner_text())) is (lang == "zh"), message.inner_text()
    assert page.get_attribute("#f-revenue", "aria-invalid") == "true"
    # Beside the field: in the field's own block, named by the input's aria-describedby.
    assert page.locator('[data-field="revenue"] #e-revenue').count() == 1
    assert "e-revenue" in page.get_attribute("#f-revenue", "aria-describedby").split()
    # Only the wrong field is marked.
    assert page.locator("#e-event_date").inner_text() == ""
    # Corrected, the message goes and a result comes.
    page.keyboard.press("Home")
    page.keyboard.press("Delete")
    expect(message).to_be_empty()
    assert page.get_attribute("#f-revenue", "aria-invalid") is None
    expect(total(page)).to_be_visible()


def test_no_stale_total_while_an_input_is_wrong(page, site):
    page.set_viewport_size({"width": 400, "height": 800})  # narrow: the sticky summary shows
    page.goto(site.url + PAGES["zh"])
    wait_ready(page)
    page.check("#pick-revenue")
    page.focus("#f-event_date")
    page.keyboard.type("2024-06-01")
    tab_to(page, "role")
    page.keyboard.press("ArrowUp")
    tab_to(page, "revenue")
    page.keyboard.type("600000000")
    # 1 亿 and 5 亿 both reached for the first time: 200,000 + 300,000
    expect(total(page)).to_contain_text("500,000.00", timeout=READY_TIMEOUT_MS)
    expect(page.locator(".calc-summary")).to_contain_text("500,000.00")
    page.keyboard.press("Home")
    page.keyboard.type("-")
    expect(page.locator("#e-revenue")).not_to_be_empty()
    assert page.locator(".calc-result .calc-total").count() == 0
    expect(page.locator(".calc-summary")).to_be_hidden()


def test_untouched_form_shows_no_error(page, site):
    page.goto(site.url + PAGES["zh"])
    wait_ready(page)
    page.wait_for_timeout(300)  # the first update runs once the engine is ready
    errors = page.locator(".calc-error").evaluate_all(
        "els => els.filter(e => e.textContent).map(e => e.id + ': ' + e.textContent)")
    assert errors == []
    assert page.evaluate("location.hash") == ""


def test_fragment_holds_the_inputs_and_restores_them(context, site):
    page = context.new_page()
    page.goto(site.url + PAGES["zh"])
    fill_by_keyboard(page, "en")  # thousands separators: the fragment holds plain digits
    expect(total(page)).to_contain_text(TOTAL["zh"], timeout=READY_TIMEOUT_MS)
    expect(page).to_have_url(re.compile(r"_total=600000\.00"))  # once the typing has paused
    # The total is reached before the last field is typed in full (its award does not depend on
    # the amount): on a busy machine the fragment can be written between two keys.
    expect(page).to_have_url(re.compile(r"provincial_gi_award=200000(&|$)"))
    url = page.url
    fragment = {k: v[0] for k, v in parse_qs(url.split("#", 1)[1]).items()}
    for name, value in EXPECTED_FRAGMENT.items():
        assert fragment.get(name) == value, (name, fragment)

    shared = context.new_page()
    shared.goto(url)
    for name, value in EXPECTED_FRAGMENT.items():
        assert shared.eval_on_selector(f"#f-{name}", "e => e.value") == value, name
    expect(total(shared)).to_contain_text(TOTAL["zh"], timeout=READY_TIMEOUT_MS)
    # The next-threshold sentences follow the result (the what-if sweep, whatif.js): both settled.
    for shown in (page, shared):
        shown.wait_for_selector(".calc-whatif[data-ready]", state="attached", timeout=READY_TIMEOUT_MS)
    assert shared.locator(".calc-result").inner_text() == page.locator(".calc-result").inner_text()


@pytest.mark.parametrize("lang", PAGES)
def test_land_floor_price(page, site, lang):
    page.goto(site.url + ("en/" if lang == "en" else "") + "calculators/land.html")
    page.focus("#f-grade")
    page.keyboard.type("8")
    tab_to(page, "area_m2")
    page.keyboard.type("20000")
    tab_to(page, "total_cost")
    page.keyboard.type("3,000,000")
    tab_to(page, "supported_project")
    page.keyboard.press("Space")
    assert page.is_checked("#f-supported_project")
    expect(total(page)).to_contain_text("3,528,000.00", timeout=READY_TIMEOUT_MS)
    result = page.evaluate("""() => window.policyCalculator.land(
        {grade: 8, area_m2: "20000", supported_project: true, total_cost: "3000000"})""")
    assert result["floor_price"] == "3528000.00"
    expect(page).to_have_url(re.compile(r"_total=3528000\.00"))


def test_fragment_written_once_the_reader_pauses(page, site):
    """Each key gives a result, but the share link (history.replaceState, milliseconds of the
    page's time each) is written once the typing pauses, not once per key."""
    page.add_init_script("""(() => {
      const replace = history.replaceState.bind(history);
      window.fragmentWrites = 0;
      history.replaceState = (...args) => { window.fragmentWrites++; return replace(...args); };
    })()""")
    page.goto(site.url + "calculators/land.html")
    wait_ready(page)
    page.focus("#f-grade")
    page.keyboard.type("8")
    tab_to(page, "area_m2")
    page.keyboard.type("123456", delay=60)  # slower than the engine: every key's result is shown
    expect(total(page)).to_contain_text("31,110,912.00", timeout=READY_TIMEOUT_MS)  # 252 × 123,456
    expect(page).to_have_url(re.compile(r"area_m2=123456&_total=31110912\.00"))
    assert page.evaluate("window.fragmentWrites") <= 2, "written per key"
