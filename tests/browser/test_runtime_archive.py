"""The runtime archive (python.zip) holds what the rules import, and only that.

scripts/runtime_zip.py builds it from a trace: the modules imported while the rules answered
every case input. A rule that imports a module only on a path no case takes (an `import` inside
a function, a codec named in a call) would be missing from it, and fail in the browser only.
So every module and codec named in the source of the rule modules the archive holds is imported
or used inside Pyodide under Node with that archive (node_imports.mjs).
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

from ..conftest import REPO

SCRIPT = REPO / "tests" / "browser" / "node_imports.mjs"
SOURCE = REPO / "calculators" / "src"


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
    return next((v.value for v in named if isinstance(v, ast.Constant) and isinstance(v.value, str)), None)


def named_in(source: Path, module: str) -> tuple[set[str], set[str]]:
    """The modules a rule module's source names in any `import` (at its top or inside a
    function; `from package import name` counts for `package.name` too, which may be a
    submodule) and the codecs it names in calls."""
    modules, codecs = set(), set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node, module, source.name == "__init__.py")
            modules.add(target)
            modules.update(f"{target}.{alias.name}" for alias in node.names
                           if _is_rule_module(f"{target}.{alias.name}"))
        elif (codec := _codec(node)) is not None:
            codecs.add(codec)
    return modules, codecs


def _is_rule_module(name: str) -> bool:
    path = SOURCE.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def archived_rules(archive: Path) -> dict[str, Path]:
    """module name: its source, for each rule module compiled into the archive."""
    rules = {}
    for member in zipfile.ZipFile(archive).namelist():
        if member.startswith("xinzhou_policy/") and member.endswith(".pyc"):
            source = SOURCE / (member[:-1])
            name = member[:-4].replace("/", ".").removesuffix(".__init__")
            rules[name] = source
    return rules


def test_every_import_and_codec_of_the_archived_rules_works_from_the_archive(site, tmp_path):
    node = shutil.which("node")
    assert node, "node is not on PATH (scripts/setup installs the npm packages with it)"
    archives = list(site.root.glob("runtime/rules-*/python.zip"))
    assert len(archives) == 1, archives
    rules = archived_rules(archives[0])
    assert "xinzhou_policy.cli" in rules and "xinzhou_policy.__main__" not in rules, sorted(rules)
    modules, codecs = set(), set()
    for name, source in rules.items():
        found = named_in(source, name)
        modules |= found[0]
        codecs |= found[1]
    # A rule module the sources name that is not in the archive (the glossary, the schema) is
    # a failure too: the import below cannot find it.
    names = tmp_path / "names.json"
    names.write_text(json.dumps({"modules": sorted(modules), "codecs": sorted(codecs)}), encoding="utf-8")
    run = subprocess.run([node, str(SCRIPT), str(archives[0]), str(names)], capture_output=True,
                         timeout=300, cwd=REPO)
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    assert json.loads(run.stdout) == {"modules": {}, "codecs": {}}
    assert {"csv", "tomllib", "zipfile"} <= modules and {"gb18030", "utf-8-sig"} <= codecs
