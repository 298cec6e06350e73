"""Renders `[[param:KEY]]` placeholders with the rule package's value, in the page's language.

Annotations never type an amount, rate, threshold or date of the policy (CONVENTIONS.md, "Numbers
in annotations"); an unknown key stops the build.
"""

from __future__ import annotations

from _documents import page_language
from _values import render_placeholders


def on_page_markdown(markdown, page, config, files):
    return render_placeholders(markdown, page_language(page.file.src_uri))
