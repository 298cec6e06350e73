"""Keeps 404.html Chinese, with language links to the two home pages.

mkdocs-static-i18n builds English after Chinese into the same site directory, so the English
build's 404.html would replace the Chinese one at the site root; and both would offer, as language
links, the alternates of whichever page was rendered last. 404.html is served at any path, so its
links must be absolute (under site_url's sub-path): the i18n plugin's own home-page links are.
"""

from __future__ import annotations

from copy import deepcopy


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        config.extra["alternate"] = deepcopy(config.plugins["i18n"].extra_alternate)
    return context


def on_post_template(output_content, template_name, config):
    # An empty output is not written (mkdocs.commands.build._build_theme_template).
    if template_name == "404.html" and config.theme["language"] != "zh":
        return ""
    return output_content
