"""适老化 on a phone (issue 21 part 3), in Chromium and WebKit at 375×812 with touch: every tap
target is at least 44×44 CSS px, at the normal and the largest text size, and body text has a line
height of at least 1.5. Links inside running text are exempt (WCAG 2.5.5); a box with its label
beside it is one target, as a finger finds it."""

from __future__ import annotations

import pytest

from tests.engines.test_reading_options import READY, TOGGLE

PAGES = ["index.html", "policy.html", "calculators/index.html", "calculators/land.html",
         "calculators/batch.html", "en/regulation.html", "en/calculators/index.html", "en/readings.html"]

# What a finger can hit that is on the screen now: no hidden, transparent or off-screen control
# (the closed drawer's links, the search's clear button before anything is typed).
SMALL_TARGETS = """() => {
  const union = (a, b) => ({ left: Math.min(a.left, b.left), top: Math.min(a.top, b.top),
                             right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) });
  const shown = (e) => { const s = getComputedStyle(e); const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.pointerEvents !== "none"
      && parseFloat(s.opacity) > 0 && r.right > 0 && r.left < innerWidth && !e.closest("[hidden], [inert]"); };
  const small = [];
  for (const e of document.querySelectorAll("button, input:not([type=hidden]), select, textarea, summary, "
      + ".md-header__button, [role=button], .md-nav__link")) {
    if (!shown(e)) continue;
    let r = e.getBoundingClientRect();
    const label = (e.id && document.querySelector(`label[for="${e.id}"]`)) || e.closest("label");
    if (label && (e.type === "checkbox" || e.type === "radio") && shown(label)) r = union(r, label.getBoundingClientRect());
    const w = r.right - r.left, h = r.bottom - r.top;
    if (w < 43.5 || h < 43.5) small.push([e.tagName, String(e.className), e.id, Math.round(w), Math.round(h)]);
  }
  const p = document.querySelector("article p");
  return { small, lineHeight: parseFloat(getComputedStyle(p).lineHeight) / parseFloat(getComputedStyle(p).fontSize) };
}"""


@pytest.mark.parametrize("engine", [pytest.param("chromium", marks=pytest.mark.chromium),
                                    pytest.param("webkit", marks=pytest.mark.webkit)], indirect=True)
def test_every_tap_target_is_44_px_at_every_text_size(engine, launch, served):
    phone = launch(phone=True)
    seen = {}
    for larger in (False, True):
        for path in PAGES:
            phone.open(served.url + path)
            phone.wait(READY)
            pressed = phone.evaluate("() => document.documentElement.dataset.readingSize === 'large'")
            if pressed != larger:
                phone.evaluate(TOGGLE, "size")
            seen[path, larger] = phone.evaluate(SMALL_TARGETS)
    assert not {k: v["small"] for k, v in seen.items() if v["small"]}, seen
    assert all(v["lineHeight"] >= 1.5 for v in seen.values()), seen
