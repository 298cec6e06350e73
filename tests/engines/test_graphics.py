"""The illustrated readings (政策图解) in the browser (issue 21, parts 4 and 5):

- the PNG download (graphic-png.js) makes a PNG of each image, twice its size, in Chromium,
  Firefox and WebKit: the file is caught as it is handed to the browser, no download is made;
- at 375×812 in Chromium and WebKit the 政策图解 page and a document page (its image link and
  the timeline) scroll no page sideways, and axe finds no WCAG A/AA violation on them.
"""

from __future__ import annotations

import pytest

from .accessibility import violations

PAGES = ("graphics.html", "en/index.html")  # an illustrated reading; the timeline
PHONE_PAGES = ("graphics.html", "en/policy.html")
PHONE_ENGINES = [pytest.param("chromium", marks=pytest.mark.chromium),
                 pytest.param("webkit", marks=pytest.mark.webkit)]
LOADED = "() => document.readyState === 'complete'"

# Every button's PNG, caught where graphic-png.js hands it to the browser: its size, signature,
# dimensions and file name, against the SVG's own size.
PNGS = """async () => {
  const caught = [];
  URL.createObjectURL = (blob) => { caught.push(blob); return "about:blank"; };
  HTMLAnchorElement.prototype.click = function () { caught[caught.length - 1].name = this.download; };
  const buttons = [...document.querySelectorAll("button.graphic-png")];
  const found = [];
  for (const button of buttons) {
    const before = caught.length;
    button.click();
    for (let waited = 0; caught.length === before || !caught[before].name; waited += 20) {
      if (waited > 30000) return `no PNG from ${button.dataset.name}`;
      await new Promise((r) => setTimeout(r, 20));
    }
    const blob = caught[before], bytes = new Uint8Array(await blob.arrayBuffer());
    const view = new DataView(bytes.buffer);
    const svg = new Image();
    svg.src = button.dataset.svg;
    await svg.decode();
    found.push({ name: blob.name, expected: button.dataset.name, type: blob.type, size: blob.size,
                 signature: [...bytes.slice(0, 8)], width: view.getUint32(16), height: view.getUint32(20),
                 svgWidth: svg.naturalWidth, svgHeight: svg.naturalHeight });
  }
  return found;
}"""
PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10]


def test_each_image_downloads_as_a_png(engine, launch, served):
    browser = launch()
    pngs = []
    for page in PAGES:
        browser.open(served.url + page)
        browser.wait(LOADED)
        pngs += browser.evaluate(PNGS, timeout=120)
    assert {p["name"].split("-")[0] for p in pngs} == {"policy", "timeline.en.png"}, pngs
    for png in pngs:
        assert png["name"] == png["expected"] and png["type"] == "image/png", png
        assert png["signature"] == PNG_SIGNATURE, png
        assert (png["width"], png["height"]) == (2 * png["svgWidth"], 2 * png["svgHeight"]), png
        # Drawn, not blank: a blank canvas of this size compresses to a few kilobytes.
        assert png["size"] > 20_000, png


@pytest.mark.parametrize("engine", PHONE_ENGINES, indirect=True)
def test_no_sideways_scroll_and_no_axe_violation_on_a_phone(engine, launch, served):
    browser = launch(phone=True)
    problems = []
    for page in PHONE_PAGES:
        browser.open(served.url + page)
        browser.wait(LOADED)
        width = browser.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1] == 375, (page, width)
        images = browser.evaluate("() => [...document.querySelectorAll('figure.graphic img')]"
                                  ".filter((i) => i.getBoundingClientRect().width > 0).map((i) => i.getBoundingClientRect().right)")
        assert images and max(images) <= 375, (page, images)
        problems += violations(browser, page)
    assert problems == []
