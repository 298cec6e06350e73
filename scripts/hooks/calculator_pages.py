"""The in-browser calculators: forms generated from the rule package, and the runtime they need.

`<!-- calculator: NAME -->` becomes the calculator's form, made at build time from the field
tables of `xinzhou_policy.validation` (labels, help, groups in the page's language), so the form
is readable and fillable before Python has started, with the situation picker above it and links
to its clauses' award tables on the documents' pages below it (_picker.py), which stay useful
when the runtime cannot load. Only pages with a marker load the calculator
script; reading pages load no byte of Pyodide.

After the build the runtime is copied into the site, on paths that carry a version so they can
be cached for long: Pyodide's loader, glue and wasm from the npm package, with its lock file cut
to the header (no package is loaded by name) (`runtime/pyodide-VERSION/`), and in place of
Pyodide's 2.5 MB python_stdlib.zip one archive of the standard-library modules the rules need
and the rules, as bytecode (`runtime/rules-HASH/python.zip`, HASH of the rules' sources and the
tools that build it). scripts/build_runtime.mjs makes the archive under Node in the background
while pages render; it is kept in build/runtime/HASH/ for the next build.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import os
import shutil
import subprocess
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from mkdocs.exceptions import PluginError
from xinzhou_policy.profile import AWARD_CLAUSES, COMMANDS, GROUPS, PROFILE_FIELDS
from xinzhou_policy.registry import DOCUMENTS, document_of
from xinzhou_policy.sweep import SWEEPABLE
from xinzhou_policy.validation import Field

from _batch_page import batch_app, write_template
from _documents import page_document, page_language
from _picker import picker, shown_with, situations, table_links

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "calculators"
WEB = PACKAGE / "web"
PYODIDE = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
RUNTIME_TOOLS = (ROOT / "scripts" / "build_runtime.mjs", ROOT / "scripts" / "runtime_zip.py")
CACHE = ROOT / "build" / "runtime"
# The inputs the rules are traced on to choose the archive's modules (scripts/runtime_zip.py).
CASE_DIRS = (ROOT / "tests" / "rules" / "cases", ROOT / "tests" / "rules" / "batch", PACKAGE / "examples")
WEB_FILES = ("boot.js", "engine.js", "calculator.js", "picker.js", "field-help.js", "worker.js", "download.js", "snapshot.js",
             "calculator.css", "noscript.css", "batch.js", "batch.css", "prefetch.js", "chart.js", "chart.css",
             "whatif.js", "batch_summary.js")
# Reading pages from which readers often go on to a calculator: they fetch the runtime into the
# HTTP cache once idle (calculators/web/prefetch.js), besides every document's page.
PREFETCH_PAGES = ("index", "estimate")
ASSETS = "assets/calculators"

MARKER = re.compile(r"^<!-- calculator: (\w+) -->$", re.MULTILINE)

def _calculators() -> dict[str, tuple[str, tuple[Field, ...], tuple[str, ...]]]:
    """name: (command, fields, clauses whose tables and guidance the page shows; empty = all).

    The full estimate covers every award document; each document adds its focused calculators
    (its document.toml's [[calculator]] entries), which name their fields."""
    fields = {f.name: f for f in PROFILE_FIELDS}
    calculators = {"estimate": ("estimate", PROFILE_FIELDS, ())}
    for document in DOCUMENTS.values():
        for c in document.calculators:
            chosen = (tuple(fields[n] for n in c.fields) if c.command == "estimate"
                      else COMMANDS[c.command][1])
            calculators[c.name] = (c.command, chosen, c.clauses)
    return calculators


CALCULATORS = _calculators()

# Without JavaScript the page cannot compute: it says so, and where the same answer is found.
_NOSCRIPT = {
    "zh": ("本页的计算需要浏览器启用 JavaScript。{tables}也可以使用<a href=\"{cli}\">命令行工具</a>"
           "计算，结果与本页相同。"),
    "en": ("This page needs JavaScript enabled in the browser to compute. {tables}The "
           "<a href=\"{cli}\">command-line tool</a> computes the same results."),
}
_NOSCRIPT_TABLES = {"zh": "本页下方链接的<a href=\"#award-tables\">奖补标准表</a>仍然适用。",
                    "en": "The <a href=\"#award-tables\">award tables</a> linked below still apply. "}

_TEXT = {
    "zh": {"print": "打印估算单", "reset": "清空", "details": "查看明细", "required": "必填", "help": "说明",
           "waiting": "正在准备计算器…",
           "disclaimer": "本估算依据各项所列文件和条款的条文以及本站的法律解读计算，仅供参考，不是行政决定；"
                         "实际奖补以主管部门审核为准。文件有效期届满后，除非延续，不能再依据该文件申报。"},
    "en": {"print": "Print the estimate", "reset": "Clear", "details": "Show details", "required": "required", "help": "Help",
           "waiting": "Preparing the calculator…",
           "disclaimer": "This estimate follows the text of the documents and clauses each item cites "
                         "and this site's legal readings. It is for reference only and is not an "
                         "administrative decision; the competent departments decide. Once a "
                         "document's validity has ended, no claim can be made under it unless it was "
                         "renewed. The Chinese text prevails."},
}


# ------------------------------------------------------------------------------ the runtime
def _runtime_hash() -> str:
    """Of everything the archive is made from: the rules' sources, Pyodide, the two tools, the
    case inputs traced."""
    digest = hashlib.sha256(_pyodide_version().encode())
    # The package's code and its data (the registry, the parameters): both go into the archive.
    sources = sorted([*(PACKAGE / "src").rglob("*.py"), *(PACKAGE / "src").rglob("*.toml")])
    sources.append(PACKAGE / "pyproject.toml")
    sources += sorted(p for d in CASE_DIRS for p in d.rglob("*") if p.is_file())
    for path in sources + list(RUNTIME_TOOLS):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _pyodide_version() -> str:
    manifest = PYODIDE / "package.json"
    if not manifest.exists():
        raise PluginError("node_modules/pyodide is missing: run scripts/setup (npm ci) first")
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


_state: dict[str, str] = {}
_build: dict[str, subprocess.Popen] = {}


def on_config(config):
    # Once per build: the i18n plugin renders every language within one build.
    key = _runtime_hash()
    _state["runtime"] = f"runtime/pyodide-{_pyodide_version()}"
    _state["rules"] = f"runtime/rules-{key}"
    _state["cache"] = str(CACHE / key)
    # on_config may run more than once per build; one archive build per set of inputs.
    if not (CACHE / key / "python.zip").exists() and key not in _build:
        _start_runtime_build(CACHE / key, key)
    return config


def _start_runtime_build(out: Path, key: str) -> None:
    """Node boots Pyodide (about 5 s): on the other core while pages render."""
    node = shutil.which("node")
    if node is None:
        raise PluginError("node is not on PATH: run scripts/setup")
    partial = out.with_name(out.name + f".partial-{os.getpid()}")
    partial.mkdir(parents=True, exist_ok=True)
    _state["partial"] = str(partial)
    _build[key] = subprocess.Popen(
        [node, str(RUNTIME_TOOLS[0]), str(PYODIDE), str(PACKAGE / "src" / "xinzhou_policy"),
         str(partial / "python.zip"), str(partial / "manifest.json"), *map(str, CASE_DIRS)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finished_runtime() -> Path:
    cache = Path(_state["cache"])
    process = _build.pop(cache.name, None)
    if process is not None:
        log = process.communicate()[0]
        partial = Path(_state["partial"])
        if process.returncode or not (partial / "python.zip").exists():
            raise PluginError(f"building the runtime archive failed:\n{log}")
        try:
            partial.rename(cache)
        except OSError:  # another build (one at once: scripts/run_tests.py) finished first
            if not (cache / "python.zip").exists():
                raise
            shutil.rmtree(partial)
    return cache / "python.zip"


def _lock_header() -> str:
    """Pyodide's lock file without its package list: the rules come in python.zip, and a
    package looked up by name could only come from elsewhere."""
    lock = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    return json.dumps({"info": lock["info"], "packages": {}}, separators=(",", ":"))


def on_post_build(config):
    site = Path(config["site_dir"])
    runtime = site / _state["runtime"]
    runtime.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE / name, runtime / name)
    (runtime / "pyodide-lock.json").write_text(_lock_header(), encoding="utf-8")
    rules = site / _state["rules"]
    rules.mkdir(parents=True, exist_ok=True)
    shutil.copy2(_finished_runtime(), rules / "python.zip")
    assets = site / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    for name in WEB_FILES:
        shutil.copy2(WEB / name, assets / name)
    write_template(assets)


# ------------------------------------------------------------------------------ the form
def _input(f: Field, lang: str) -> str:
    common = (f'id="f-{f.name}" name="{f.name}" data-kind="{f.kind}" '
              f'aria-describedby="h-{f.name} e-{f.name}"')
    if f.kind == "enum":
        options = "".join(
            f'<option value="{c}"{" selected" if c == f.default else ""}>{escape(labels[lang == "en"])}</option>'
            for c, labels in zip(f.choices, f.choice_labels))
        return f"<select {common}>{options}</select>"
    if f.kind == "flag":
        return f'<input type="checkbox" {common} value="true">'
    placeholder = {"date": "YYYY-MM-DD"}.get(f.kind, "")
    mode = "numeric" if f.kind in ("count", "rank", "grade", "date") else "decimal"
    required = ' aria-required="true"' if f.required else ""
    # A number the what-if chart can move (whatif.js offers these: xinzhou_policy/sweep.py).
    sweep = " data-sweep" if f in SWEEPABLE else ""
    return (f'<input type="text" {common} inputmode="{mode}" autocomplete="off"'
            f'{f" placeholder={chr(34)}{placeholder}{chr(34)}" if placeholder else ""}{required}{sweep}>')


def _field(f: Field, lang: str, follows: str = "") -> str:
    """follows: the situations an option is shown with (_picker.py), on a form with a picker."""
    label = f.label_zh if lang == "zh" else f.label_en
    help_text = f.help_zh if lang == "zh" else f.help_en
    mark = f' <span class="req">（{_TEXT[lang]["required"]}）</span>' if f.required else ""
    if lang == "en" and f.required:
        mark = f' <span class="req">({_TEXT[lang]["required"]})</span>'
    label_html = f'<label for="f-{f.name}" data-label="{escape(label)}">{escape(label)}{mark}</label>'
    flag = " is-flag" if f.kind == "flag" else ""
    control = _input(f, lang)
    # On phones the help folds behind this button, beside the control so that it adds no
    # height (calculators/web/field-help.js); elsewhere the button stays hidden and the help shown.
    toggle = (f'<button type="button" class="calc-help-toggle" aria-expanded="true" aria-controls="h-{f.name}" '
              f'aria-label="{_TEXT[lang]["help"]}{"：" if lang == "zh" else ": "}{escape(label)}" hidden>'
              f'{_TEXT[lang]["help"]}</button>')
    body = (f"{control} {label_html}{toggle}" if f.kind == "flag"
            else f'{label_html}<div class="calc-control">{control}{toggle}</div>')
    with_ = f' data-with="{follows}"' if follows else ""
    return (f'<div class="calc-field{flag}" data-field="{f.name}"{with_}>{body}'
            f'<p class="calc-help" id="h-{f.name}">{escape(help_text)}</p>'
            f'<p class="calc-error" id="e-{f.name}"></p></div>')


def _relative(page_url: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page_url) or ".")


def _engine_boot(page) -> dict[str, str]:
    """What the head of a calculator page holds (overrides/main.html renders page.meta
    ["engine_boot"]): the script that starts the engine early (calculators/web/boot.js), and the
    runtime's files for <meta name="xinzhou-engine">, as engine.js reads them, with the sizes of
    the two large ones, so that the page can show a download's total whatever the server's
    compression (calculators/web/download.js). The archive's size waits for its build, started
    in on_config."""
    return {"src": _relative(page.url, f"{ASSETS}/boot.js"), "files": _engine_files(page.url, sizes=True)}


def _engine_files(here: str, sizes: bool = False) -> str:
    files = {"runtime": _relative(here, f"{_state['runtime']}/pyodide.mjs"),
             "stdlib": _relative(here, f"{_state['rules']}/python.zip")}
    if sizes:
        files.update({"wasm-size": (PYODIDE / "pyodide.asm.wasm").stat().st_size,
                      "stdlib-size": _finished_runtime().stat().st_size})
    return urlencode(files, safe="/")


def _runtime_prefetch(page) -> dict[str, str] | None:
    """What the head of a reading page holds to fetch the runtime ahead (overrides/main.html
    renders page.meta["runtime_prefetch"]): the same <meta name="xinzhou-engine"> (its URLs; the
    sizes are for a calculator's progress), and calculators/web/prefetch.js."""
    src = page.file.src_uri
    if not (page_document(src) or src.removesuffix(".md").removesuffix(".en") in PREFETCH_PAGES):
        return None
    return {"src": _relative(page.url, f"{ASSETS}/prefetch.js"), "files": _engine_files(page.url)}


def _noscript(page, lang: str, tables: bool) -> str:
    """The message shown where JavaScript is off (calculator.css hides the engine's status); on
    a calculator, noscript.css shows every group of fields, since nothing picks."""
    cli = _relative(page.url, ("en/" if lang == "en" else "") + "estimate.html") + "#cli"
    text = _NOSCRIPT[lang].format(tables=_NOSCRIPT_TABLES[lang] if tables else "", cli=cli)
    style = f'<link rel="stylesheet" href="{_relative(page.url, ASSETS + "/noscript.css")}">' if tables else ""
    return f'<noscript><p class="calc-noscript">{text}</p>{style}</noscript>'


def _document_pages(here: str, lang: str) -> dict[str, str]:
    """Where each document's clauses are (a page's data-document-pages): an item's link, or a
    summary row's, goes to its clause's anchor there."""
    return {d: _relative(here, ("en/" if lang == "en" else "") + f"{d}.html") for d in DOCUMENTS}


def calculator(name: str, page, lang: str) -> str:
    page.meta["engine_boot"] = _engine_boot(page)
    if name == "batch":  # the batch page (_batch_page.py): the same runtime, its own page code
        return batch_app(lang, _relative(page.url, ASSETS), _noscript(page, lang, tables=False),
                         json.dumps(_document_pages(page.url, lang), separators=(",", ":")))
    if name not in CALCULATORS:
        raise PluginError(f"{page.file.src_uri}: unknown calculator {name!r}")
    command, fields, clauses = CALCULATORS[name]
    text = _TEXT[lang]
    used = {key: names for key, names in GROUPS.items() if any(f.group == key for f in fields)}
    chooser = picker(used, lang)
    # With a picker, a situation's group waits to be ticked (picker.js; noscript.css without it).
    waiting = set(situations(list(used))) if chooser else set()
    groups = []
    for key, (zh, en) in used.items():
        legend = zh if lang == "zh" else en
        groups.append(f'<fieldset data-group="{key}"{" hidden" if key in waiting else ""}>'
                      f"<legend>{escape(legend)}</legend>"
                      + "".join(_field(f, lang, shown_with(f, fields) if chooser else "")
                                for f in fields if f.group == key) + "</fieldset>")
    here = page.url
    pages = _document_pages(here, lang)
    attrs = {
        "data-calculator": name, "data-command": command, "data-clauses": " ".join(clauses),
        "data-document-pages": json.dumps(pages, separators=(",", ":")),
        "data-readings-page": _relative(here, ("en/" if lang == "en" else "") + "readings.html"),
    }
    shown = [c for c in clauses or AWARD_CLAUSES if document_of(c).parameters.of_clause(c)]
    return (
        f'<div class="calculator-app" {" ".join(f"{k}={chr(34)}{escape(v)}{chr(34)}" for k, v in attrs.items())}>'
        f'<p class="calc-status" role="status" aria-live="polite">{text["waiting"]}</p>'
        f"{_noscript(page, lang, tables=True)}"
        f'<form class="calculator" novalidate>{chooser}{"".join(groups)}'
        f'<div class="calc-actions"><button type="button" data-action="print">{text["print"]}</button>'
        f'<button type="reset">{text["reset"]}</button></div>'
        f'<div class="calc-summary" hidden><span></span> <button type="button" data-action="show-result">'
        f'{text["details"]}</button></div></form>'
        # Screen readers hear the total (or what to correct) once, when it changes, from the
        # live region calc-announce; the whole result would be too much to hear at each key.
        f'<p class="calc-announce" role="status" aria-live="polite" aria-atomic="true"></p>'
        f'<section class="calc-result"></section>'
        f'<section class="calc-print-sheet"></section>'
        # After the sheet: printed below it (calculator.css).
        f'<section class="calc-whatif" hidden></section>'
        f'<p class="calc-disclaimer-text" hidden>{escape(text["disclaimer"])}</p>'
        f"{table_links(shown, pages, lang)}"
        f'<link rel="stylesheet" href="{_relative(here, ASSETS + "/calculator.css")}">'
        f'<link rel="stylesheet" href="{_relative(here, ASSETS + "/chart.css")}">'
        f'<script type="module" src="{_relative(here, ASSETS + "/calculator.js")}"></script>'
        f"</div>"
    )


# ------------------------------------------------------------------------------ and back
_TABLE = re.compile(r'(<div class="generated award-table" data-clause="([\w-]+)">.*?</table></div>)', re.S)
_TO_CALCULATOR = {"zh": "用计算器估算本条 →", "en": "Estimate this clause with the calculator →"}


def _calculator_for(clause_id: str) -> str | None:
    """The focused calculator of a clause, else the full estimate if it covers the clause."""
    for name, (_, fields, clauses) in CALCULATORS.items():
        if clause_id in clauses:
            return name
    return "estimate" if clause_id in AWARD_CLAUSES else None


def on_page_content(html, page, config, files):
    """On a document's pages, each award table links to the calculator that computes its clause."""
    shown = page_document(page.file.src_uri)
    if not shown:
        return html
    lang = page_language(page.file.src_uri)
    calculators = ("en/" if lang == "en" else "") + "calculators/"

    def link(match: re.Match) -> str:
        name = _calculator_for(match[2])
        if name is None:
            return match[1]
        target = _relative(page.url, calculators + ("index" if name == "estimate" else name) + ".html")
        return (f'{match[1]}<p class="generated calc-link"><a href="{target}">'
                f"{_TO_CALCULATOR[lang]}</a></p>")

    return _TABLE.sub(link, html)


def on_page_markdown(markdown, page, config, files):
    lang = page_language(page.file.src_uri)
    if (prefetch := _runtime_prefetch(page)) is not None:
        page.meta["runtime_prefetch"] = prefetch
    return MARKER.sub(lambda m: calculator(m.group(1), page, lang), markdown)
