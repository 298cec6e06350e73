"""No pop-ups (适老化, issue 21 part 3): nothing on the site opens a window, a new tab or a dialog
by itself. The site's own scripts never call alert, confirm, prompt or window.open, and no link
opens a new window (target="_blank"). Printing is the one dialog, and only the reader's button
opens it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A call of a dialog or a window, however spelt: alert(…), window.confirm (…), self.open(…).
POPUP_CALL = re.compile(r"(?<![\w.$])(?:(?:window|self|globalThis)\s*\.\s*)?(?:alert|confirm|prompt)\s*\(|"
                        r"(?:window|self|globalThis)\s*\.\s*open\s*\(")
NEW_WINDOW = re.compile(r"""target\s*=\s*["']?_blank|\.target\s*=\s*["']_blank""")


def _own_scripts() -> list[Path]:
    return sorted([*(ROOT / "docs" / "assets" / "js").glob("*.js"), *(ROOT / "calculators" / "web").glob("*.js")])


def test_the_site_scripts_open_no_dialog_or_window():
    scripts = _own_scripts()
    assert len(scripts) > 10
    found = {p.name: POPUP_CALL.findall(p.read_text(encoding="utf-8")) for p in scripts}
    assert not {k: v for k, v in found.items() if v}, found
    assert not [p.name for p in scripts if NEW_WINDOW.search(p.read_text(encoding="utf-8"))]


def test_no_page_opens_a_new_window(site):
    pages = site.pages()
    assert len(pages) > 20
    assert not [p for p in pages if NEW_WINDOW.search(site.page(p))]


def test_the_pattern_finds_what_it_must():
    for text in ["alert('x')", "window.confirm (1)", "self.open(url)", "x; prompt(`a`)", "globalThis.alert(1)"]:
        assert POPUP_CALL.search(text), text
    for text in ["button.alert-box", "reopen(x)", "snapshots.open(key)", "db.open(", "print()"]:
        assert not POPUP_CALL.search(text), text
    assert NEW_WINDOW.search('<a href="x" target="_blank">')
