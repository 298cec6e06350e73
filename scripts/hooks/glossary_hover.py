"""Hover definitions for the glossary's terms on the document pages, in both languages.

Python-Markdown's `abbr` matches with `\\b`, which never matches inside Chinese text, so this hook
wraps terms itself, in the rendered HTML: the first occurrence of each term in each section
(h2/h3), never inside a heading, an admonition's title, a link, code, an existing <abbr> or a
tag's attributes. Chinese pages match the Chinese term, English pages the glossary's `en`
rendering (CONVENTIONS.md).
"""

from __future__ import annotations

import re
from html import escape

from xinzhou_policy.glossary import TERMS

from _documents import page_document, page_language

_TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.DOTALL)
_SKIP = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr", "script", "style", "summary"}
_SECTION = {"h2", "h3"}


def _matcher(lang: str) -> tuple[re.Pattern, dict[str, str]]:
    """A regex for every term (longest first, so 规模化领军企业 wins over 领军企业) and its titles."""
    if lang == "zh":
        titles = {zh: t.definition_zh for t in TERMS for zh in (t.zh, *t.zh_forms)}
        template, flags = "{}", 0
    else:
        titles = {t.en.lower(): f"{t.definition_en} ({t.zh})" for t in TERMS}
        # English terms are whole words, optionally plural ("specialized towns").
        template, flags = r"(?<!\w)(?:{})s?(?!\w)", re.IGNORECASE
    alternatives = "|".join(re.escape(term) for term in sorted(titles, key=len, reverse=True))
    return re.compile(template.format(alternatives), flags), titles


_MATCHERS = {lang: _matcher(lang) for lang in ("zh", "en")}


def add_definitions(html: str, lang: str) -> str:
    pattern, titles = _MATCHERS[lang]
    skipping: list[str] = []
    seen: set[str] = set()

    def wrap(match: re.Match) -> str:
        key = match[0] if lang == "zh" else match[0].lower()
        key = key if key in titles else key[:-1]  # the plural "s"
        if key in seen:
            return match[0]
        seen.add(key)
        return f'<abbr title="{escape(titles[key])}">{match[0]}</abbr>'

    out = []
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = re.match(r"</?([a-zA-Z0-9]+)", part)
            name = name[1].lower() if name else ""
            if part.startswith("</"):
                if skipping and skipping[-1] == name:
                    skipping.pop()
            elif (name in _SKIP or "admonition-title" in part) and not part.endswith("/>"):
                skipping.append(name)
                if name in _SECTION:
                    seen.clear()
            out.append(part)
        else:
            out.append(part if skipping else pattern.sub(wrap, part))
    return "".join(out)


def on_page_content(html, page, config, files):
    if not page_document(page.file.src_uri):
        return html
    return add_definitions(html, page_language(page.file.src_uri))
