"""The site's identity (name, publisher, contact, ICP and 公安 record numbers) comes from
configuration: mkdocs.yml, or the environment variables it names. A build with other values
shows them in every page's footer and header in both languages, and none of the configured
defaults is left anywhere in it, so no template or page holds them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from ..conftest import built_pages
from .conftest import REPO

IDENTITY = {
    "SITE_NAME_ZH": "测试市政策指南", "SITE_NAME_EN": "Test City Policy Guide",
    "SITE_PUBLISHER_ZH": "测试市工业和信息化局", "SITE_PUBLISHER_EN": "Test City Bureau of Industry",
    "SITE_CONTACT": "0350-1234567 test@example.gov.cn",
    "SITE_ICP": "晋ICP备99999999号-9", "SITE_PSB": "晋公网安备 14099999999999号",
}
DEFAULTS = ("（部署时填写", "(to be filled in at deployment", "忻州市专业镇政策指南",
            "Xinzhou Specialized Towns Policy Guide")
# The page's own text, which may name the site (the home page's heading does): left out of the
# check for leftover defaults, which is about templates.
CONTENT = re.compile(r'<article class="md-content__inner.*?</article>', re.DOTALL)
FOOTER = re.compile(r'<footer class="md-footer">.*?</footer>', re.DOTALL)


@pytest.fixture(scope="module")
def identity_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("identity") / "site"
    env = {**os.environ, **IDENTITY, "SITE_URL": "http://127.0.0.1:8000/guide/",
           "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(root)],
        cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return root


def pages(root):
    return [root / p for p in built_pages(root)]


def test_every_page_shows_the_configured_identity(identity_site):
    assert len(pages(identity_site)) > 20
    for path in pages(identity_site):
        html = path.read_text(encoding="utf-8")
        en = path.relative_to(identity_site).parts[0] == "en"
        footer = FOOTER.search(html).group(0)
        publisher = IDENTITY["SITE_PUBLISHER_EN" if en else "SITE_PUBLISHER_ZH"]
        for value in (publisher, IDENTITY["SITE_CONTACT"], IDENTITY["SITE_ICP"], IDENTITY["SITE_PSB"]):
            assert value in footer, (path, value)
        assert IDENTITY["SITE_NAME_EN" if en else "SITE_NAME_ZH"] in html, path


def test_no_page_holds_the_defaults(identity_site):
    left = {str(path.relative_to(identity_site)): [d for d in DEFAULTS if d in CONTENT.sub("", text)]
            for path in pages(identity_site)
            for text in [path.read_text(encoding="utf-8")]}
    assert {page: found for page, found in left.items() if found} == {}


def test_the_default_build_marks_placeholders(site):
    """Undeployed, the footer says plainly that the values are still to be filled in."""
    for page, placeholder in (("index.html", "（部署时填写"), ("en/index.html", "(to be filled in at deployment")):
        assert placeholder in FOOTER.search(site.page(page)).group(0)
