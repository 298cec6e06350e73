"""gov.cn's document fields on every document page and version page, in both languages (issue 21,
part 2): 索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期, 施行日期, 有效性, 主题词, from the
registry; an empty field says 未公布, never a gap; 有效性 derived on the build day. The JSON export
carries the same. tests/registry checks the same on a copy with a second version and a new
document (tests/registry/test_metadata.py)."""

from __future__ import annotations

import html
import json
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from xinzhou_policy.registry import DOCUMENTS

from ..conftest import REPO

LABELS = {"zh": ("索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "施行日期", "有效性", "主题词"),
          "en": ("Index number", "Subject category", "Issued by", "Date of the text", "Title", "Document number",
                 "Publication", "Entry into force", "Validity status", "Subject terms")}
UNPUBLISHED = {"zh": "未公布", "en": "not published"}
EFFECT = {"zh": {"valid": "有效", "invalid": "失效", "repealed": "已废止", "not_yet": "尚未施行"},
          "en": {"valid": "In force", "invalid": "No longer in force", "repealed": "Repealed",
                 "not_yet": "Not yet in force"}}
MONTHS = ("January February March April May June July August September October November December").split()
INFO = re.compile(r'<div class="generated document-info">(.*?)</div>', re.DOTALL)
ROW = re.compile(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", re.DOTALL)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("\u200b", "").strip()


def info_rows(page_html: str) -> dict[str, str]:
    """The document-info table of a built page: label -> value, as a reader sees them."""
    found = INFO.search(page_html)
    assert found, "no document-info table"
    return {_text(k): _text(v) for k, v in ROW.findall(found.group(1))}


def day(value: date | None, lang: str) -> str:
    if value is None:
        return UNPUBLISHED[lang]
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def expected_fields(document: dict, version: dict, lang: str, effect: str) -> dict[str, str]:
    """What the fields must say, from the registry's data as a maintainer wrote it."""
    meta = document.get("metadata", {})

    def get(data: dict, key: str) -> str:
        return data.get(f"{key}_{lang}") or ""

    keywords = meta.get(f"keywords_{lang}", [])
    number = version.get("number") or document.get("number") or ("原文未载" if lang == "zh" else "not given in the source")
    values = (version.get("index_number") or UNPUBLISHED[lang], get(meta, "subject") or UNPUBLISHED[lang],
              get(document, "issuer"), day(version.get("issued") or version.get("adopted"), lang),
              get(version, "title") or get(document, "title"), number, day(version.get("published"), lang), day(version["in_force"], lang),
              EFFECT[lang][effect], ("　" if lang == "zh" else "; ").join(keywords) or UNPUBLISHED[lang])
    return dict(zip(LABELS[lang], values))


def page_of(document_id: str, version_id: str | None, lang: str) -> str:
    path = f"versions/{document_id}/{version_id}.html" if version_id else f"{document_id}.html"
    return path if lang == "zh" else f"en/{path}"


def check_pages(site_root: Path, registry: dict, effects: dict[tuple[str, str], str]) -> int:
    """Every document's page and earlier versions' pages show the fields, in both languages, and
    its JSON export the same; `effects` gives the expected 有效性 per (document, version)."""
    checked = 0
    for doc_id, document in registry.items():
        versions = document["version"]
        for version in versions:
            latest = version is versions[-1]
            for lang in ("zh", "en"):
                page = (site_root / page_of(doc_id, None if latest else version["id"], lang)).read_text(encoding="utf-8")
                rows = info_rows(page)
                want = expected_fields(document, version, lang, effects[doc_id, version["id"]])
                assert {k: rows.get(k) for k in want} == want, (doc_id, version["id"], lang)
                checked += 1
            export = site_root / "data" / (f"{doc_id}.json" if latest else f"versions/{doc_id}/{version['id']}.json")
            fields = json.loads(export.read_text(encoding="utf-8"))["document"]["fields"]
            assert [(f["label_zh"], f["zh"]) for f in fields] == list(expected_fields(
                document, version, "zh", effects[doc_id, version["id"]]).items())
            assert [f["label_en"] for f in fields] == list(LABELS["en"])
    return checked


def registry_data(documents: Path) -> dict[str, dict]:
    """Each document's document.toml, as a maintainer wrote it (documents/ID/document.toml)."""
    return {path.parent.name: tomllib.loads(path.read_text(encoding="utf-8"))
            for path in sorted(documents.glob("*/document.toml"))}


def test_every_document_page_shows_the_fields(site):
    registry = registry_data(REPO / "calculators" / "src" / "xinzhou_policy" / "documents")
    assert set(registry) == set(DOCUMENTS)
    today = date.today()  # the session's build is dated the day it runs (no BUILD_DATE)
    effects = {(d.id, v.id): d.effect_on(v, today) for d in DOCUMENTS.values() for v in d.versions}
    # The two documents as they stand: the regulation in force, the policy's validity ended.
    assert effects["regulation", "2025-05-01"] == "valid" and effects["policy", "2022-12-22"] == "invalid"
    assert check_pages(site.root, registry, effects) == 2 * sum(len(d.versions) for d in DOCUMENTS.values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_empty_field_says_it_is_not_published(site, lang):
    rows = info_rows(site.page(page_of("policy", None, lang)))
    # The texts give no 索引号, 主题分类 or 主题词: registry data a maintainer fills in.
    assert [rows[LABELS[lang][i]] for i in (0, 1, 9)] == [UNPUBLISHED[lang]] * 3
