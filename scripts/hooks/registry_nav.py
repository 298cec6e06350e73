"""The documents in the site's navigation, from the registry: the `registry` entry of mkdocs.yml's
nav becomes one entry per document, in the registry's order, named by its short title (条例,
政策), with the English short title for the English pages. A new document needs no edit here or in
mkdocs.yml. Earlier versions and "what changed" pages are outside the navigation (mkdocs.yml,
not_in_nav): each document's page lists them.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from xinzhou_policy.registry import DOCUMENTS

PLACEHOLDER = "registry"


def on_config(config):
    nav = config.nav or []
    entries = [{d.short_zh: f"{d.id}.md"} for d in DOCUMENTS.values()]
    if PLACEHOLDER in nav:
        at = nav.index(PLACEHOLDER)
        config.nav = nav[:at] + entries + nav[at + 1:]
    elif not all(entry in nav for entry in entries):  # a language's second build: already in
        raise PluginError(f"mkdocs.yml: the nav needs a `- {PLACEHOLDER}` entry for the documents")
    for language in config.plugins["i18n"].config.languages:
        if not language.default:
            language.nav_translations = {**(language.nav_translations or {}),
                                         **{d.short_zh: d.short_en for d in DOCUMENTS.values()}}
    return config
