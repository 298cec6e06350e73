"""The site's identity (name, 主办单位, 承办单位, contact, 网站标识码, ICP and 公安 filing numbers
with their links, the 党政机关网站标识 and the 我为政府网站找错 entry) comes from configuration:
mkdocs.yml, or the environment variables it names. A build with other values shows them in every
page's footer and header in both languages, and none of the configured defaults is left anywhere
in it, so no template or page holds them. Undeployed, every field says it is still to be filled
in, marked for scripts/check_site.py; an intranet build shows the records as text.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html import escape as html_escape

import pytest

from ..conftest import built_pages
from .conftest import REPO

IDENTITY = {
    "SITE_NAME_ZH": "测试市政策指南", "SITE_NAME_EN": "Test City Policy Guide",
    "SITE_PUBLISHER_ZH": "测试市工业和信息化局", "SITE_PUBLISHER_EN": "Test City Bureau of Industry",
    "SITE_CONTACT": "0350-1234567 test@example.gov.cn",
    "SITE_ICP": "晋ICP备99999999号-9", "SITE_PSB": "晋公网安备 14099999999999号",
    "SITE_ORGANIZER_ZH": "测试市大数据中心", "SITE_ORGANIZER_EN": "Test City Big Data Centre",
    "SITE_CODE": "1409990001", "SITE_BADGE_URL": "https://bszs.conac.cn/sitename?method=show&id=TEST",
    "SITE_ERROR_REPORT_URL": "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1409990001",
}
# Where each record links (the filing rules): MIIT's filing system; the 公安 record by its digits.
LINKS = ("https://beian.miit.gov.cn/", "https://beian.mps.gov.cn/#/query/webSearch?code=14099999999999",
         IDENTITY["SITE_BADGE_URL"], IDENTITY["SITE_ERROR_REPORT_URL"])
# A stand-in for the badge image, which the deployment gives as a file on the build machine.
BADGE = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")
DEFAULTS = ("（部署时填写", "(to be filled in at deployment", "忻州市专业镇政策指南",
            "Xinzhou Specialized Towns Policy Guide")
# The page's own text, which may name the site (the home page's heading does): left out of the
# check for leftover defaults, which is about templates.
CONTENT = re.compile(r'<article class="md-content__inner.*?</article>', re.DOTALL)
FOOTER = re.compile(r'<footer class="md-footer">.*?</footer>', re.DOTALL)


def _build(root, **settings) -> None:
    env = {**os.environ, **settings, "SITE_URL": "http://127.0.0.1:8000/guide/", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(root)],
        cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def identity_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("identity")
    (folder / "badge.png").write_bytes(BADGE)
    _build(folder / "site", **IDENTITY, SITE_BADGE_IMAGE=str(folder / "badge.png"))
    return folder / "site"


@pytest.fixture(scope="module")
def intranet_site(tmp_path_factory):
    """An intranet: no ICP filing ("-": left out on purpose), no links to other hosts."""
    folder = tmp_path_factory.mktemp("intranet")
    (folder / "badge.png").write_bytes(BADGE)
    _build(folder / "site", **{**IDENTITY, "SITE_ICP": "-", "SITE_LINKS": "false"},
           SITE_BADGE_IMAGE=str(folder / "badge.png"))
    return folder / "site"


def pages(root):
    return [root / p for p in built_pages(root)]


def test_every_page_shows_the_configured_identity(identity_site):
    assert len(pages(identity_site)) > 20
    for path in pages(identity_site):
        html = path.read_text(encoding="utf-8")
        en = path.relative_to(identity_site).parts[0] == "en"
        footer = FOOTER.search(html).group(0)
        publisher = IDENTITY["SITE_PUBLISHER_EN" if en else "SITE_PUBLISHER_ZH"]
        organizer = IDENTITY["SITE_ORGANIZER_EN" if en else "SITE_ORGANIZER_ZH"]
        for value in (publisher, organizer, IDENTITY["SITE_CONTACT"], IDENTITY["SITE_ICP"],
                      IDENTITY["SITE_PSB"], IDENTITY["SITE_CODE"]):
            assert value in footer, (path, value)
        for link in LINKS:
            assert f'href="{html_escape(link)}"' in footer, (path, link)
        assert "data-unfilled" not in footer, path
        assert IDENTITY["SITE_NAME_EN" if en else "SITE_NAME_ZH"] in html, path
    # The badge is served from the site itself, never from its issuer's host.
    assert (identity_site / "assets/identity/badge.png").read_bytes() == BADGE
    assert '/assets/identity/badge.png" alt=""' in (identity_site / "index.html").read_text(encoding="utf-8")


def test_an_intranet_shows_the_records_as_text_and_leaves_out_what_it_has_not(intranet_site):
    for page in ("index.html", "en/index.html", "policy.html"):
        footer = FOOTER.search((intranet_site / page).read_text(encoding="utf-8")).group(0)
        assert "<a " not in footer, page
        assert IDENTITY["SITE_PSB"] in footer and "ICP" not in footer, page
        assert "data-unfilled" not in footer, page


def test_no_page_holds_the_defaults(identity_site):
    left = {str(path.relative_to(identity_site)): [d for d in DEFAULTS if d in CONTENT.sub("", text)]
            for path in pages(identity_site)
            for text in [path.read_text(encoding="utf-8")]}
    assert {page: found for page, found in left.items() if found} == {}


def test_the_default_build_marks_placeholders(site):
    """Undeployed, the footer says plainly that every value is still to be filled in, and marks
    each field with the setting that holds it, which scripts/check_site.py reports."""
    settings = {"name", "organizer", "contact", "site_code", "icp", "psb", "badge_url, extra.publisher.badge_image",
                "error_report_url"}
    for page, placeholder, lang in (("index.html", "（部署时填写", "zh"), ("en/index.html", "(to be filled in at deployment", "en")):
        footer = FOOTER.search(site.page(page)).group(0)
        marked = set(re.findall(r'data-unfilled="extra\.publisher\.([^"]+)"', footer))
        assert marked == {f"{s}_{lang}" if s in {"name", "organizer"} else s for s in settings}, page
        assert footer.count(placeholder) == len(settings), page
