"""A copy of sitemap.xml in every folder that holds pages.

Material's language selector fetches `sitemap.xml` relative to each page's `<link rel=alternate>`
(it assumes every language lives at a site root). With pages in folders (`en/`, `calculators/`)
those fetches would 404 on every page view; the copies answer them.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def on_post_build(config):
    site = Path(config["site_dir"])
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    for folder in {page.parent for page in site.rglob("*.html")} - {site}:
        if not (folder / "sitemap.xml").exists() and "runtime" not in folder.parts:
            shutil.copy2(sitemap, folder / "sitemap.xml")
