"""The footer's identity fields, from mkdocs.yml `extra.publisher` (filled in at deployment).

What a Chinese government website shows at the foot of every page (《政府网站发展指引》):
主办单位, 承办单位, 联系方式, 网站标识码, the ICP filing number linked to MIIT's filing system, the
公安机关备案号 linked to its record, the 党政机关网站标识 (an image served from this site, linked to
its registration record) and the 我为政府网站找错 entry. This hook turns the configuration into
rows for overrides/partials/copyright.html, so the template holds no rule:

- a field left empty shows its placeholder, marked `data-unfilled` so that
  scripts/check_site.py reports it and a deployment cannot go out with one;
- a field set to `-` is left out on purpose (an intranet site has no ICP filing);
- `links: false` (intranets) shows every record as text: a link is not a dependency (nothing is
  loaded from the other host), but on an intranet it leads nowhere.

The badge image is a file on the build machine; it is copied into the site, never loaded from
the issuer's host.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BADGE_DIR = "assets/identity"
OMITTED = "-"
# The filing rules: the number below the page, linked to the MIIT filing management system
# (《非经营性互联网信息服务备案管理办法》); the 公安 number linked to its record on the national
# filing system, found by the number's digits.
MIIT_FILING = "https://beian.miit.gov.cn/"
PSB_RECORD = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"

# key: (Chinese label, English label); the footer's order.
FIELDS = {
    "name": ("主办单位", "Publisher"),
    "organizer": ("承办单位", "Operated by"),
    "contact": ("联系方式", "Contact"),
    "site_code": ("网站标识码", "Website identifier"),
    "icp": ("ICP备案号", "ICP filing"),
    "psb": ("公安机关备案号", "Public security filing"),
    "badge": ("党政机关网站标识", "Party and government website badge"),
    "error_report": ("我为政府网站找错", "Report an error on this government website"),
}
BILINGUAL = {"name", "organizer"}


def _setting(key: str, en: bool) -> str:
    """The key of extra.publisher that holds the field's value."""
    if key in BILINGUAL:
        return f"{key}_{'en' if en else 'zh'}"
    return {"badge": "badge_url", "error_report": "error_report_url"}.get(key, key)


def _href(publisher: dict, key: str, value: str) -> str | None:
    if key == "icp":
        return MIIT_FILING
    if key == "psb":
        given = str(publisher.get("psb_url") or "").strip()
        digits = "".join(re.findall(r"\d", value))
        return given or (PSB_RECORD.format(code=digits) if digits else None)
    if key in {"badge", "error_report"}:
        return value
    return None


def rows(publisher: dict, en: bool) -> list[dict]:
    """The footer's rows in one language: label, text, link, and whether still unfilled."""
    links = publisher.get("links", True) not in (False, "false", "no", "0")
    badge_image = str(publisher.get("badge_image") or "").strip()
    out = []
    for key, labels in FIELDS.items():
        setting = _setting(key, en)
        value = str(publisher.get(setting) or "").strip()
        if value == OMITTED:
            continue
        row = {"key": key, "label": labels[1 if en else 0], "unfilled": not value,
               "setting": f"extra.publisher.{setting}", "text": value, "href": None, "image": None}
        if key == "badge":
            row["unfilled"] = not value or not badge_image
            row["setting"] = "extra.publisher.badge_url, extra.publisher.badge_image"
            row["image"] = f"{BADGE_DIR}/{_badge_name(badge_image)}" if badge_image else None
            row["text"] = labels[1 if en else 0]
        elif key == "error_report":
            row["text"] = labels[1 if en else 0]
        if row["unfilled"]:
            row["text"] = (f"(to be filled in at deployment: {labels[1]})" if en
                           else f"（部署时填写：{labels[0]}）")
            row["image"] = None
        elif links:
            row["href"] = _href(publisher, key, value)
        out.append(row)
    return out


def _badge_name(image: str) -> str:
    return "badge" + Path(image).suffix.lower()


def on_config(config):
    publisher = config.extra.get("publisher") or {}
    config.extra["identity"] = {"zh": rows(publisher, en=False), "en": rows(publisher, en=True)}
    return config


def on_post_build(config):
    image = str((config.extra.get("publisher") or {}).get("badge_image") or "").strip()
    if not image or image == OMITTED:
        return
    source = Path(image) if Path(image).is_absolute() else ROOT / image
    if not source.is_file():
        raise FileNotFoundError(f"extra.publisher.badge_image (SITE_BADGE_IMAGE): no file {source}")
    target = Path(config.site_dir) / BADGE_DIR / _badge_name(image)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
