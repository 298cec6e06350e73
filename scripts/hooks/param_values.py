"""Renders `[[param:KEY]]` placeholders with the documents' values, in the page's language.

Annotations never type an amount, rate, threshold or date of a document (CONVENTIONS.md, "Numbers
in annotations"); an unknown key stops the build. A page of an earlier version shows that
version's values.
"""

from __future__ import annotations

from _documents import page_language
from _values import render_placeholders


def on_page_markdown(markdown, page, config, files):
    return render_placeholders(markdown, page_language(page.file.src_uri), page.file.src_uri)
