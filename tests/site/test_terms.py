"""One rendering per term: the English pages use the glossary's and the department table's English.

The glossary (`xinzhou_policy.glossary.TERMS`) and the department table (`departments.toml`)
are the one place a term's English is fixed (CONVENTIONS.md, "Glossary"). This module reads the
Markdown sources, no build needed, and checks:

- section by section (the `{#id}` anchors are the same in both languages), that where the Chinese
  of a document page holds a glossary term, the English of the same section holds the term's `en`
  (or one of its `en_forms`), in any capitalisation, singular or plural;
- that no rendering a term's `not_en` rules out appears on any English page, in README.md, in a
  string of the rule package, or in the glossary's own English;
- that every clause's "(Responsible units: …)" lists, in both languages, exactly the names
  the registry gives its units, and that no rendering a department's `not_en` rules out appears
  anywhere.

The checks are plain functions that return the problems they find, so the last tests can plant a
wrong rendering and see each check catch it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import xinzhou_policy
from xinzhou_policy.glossary import TERMS, Term
from xinzhou_policy.registry import DEPARTMENTS, DOCUMENTS, Department

from .conftest import REPO

DOCS = REPO / "docs"
PACKAGE = Path(xinzhou_policy.__file__).parent
CLAUSES = {c.id: c for d in DOCUMENTS.values() for c in d.clauses.values()}
ENGLISH_PAGES = sorted([*DOCS.glob("*.en.md"), *(DOCS / "calculators").glob("*.en.md")])

# Words that hold a term's characters but are another word: 领军企业家 (leading entrepreneur, a
# person, policy-15) is not 领军企业 (leading enterprise).
NOT_THE_TERM = ("领军企业家",)

HEADING = re.compile(r"^#{1,6} .*\{#([\w-]+)[^}]*\}\s*$", re.MULTILINE)


# ------------------------------------------------------------------------------ reading
def sections(markdown: str) -> dict[str, str]:
    """Each `{#id}` heading's section (heading included), keyed by id; "" is the page's head."""
    parts, start, key = {}, 0, ""
    for match in HEADING.finditer(markdown):
        parts[key] = markdown[start:match.start()]
        start, key = match.start(), match[1]
    parts[key] = markdown[start:]
    return parts


def page(name: str, lang: str) -> str:
    suffix = ".md" if lang == "zh" else ".en.md"
    return (DOCS / f"{name}{suffix}").read_text(encoding="utf-8")


def package_strings() -> list[tuple[str, str]]:
    """(module, text) for every string literal of the rule package, f-strings' parts included.

    glossary.py is left out: its `not_en` lists hold the very renderings to avoid; its English is
    checked term by term in test_the_glossary_does_not_use_an_avoided_rendering. So are the
    departments' own `not_en` strings (departments.toml).
    """
    avoided = {name for d in DEPARTMENTS.values() for name in d.not_en}
    found = []
    for module in sorted(PACKAGE.rglob("*.py")):
        if module.name == "glossary.py":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value not in avoided:
                found.append((str(module.relative_to(PACKAGE)), node.value))
    return found


# ------------------------------------------------------------------------------ matching
def _word(word: str) -> str:
    """A word, singular or plural (-s, -es, -y/-ies): "body" also matches "bodies"."""
    if re.fullmatch(r"\w*[b-df-hj-np-tv-z]y", word, re.ASCII):
        return re.escape(word[:-1]) + "(?:y|ies)"
    if re.fullmatch(r"\w*[a-z]", word, re.ASCII):
        return re.escape(word) + "(?:s|es)?"
    return re.escape(word)


def _phrase(text: str) -> str:
    """A regex for an English phrase: any case, spaces and hyphens alike, each word singular or
    plural ("bodies conducting the training" is the plural of "body conducting the training")."""
    words = re.split(r"[\s-]+", text.strip())
    return r"(?<![\w-])" + r"[\s-]+".join(_word(w) for w in words) + r"(?![\w-])"


def english_pattern(term: Term) -> re.Pattern:
    return re.compile("|".join(_phrase(t) for t in (term.en, *term.en_forms)), re.IGNORECASE)


def avoided_pattern(renderings: tuple[str, ...]) -> re.Pattern | None:
    return re.compile("|".join(_phrase(t) for t in renderings), re.IGNORECASE) if renderings else None


def terms_in_chinese(text: str) -> list[Term]:
    """The glossary terms a Chinese text holds, longest first; a term inside a longer term (领军企业
    in 规模化领军企业) or inside a word of NOT_THE_TERM does not count on its own."""
    for word in NOT_THE_TERM:
        text = text.replace(word, "□")
    found = []
    for term in sorted(TERMS, key=lambda t: len(t.zh), reverse=True):
        if term.zh in text:
            found.append(term)
            text = text.replace(term.zh, "□")
    return found


# ------------------------------------------------------------------------------ the checks
def missing_renderings(zh: dict[str, str], en: dict[str, str]) -> list[str]:
    """Sections whose Chinese holds a term whose English rendering the English section lacks.

    The page head (before the first anchor) is left out: there each language has a box of its own
    (the Chinese states the repairs of the source, the English that it is a translation).
    """
    problems = []
    for section_id, chinese in zh.items():
        if not section_id:
            continue
        english = en.get(section_id, "")
        for term in terms_in_chinese(chinese):
            if not english_pattern(term).search(english):
                problems.append(f"{section_id}: {term.zh} is in the Chinese, "
                                f"but {term.en!r} is not in the English")
    return problems


def avoided_renderings(texts: list[tuple[str, str]]) -> list[str]:
    """(where, text) pairs holding a rendering a term's or a department's `not_en` rules out."""
    rules: list[tuple[str, re.Pattern]] = []
    for term in TERMS:
        if (pattern := avoided_pattern(term.not_en)) is not None:
            rules.append((f"{term.zh} is {term.en!r}", pattern))
    for dept in DEPARTMENTS.values():
        if (pattern := avoided_pattern(dept.not_en)) is not None:
            rules.append((f"{dept.zh} is {dept.en!r}", pattern))
    problems = []
    for where, text in texts:
        for rule, pattern in rules:
            for match in pattern.finditer(text):
                problems.append(f"{where}: {match[0]!r} ({rule})")
    return problems


UNITS_ZH = re.compile(r"（责任单位：((?:[^（）]|（[^（）]*）)*)）")
UNITS_EN = re.compile(r"\(Responsible units: ([^)]*)\)")


def expected_units(clause_id: str, lang: str) -> str:
    clause = CLAUSES[clause_id]
    depts: list[Department] = [DEPARTMENTS[k] for k in clause.departments]
    towns = [d for d in depts if d.key == "counties"]
    others = [d for d in depts if d.key != "counties"]
    if lang == "zh":
        text = "、".join(d.zh for d in others) + ("等" if clause.departments_open else "")
        return text + "".join("，" + d.zh for d in towns)
    text = ", ".join(d.en for d in others) + (" and others" if clause.departments_open else "")
    return text + "".join("; " + d.en for d in towns)


def wrong_units(sections_of_page: dict[str, str], lang: str, document: str = "policy") -> list[str]:
    """The document's clauses whose typed list of responsible units differs from the registry."""
    pattern = UNITS_ZH if lang == "zh" else UNITS_EN
    problems = []
    for clause_id in DOCUMENTS[document].clauses:
        found = pattern.findall(sections_of_page.get(clause_id, ""))
        expected = [expected_units(clause_id, lang)] if CLAUSES[clause_id].departments else []
        if found != expected:
            problems.append(f"{clause_id} ({lang}): {found} instead of {expected!r}")
    return problems


def english_texts() -> list[tuple[str, str]]:
    texts = [(str(p.relative_to(REPO)), p.read_text(encoding="utf-8")) for p in ENGLISH_PAGES]
    texts.append(("README.md", (REPO / "README.md").read_text(encoding="utf-8")))
    texts += [(f"xinzhou_policy/{module}", text) for module, text in package_strings()]
    return texts


# ------------------------------------------------------------------------------ the tests
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_both_languages_have_the_same_sections(name):
    assert list(sections(page(name, "zh"))) == list(sections(page(name, "en")))


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_english_sections_use_the_glossary_rendering(name):
    assert missing_renderings(sections(page(name, "zh")), sections(page(name, "en"))) == []


def test_no_avoided_rendering_on_english_pages_readme_or_in_the_package():
    assert len(ENGLISH_PAGES) >= 10 and len(package_strings()) > 100
    assert avoided_renderings(english_texts()) == []


def test_the_glossary_does_not_use_an_avoided_rendering():
    own = [(f"glossary {t.zh}", f"{t.en}\n{t.definition_en}\n" + "\n".join(t.en_forms)) for t in TERMS]
    assert avoided_renderings(own) == []


def test_every_term_is_one_entry_with_a_distinct_rendering():
    assert len({t.zh for t in TERMS}) == len(TERMS)
    assert len({t.en.lower() for t in TERMS}) == len(TERMS)
    for term in TERMS:
        assert not english_pattern(term).search("\n".join(term.not_en)), term.zh


# Each document whose clauses name responsible units, on its own page.
WITH_UNITS = [d.id for d in DOCUMENTS.values() if any(c.departments for c in d.clauses.values())]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", WITH_UNITS)
def test_responsible_units_are_named_as_in_the_department_table(name, lang):
    assert wrong_units(sections(page(name, lang)), lang, name) == []


def test_department_names_are_distinct_and_avoided_names_are_not_used():
    assert len({d.en for d in DEPARTMENTS.values()}) == len(DEPARTMENTS)
    assert [d.key for d in DEPARTMENTS.values() if d.not_en and any(n in d.en for n in d.not_en)] == []


# ------------------------------------------------------------------------------ the checks can fail
def test_a_planted_wrong_rendering_is_caught():
    zh, en = sections(page("policy", "zh")), sections(page("policy", "en"))
    assert "主导产业" in zh["policy-6"] and "principal industries" in en["policy-6"]
    planted = {**en, "policy-6": en["policy-6"].replace("principal industr", "leading industr")}
    missing = missing_renderings(zh, planted)
    assert missing == ["policy-6: 主导产业 is in the Chinese, but 'principal industry' is not in the English"]
    avoided = avoided_renderings([("policy.en.md", planted["policy-6"])])
    assert avoided and all("'leading industr" in p and "主导产业" in p for p in avoided)


def test_a_dropped_rendering_and_a_plural_are_told_apart():
    zh = {"x": "补贴给予培训主体。龙头企业。"}
    assert missing_renderings(zh, {"x": "paid to the Bodies Conducting the Training; flagship enterprises"}) == []
    assert missing_renderings(zh, {"x": "paid to the trainer; flagship enterprises"}) == [
        "x: 培训主体 is in the Chinese, but 'body conducting the training' is not in the English"]
    # A term inside a longer term or word does not count on its own.
    assert [t.zh for t in terms_in_chinese("规模化领军企业和一流领军企业家")] == ["规模化领军企业"]


def test_a_planted_department_name_is_caught():
    en = sections(page("policy", "en"))
    approval = DEPARTMENTS["approval"]
    assert approval.en in en["policy-20"]
    wrong = approval.en.replace("Approval Bureau", "Approval Service Bureau")
    planted = {**en, "policy-20": en["policy-20"].replace(approval.en, wrong)}
    assert wrong_units(planted, "en") and wrong_units(planted, "en")[0].startswith("policy-20 (en)")
    assert avoided_renderings([("policy.en.md", planted["policy-20"])])
    assert avoided_renderings([("xinzhou_policy/x.py", "Municipal Administrative Approval Service Bureau")])
