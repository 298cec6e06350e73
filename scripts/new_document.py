"""Scaffold a new document: its registry entry and data, its rules, its pages, its case file.

    .venv/bin/python scripts/new_document.py ID --title-zh … --title-en … --short-zh … --short-en …
        --kind-zh 规范性文件 --kind-en "normative document" --issuer-zh … --issuer-en …
        [--number 文号] --in-force YYYY-MM-DD [--issued YYYY-MM-DD] [--published YYYY-MM-DD]
        [--validity-years N | --expires YYYY-MM-DD] [--style clause|article] [--order N]
        --clause N --clause-title-zh … --clause-title-en …
        --award fixed|rate|per-unit --amount AMOUNT --wording-zh "the words of the text"
        [--unit person|enterprise|project|item] [--cap N --cap-wording-zh "the words of the cap"]
        --field NAME --field-label-zh … --field-label-en …
        [--recipient enterprise|training_body|park_or_base|region_or_town]
        [--supersedes ID]... [--amends ID]...

It writes only new files (nothing existing changes; the site, the calculators, the batch
columns, search, the JSON export and the navigation take the document from the registry):

- calculators/src/xinzhou_policy/documents/ID/: document.toml (the registry entry, one version,
  one clause), parameters.toml (the award's amount, dated), messages.toml (the catalogue of the
  texts a reader sees: the item's title and explanation, the field's label and help),
  __init__.py, and rules/ (the one profile field and the one rule: `fixed` pays AMOUNT when the
  field, a yes/no, is true; `rate` pays AMOUNT (a share, "0.3") of the field, an amount in yuan;
  `per-unit` pays AMOUNT for each --unit of the field, a whole number, at most --cap of them
  (a count cap: at most N per enterprise per year) where the text sets one; texts.py, the
  catalogue);
- docs/ID.md and docs/ID.en.md: the pages, following scripts/hooks/CONVENTIONS.md, with the
  clause's text to fill in;
- tests/rules/cases/ID-N.toml: cases worked out from AMOUNT for an eligible profile, an
  ineligible one and an event before the entry into force.

Then paste the document's text into the pages, check them, and run scripts/test; the maintainers'
guide (docs/maintainers/README.md) goes through it step by step.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from xinzhou_policy.params import COUNTS
from xinzhou_policy.registry import zh_numeral as _zh

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DOCUMENTS = ROOT / "calculators" / "src" / "xinzhou_policy" / "documents"
CASES = ROOT / "tests" / "rules" / "cases"

# (field kind, unit of the amount) per kind of award; per-unit's is yuan per --unit.
AWARDS = {
    "fixed": ("flag", "yuan"),
    "rate": ("money", "ratio"),
    "per-unit": ("count", "yuan/{unit}"),
}
RECIPIENTS = ("enterprise", "training_body", "park_or_base", "region_or_town")

def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {text!r}") from None


def q(text: str) -> str:
    """A TOML or Python string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("id", help="the document's id: lower case letters, digits, hyphens (its anchors are ID-N)")
    for name in ("title-zh", "title-en", "short-zh", "short-en", "kind-zh", "kind-en", "issuer-zh",
                 "issuer-en", "clause-title-zh", "clause-title-en", "wording-zh", "field",
                 "field-label-zh", "field-label-en"):
        p.add_argument(f"--{name}", required=True)
    p.add_argument("--number", default="", help="文号 (empty where the document has none)")
    p.add_argument("--in-force", type=_date, required=True)
    p.add_argument("--issued", type=_date)
    p.add_argument("--published", type=_date)
    validity = p.add_mutually_exclusive_group()
    validity.add_argument("--validity-years", type=int)
    validity.add_argument("--expires", type=_date)
    p.add_argument("--style", choices=("clause", "article"), default="clause",
                   help="clause: numbered （一） / (1), as the policy; article: 第一条 / Article 1")
    p.add_argument("--order", type=int, help="its place in the site's lists (default: last)")
    p.add_argument("--clause", type=int, required=True, help="the number of the award's clause")
    p.add_argument("--award", choices=AWARDS, required=True)
    p.add_argument("--amount", required=True, help="yuan for fixed and per-unit, a share (0.3) for rate")
    p.add_argument("--unit", choices=COUNTS, help="per-unit: what the field counts (its unit, and the amount's: yuan/UNIT)")
    p.add_argument("--cap", type=int, help="per-unit: at most N units counted per enterprise per year")
    p.add_argument("--cap-wording-zh", help="the text's words for the cap")
    p.add_argument("--recipient", choices=RECIPIENTS, default="enterprise")
    p.add_argument("--supersedes", action="append", default=[], metavar="ID",
                   help="a document this one replaces from its entry into force (repeatable)")
    p.add_argument("--amends", action="append", default=[], metavar="ID", help="a document this one amends")
    args = p.parse_args(argv)
    for related in (*args.supersedes, *args.amends):
        if not (DOCUMENTS / related / "document.toml").exists():
            p.error(f"no document {related!r} in the registry ({DOCUMENTS.relative_to(ROOT)})")
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", args.id):
        p.error("the id is lower case letters and digits, words joined by hyphens")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", args.field):
        p.error("--field is a JSON field name: lower case letters, digits and underscores")
    if not re.fullmatch(r"\d+(\.\d+)?", args.amount):
        p.error("--amount is a number")
    if (args.award == "per-unit") != bool(args.unit):
        p.error("--unit (what is counted) goes with --award per-unit, and only with it")
    if args.cap is not None and (args.award != "per-unit" or args.cap < 1 or not args.cap_wording_zh):
        p.error("--cap N (N at least 1) goes with --award per-unit and --cap-wording-zh")
    if args.cap_wording_zh and args.cap is None:
        p.error("--cap-wording-zh goes with --cap")
    return args


def registry_entry(a: argparse.Namespace, order: int) -> str:
    article = a.style == "article"
    number = f"{a.short_zh}第{{zh}}条" if article else f"{a.short_zh}第（{{zh}}）条"
    lines = [
        f"# {a.title_zh} in the site's document registry (xinzhou_policy/registry.py).",
        "# Made by scripts/new_document.py; the maintainers' guide is docs/maintainers/README.md.",
        "",
        f"id = {q(a.id)}", f"order = {order}",
        f"kind_zh = {q(a.kind_zh)}", f"kind_en = {q(a.kind_en)}", f"number = {q(a.number)}",
        f"title_zh = {q(a.title_zh)}", f"title_en = {q(a.title_en)}",
        f"short_zh = {q(a.short_zh)}", f"short_en = {q(a.short_en)}",
        f"issuer_zh = {q(a.issuer_zh)}", f"issuer_en = {q(a.issuer_en)}",
        "", "# supersedes: the documents this one replaces (their superseded_by follows from it).",
        "[relations]", f"supersedes = {json.dumps(a.supersedes)}", f"amends = {json.dumps(a.amends)}",
        "", "# gov.cn's document fields the text does not give: fill them in from the publisher's",
        "# catalogue (maintainers' guide, document metadata). Empty: the pages say 未公布.",
        "[metadata]", 'subject_zh = ""', 'subject_en = ""', "keywords_zh = []", "keywords_en = []",
        "", "# Section ids are the page anchors and the rules' clause ids; never change them once published.",
        "[sections]", 'part_kind = "part"', f'part_id = "{a.id}-part{{n}}"',
        f'clause_kind = "{"article" if article else "clause"}"', f'clause_id = "{a.id}-{{n}}"',
        f"label_zh = {q(f'{a.short_zh}第{{zh}}条' if article else f'{a.short_zh}（{{zh}}）{{title_zh}}')}",
        f"label_en = {q(f'{a.short_en}, Article {{n}}' if article else f'{a.short_en} ({{n}}) {{title_en}}')}",
        f"cite_zh = {q(number)}",
        f"cite_en = {q(f'Article {{n}} of the {a.short_en}' if article else f'clause ({{n}}) of the {a.short_en}')}",
        "", "[[version]]", f'id = "{a.in_force.isoformat()}"',
    ]
    for key in ("issued", "published"):
        if getattr(a, key):
            lines.append(f"{key} = {getattr(a, key).isoformat()}")
    lines.append(f"in_force = {a.in_force.isoformat()}")
    lines.append('index_number = ""  # 索引号, from the publisher\'s catalogue')
    if a.validity_years:
        lines.append(f"validity_years = {a.validity_years}")
    if a.expires:
        lines.append(f"expires = {a.expires.isoformat()}")
    lines += ["", "[[clause]]", f"n = {a.clause}", f"title_zh = {q(a.clause_title_zh)}",
              f"title_en = {q(a.clause_title_en)}",
              "departments = []  # keys of calculators/src/xinzhou_policy/departments.toml"]
    return "\n".join(lines) + "\n"


def cap_key(a: argparse.Namespace) -> str:
    return f"{a.field}_cap"


def parameter(a: argparse.Namespace) -> tuple[str, str]:
    key = f"{a.field}_award" if a.award != "rate" else f"{a.field}_rate"
    unit = AWARDS[a.award][1].format(unit=a.unit)
    counted = COUNTS[a.unit] if a.unit else ("", "", "")
    described = {"fixed": ("一次性奖励金额。", "One-off award."),
                 "rate": ("按所填金额计算的比例。", "The share of the amount given."),
                 "per-unit": (f"每{counted[0]}的金额。", f"Amount per {counted[2]}.")}[a.award]
    cap = [] if a.cap is None else [
        "", f"[{cap_key(a)}]", f'clause = "{a.id}-{a.clause}"', f'unit = "{a.unit}"',
        f"description_zh = {q(a.clause_title_zh + '：每户企业每年最多计算的' + counted[0] + '数。')}",
        f"description_en = {q(a.clause_title_en + ': the most ' + counted[1] + ' counted per enterprise per year.')}",
        "", f"[[{cap_key(a)}.values]]", f"from = {a.in_force.isoformat()}", f"value = {a.cap}",
        f"wording_zh = {q(a.cap_wording_zh)}"]
    text = "\n".join([
        f"# The amounts of {a.title_zh}, as dated values (xinzhou_policy/params.py). An amendment",
        "# adds a [[KEY.values]] entry from its date (scripts/new_version.py --set); none is changed.",
        "", f"[{key}]", f'clause = "{a.id}-{a.clause}"', f'unit = "{unit}"',
        f"description_zh = {q(a.clause_title_zh + '：' + described[0])}",
        f"description_en = {q(a.clause_title_en + ': ' + described[1])}",
        "", f"[[{key}.values]]", f"from = {a.in_force.isoformat()}", f'value = "{a.amount}"',
        f"wording_zh = {q(a.wording_zh)}", *cap, ""])
    return key, text


def rules(a: argparse.Namespace, key: str) -> dict[str, str]:
    """The rules package: the rule's logic (clause_N.py), the field (__init__.py) and the
    catalogue's accessor (texts.py); the texts themselves are messages(a)'s."""
    kind = AWARDS[a.award][0]
    clause = f"{a.id}-{a.clause}"
    body, values, basis = {
        "fixed": ("    if not profile[FIELD]:\n        return found\n    amount = value.value\n",
                  "amount=yuan(amount)", "fixed"),
        "rate": ("    base = profile[FIELD]\n    if not base:\n        return found\n    amount = base * value.value\n",
                 "base=yuan(base), share=percent(value.value), amount=yuan(amount)", "computed"),
        "per-unit": ("    units = profile[FIELD]\n    if not units:\n        return found\n    amount = value.value * units\n",
                     "units=units, each=yuan(value.value), amount=yuan(amount)", "computed"),
    }[a.award]
    keys = "(value.key,)"
    if a.cap is not None:  # at most the cap's count is paid for; the explanation says so
        body = (f"    units = profile[FIELD]\n    if not units:\n        return found\n    cap = p.{cap_key(a)}\n"
                "    counted = min(units, cap.value)\n    amount = value.value * counted\n"
                '    capped = M(f"{CLAUSE}.award.capped", cap=cap.value) if units > counted else ""\n')
        values += ", capped=capped"
        keys = "(value.key, cap.key)"
    # The docstring names the value, never its number: numbers live in parameters.toml only.
    described_en = {"fixed": "a one-off award when the field is ticked",
                    "rate": "a share of the amount in the field",
                    "per-unit": f"an amount for each {a.unit} counted in the field"}[a.award]
    module = f'''"""{a.title_zh}: the award of {cites(a)[1]}, {a.clause_title_en}.

Made by scripts/new_document.py. The rule takes the profile and the parameters in force on the
event date (params.InForce); edit it to follow the clause's words. Its texts are the catalogue's
(../messages.toml).
"""

from __future__ import annotations

from typing import Any

from xinzhou_policy.findings import Findings, award
from xinzhou_policy.money import {"percent, yuan" if a.award == "rate" else "yuan"}
from xinzhou_policy.params import InForce

from .texts import M

CLAUSE = "{clause}"
FIELD = "{a.field}"
RECIPIENT = "{a.recipient}"  # who receives the award (findings.RECIPIENTS)


def clause_award(profile: dict[str, Any], p: InForce) -> Findings:
    """{a.clause_title_zh}: {described_en} (p.{key}, from parameters.toml)."""
    found = Findings()
    value = p.{key}
{body}    found.items.append(award(
        f"{{CLAUSE}}.award", CLAUSE, M(f"{{CLAUSE}}.award.title"), amount, "{basis}",
        M(f"{{CLAUSE}}.award.explanation", {values}),
        {keys}, recipient=RECIPIENT))
    return found
'''
    init = f'''"""The award rules of {a.title_zh} (registry: ../document.toml).

What the registry reads here: AWARD_RULES, FIELDS (the profile fields the rules read) and GROUPS
(the situation the field belongs to, which the calculators' picker offers). Every text a reader
sees of them is the document's message catalogue, ../messages.toml (texts.py).
"""

from __future__ import annotations

from xinzhou_policy.findings import Rule
from xinzhou_policy.validation import Field

from . import clause_{a.clause}
from .texts import M

GROUPS = {{{q(clause)}: M("group.{clause}")}}

FIELDS = (
    Field({q(a.field)}, {q(kind)}, {q(clause)}, **M.field({q(a.field)}),
          default={ {"flag": "False", "money": "None", "count": "0"}[kind] }, clause="{clause}"),
)

AWARD_RULES = (Rule("{clause}", clause_{a.clause}.clause_award, clause_{a.clause}.RECIPIENT),)
'''
    texts = '''"""The document's message catalogue (../messages.toml): `M(key, **values)` gives an entry's
(zh, en) texts filled in, `M.field(name)` a field's labels (xinzhou_policy/messages.py)."""

from __future__ import annotations

from xinzhou_policy.messages import Messages

M = Messages(__package__.rsplit(".", 1)[0])
'''
    return {f"clause_{a.clause}.py": module, "__init__.py": init, "texts.py": texts}


def cites(a: argparse.Namespace) -> tuple[str, str]:
    """How the text cites the award's section, in its style: 第三条 / Article 3, 第（三）条 / clause (3)."""
    if a.style == "article":
        return f"{a.short_zh}第{_zh(a.clause)}条", f"Article {a.clause} of the {a.short_en}"
    return f"{a.short_zh}第（{_zh(a.clause)}）条", f"clause ({a.clause}) of the {a.short_en}"


def messages(a: argparse.Namespace) -> str:
    """The catalogue: the item's title and explanation, the field's label and help."""
    clause = f"{a.id}-{a.clause}"
    cite_zh, cite_en = cites(a)
    explain_zh, explain_en = {
        "fixed": (f"符合{cite_zh}的条件，一次性奖励 {{amount}} 元。",
                  f"The conditions of {cite_en} are met: a one-off award of {{amount}} yuan."),
        "rate": (f"按{cite_zh}，{{base}} 元的 {{share}}，即 {{amount}} 元。",
                 f"Under {cite_en}, {{share}} of {{base}} yuan: {{amount}} yuan."),
        "per-unit": (f"按{cite_zh}，{{units}} {COUNTS[a.unit][0]}，每{COUNTS[a.unit][0]} {{each}} 元，合计 {{amount}} 元{{capped}}。",
                     f"Under {cite_en}, {{units}} {COUNTS[a.unit][1]} at {{each}} yuan each: {{amount}} yuan{{capped}}.")
        if a.unit else ("", ""),
    }[a.award]
    if a.cap is None:
        explain_zh, explain_en = explain_zh.replace("{capped}", ""), explain_en.replace("{capped}", "")
    field_help = {"flag": ("符合条件的，勾选此项。", "Tick if the condition is met."),
                  "money": ("金额，单位为元。", "An amount in yuan."),
                  "count": ("整数。", "A whole number.")}[AWARDS[a.award][0]]
    entries = [
        (f"{clause}.award.title", a.clause_title_zh, a.clause_title_en),
        (f"{clause}.award.explanation", explain_zh, explain_en),
        (f"field.{a.field}.label", a.field_label_zh, a.field_label_en),
        (f"field.{a.field}.help", *field_help),
        (f"group.{clause}", a.clause_title_zh, a.clause_title_en),
    ]
    if a.cap is not None:
        zh, plural, _ = COUNTS[a.unit]
        entries.append((f"{clause}.award.capped", f"，每户企业每年最多计 {{cap}} {zh}，按 {{cap}} {zh}计",
                        f", at most {{cap}} {plural} per enterprise per year, so {{cap}} counted"))
    head = [f"# The message catalogue of {a.title_zh}: every text a reader sees of its rules, in both",
            "# languages (xinzhou_policy/messages.py). Made by scripts/new_document.py: rewrite the",
            "# explanation and the help in the words of the text; {name} is a value the rule fills in."]
    return "\n".join(head + [f"\n[{q(k)}]\nzh = {q(zh)}\nen = {q(en)}" for k, zh, en in entries]) + "\n"


def page(a: argparse.Namespace, lang: str) -> str:
    clause = f"{a.id}-{a.clause}"
    if lang == "zh":
        heading = f"第{_zh(a.clause)}条" if a.style == "article" else f"（{_zh(a.clause)}）{a.clause_title_zh}。"
        toc = "" if a.style == "article" else f' data-toc-label="（{_zh(a.clause)}）{a.clause_title_zh}"'
        return f"""# {a.title_zh}

<!-- status -->

<!-- document-info -->

!!! info "文本说明"
    本页转载{a.title_zh}的文本，只作了以下整理：

    1. 分段和标题层级照本站的版式排列（版式）。<!-- repair: layout -->

    除上述各项外，没有任何改动。每一条后面的“注释”是本站的解读，不是原文；状态框和信息表由本站根据文件登记的日期生成。

### {heading} {{#{clause}{toc}}}

（在此逐字粘贴第{_zh(a.clause)}条的原文。）

<!-- award-table: {clause} -->

??? note "注释"
    **对企业的意义**：（在此说明本条对企业的意义，金额写作 [[param:{parameter(a)[0]}]]。）
"""
    heading = f"Article {a.clause}" if a.style == "article" else f"({a.clause}) {a.clause_title_en}"
    return f"""# {a.title_en}

<!-- status -->

<!-- document-info -->

!!! warning "Unofficial translation"
    This is an unofficial English translation made for this guide. Only the Chinese text is authoritative; where the two differ, the Chinese text prevails.

### {heading} {{#{clause}}}

(Paste the translation of clause {a.clause} here.)

<!-- award-table: {clause} -->

??? note "Notes"
    **What it means for an enterprise**: (Say what the clause means for an enterprise; write amounts as [[param:{parameter(a)[0]}]].)
"""


def cases(a: argparse.Namespace) -> str:
    """An eligible profile, an ineligible one, and an event before the entry into force."""
    amount = Decimal(a.amount)
    value, expected = {
        "fixed": ("true", amount),
        "rate": ('"100000"', Decimal(100000) * amount),
        "per-unit": (str(min(10, a.cap or 10)), amount * min(10, a.cap or 10)),
    }[a.award]
    nothing = {"fixed": "false", "rate": '"0"', "per-unit": "0"}[a.award]
    total = f"{expected.quantize(Decimal('0.01')):f}"
    day, before = a.in_force.isoformat(), date.fromordinal(a.in_force.toordinal() - 1).isoformat()
    item = f'"{a.id}-{a.clause}.award"'
    return f"""# Cases of {a.title_zh}, clause {a.clause}, worked out from its text: made by
# scripts/new_document.py from the amount given; check them against the text and add your own.

clause = "{a.id}-{a.clause}"

[[case]]
name = "eligible on the day of entry into force"
profile = {{ event_date = "{day}", {a.field} = {value} }}
[case.expect]
items = {{ {item} = "{total}" }}

{capped_case(a, day, item)}[[case]]
name = "not eligible: no award"
profile = {{ event_date = "{day}", {a.field} = {nothing} }}
[case.expect]
items = {{}}
total = "0.00"

[[case]]
name = "the day before the entry into force: no item, and what it would have been"
profile = {{ event_date = "{before}", {a.field} = {value} }}
[case.expect]
warnings = ["outside_validity"]
"""


def capped_case(a: argparse.Namespace, day: str, item: str) -> str:
    """Above a count cap: only the cap's count is paid for."""
    if a.cap is None:
        return ""
    total = f"{(Decimal(a.amount) * a.cap).quantize(Decimal('0.01')):f}"
    return f"""[[case]]
name = "above the cap: {a.cap + 1} counted as {a.cap}"
profile = {{ event_date = "{day}", {a.field} = {a.cap + 1} }}
[case.expect]
items = {{ {item} = "{total}" }}

"""


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv)
    folder = DOCUMENTS / a.id
    pages = [DOCS / f"{a.id}.md", DOCS / f"{a.id}.en.md"]
    case_file = CASES / f"{a.id}-{a.clause}.toml"
    taken = [p for p in (folder, *pages, case_file) if p.exists()]
    if taken:
        sys.exit("these exist already: " + ", ".join(str(p.relative_to(ROOT)) for p in taken))
    orders = [int(m[1]) for f in DOCUMENTS.glob("*/document.toml")
              if (m := re.search(r"^order = (\d+)$", f.read_text(encoding="utf-8"), re.M))]
    order = a.order if a.order is not None else max(orders, default=0) + 1
    key, parameters = parameter(a)
    (folder / "rules").mkdir(parents=True)
    (folder / "__init__.py").write_text(f'"""{a.title_zh}: its data (.toml) and its rules."""\n', encoding="utf-8")
    (folder / "document.toml").write_text(registry_entry(a, order), encoding="utf-8")
    (folder / "parameters.toml").write_text(parameters, encoding="utf-8")
    (folder / "messages.toml").write_text(messages(a), encoding="utf-8")
    for name, text in rules(a, key).items():
        (folder / "rules" / name).write_text(text, encoding="utf-8")
    pages[0].write_text(page(a, "zh"), encoding="utf-8")
    pages[1].write_text(page(a, "en"), encoding="utf-8")
    case_file.write_text(cases(a), encoding="utf-8")
    made = [folder / "document.toml", folder / "parameters.toml", folder / "messages.toml", folder / "__init__.py",
            *(folder / "rules").iterdir(), *pages, case_file]
    print(f"{a.id}: scaffolded\n" + "".join(f"- {p.relative_to(ROOT)}\n" for p in made)
          + "Next: paste the text into the two pages, check the cases, run scripts/test "
          "(docs/maintainers/README.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
