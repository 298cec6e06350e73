"""Add a version of a document of the registry: an amendment, a consolidated text, a renewal.

    .venv/bin/python scripts/new_version.py DOC --in-force YYYY-MM-DD
        [--validity-years N | --expires YYYY-MM-DD] [--issued YYYY-MM-DD] [--published YYYY-MM-DD]
        [--number 文号] [--note-zh TEXT --note-en TEXT] [--title-zh TITLE --title-en TITLE] [--source FILE]
        [--set KEY VALUE WORDING_ZH]...

What it does (nothing is overwritten; every earlier value and text stays):
1. keeps the current text: docs/DOC.md and docs/DOC.en.md are copied to
   docs/versions/DOC/CURRENT.md and .en.md, the earlier version's own pages (kept out of search);
2. adds the version to the registry (a [[version]] at the end of the document's document.toml);
3. for each --set, adds a dated value to the document's parameters.toml, after the parameter's
   last one: VALUE is a number ("250000", "0.25", 5) or, for a scale, THRESHOLD:AMOUNT pairs
   ("100000000:250000,500000000:300000"); WORDING_ZH is the new text's words for it;
4. writes the version's "what changed" pages, docs/versions/DOC/NEW-changes.md and .en.md;
5. the new version inherits every reading of the document (readings.toml, `versions`): review
   each whose words the new text changes (the build names them).

Then edit docs/DOC.md and docs/DOC.en.md into the new text (the maintainers' guide,
docs/maintainers/README.md, says how, and what else to check), and add case files.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tomllib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PACKAGE = ROOT / "calculators" / "src" / "xinzhou_policy"

SEARCH_EXCLUDED = "---\nsearch:\n  exclude: true\n---\n\n"
# Relative links of a page (Markdown and HTML), which move with it two folders down.
_MD_LINK = re.compile(r"\]\((?!https?:|mailto:|#|/)([^)\s]+)\)")
_HTML_LINK = re.compile(r'(href|src)="(?!https?:|mailto:|#|/)([^"]+)"')


def moved_down(markdown: str, levels: int) -> str:
    """A page's text as it reads from `levels` folders further down: its relative links climb."""
    up = "../" * levels
    markdown = _MD_LINK.sub(lambda m: f"]({up}{m[1]})", markdown)
    return _HTML_LINK.sub(lambda m: f'{m[1]}="{up}{m[2]}"', markdown)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {text!r}") from None


def _toml_value(key: str, raw: str, scale: bool, integer: bool) -> str:
    """A parameter value as parameters.toml writes it: a scale's tiers, an integer (counts,
    ranks, days: as the parameter's earlier values are), or a decimal string."""
    number = re.compile(r"\d+(\.\d+)?")
    if scale:
        pairs = []
        for pair in raw.split(","):
            threshold, _, amount = pair.partition(":")
            if not (number.fullmatch(threshold) and number.fullmatch(amount)):
                sys.exit(f"--set {key}: a scale is THRESHOLD:AMOUNT pairs, separated by commas")
            pairs.append(f'["{threshold}", "{amount}"]')
        return f"tiers = [{', '.join(pairs)}]"
    if not number.fullmatch(raw) or (integer and "." in raw):
        sys.exit(f"--set {key}: {raw!r} is not a {'whole ' if integer else ''}number")
    return f"value = {raw}" if integer else f'value = "{raw}"'


def add_value(text: str, key: str, start: date, raw: str, wording: str) -> str:
    """parameters.toml's text with `[[KEY.values]]` from `start` inserted after the parameter's
    last value (checked first: the script writes nothing until every --set is valid)."""
    data = tomllib.loads(text)
    if key not in data:
        sys.exit(f"--set {key}: the document has no parameter {key!r} (known: {', '.join(data)})")
    param = data[key]
    if any(v["from"] == start for v in param["values"]):
        sys.exit(f"--set {key}: it has a value from {start} already; a value is never changed")
    scale = param.get("kind") == "scale"
    integer = isinstance(param["values"][-1].get("value"), int)
    lines = text.split("\n")
    header = f"[[{key}.values]]"
    last = max(i for i, line in enumerate(lines) if line.strip() == header)
    end = next((i for i in range(last + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    while end > last and not lines[end - 1].strip():
        end -= 1
    entry = ["", header, f"from = {start.isoformat()}"]
    if scale:
        entry.append(f"inclusive = {'true' if param['values'][-1]['inclusive'] else 'false'}")
    entry += [_toml_value(key, raw, scale, integer), f"wording_zh = {_quoted(wording)}"]
    lines[end:end] = entry
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", help="the document's id (its folder under documents/)")
    parser.add_argument("--in-force", type=_date, required=True, help="the day the version enters into force")
    validity = parser.add_mutually_exclusive_group()
    validity.add_argument("--validity-years", type=int, help="有效期 N 年, counted from --in-force")
    validity.add_argument("--expires", type=_date, help="the version's last day in force")
    parser.add_argument("--issued", type=_date)
    parser.add_argument("--published", type=_date)
    parser.add_argument("--number", default="", help="文号 of the instrument that made the version")
    parser.add_argument("--note-zh", default="")
    parser.add_argument("--note-en", default="")
    parser.add_argument("--title-zh", default="", help="the version's own title, where it has one (an amended title)")
    parser.add_argument("--title-en", default="")
    parser.add_argument("--source", default="", help="the text as received, a file in shared/seeds/")
    parser.add_argument("--set", nargs=3, action="append", default=[], metavar=("KEY", "VALUE", "WORDING_ZH"),
                        help="a value that changes with this version (repeat for each)")
    args = parser.parse_args(argv)
    for pair in (("note_zh", "note_en"), ("title_zh", "title_en")):
        if bool(getattr(args, pair[0])) != bool(getattr(args, pair[1])):
            parser.error(f"--{pair[0].replace('_', '-')} and --{pair[1].replace('_', '-')} go together (both languages)")

    folder = PACKAGE / "documents" / args.document
    registry = folder / "document.toml"
    if not registry.exists():
        sys.exit(f"no document {args.document!r}: {registry.relative_to(ROOT)} does not exist")
    current = tomllib.loads(registry.read_text(encoding="utf-8"))
    versions = sorted(current["version"], key=lambda v: v["in_force"])
    latest = versions[-1]
    if args.in_force <= latest["in_force"]:
        sys.exit(f"{args.document}: a new version enters into force after the latest one "
                 f"({latest['in_force']}); earlier texts are never replaced")
    new_id = args.in_force.isoformat()
    kept = DOCS / "versions" / args.document
    for target in (kept / f"{latest['id']}.md", kept / f"{latest['id']}.en.md"):
        if target.exists():
            sys.exit(f"{target.relative_to(ROOT)} exists already")

    # The values that change, checked before anything is written.
    parameters = folder / "parameters.toml"
    if args.set and not parameters.exists():
        sys.exit(f"--set: {args.document} has no {parameters.relative_to(ROOT)}")
    values = parameters.read_text(encoding="utf-8") if args.set else ""
    for key, value, wording in args.set:
        values = add_value(values, key, args.in_force, value, wording)

    # 1. The current text becomes the earlier version's own pages.
    kept.mkdir(parents=True, exist_ok=True)
    for suffix in (".md", ".en.md"):
        text = (DOCS / f"{args.document}{suffix}").read_text(encoding="utf-8")
        (kept / f"{latest['id']}{suffix}").write_text(SEARCH_EXCLUDED + moved_down(text, 2), encoding="utf-8")

    # 2. The registry's entry.
    entry = ["", "[[version]]", f'id = "{new_id}"']
    for key in ("issued", "published"):
        if getattr(args, key):
            entry.append(f"{key} = {getattr(args, key).isoformat()}")
    entry.append(f"in_force = {new_id}")
    entry.append('index_number = ""  # 索引号 of the new text, from the publisher\'s catalogue')
    if args.validity_years:
        entry += [f"validity_years = {args.validity_years}"]
    if args.expires:
        entry += [f"expires = {args.expires.isoformat()}"]
    for key in ("validity_clause", "in_force_clause"):
        if latest.get(key):
            entry.append(f'{key} = "{latest[key]}"')
    for key, value in (("number", args.number), ("note_zh", args.note_zh), ("note_en", args.note_en),
                       ("title_zh", args.title_zh), ("title_en", args.title_en), ("source", args.source)):
        if value:
            entry.append(f"{key} = {_quoted(value)}")
    registry.write_text(registry.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(entry) + "\n",
                        encoding="utf-8")

    # 3. The values that change.
    if args.set:
        parameters.write_text(values, encoding="utf-8")

    # 4. The "what changed" pages: generated from the data by scripts/hooks/versions.py.
    for suffix in (".md", ".en.md"):
        (kept / f"{new_id}-changes{suffix}").write_text("<!-- changes -->\n", encoding="utf-8")

    # 5. The readings: the new version inherits them all; the build names those whose words it changed.
    register = folder / "readings.toml"
    inherited = []
    if register.exists():
        text = register.read_text(encoding="utf-8")
        inherited = re.findall(r'^id = "([^"]+)"', text, re.M)
        register.write_text(re.sub(r"^(versions = \[.*)\]$", lambda m: f'{m[1]}, "{new_id}"]', text, flags=re.M),
                            encoding="utf-8")

    print(f"{args.document}: version {new_id} added.\n"
          f"- kept:    docs/versions/{args.document}/{latest['id']}.md and .en.md (the text until now)\n"
          f"- added:   [[version]] {new_id} in {registry.relative_to(ROOT)}\n"
          + "".join(f"- value:   {key} from {new_id} in {(folder / 'parameters.toml').relative_to(ROOT)}\n"
                    for key, _, _ in args.set)
          + f"- changes: docs/versions/{args.document}/{new_id}-changes.md and .en.md\n"
          + (f"- readings: {new_id} added to the versions of {len(inherited)} readings in "
             f"{register.relative_to(ROOT)}; review each whose words the new text changes\n" if inherited else "")
          + f"Next: edit docs/{args.document}.md and docs/{args.document}.en.md into the new text, add a\n"
          f"case file under tests/rules/cases/, then run scripts/test (docs/maintainers/README.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
