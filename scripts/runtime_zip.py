"""Runs inside Pyodide (under Node, at build time; see build_runtime.mjs): writes the one archive
the browser needs besides Pyodide's wasm: the standard-library modules the rules use, and the
rules themselves, compiled to bytecode.

Why: with the full python_stdlib.zip (2.5 MB, source only) Pyodide compiles every module it
imports from source at each start, which is most of its start-up time. Bytecode compiled here,
by the very interpreter the browser runs, is read as is (docs/performance.md has the figures).
It is compiled as `python -OO -X no_debug_ranges` would: no docstrings or asserts, no column
positions (line numbers stay); the driver sets PYTHONNODEBUGRANGES.

Which modules: those Pyodide itself imported to boot; the rule package's modules reachable from
the module the worker imports (cli), following every `import` in their source, those inside
functions too; every module those name, with its own imports; and the codec of every
`.decode("…")`, `.encode("…")` or `encoding="…"` in them (so the batch's GB18030 decoding works).
The command line (__main__), the glossary and the schema, which only the site build and the
command line use, stay out.

Set by the driver: PACKAGE_DIR (the package's source, copied into the virtual file system),
OUT_ZIP, OUT_MANIFEST.
"""

import sys

BOOT = set(sys.modules)  # what Pyodide imported to start, before this script imports anything

import ast  # noqa: E402  (each of these is among BOOT: checked in build())
import codecs  # noqa: E402
import importlib  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import zipfile  # noqa: E402
from importlib._bootstrap_external import _code_to_hash_pyc  # noqa: E402

TOOLS = {"ast", "codecs", "importlib", "importlib.util", "json", "os", "zipfile"}
ENTRY = "xinzhou_policy.cli"  # what the browser's worker imports
STDLIB = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _codec(node: ast.AST) -> str | None:
    """The codec a call names: `x.decode("gb18030")`, `x.encode("utf-8")`, `encoding="…"`."""
    if not isinstance(node, ast.Call):
        return None
    named = [k.value for k in node.keywords if k.arg == "encoding"]
    if isinstance(node.func, ast.Attribute) and node.func.attr in ("decode", "encode") and node.args:
        named.append(node.args[0])
    for value in named:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    return None


def _imports_and_codecs(module: str) -> tuple[set[str], set[str]]:
    """What a module names in any `import` (at its top or inside a function) and any codec
    it names in a call, from its source."""
    loaded = sys.modules[module]
    is_package = hasattr(loaded, "__path__")
    imports, codecs_named = set(), set()
    for node in ast.walk(ast.parse(open(loaded.__file__, encoding="utf-8").read())):
        if isinstance(node, ast.Import):
            imports.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node, module, is_package)
            imports.add(target)
            # `from . import batch` names a submodule; `from json import loads` does not.
            if hasattr(importlib.import_module(target), "__path__"):
                imports.update(f"{target}.{alias.name}" for alias in node.names
                               if importlib.util.find_spec(f"{target}.{alias.name}") is not None)
        elif (name := _codec(node)) is not None:
            codecs_named.add(codecs.lookup(name).name)
    return imports, codecs_named


def _closure(package_dir: str, entry: str) -> tuple[list[str], set[str], set[str]]:
    """The rule package's modules reachable from the entry point, with every module and codec
    they name, all imported (so their own imports are in sys.modules too)."""
    sys.path.insert(0, package_dir)
    package = entry.split(".")[0]
    importlib.import_module(entry)
    seen, named, codecs_named = set(), set(), set()
    while todo := sorted(m for m in sys.modules if m.split(".")[0] == package and m not in seen):
        for module in todo:
            seen.add(module)
            imports, found = _imports_and_codecs(module)
            named |= {i for i in imports if i.split(".")[0] != package}
            codecs_named |= found
            for name in sorted(imports):
                importlib.import_module(name)
    for name in sorted(codecs_named):
        codecs.lookup(name)
    return sorted(seen), named, codecs_named


def _data_files(directory: str) -> list[str]:
    """Every .toml file under the package (os.walk is among the modules Pyodide boots with)."""
    return sorted(f"{root}/{name}" for root, _, names in os.walk(directory)
                  for name in names if name.endswith(".toml"))


def _stdlib_files(modules: set[str]) -> set[str]:
    prefix = STDLIB + "/"
    files = (getattr(sys.modules[m], "__file__", None) or "" for m in modules)
    return {f[len(prefix):] for f in files if f.startswith(prefix)}


def build(package_dir: str, out_zip: str, out_manifest: str) -> dict:
    if TOOLS - BOOT:  # a module this script alone imported would hide a need of the rules
        raise RuntimeError(f"runtime_zip.py imports modules Pyodide did not: {TOOLS - BOOT}")
    modules, named, encodings = _closure(package_dir, ENTRY)

    stdlib = zipfile.ZipFile(STDLIB)
    members = {n: stdlib.read(n) for n in sorted(_stdlib_files(set(sys.modules)))}
    package_root = package_dir.rstrip("/") + "/"
    for module in modules:
        path = sys.modules[module].__file__
        members[path[len(package_root):]] = open(path, "rb").read()
    # The data the rules read at run time: the document registry and the dated parameters.
    for path in _data_files(package_root + ENTRY.split(".")[0]):
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
        "rule_modules": modules,
        "imports_named_by_rules": sorted(named),
        "codecs_named_by_rules": sorted(encodings),
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


build(PACKAGE_DIR, OUT_ZIP, OUT_MANIFEST)  # noqa: F821  (set by build_runtime.mjs)
