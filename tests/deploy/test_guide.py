"""The deployment guide shows, and offers for download, the example files as they are, and every
copy of the security headers in them is the policy the pages are tested under."""

from __future__ import annotations

import html
import importlib.util
import re

import pytest

from ..conftest import REPO

DEPLOY = REPO / "docs" / "deploy"
PAGES = ("deploy.html", "en/deploy.html")


def _static_server():
    spec = importlib.util.spec_from_file_location("static_server", REPO / "scripts" / "static_server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _code_blocks(page: str) -> list[str]:
    """The text of each <pre><code> block (Pygments' markup stripped)."""
    blocks = re.findall(r"<pre[^>]*>.*?<code[^>]*>(.*?)</code></pre>", page, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", block)) for block in blocks]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", ["nginx.conf", "apache.conf"])
def test_guide_shows_and_offers_the_file_itself(site, page, name):
    text = (DEPLOY / name).read_text(encoding="utf-8")
    assert text.strip() in [block.strip() for block in _code_blocks(site.page(page))]
    assert (site.root / "deploy" / name).read_text(encoding="utf-8") == text
    link = "deploy/" + name if page == "deploy.html" else "../deploy/" + name
    assert f'href="{link}"' in site.page(page)


def test_every_copy_of_the_headers_is_the_tested_policy(site):
    headers = _static_server().SECURITY_HEADERS
    nginx = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    apache = (DEPLOY / "apache.conf").read_text(encoding="utf-8")
    for name, value in headers.items():
        assert f'add_header {name} "{value}" always;' in nginx, name
        assert f'Header always set {name} "{value}"' in apache, name
        for page in PAGES:
            assert any(f"{name}: {value}" in block for block in _code_blocks(site.page(page))), (page, name)


def test_the_guide_lists_every_setting_of_the_deployment():
    """Every value mkdocs.yml takes from the environment (the site's identity, its footer fields)
    is in the deployment guide's table, in both languages, with its place in mkdocs.yml."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    settings = re.findall(r"^\s*(\w+): !ENV \[(\w+),", config, re.MULTILINE)
    assert len(settings) >= 14
    for guide in ("deploy.md", "deploy.en.md"):
        text = (REPO / "docs" / guide).read_text(encoding="utf-8")
        for key, variable in settings:
            if variable == "SITE_URL":
                continue  # its own section, on building
            assert f"`{variable}`" in text, (guide, variable)
            assert f"`{key}`" in text or f".{key}`" in text, (guide, key)
