"""WCAG 2.1 AA (GB/T 37668-2019 follows it), checked with axe-core from npm on the built site.

Every built page of both languages, in the light and the dark colour scheme; the calculator pages
also with a result shown, with field errors shown and with an engine that could not load; and a
few pages with the larger-text reading option on. Zero violations of the WCAG 2.0/2.1 A and AA
rules. axe is injected as an inline script, which the server's Content-Security-Policy forbids,
so these contexts (and only these) bypass the CSP; tests/browser/test_csp.py checks the pages
under it.

Zoom and reflow (WCAG 1.4.4, 1.4.10): 640 CSS pixels wide is a 1280-pixel window at 200 %, and
320 is the reflow width. The page must not scroll sideways and nothing may stick out of the
window, except inside a box that scrolls sideways itself (wide tables).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .browsing import CALCULATOR_PAGES, READY_TIMEOUT_MS, wait_ready

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = ("default", "slate")  # Material's light and dark schemes

# Per calculator (its data-calculator name): a filled-in form as URL fragment, for a result with
# items, and one wrong field for a field error.
RESULT_FRAGMENT = {
    "estimate": "event_date=2024-06-01&role=backbone&revenue=600000000&previous_max_revenue=200000000",
    "milestones": "event_date=2024-06-01&role=backbone&revenue=600000000&previous_max_revenue=200000000",
    "equipment": "event_date=2024-06-01&town_revenue_rank=2&equipment_investment=3000000",
    "training": "event_date=2024-06-01&incumbent_trainees=10",
    "land": "grade=8&area_m2=20000&supported_project=true",
}
WRONG_FIELD = {"estimate": "revenue", "milestones": "revenue", "equipment": "equipment_investment",
               "training": "incumbent_trainees", "land": "area_m2"}


def calculator_name(site, path: str) -> str:
    return re.search(r'data-calculator="(\w+)"', site.page(path))[1]


def built_pages(site) -> list[str]:
    """Every HTML page of the build, both languages, 404.html included (served at any path)."""
    pages = site.pages()
    assert "index.html" in pages and "en/index.html" in pages, pages
    return pages


@pytest.fixture
def axe_context(browser):
    # bypass_csp: axe-core is added as an inline script, which the CSP blocks.
    context = browser.new_context(locale="zh-CN", bypass_csp=True)
    context.set_default_timeout(READY_TIMEOUT_MS)
    yield context
    context.close()


def set_scheme(page, scheme: str) -> None:
    """What Material's colour toggle does: the scheme is an attribute of <body>."""
    page.evaluate("(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    settle(page)


def settle(page) -> None:
    """Wait for Material's colour transitions to end (axe reads the colours as painted) and
    for two frames, so that resize observers (scroll-regions.js) have run."""
    page.wait_for_function(
        "() => document.getAnimations().every((a) => a.playState !== 'running')")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def violations(page, where: str, tags: list[str] = WCAG_AA) -> list[str]:
    """axe's violations of the rules of `tags` (WCAG A/AA) on the page as it is now, one
    readable line per rule."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
             .then((r) => r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
               targets: v.nodes.map((n) => n.target.join(" ")), summary: v.nodes[0].failureSummary})))""",
        tags)
    return [f"{where}: {v['id']} ({v['impact']}) {v['help']} | {'; '.join(v['targets'][:6])}"
            f"{' …' if len(v['targets']) > 6 else ''} | {v['summary'].splitlines()[-1].strip()}"
            for v in result]


ZOOM_WIDTHS = (640, 320)
OUTSIDE_THE_WINDOW = """() => {
  const width = document.documentElement.clientWidth;
  const inScroller = (el) => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if (overflow === "auto" || overflow === "scroll") return true;
    }
    return false;
  };
  const out = [];
  if (document.scrollingElement.scrollWidth > innerWidth + 1)
    out.push(`the page scrolls sideways: ${document.scrollingElement.scrollWidth} > ${innerWidth}`);
  for (const el of document.querySelectorAll(".md-header *, .md-content *, .md-footer *")) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || box.right <= width + 1 || inScroller(el)) continue;
    out.push(`${el.tagName.toLowerCase()}.${el.getAttribute("class")} ends at ${Math.round(box.right)} px`);
  }
  return out.slice(0, 5);
}"""


def outside_the_window(page, where: str) -> list[str]:
    """What sticks out at each zoom width, the viewport's height kept."""
    height = page.viewport_size["height"]
    found = []
    for width in ZOOM_WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        settle(page)
        found += [f"{where} at {width} px: {problem}" for problem in page.evaluate(OUTSIDE_THE_WINDOW)]
    return found


def report(found: list[str]) -> str:
    return f"{len(found)} axe violation(s):\n" + "\n".join(found)


def test_dark_scheme_follows_the_system(browser, site):
    """The palette in mkdocs.yml: a reader whose system is dark gets Material's slate scheme."""
    schemes = {}
    for system in ("light", "dark"):
        context = browser.new_context(color_scheme=system)
        page = context.new_page()
        page.goto(site.url + "index.html")
        page.wait_for_load_state("load")
        schemes[system] = page.evaluate("() => document.body.dataset.mdColorScheme")
        context.close()
    assert schemes == {"light": "default", "dark": "slate"}


def test_every_page_in_both_schemes(axe_context, site):
    page = axe_context.new_page()
    found = []
    for path in built_pages(site):
        page.goto(site.url + path)
        for scheme in SCHEMES:
            set_scheme(page, scheme)
            found += violations(page, f"{path} [{scheme}]")
    assert not found, report(found)


@pytest.mark.parametrize("path", CALCULATOR_PAGES)
def test_calculator_with_result_and_with_field_errors(axe_context, site, path):
    """axe in both schemes, and the zoom widths, with a result and with field errors."""
    page = axe_context.new_page()
    name = calculator_name(site, path)
    page.goto(site.url + path + "#" + RESULT_FRAGMENT[name])
    wait_ready(page)
    expect(page.locator(".calc-result .calc-total")).to_be_visible(timeout=READY_TIMEOUT_MS)
    found = []
    for scheme in SCHEMES:
        set_scheme(page, scheme)
        found += violations(page, f"{path} result [{scheme}]")
    found += outside_the_window(page, f"{path} result")
    page.set_viewport_size({"width": 1280, "height": 720})
    # Field errors: a wrong value in one field, and a date that is not one.
    wrong = WRONG_FIELD[name]
    page.fill(f"#f-{wrong}", "-5")
    if page.locator("#f-event_date").count():
        page.fill("#f-event_date", "2024-13-45")
    expect(page.locator(f"#e-{wrong}")).not_to_be_empty(timeout=READY_TIMEOUT_MS)
    for scheme in SCHEMES:
        set_scheme(page, scheme)
        found += violations(page, f"{path} field errors [{scheme}]")
    found += outside_the_window(page, f"{path} field errors")
    assert not found, report(found)


@pytest.mark.parametrize("size", ["normal", "large"])
def test_every_page_reflows_at_200_percent_and_320_px(page, site, size):
    """With and without the larger-text option, whose bigger header must fit too."""
    found = []
    for path in built_pages(site):
        page.goto(site.url + path)
        if size == "large":
            page.evaluate("() => document.documentElement.setAttribute('data-reading-size', 'large')")
        found += outside_the_window(page, f"{path} [{size} text]")
        page.set_viewport_size({"width": 1280, "height": 720})
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", CALCULATOR_PAGES)
def test_calculator_whose_engine_failed(axe_context, site, path):
    axe_context.route("**/*.wasm", lambda route: route.abort())
    page = axe_context.new_page()
    page.goto(site.url + path)
    expect(page.locator(".calc-status.is-failed")).to_be_visible(timeout=READY_TIMEOUT_MS)
    found = []
    for scheme in SCHEMES:
        set_scheme(page, scheme)
        found += violations(page, f"{path} engine failed [{scheme}]")
    assert not found, report(found)


@pytest.mark.parametrize("path", ["index.html", "en/policy.html", "accessibility.html",
                                  "calculators/equipment.html"])
def test_larger_text_option_keeps_contrast(axe_context, site, path):
    page = axe_context.new_page()
    page.goto(site.url + path)
    page.click(".reading-toggle[data-option=size]")
    assert page.evaluate("() => document.documentElement.dataset.readingSize") == "large"
    found = []
    for scheme in SCHEMES:
        set_scheme(page, scheme)
        found += violations(page, f"{path} larger text [{scheme}]")
    assert not found, report(found)


@pytest.mark.parametrize("path", ["index.html", "policy.html", "en/regulation.html", "accessibility.html",
                                  "calculators/index.html", "calculators/batch.html"])
def test_high_contrast_gives_7_to_1(axe_context, site, path):
    """High contrast: WCAG 1.4.6 (axe's color-contrast-enhanced, 7:1 for text) besides A/AA, in
    both schemes, also with larger text."""
    page = axe_context.new_page()
    page.goto(site.url + path)
    page.click(".reading-toggle[data-option=contrast]")
    assert page.evaluate("() => document.documentElement.dataset.readingContrast") == "high"
    found = []
    for size in ("normal", "large"):
        if size == "large":
            page.click(".reading-toggle[data-option=size]")
        for scheme in SCHEMES:
            set_scheme(page, scheme)
            found += violations(page, f"{path} high contrast, {size} text [{scheme}]", [*WCAG_AA, "wcag2aaa"])
    assert not found, report(found)


def test_labels_errors_and_announcements(page, site):
    """What a screen reader is told: each control's label, help and error (aria-describedby,
    aria-invalid), the engine's status, and the total, announced (polite) when it changes and
    only then."""
    page.goto(site.url + "calculators/index.html")
    controls = page.eval_on_selector_all("form.calculator [name]", """els => els.map((el) => ({
        id: el.id,
        label: (document.querySelector(`label[for="${el.id}"]`) || {}).textContent || "",
        describedby: (el.getAttribute("aria-describedby") || "").split(" ")
          .map((id) => document.getElementById(id) ? id : `missing ${id}`)}))""")
    assert len(controls) > 10
    for control in controls:
        name = control["id"].removeprefix("f-")
        assert control["label"].strip(), control
        assert control["describedby"] == [f"h-{name}", f"e-{name}"], control
    for selector in (".calc-status", ".calc-announce"):
        assert page.get_attribute(selector, "role") == "status", selector
        assert page.get_attribute(selector, "aria-live") == "polite", selector
    assert page.get_attribute(".calc-announce", "aria-atomic") == "true"
    wait_ready(page)
    assert "就绪" in page.inner_text(".calc-status")
    page.evaluate("""() => { window.__announced = [];
        new MutationObserver(() => window.__announced.push(document.querySelector(".calc-announce").textContent))
          .observe(document.querySelector(".calc-announce"), {childList: true, characterData: true, subtree: true}); }""")
    announced = lambda: page.evaluate("() => window.__announced")  # noqa: E731
    announcer = page.locator(".calc-announce")

    page.check("#pick-revenue")  # the situations whose fields are filled below
    page.check("#pick-equipment")
    page.fill("#f-event_date", "2024-06-01")
    page.select_option("#f-role", "backbone")
    page.fill("#f-revenue", "600000000")
    # 1 亿 and 5 亿 reached for the first time: 200,000 + 300,000 (policy (4))
    expect(announcer).to_have_text("企业本身可得的估算合计: 500,000.00 元", timeout=READY_TIMEOUT_MS)
    page.fill("#f-revenue", "1200000000")  # and 10 亿: + 500,000
    expect(announcer).to_have_text("企业本身可得的估算合计: 1,000,000.00 元", timeout=READY_TIMEOUT_MS)
    count = len(announced())
    # An input that leaves the total as it was: nothing new is said.
    page.fill("#f-equipment_investment", "0")
    expect(page.locator(".calc-total")).to_contain_text("1,000,000.00")
    page.wait_for_timeout(300)
    assert len(announced()) == count, announced()

    page.fill("#f-revenue", "-5")
    expect(page.locator("#e-revenue")).to_contain_text("负数", timeout=READY_TIMEOUT_MS)
    assert page.get_attribute("#f-revenue", "aria-invalid") == "true"
    expect(announcer).to_contain_text("请先修正标出的输入项。")
    assert page.inner_text("#e-revenue") in announcer.inner_text()
