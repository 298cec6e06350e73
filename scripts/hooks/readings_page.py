"""The readings register on the site (xinzhou_policy.readings; CONVENTIONS.md, "Readings"):

- `<!-- readings -->` becomes every registered reading, from the documents' readings.toml: for
  each, the clauses and their words, the reading chosen, the other reasonable reading, and what
  that other reading would change in the amount; each is a section whose anchor is its id, which
  the calculators' result lines and the notes link to;
- `[[reading:ID]]` in a note, on any page, becomes a link to that entry;
- before the build, the register is checked against the notes, the rules and itself
  (_readings.problems): an id named anywhere and not registered, or a reading its clauses' notes
  do not name, stops the build. So the readings page lists every reading by construction.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from xinzhou_policy.readings import readings
from xinzhou_policy.registry import DOCUMENTS

from pathlib import Path

import xinzhou_policy

from _documents import page_language, text_page
from _readings import problems, render_markers
from _values import format_date, format_key, PLACEHOLDER

MARKER = "<!-- readings -->"

_ROWS = {
    "zh": (("clause", "条款"), ("versions", "适用的版本"), ("words", "原文"), ("reading", "本站的理解"), ("other", "另一种理解"),
           ("effect", "另一种理解的影响")),
    "en": (("clause", "Clauses"), ("versions", "Versions it reads"), ("words", "The words"), ("reading", "This site's reading"),
           ("other", "The other reasonable reading"), ("effect", "What the other reading would change")),
}


def _has_values(document, version, texts: list[str], lang: str) -> bool:
    try:
        for text in texts:
            PLACEHOLDER.sub(lambda m: format_key(m[1], lang, document, version), text)
    except PluginError:
        return False
    return True


def _version_for(document, reading, texts: list[str], lang: str):
    """The latest of the reading's versions that has every value it names. A reading about a
    period given in years ([[param:validity_years]], its last day) belongs to the versions that
    give one; a later version that names its last day instead leaves it to the earlier ones."""
    for version in reversed([v for v in document.versions if reading.applies(v.id)]):
        if _has_values(document, version, texts, lang):
            return version
    for text in texts:  # no version has them all: the latest one's error names what is missing
        PLACEHOLDER.sub(lambda m: format_key(m[1], lang, document, document.latest), text)


def _version_link(document, version, lang: str, up: str) -> str:
    """A version as the readings page names it: its first day and its 文号, linked to its text."""
    day, number = format_date(version.in_force, lang), version.number or document.number
    label = (f"{day}起施行的文本" + (f"（{number}）" if number else "") if lang == "zh" else
             f"the text in force from {day}" + (f" ({number})" if number else ""))
    return f"[{label}]({up}{text_page(document, version)})"


def readings_page(lang: str, here: str) -> str:
    up = "../" * here.count("/")
    parts = []
    for document in DOCUMENTS.values():
        found = [r for r in readings().values() if r.document == document.id]
        if not found:
            continue
        parts.append(f"## {getattr(document, f'title_{lang}')} {{#readings-{document.id}}}\n")
        for r in found:
            texts = [getattr(r, f"{part}_{lang}") for part in ("reading", "other", "effect")]
            version = _version_for(document, r, texts, lang)
            # Each version it reads that has the values it names, so a date shown is that text's.
            shown = [v for v in document.versions if r.applies(v.id) and _has_values(document, v, texts, lang)] or [version]

            def values(text: str) -> str:
                """The text with each version's values; one text where they agree."""
                each = {v: PLACEHOLDER.sub(lambda m: format_key(m[1], lang, document, v), text) for v in shown}
                if len(set(each.values())) == 1:
                    return each[version] if version in each else next(iter(each.values()))
                return "<br>".join(f"{_version_link(document, v, lang, up)}{'：' if lang == 'zh' else ': '}{rendered}"
                                   for v, rendered in each.items())

            clause = ("、" if lang == "zh" else "; ").join(
                f"[{document.label(c, lang)}]({up}{text_page(document, version)}#{c})" for c in r.clauses)
            cells = {
                "clause": clause,
                "versions": ("、" if lang == "zh" else "; ").join(
                    _version_link(document, v, lang, up) for v in document.versions if r.applies(v.id)),
                "words": f"“{r.words_zh}”" if lang == "zh" else f"<span lang=\"zh\">{r.words_zh}</span>",
                "reading": values(getattr(r, f"reading_{lang}")),
                "other": values(getattr(r, f"other_{lang}")),
                "effect": values(getattr(r, f"effect_{lang}")),
            }
            rows = "\n".join(f"| {label} | {cells[key]} |" for key, label in _ROWS[lang])
            head = "| 项目 | 内容 |" if lang == "zh" else "| Aspect | Details |"
            parts.append(f"### {getattr(r, f'title_{lang}')} {{#{r.id}}}\n\n{head}\n|---|---|\n{rows}\n")
    return '<div class="generated readings" markdown>\n\n' + "\n".join(parts) + "\n</div>"


def on_pre_build(config):
    found = problems(Path(config.docs_dir), Path(xinzhou_policy.__file__).parent, readings())
    if found:
        raise PluginError("the readings register and the texts that cite it disagree:\n- "
                          + "\n- ".join(found))


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    lang = page_language(src)
    here = src if lang == "zh" else src.replace(f".{lang}.md", ".md")
    markdown = render_markers(markdown, lang, here, readings())
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, readings_page(lang, here))
