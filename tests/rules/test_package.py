"""The package's shape: data that quotes the text, standard library only, a pure wheel, the CLI."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import xinzhou_policy
from xinzhou_policy.guidance import entries as guidance_entries
from xinzhou_policy.money import money_str, to_fen
from xinzhou_policy.profile import COMMANDS, PROFILE_FIELDS
from xinzhou_policy.registry import DEPARTMENTS, DOCUMENTS, document_of, kind_of

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(xinzhou_policy.__file__).parent
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
from _documents import text_page  # noqa: E402  where each version's page is (CONVENTIONS.md)
# Every parameter of every document, with its document (the values quote the texts received).
PARAMETERS = [(doc, p) for doc in DOCUMENTS.values() for p in doc.parameters.all.values()]


def _squeeze(text: str) -> str:
    """The scan's repairs that matter for quoting: no whitespace, full-width brackets."""
    table = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "〈": "（", "〉": "）"})
    return "".join(text.translate(table).split())


def version_text(doc, version) -> str:
    """The words of one version, squeezed: as received (shared/seeds/) where the registry names
    the file, else its published Chinese page, which is the text exactly (a version added by
    scripts/new_version.py, a document by scripts/new_document.py)."""
    if version.source:
        received = SEEDS / version.source
        if not received.exists():
            pytest.skip(f"{received} is not beside the repository")
        return _squeeze(received.read_text(encoding="utf-8"))
    page = text_page(doc, version)
    return _squeeze((ROOT / "docs" / page).read_text(encoding="utf-8"))


def source_text(doc) -> str:
    """The words of every version of a document, squeezed: each as received where the registry
    names its file, else its published page (as the guide says: the page stands in for it)."""
    return "".join(version_text(doc, version) for version in doc.versions)


@pytest.mark.parametrize("doc, param", PARAMETERS, ids=lambda x: getattr(x, "key", ""))
def test_parameter_quotes_the_text_and_is_described(doc, param):
    for entry in param.entries:
        # Each value quotes the version it entered with (the first, for a value from outside
        # the document, a reference, which quotes the words that point to it).
        version = doc.status_on(entry.start).version
        assert _squeeze(entry.wording_zh) in version_text(doc, version), (param.key, entry.start)
    assert param.description_zh and param.description_en
    assert document_of(param.clause) is doc and kind_of(param.clause) in ("clause", "article")


@pytest.mark.parametrize("entry", guidance_entries(), ids=lambda g: g.id)
def test_guidance_quotes_the_text(entry):
    doc = document_of(entry.clause)
    text = source_text(doc)
    for part in entry.wording_zh.split("……"):
        assert _squeeze(part) in text
    assert kind_of(entry.clause) in ("clause", "article") and entry.applies_zh and entry.applies_en


@pytest.mark.parametrize("doc", [d for d in DOCUMENTS.values() if d.clauses], ids=lambda d: d.id)
def test_every_clause_names_its_responsible_units_from_the_text(doc):
    text = source_text(doc)
    for clause in doc.clauses.values():
        for key in clause.departments:
            assert _squeeze(DEPARTMENTS[key].zh) in text, key


def test_rounding_is_half_up_to_the_fen():
    assert to_fen(Decimal("0.005")) == Decimal("0.01")
    assert to_fen(Decimal("0.0049")) == Decimal("0.00")
    assert to_fen(Decimal("2.675")) == Decimal("2.68")  # a float would give 2.67
    assert money_str(Decimal("1000000")) == "1000000.00"


def test_standard_library_only():
    stdlib = set(sys.stdlib_module_names)
    for module in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in stdlib | {"__future__", "xinzhou_policy"}, (module.name, name)


def test_wheel_is_pure_and_runs_in_isolation(tmp_path):
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path),
                    str(ROOT / "calculators")], check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("*.whl")
    assert wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as z:
        assert not [n for n in z.namelist() if n.endswith((".so", ".pyd"))]
    # -I: isolated mode, no site-packages: the wheel alone, on the standard library.
    code = ("import sys, json; sys.path.insert(0, sys.argv[1]); import xinzhou_policy as x; "
            "print(x.estimate({'event_date': '2024-01-01', 'incumbent_trainees': 2})['total'])")
    out = subprocess.run([sys.executable, "-I", "-c", code, str(wheel)], check=True,
                         capture_output=True, text=True, timeout=60).stdout
    assert Decimal(out) > 0


def _cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xinzhou_policy", *args], input=stdin,
                          capture_output=True, timeout=60)


@pytest.mark.parametrize("stdin, code", [
    (b"[1, 2]", "not_object"),
    (b"{bad json", "malformed_json"),
    (b"", "malformed_json"),
    ("{\"event_date\": \"2024-01-01\"}".encode("gb18030") + b"\xff", "not_utf8"),
])
def test_cli_bad_documents(stdin, code):
    run = _cli("estimate", "-", stdin=stdin)
    assert run.returncode == 2 and b"Traceback" not in run.stderr
    assert [e["code"] for e in json.loads(run.stdout)["errors"]] == [code]


def test_cli_missing_file(tmp_path):
    run = _cli("land", str(tmp_path / "absent.json"))
    assert run.returncode == 2 and b"Traceback" not in run.stderr
    assert json.loads(run.stdout)["errors"][0]["code"] == "unreadable"


def test_cli_reads_a_file_with_a_bom(tmp_path):
    path = tmp_path / "profile.json"
    path.write_text('{"event_date": "2024-01-01", "incumbent_trainees": 1}', encoding="utf-8-sig")
    run = _cli("estimate", str(path))
    assert run.returncode == 0, run.stdout
    assert json.loads(run.stdout)["items"][0]["clause"] == "policy-16"


def test_schema_covers_every_field():
    schemas = json.loads(_cli("schema").stdout)
    assert list(schemas["estimate"]["properties"]) == [f.name for f in PROFILE_FIELDS]
    for name, (_, fields, _, _) in COMMANDS.items():
        assert list(schemas[name]["properties"]) == [f.name for f in fields]
    assert schemas["estimate"]["required"] == ["event_date"]
    assert schemas["land"]["required"] == ["grade", "area_m2"]


def test_the_result_schema_says_what_every_field_means():
    """Every field an estimate holds (top level, an item, a document entry, what would have been)
    is described in both languages: the schema cannot fall behind the output."""
    schema = json.loads(_cli("schema", "estimate-result").stdout)["properties"]
    outside = json.loads(_cli("estimate", "-", stdin=json.dumps({"event_date": "2030-01-01", "incumbent_trainees": 10}).encode()).stdout)
    inside = json.loads(_cli("estimate", "-", stdin=json.dumps({"event_date": "2024-06-01", "incumbent_trainees": 10}).encode()).stdout)
    for result in (inside, outside):
        assert set(result) <= set(schema)
        described = [(schema["items"]["items"], i) for i in result["items"]]
        described += [(schema["if_within_validity"]["properties"]["items"]["items"], i)
                      for i in result.get("if_within_validity", {}).get("items", [])]
        described += [(schema["documents"]["items"], d) for d in result["documents"]]
        assert described
        for part, entry in described:
            assert set(entry) <= set(part["properties"]), set(entry) - set(part["properties"])
    for field in (*schema.values(), *schema["items"]["items"]["properties"].values()):
        assert field["description"] and field["x-description-zh"]


def test_prepare_reads_the_data_the_first_request_would():
    """cli.prepare(), called by the browser's engine before its snapshot, leaves nothing for the
    first estimate to read: the same TOML parsing then takes place before it, not during it."""
    code = ("import json, tomllib; import xinzhou_policy.cli as cli; calls = []; loads = tomllib.loads; "
            "tomllib.loads = lambda *a, **k: calls.append(1) or loads(*a, **k); "
            "cli.prepare(); before = len(calls); "
            "cli.run_text('estimate', json.dumps({'event_date': '2024-06-30', 'revenue': 1})); "
            "print(before, len(calls) - before)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 0 and out[1] == "0", out
