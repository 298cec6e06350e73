"""The fictional changes of fictional.toml never reach the repository's data or the site."""

from __future__ import annotations

from .conftest import FICTIONAL

MARKS = (FICTIONAL["mark_zh"], FICTIONAL["mark_en"])


def test_the_site_holds_no_fictional_text(site):
    found = [p for p in site.pages() if any(m in site.page(p) for m in MARKS)]
    assert found == []
    assert not (site.root / f"{FICTIONAL['document']['id']}.html").exists()


def test_the_repository_holds_no_fictional_data():
    from ..conftest import REPO
    sources = [*(REPO / "docs").rglob("*.md"), *(REPO / "calculators" / "src").rglob("*.toml")]
    assert [p for p in sources if any(m in p.read_text(encoding="utf-8") for m in MARKS)] == []


def test_the_marks_are_in_the_fixtures():
    """The checks above can fail: the fixtures carry the marks they look for."""
    assert FICTIONAL["mark_zh"] in FICTIONAL["version"]["note_zh"]
    assert any(FICTIONAL["mark_zh"] in arg for arg in FICTIONAL["document"]["args"])
