"""Runs inside Pyodide (under Node, at build time; see build_runtime.mjs): writes the one archive
the browser needs besides Pyodide's wasm: the standard-library modules the rules use, and the
rules themselves, compiled to bytecode.

Why: with the full python_stdlib.zip (2.5 MB, source only) Pyodide compiles every module it
imports from source at each start, which is most of its start-up time. Bytecode compiled here,
by the very interpreter the browser runs, is read as is (docs/performance.md has the figures).
It is compiled as `python -OO -X no_debug_ranges` would: no docstrings or asserts, no column
positions (line numbers stay); the driver sets PYTHONNODEBUGRANGES.

Which modules: what was imported once the rules had run, traced: those Pyodide itself imported
to boot, then every module imported while the module the worker imports (cli) answered every
case input through every command of cli.COMMANDS, and every batch request on every batch case
file (CSV and .xlsx) (the driver copies the case files in: tests/rules/cases, tests/rules/batch,
calculators/examples). Codecs are modules too (encodings.gb18030 when a GB18030 file is read),
so the trace holds them. The command line (__main__), the glossary and the schema, which only
the site build and the command line use, stay out. A module a rule imports only on a path no
case takes would be missing: tests/site/test_runtime_archive.py compares every `import` and
codec named in the archived rules' source with the archive.

Set by the driver: PACKAGE_DIR (the package's source, copied into the virtual file system),
CASES_DIR (the case files, one folder per source), OUT_ZIP, OUT_MANIFEST.
"""

import sys

BOOT = set(sys.modules)  # what Pyodide imported to start, before this script imports anything

import base64  # noqa: E402  (each of these is among BOOT: checked in build())
import importlib  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import zipfile  # noqa: E402
from importlib._bootstrap_external import _code_to_hash_pyc  # noqa: E402

TOOLS = {"base64", "importlib", "importlib.util", "json", "os", "zipfile"}
ENTRY = "xinzhou_policy.cli"  # what the browser's worker imports
STDLIB = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"


def _files(cases_dir: str, suffix: str) -> list[str]:
    return sorted(f"{root}/{name}" for root, _, names in os.walk(cases_dir)
                  for name in names if name.endswith(suffix))


def _case_inputs(cases_dir: str) -> list[str]:
    """The JSON text of every case file's input (its `profile` or `land` table) and of every
    example. tomllib, imported here to read the case files, is forgotten again, so that the
    rules' own need of it is traced as if this function had not run."""
    before = set(sys.modules)
    import tomllib
    texts = [json.dumps(case.get("profile", case.get("land")), ensure_ascii=False)
             for path in _files(cases_dir, ".toml")
             for case in tomllib.loads(open(path, encoding="utf-8").read())["case"]]
    for name in set(sys.modules) - before:
        del sys.modules[name]
    return texts + [open(path, encoding="utf-8").read() for path in _files(cases_dir, ".json")
                    if not path.endswith(".output.json")]  # an example's output is no input


def _trace(package_dir: str, cases_dir: str) -> dict[str, int]:
    """Import the entry point and run every case through it: sys.modules then holds what the
    rules import. Returns how many requests of each command ran."""
    inputs = _case_inputs(cases_dir)
    sys.path.insert(0, package_dir)
    cli = importlib.import_module(ENTRY)
    ran = {}
    for command in cli.COMMANDS:
        if command == "batch":  # the batch page's requests (batch.request), on each batch file
            requests = [{"op": "template"}]
            for path in _files(cases_dir, ".csv") + _files(cases_dir, ".xlsx"):
                data = base64.b64encode(open(path, "rb").read()).decode("ascii")
                requests += [{"op": "open", "data": data}, {"op": "compute", "stop": 10**6},
                             {"op": "page", "start": 0, "stop": 50},
                             {"op": "page", "start": 0, "stop": 50, "errors_only": True},
                             {"op": "csv"}, {"op": "xlsx"}]
            texts = [json.dumps(r) for r in requests]
        else:  # every input through every command: the answers and the input errors alike
            texts = inputs
        for text in texts:
            cli.run_text(command, text)
        ran[command] = len(texts)
    cli.prepare()  # what the worker runs before its snapshot
    return ran


def _stdlib_files(modules: set[str]) -> set[str]:
    prefix = STDLIB + "/"
    files = (getattr(sys.modules[m], "__file__", None) or "" for m in modules)
    return {f[len(prefix):] for f in files if f.startswith(prefix)}


def build(package_dir: str, cases_dir: str, out_zip: str, out_manifest: str) -> dict:
    if TOOLS - BOOT:  # a module this script alone imported would hide a need of the rules
        raise RuntimeError(f"runtime_zip.py imports modules Pyodide did not: {TOOLS - BOOT}")
    ran = _trace(package_dir, cases_dir)
    package = ENTRY.split(".")[0]
    modules = sorted(m for m in sys.modules if m.split(".")[0] == package)

    stdlib = zipfile.ZipFile(STDLIB)
    members = {n: stdlib.read(n) for n in sorted(_stdlib_files(set(sys.modules)))}
    package_root = package_dir.rstrip("/") + "/"
    for module in modules:
        path = sys.modules[module].__file__
        members[path[len(package_root):]] = open(path, "rb").read()
    # The data the rules read at run time: the document registry and the dated parameters.
    for path in _files(package_root + package, ".toml"):
        members[path[len(package_root):]] = open(path, "rb").read()
    written = []
    with zipfile.ZipFile(out_zip, "w", zipfile.ZIP_STORED) as out:
        # Stored, not deflated: the web server compresses the whole file better (brotli or
        # gzip across all modules), and reading a stored member costs nothing.
        directories = {n[:i + 1] for n in members for i, c in enumerate(n) if c == "/"}
        for directory in sorted(directories):
            out.writestr(zipfile.ZipInfo(directory), b"")
        for member, data in members.items():
            written.append(_write(out, member, data))
    manifest = {
        "python": sys.version.split()[0],
        "boot_modules": sorted(BOOT),
        "builtin_modules": sorted(sys.builtin_module_names),
        "requests_traced": ran,
        "traced_modules": sorted(set(sys.modules) - BOOT),
        "rule_modules": modules,
        "members": written,
    }
    with open(out_manifest, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1)
    return manifest


def _write(out: zipfile.ZipFile, member: str, data: bytes) -> str:
    if not member.endswith(".py"):
        out.writestr(member, data)
        return member
    # Without docstrings and asserts, as `python -OO` runs it: a sixth fewer bytes. The rules
    # use no assert; Pyodide's _pyodide.docstring allows for a missing docstring.
    code = compile(data, member, "exec", dont_inherit=True, optimize=2)
    # Unchecked hash-based pyc: valid without a source to compare against.
    pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), False)
    member = member[:-3] + ".pyc"
    out.writestr(member, bytes(pyc))
    return member


build(PACKAGE_DIR, CASES_DIR, OUT_ZIP, OUT_MANIFEST)  # noqa: F821  (set by build_runtime.mjs)
