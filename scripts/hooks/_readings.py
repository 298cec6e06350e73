"""The readings register on the pages: the `[[reading:ID]]` markers of the notes, the links of the
status texts, and the check that makes the readings page's claim (本页逐一列出) true by
construction. Shared by the hooks and the tests (not a hook itself); CONVENTIONS.md, "Readings".

The check (`problems`) finds:
- a marker, on any page, naming an id the register (the documents' readings.toml) lacks;
- an id a rule cites (`readings=` in the documents' rules/) that the register lacks;
- a registered reading not named in the note of each section it reads (its `clauses`), on its
  document's default page, in both languages; or named in the note of another section;
- a section whose two languages name different readings, and a marker outside a note;
- a note's sentence that makes an interpretation (CUES below) without naming its reading;
- a reading whose `versions` name a version whose text (its page) no longer holds its words: a
  new version inherits every reading, and one whose words it changed is reviewed (the version
  dropped from it, or a new reading of the new words registered).
The naming in the notes is checked on the default pages, for the readings of the latest version.
The build stops on any of them (readings_page.py, on_pre_build).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from xinzhou_policy.readings import Reading, topic_reading
from xinzhou_policy.registry import DOCUMENTS, Document

from _documents import page_language, sections, text_page

MARKER = re.compile(r"\[\[reading:([^\]]*)\]\]")
# Words with which a note states how it reads the text. A note paragraph (or list item) holding
# one must name the reading it states; a note that only reports the text, or leaves a question
# open without choosing, holds none of them.
CUES = {
    "zh": ("本站把", "本站以", "本站理解", "读作", "读法", "理解为", "含本数", "不含本数", "按上限",
           "按企业计算", "按人计算"),
    "en": ("this guide reads", "this guide takes", "is read as", "read as", "reads as",
           "includes the number", "excludes the number", "at the bound"),
}
_SKIPPED_FOLDERS = ("maintainers/", "data/")  # not pages (mkdocs.yml, exclude_docs)


def marker_ids(text: str) -> list[str]:
    """The ids the markers of a text name, in order: `[[reading:a]]`, `[[reading:a, b]]`."""
    return [i.strip() for m in MARKER.finditer(text) for i in m[1].split(",") if i.strip()]


def _up(here: str) -> str:
    return "../" * here.count("/")


def _unknown(reading_id: str, register: dict[str, Reading], where: str) -> str:
    return (f"{where}: [[reading:{reading_id}]] names no reading of the register (the documents' "
            f"readings.toml; known: {', '.join(register)})")


def render_markers(markdown: str, lang: str, here: str, register: dict[str, Reading]) -> str:
    """Each marker as a link to its entry on the readings page, in the page's language:
    （解读：[title](readings.md#id)） / (reading: [title](readings.md#id))."""
    def links(match: re.Match) -> str:
        found = []
        for reading_id in marker_ids(match[0]):
            if reading_id not in register:
                raise PluginError(_unknown(reading_id, register, here))
            title = getattr(register[reading_id], f"title_{lang}")
            found.append(f"[{title}]({_up(here)}readings.md#{reading_id})")
        if lang == "zh":
            return "（解读：" + "；".join(found) + "）"
        return " (reading: " + "; ".join(found) + ")"

    return MARKER.sub(links, markdown)


def plain_markers(text: str, lang: str, register: dict[str, Reading]) -> str:
    """The markers as text, for the JSON export (which lists the ids beside the text)."""
    def titles(match: re.Match) -> str:
        names = [getattr(register[i], f"title_{lang}") for i in marker_ids(match[0]) if i in register]
        return ("（解读：" + "；".join(names) + "）") if lang == "zh" else (" (reading: " + "; ".join(names) + ")")

    return MARKER.sub(titles, text)


def topic_link(document: Document, topic: str, text: str, up: str, version: str | None = None) -> str:
    """`text` (a date, a phrase of a status text) linked to the document's reading of `topic`
    (of the words of `version`, where given), where it registers one: the status texts name the
    readings they state. `up` climbs from the page to the docs root ("../" per folder)."""
    reading = topic_reading(document, topic, version)
    return f"[{text}]({up}readings.md#{reading.id})" if reading else text


# ------------------------------------------------------------------------------ the rules
def rule_citations(rules_dir: Path) -> list[tuple[str, str]]:
    """(id, file:line) for every reading id a document's rules cite: the strings of a
    `readings=` argument or of a `readings = …` assignment, and `readings()["ID"]`."""
    found = []
    for module in sorted(rules_dir.rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        where = f"{module.parent.parent.name}/rules/{module.relative_to(rules_dir)}"
        values = []
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "readings":
                values.append(node.value)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == "readings" for t in targets) and node.value:
                    values.append(node.value)
            elif (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Call)
                  and isinstance(node.value.func, ast.Name) and node.value.func.id == "readings"):
                values.append(node.slice)
        for value in values:
            found += [(n.value, f"{where}:{n.lineno}") for n in ast.walk(value)
                      if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return found


# ------------------------------------------------------------------------------ the pages
def _note_markers(markdown: str) -> tuple[dict[str, list[str]], list[str]]:
    """({section id: the ids its note names}, markers outside a note) of a page."""
    lines, cited, outside = markdown.split("\n"), {}, []
    noted: set[int] = set()
    for section in sections(lines):
        note = section.note(lines)
        if note:
            noted.update(range(*note))
            cited[section.id] = marker_ids("\n".join(lines[note[0]:note[1]]))
    outside = [f"line {n + 1}" for n, line in enumerate(lines) if MARKER.search(line) and n not in noted]
    return cited, outside


def _note_items(markdown: str) -> list[tuple[str, str]]:
    """(section id, paragraph or list item) of every note of a page, its label left out."""
    lines, items = markdown.split("\n"), []
    for section in sections(lines):
        note = section.note(lines)
        if not note:
            continue
        body = "\n".join(line[4:] for line in lines[note[0] + 1:note[1]])
        for chunk in re.split(r"\n\s*\n|\n(?=- )", body):
            chunk = re.sub(r"^\*\*[^*]+\*\*[:：]", "", chunk.strip().removeprefix("- ")).strip()
            if chunk:
                items.append((section.id, chunk))
    return items


def _page_problems(document: Document, docs: Path, register: dict[str, Reading]) -> list[str]:
    """A document's default pages against its readings."""
    problems, cited = [], {}
    for lang, name in (("zh", f"{document.id}.md"), ("en", f"{document.id}.en.md")):
        path = docs / name
        if not path.exists():
            continue
        markdown = path.read_text(encoding="utf-8")
        cited[lang], outside = _note_markers(markdown)
        problems += [f"{name}, {where}: a [[reading:…]] marker outside a note" for where in outside]
        for section_id, item in _note_items(markdown):
            cue = next((c for c in CUES[lang] if c in item.lower()), None)
            if cue and not MARKER.search(item):
                problems.append(f"{name}, {section_id}: a note reads the text (“{cue}”) without "
                                f"naming its reading with [[reading:ID]]: {item[:80]}…")
    if set(cited) == {"zh", "en"}:
        for section_id in sorted(set(cited["zh"]) | set(cited["en"])):
            zh, en = sorted(set(cited["zh"].get(section_id, []))), sorted(set(cited["en"].get(section_id, [])))
            if zh != en:
                problems.append(f"{document.id}, {section_id}: the Chinese note names {zh}, the English {en}")
    for lang, by_section in cited.items():
        for reading in (r for r in register.values() if r.document == document.id and r.applies(document.latest.id)):
            where = sorted(s for s, ids in by_section.items() if reading.id in ids)
            if where != sorted(reading.clauses):
                problems.append(
                    f"{document.id} ({lang}): reading {reading.id} reads {sorted(reading.clauses)} "
                    f"(its `clauses`), but the notes naming it are those of {where}: name it in the "
                    "note of each section it reads, and only there")
    return problems


def _spaceless(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _words_problems(document: Document, docs: Path, register: dict[str, Reading]) -> list[str]:
    """Each reading against the text of every version it names."""
    found = []
    for reading in (r for r in register.values() if r.document == document.id):
        for version in (v for v in document.versions if reading.applies(v.id)):
            page = docs / text_page(document, version)
            # The text itself: the notes and boxes (indented blocks) quote it, and do not count.
            text = _spaceless("".join(line for line in page.read_text(encoding="utf-8").splitlines()
                                      if not line[:1].isspace())) if page.exists() else ""
            # The words as quoted: fragments of the text, "……" between them.
            if page.exists() and any(_spaceless(part) not in text for part in reading.words_zh.split("……") if part):
                found.append(
                    f"{document.id}: reading {reading.id} names version {version.id}, whose text "
                    f"({page.relative_to(docs).as_posix()}) does not hold its words “{reading.words_zh}”: "
                    f"review it (remove {version.id} from its `versions`, or register a reading of the new words)")
    return found


def problems(docs: Path, package: Path, register: dict[str, Reading],
             documents: dict[str, Document] = DOCUMENTS) -> list[str]:
    """Everything that makes the register and the texts that cite it disagree (module doc)."""
    found = []
    for page in sorted(docs.rglob("*.md")):
        relative = page.relative_to(docs).as_posix()
        if relative.startswith(_SKIPPED_FOLDERS):
            continue
        text = page.read_text(encoding="utf-8")
        found += [_unknown(i, register, relative) for i in marker_ids(text) if i not in register]
    for document in documents.values():
        rules = package / "documents" / document.id / "rules"
        if rules.is_dir():
            found += [f"{where}: cites reading {i!r}, which the register lacks"
                      for i, where in rule_citations(rules) if i not in register]
        found += _page_problems(document, docs, register)
        found += _words_problems(document, docs, register)
    return found


__all__ = ["page_language", "marker_ids", "render_markers", "plain_markers", "topic_link",
           "rule_citations", "problems"]
