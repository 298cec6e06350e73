"""One rendering per term: the English pages use the glossary's and the department table's English.

The glossary (`xinzhou_policy.glossary.TERMS`) and the department table (`departments.toml`)
are the one place a term's English is fixed (CONVENTIONS.md, "Glossary"). This module reads the
Markdown sources, no build needed, and checks:

- section by section (the `{#id}` anchors are the same in both languages), that where the Chinese
  of a document page holds a glossary term, the English of the same section holds the term's `en`
  (or one of its `en_forms`), in any capitalisation, singular or plural;
- that no rendering a term's `not_en` rules out appears on any English page, in README.md, in a
  string of the rule package, in its data (the documents' .toml files: readings, guidance,
  parameters, titles; the departments' English names), or in the glossary's own English;
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
    """The glossary terms a Chinese text holds (in any of their forms), longest first; a term
    inside a longer term (领军企业 in 规模化领军企业) or inside a word of NOT_THE_TERM does not count
    on its own."""
    for word in NOT_THE_TERM:
        text = text.replace(word, "□")
    forms = sorted(((zh, t) for t in TERMS for zh in (t.zh, *t.zh_forms)), key=lambda f: len(f[0]), reverse=True)
    found = []
    for zh, term in forms:
        if zh in text:
            if term not in found:
                found.append(term)
            text = text.replace(zh, "□")
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


def package_data() -> list[tuple[str, str]]:
    """(file, text) of the package's data: every document's .toml files (readings, guidance,
    parameters, the registry entry), and the departments' English names (not their not_en)."""
    found = [(str(p.relative_to(PACKAGE)), p.read_text(encoding="utf-8"))
             for p in sorted((PACKAGE / "documents").rglob("*.toml"))]
    found.append(("departments.toml", "\n".join(d.en for d in DEPARTMENTS.values())))
    return found


def english_texts() -> list[tuple[str, str]]:
    texts = [(str(p.relative_to(REPO)), p.read_text(encoding="utf-8")) for p in ENGLISH_PAGES]
    texts.append(("README.md", (REPO / "README.md").read_text(encoding="utf-8")))
    texts += [(f"xinzhou_policy/{module}", text) for module, text in package_strings()]
    texts += [(f"xinzhou_policy/{name}", text) for name, text in package_data()]
    return texts


# ------------------------------------------------------------------------------ the tests
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_both_languages_have_the_same_sections(name):
    assert list(sections(page(name, "zh"))) == list(sections(page(name, "en")))


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_english_sections_use_the_glossary_rendering(name):
    assert missing_renderings(sections(page(name, "zh")), sections(page(name, "en"))) == []


def test_no_avoided_rendering_on_english_pages_readme_or_in_the_package():
    assert len(ENGLISH_PAGES) >= 10 and len(package_strings()) > 100 and len(package_data()) >= 6
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
    wrong = f"Municipal {approval.not_en[0]}" if not approval.not_en[0].startswith("Municipal") else approval.not_en[0]
    planted = {**en, "policy-20": en["policy-20"].replace(approval.en, wrong)}
    assert wrong_units(planted, "en") and wrong_units(planted, "en")[0].startswith("policy-20 (en)")
    assert avoided_renderings([("policy.en.md", planted["policy-20"])])
    assert avoided_renderings([("xinzhou_policy/x.py", "Municipal Administrative Approval Service Bureau")])


# ------------------------------------------------------------------------------ the renderings of issue 23
# Each finding of the second legal review: the rendering the glossary (or the department table)
# fixes, where it must appear, and the rendering it replaced, which must not come back.
RENDERINGS = [
    # (Chinese, section, the English it must use there, the English it replaced)
    ("争取", "policy-6", "on the basis of seeking a provincial funding award", "award secured"),
    ("争取", "policy-9", "on the basis of seeking a provincial funding subsidy", "subsidy secured"),
    ("按规定", "policy-3", "in accordance with the relevant provisions", "according to the regulations"),
    ("按照规定", "policy-8", "in accordance with the relevant provisions", "according to the regulations"),
    ("按照规定", "regulation-19", "in accordance with the relevant provisions", "according to the regulations"),
    ("市场主导能力", "policy-3", "market leadership", "principal role in the market"),
    ("社会团体", "policy-7", "social groups", "social organizations, backbone"),
    ("社会组织", "policy-9", "social organizations", "social groups of"),
    ("民营经济人士", "policy-7", "private-sector figures", "people of the private economy"),
    ("民营经济代表人士", "policy-15", "representative private-sector figures", "figures of the private economy"),
    ("一院（所）一镇", "policy-8", "one academy (institute), one town", "one institute, one town"),
    ("锻长补短", "policy-5", "strengthening the strong links and shoring up the weak links", "lengthening the strong links"),
    ("订单式、项目制、定向式", "policy-16", "order-based, project-based or targeted training", "order-based training of new hires"),
    ("五台山风景名胜区", "policy-notice", "Wutaishan Scenic and Historic Interest Area", "Mount Wutai Scenic Area"),
    ("忻州市人民政府办公室文件", "policy-notice", "Document of the General Office", "Government: Document"),
    ("全程网办", "policy-20", "“end-to-end online handling” online, offline “full proxy handling”", "“full proxy handling” offline."),
    ("通过", "", "Adopted at the 19th Meeting of the Standing Committee of the Fourteenth Shanxi", "Approved at the 19th"),
]


@pytest.mark.parametrize("zh, section, rendering, replaced", RENDERINGS, ids=[r[0] + "@" + r[1] for r in RENDERINGS])
def test_the_reviews_renderings_are_used_and_the_replaced_ones_gone(zh, section, rendering, replaced):
    name = "regulation" if section.startswith("regulation") or not section else "policy"
    zh_sections, en_sections = sections(page(name, "zh")), sections(page(name, "en"))
    assert zh in zh_sections[section] and rendering in en_sections[section]
    assert [where for where, text in english_texts() if replaced in text] == []


def test_the_package_uses_the_reviews_renderings():
    strings = "\n".join(text for _, text in package_strings() + package_data())
    for rendering in ("order-based, project-based or targeted training",
                      "strengthening the strong links and shoring up the weak links of the industrial chain",
                      "in accordance with the relevant provisions", "of the provincial support"):
        assert rendering in strings, rendering
    # policy-9's share is 省级支持力度 (support), not 奖励额度 (award amount): its explanation says so.
    from xinzhou_policy import estimate
    (item,) = estimate({"event_date": "2024-06-01", "provincial_standards_subsidy": "100000"})["items"]
    assert "省级支持力度 30% 的支持" in item["explanation_zh"] and "of the provincial support" in item["explanation_en"]


def test_vertical_bodies_are_named_as_parts_of_their_central_body():
    assert DEPARTMENTS["tax"].en.endswith("of the State Taxation Administration")
    assert DEPARTMENTS["cbirc"].en.endswith("of the China Banking and Insurance Regulatory Commission")
    assert DEPARTMENTS["pboc"].en.endswith("of the People's Bank of China")
    municipal = [d.en for d in DEPARTMENTS.values() if d.en.startswith("Municipal ")]
    # One pattern: "Municipal <Bureau|Administration|Office|Federation> of/for <field>"; the
    # commission keeps the name of its national counterpart (National Development and Reform
    # Commission).
    assert [n for n in municipal if not re.match(r"Municipal (?:[A-Z][a-z]+ )+(?:of|for) ", n)] == [
        "Municipal Development and Reform Commission"]


def test_the_headings_are_the_registrys_titles_in_full():
    """Each part's and clause's heading, on both pages, is the registry's title (the English a
    full rendering, as the estimates' clause labels give it), so the two cannot drift apart."""
    document = DOCUMENTS["policy"]
    zh, en = page("policy", "zh"), page("policy", "en")
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    for part in document.parts.values():
        assert re.search(rf"^## {roman[part.number - 1]}\. {re.escape(part.title_en)} \{{#policy-part{part.number}\}}$", en, re.M), part.title_en
        assert re.search(rf"^## [一二三四五六七八九十]+、{re.escape(part.title_zh)} \{{#policy-part{part.number}\}}$", zh, re.M), part.title_zh
    for clause_id, clause in document.clauses.items():
        n = clause_id.rsplit("-", 1)[1]
        assert re.search(rf"^### \({n}\) {re.escape(clause.title_en)} \{{#{clause_id}\}}$", en, re.M), clause.title_en
        assert re.search(rf"^### （[一二三四五六七八九十]+）{re.escape(clause.title_zh)}。 \{{#{clause_id} ", zh, re.M), clause.title_zh
