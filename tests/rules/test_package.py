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
from xinzhou_policy.clauses import CLAUSES, DEPARTMENTS, clause_exists
from xinzhou_policy.guidance import GUIDANCE
from xinzhou_policy.money import money_str, to_fen
from xinzhou_policy.parameters import PARAMETERS, UNITS, Parameter, Scale

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(xinzhou_policy.__file__).parent
POLICY_SOURCE = ROOT.parent / "shared" / "seeds" / "004_4f1d9f48732677d3.txt"


def _squeeze(text: str) -> str:
    """The scan's repairs that matter for quoting: no whitespace, full-width brackets."""
    table = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "〈": "（", "〉": "）"})
    return "".join(text.translate(table).split())


@pytest.fixture(scope="module")
def policy_text() -> str:
    if not POLICY_SOURCE.exists():
        pytest.skip(f"the policy source is not beside the repository: {POLICY_SOURCE}")
    return _squeeze(POLICY_SOURCE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("param", PARAMETERS, ids=lambda p: p.key)
def test_parameter_quotes_the_text_and_is_described(param, policy_text):
    assert _squeeze(param.wording_zh) in policy_text
    assert param.description_zh and param.description_en and clause_exists(param.clause)
    units = (param.unit,) if isinstance(param, Parameter) else (param.threshold_unit, param.amount_unit)
    assert all(u in UNITS for u in units)


@pytest.mark.parametrize("entry", GUIDANCE, ids=lambda g: g.id)
def test_guidance_quotes_the_text(entry, policy_text):
    for part in entry.wording_zh.split("……"):
        assert _squeeze(part) in policy_text
    assert clause_exists(entry.clause) and entry.applies_zh and entry.applies_en


def test_every_clause_names_its_responsible_units_from_the_text(policy_text):
    for clause in CLAUSES.values():
        for key in clause.departments:
            assert _squeeze(DEPARTMENTS[key].zh) in policy_text, key


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
                assert name.split(".")[0] in stdlib | {"__future__"}, (module.name, name)


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
    from xinzhou_policy.validation import LAND_FIELDS, PROFILE_FIELDS
    schemas = json.loads(_cli("schema").stdout)
    assert list(schemas["estimate"]["properties"]) == [f.name for f in PROFILE_FIELDS]
    assert list(schemas["land"]["properties"]) == [f.name for f in LAND_FIELDS]
    assert schemas["estimate"]["required"] == ["event_date"]
    assert schemas["land"]["properties"]["grade"]["maximum"] == len(
        next(p for p in PARAMETERS if isinstance(p, Scale) and p.clause == "policy-13").tiers)
