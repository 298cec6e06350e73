"""The reading options (适老化, issue 21 part 3) in Chromium, Firefox and WebKit: high contrast,
read aloud where the browser has a voice for the page's language (and no button where it has
none), and the largest text at phone size. axe with high contrast (7:1, WCAG 1.4.6):
tests/browser/test_a11y.py."""

from __future__ import annotations

import pytest

POLICY, POLICY_EN = "policy.html", "en/policy.html"
READY = "() => document.readyState === 'complete' && !!document.querySelector('.reading-options')"
TOGGLE = "(name) => document.querySelector(`.reading-toggle[data-option=${name}]`).click()"
STYLE = """(selector, property) => getComputedStyle(document.querySelector(selector))[property]"""
# The voices the browser says it has for a language ("zh" or "en").
VOICES = "(lang) => speechSynthesis.getVoices().filter((v) => v.lang.toLowerCase().startsWith(lang)).length"
BUTTONS = "() => document.querySelectorAll('.read-aloud').length"
# A voice for the page's language where the browser has none (headless Chromium and Firefox have
# no voice at all), and speech recorded instead of spoken: the page's own code then runs as it
# would with a real voice.
STUB_VOICE = """(lang) => { window.__spoken = []; window.__cancelled = 0;
  speechSynthesis.getVoices = () => [{ lang, name: "test voice", default: true }];
  speechSynthesis.speak = (u) => { window.__spoken.push({ text: u.text, lang: u.lang }); };
  speechSynthesis.cancel = () => { window.__cancelled += 1; };
  speechSynthesis.dispatchEvent(new Event("voiceschanged")); }"""


def _open(browser, url: str) -> None:
    browser.open(url)
    browser.wait(READY)


def test_high_contrast_is_applied_remembered_and_keyboard_operable(engine, launch, served):
    browser = launch()
    _open(browser, served.url + POLICY)
    assert browser.evaluate(STYLE, "article p", "color") != "rgb(0, 0, 0)"
    browser.evaluate(TOGGLE, "contrast")
    assert browser.evaluate("() => document.documentElement.dataset.readingContrast") == "high"
    assert browser.evaluate(STYLE, "article p", "color") == "rgb(0, 0, 0)"
    assert browser.evaluate(STYLE, ".md-header", "backgroundColor") == "rgb(11, 26, 122)"
    assert browser.evaluate("() => document.querySelector('.reading-toggle[data-option=contrast]')"
                            ".getAttribute('aria-pressed')") == "true"
    # Another page, the other language: still on, from the head (no cookie).
    _open(browser, served.url + "en/regulation.html")
    assert browser.evaluate("() => document.documentElement.dataset.readingContrast") == "high"
    assert browser.evaluate("() => document.cookie") == ""
    browser.evaluate(TOGGLE, "contrast")
    assert browser.evaluate("() => document.documentElement.dataset.readingContrast") is None


def test_the_large_pointer_on_a_computer(engine, launch, served):
    """特大鼠标: twice-size arrow, hand and text beam, from the site's own images."""
    browser = launch()
    _open(browser, served.url + POLICY)
    browser.evaluate(TOGGLE, "pointer")
    assert browser.evaluate("() => document.documentElement.dataset.readingPointer") == "large"
    cursors = browser.evaluate("""() => Object.fromEntries(Object.entries({
        page: 'article p', link: 'article a[href]', field: 'input.md-search__input'})
      .map(([k, s]) => [k, getComputedStyle(document.querySelector(s)).cursor]))""")
    assert "pointer-large.svg" in cursors["page"], cursors
    assert "pointer-large-link.svg" in cursors["link"], cursors
    assert "pointer-large-text.svg" in cursors["field"], cursors
    images = browser.evaluate("""async (names) => Promise.all(names.map(async (n) => {
        const r = await fetch(new URL(`assets/images/${n}.svg`, location.href));
        return [r.status, r.headers.get('content-type'), (await r.text()).startsWith('<svg')]; }))""",
                              ["pointer-large", "pointer-large-link", "pointer-large-text"])
    assert all(status == 200 and "svg" in kind and svg for status, kind, svg in images), images
    _open(browser, served.url + "en/regulation.html")
    assert browser.evaluate("() => document.documentElement.dataset.readingPointer") == "large"
    browser.evaluate(TOGGLE, "pointer")
    assert browser.evaluate("() => document.documentElement.dataset.readingPointer") is None


@pytest.mark.parametrize("engine", [pytest.param("chromium", marks=pytest.mark.chromium),
                                    pytest.param("webkit", marks=pytest.mark.webkit)], indirect=True)
def test_no_pointer_button_on_a_phone(engine, launch, served):
    phone = launch(phone=True)
    _open(phone, served.url + POLICY)
    assert phone.evaluate("() => document.querySelectorAll('.reading-toggle[data-option=pointer]').length") == 1
    assert phone.evaluate("() => document.querySelector('.reading-toggle[data-option=pointer]')"
                          ".offsetParent") is None


@pytest.mark.parametrize("path, lang", [(POLICY, "zh"), (POLICY_EN, "en")])
def test_read_aloud_only_where_the_browser_has_a_voice(engine, launch, served, path, lang):
    browser = launch()
    _open(browser, served.url + path)
    has_voice = browser.wait(f"() => {{ const n = ({VOICES})('{lang}'); return speechSynthesis.getVoices().length "
                             f"|| document.readyState === 'complete' ? [n] : null; }}")[0] > 0
    buttons = browser.wait(f"() => [({BUTTONS})()]")[0]
    assert (buttons > 0) == has_voice, (engine, lang, buttons)


def test_read_aloud_reads_a_clause_pauses_and_stops_from_the_keyboard(engine, launch, served):
    browser = launch()
    _open(browser, served.url + POLICY)
    browser.evaluate(STUB_VOICE, "zh-CN")
    count = browser.wait(f"() => ({BUTTONS})()")
    clauses = browser.evaluate("() => document.querySelectorAll('.md-content h3[id]').length")
    notes = browser.evaluate("() => document.querySelectorAll('.md-content details.note').length")
    assert count == clauses + notes
    # A note's button is inside the note, never inside its <summary> (one control in another).
    assert browser.evaluate("() => [document.querySelectorAll('details.note > summary .read-aloud').length,"
                            " document.querySelectorAll('details.note > summary + .read-aloud').length]") == [0, notes]
    label = browser.evaluate("() => document.querySelector('#policy-4 .read-aloud').getAttribute('aria-label')")
    assert label.startswith("朗读：（四）")
    browser.evaluate("() => document.querySelector('#policy-4 .read-aloud').click()")
    spoken = browser.evaluate("() => window.__spoken")
    assert len(spoken) == 1 and spoken[0]["lang"] == "zh-CN"
    text = spoken[0]["text"]
    # The clause's heading and its words, without the button's own label or the permalink.
    assert text.startswith("（四）支持优势企业提升能级。") and "20万元资金奖励" in text
    assert "朗读" not in text and "¶" not in text
    assert browser.evaluate("() => !document.querySelector('.read-aloud-bar').hidden")
    assert browser.evaluate("() => document.querySelector('.read-aloud-pause').textContent") == "暂停"
    # Escape stops it: the voice is cancelled and the bar goes.
    browser.evaluate("() => { Object.defineProperty(speechSynthesis, 'speaking', { value: true, configurable: true });"
                     " document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })); }")
    assert browser.evaluate("() => document.querySelector('.read-aloud-bar').hidden")
    assert browser.evaluate("() => window.__cancelled") >= 2  # once before speaking, once to stop


@pytest.mark.parametrize("engine", [pytest.param("chromium", marks=pytest.mark.chromium),
                                    pytest.param("webkit", marks=pytest.mark.webkit)], indirect=True)
@pytest.mark.parametrize("path", ["index.html", POLICY, "calculators/index.html", "en/regulation.html"])
def test_the_largest_text_fits_a_phone(engine, launch, served, path):
    """Larger text and high contrast together at 375×812: nothing scrolls sideways, and the
    header's controls stay on the screen without overlapping."""
    browser = launch(phone=True)
    _open(browser, served.url + path)
    browser.evaluate(TOGGLE, "size")
    browser.evaluate(TOGGLE, "contrast")
    seen = browser.evaluate("""() => {
      const boxes = [...document.querySelectorAll('.md-header__button, .reading-toggle, .md-header__option > *')]
        .filter((e) => e.offsetParent !== null).map((e) => e.getBoundingClientRect());
      const overlap = boxes.some((a, i) => boxes.some((b, j) => i < j && a.left < b.right - 1 && b.left < a.right - 1
        && a.top < b.bottom - 1 && b.top < a.bottom - 1 && !(a.left >= b.left && a.right <= b.right) && !(b.left >= a.left && b.right <= a.right)));
      return { width: innerWidth, scroll: document.documentElement.scrollWidth,
               right: Math.max(...boxes.map((r) => r.right)), overlap,
               size: parseFloat(getComputedStyle(document.querySelector('article.md-typeset')).fontSize) }; }""")
    assert seen["width"] == 375
    assert seen["scroll"] <= seen["width"] and seen["right"] <= seen["width"], seen
    assert not seen["overlap"], seen
    assert seen["size"] >= 20, seen
