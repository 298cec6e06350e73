"""axe-core's WCAG A/AA violations of the page open in any engine (scripts/browsers).

The source is evaluated through the driver rather than added as a script element, so the
site's Content-Security-Policy, which forbids inline script, stays on (tests/browser/test_a11y.py
runs axe in Chromium alone, with the policy bypassed).
"""

from __future__ import annotations

from ..browser.test_a11y import AXE, WCAG_AA

_RUN = """async (tags) => {
  if (typeof window.axe !== "object") {
%s
  }
  const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id} (${v.impact}) ${v.help} | ${v.nodes.slice(0, 6).map((n) => n.target.join(" ")).join("; ")}`);
}"""


def violations(browser, where: str) -> list[str]:
    script = _RUN % AXE.read_text(encoding="utf-8")
    return [f"{browser.engine} {where}: {v}" for v in browser.evaluate(script, WCAG_AA, timeout=120)]
