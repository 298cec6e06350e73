"""The document registry: versions and their dates, a document's status on any day, the values
in force on a day, an estimate that applies each document by its status, and no code outside a
document's own files that names a document."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import xinzhou_policy
from xinzhou_policy import registry
from xinzhou_policy.estimate import estimate
from xinzhou_policy.params import Parameters
from xinzhou_policy.registry import DOCUMENTS, Document, Version

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(xinzhou_policy.__file__).parent
POLICY = DOCUMENTS["policy"]


def _document(versions: list[dict], **fields) -> Document:
    """A document made from registry-shaped data, through the registry's own loader."""
    linked = sorted((registry._version("x", v) for v in versions), key=lambda v: v.in_force)
    ends = [min([d for d in (v.expires, nxt.in_force.fromordinal(nxt.in_force.toordinal() - 1) if nxt else None) if d],
                default=None) for v, nxt in zip(linked, [*linked[1:], None])]
    return replace(POLICY, id="x", versions=tuple(replace(v, last_day=e) for v, e in zip(linked, ends)), **fields)


def test_the_policy_runs_three_years_counting_its_first_day():
    version = POLICY.first
    assert (version.in_force, version.validity_years, version.last_day) == (date(2022, 12, 22), 3, date(2025, 12, 21))
    assert version.last_day_other_reading == date(2025, 12, 22)  # Civil Code arts. 201-202


def as_issued(doc: Document) -> Document:
    """A document as its first version made it: no later version, no successor (what the
    registry held before any; tests of the first version's own edges hold whatever is added)."""
    first = replace(doc.first, last_day=doc.first.expires)
    return replace(doc, versions=(first,), superseded_by=())


@pytest.mark.parametrize("day, code", [
    (date(2022, 12, 21), "not_yet"),
    (date(2022, 12, 22), "in_force"),
    (date(2025, 12, 21), "in_force"),
    (date(2025, 12, 22), "expired"),
])
def test_status_of_the_policy_as_issued_on_a_day(day, code):
    status = as_issued(POLICY).status_on(day)
    assert (status.code, status.version.id) == (code, "2022-12-22")


def test_versions_follow_each_other_and_a_gap_is_no_validity():
    doc = _document([{"id": "a", "in_force": date(2020, 1, 1), "validity_years": 2},
                     {"id": "b", "in_force": date(2021, 6, 1)},
                     {"id": "c", "in_force": date(2024, 1, 1), "expires": date(2024, 12, 31)}])
    assert [v.last_day for v in doc.versions] == [date(2021, 5, 31), date(2023, 12, 31), date(2024, 12, 31)]
    assert doc.status_on(date(2021, 6, 1)).version.id == "b"
    assert doc.status_on(date(2025, 1, 1)).code == "expired"
    gap = _document([{"id": "a", "in_force": date(2020, 1, 1), "expires": date(2020, 12, 31)},
                     {"id": "b", "in_force": date(2021, 3, 1)}])
    status = gap.status_on(date(2021, 2, 1))
    assert (status.code, status.version.id) == ("expired", "a")
    assert gap.day_within(status.version, date(2021, 2, 1)) == date(2020, 12, 31)


def test_a_value_applies_from_its_date_and_earlier_ones_stay():
    data = {"award": {"clause": "x-1", "unit": "yuan", "description_zh": "奖励", "description_en": "Award",
                      "values": [{"from": date(2023, 1, 1), "value": "300", "wording_zh": "三百元"},
                                 {"from": date(2020, 1, 1), "value": "200", "wording_zh": "二百元"}]}}
    p = Parameters("x", data)
    assert [e.start for e in p.all["award"].entries] == [date(2020, 1, 1), date(2023, 1, 1)]
    assert p.at(date(2022, 12, 31)).award.value == 200
    assert p.at(date(2023, 1, 1)).award.value == 300
    with pytest.raises(AttributeError, match="in force on 2019-12-31"):
        p.at(date(2019, 12, 31)).award  # noqa: B018
    data["award"]["values"][0]["value"] = 0.3  # a binary float never enters
    with pytest.raises(TypeError):
        Parameters("x", data)


def test_an_event_after_a_successor_points_to_it(monkeypatch):
    successor = replace(_document([{"id": "s", "in_force": date(2026, 1, 1)}]), id="successor",
                        title_zh="后继政策", title_en="Successor Policy", number="忻政办发〔2026〕1号",
                        superseded_by=(), supersedes=("policy",))
    monkeypatch.setitem(registry.DOCUMENTS, "successor", successor)
    monkeypatch.setattr(POLICY, "superseded_by", ("successor",))
    result = estimate({"event_date": "2026-06-30", "incumbent_trainees": 10})
    warning = next(w for w in result["warnings"] if w["document"] == "policy")
    assert warning["code"] == "superseded" and "后继政策" in warning["message_zh"]
    assert "Successor Policy" in warning["message_en"]
    entry = {d["id"]: d for d in result["documents"]}["policy"]
    assert (entry["status"], entry["successor"], entry["applied"]) == ("superseded", "successor", False)
    assert result["items"] == [] and result["if_within_validity"]["total"] != "0.00"


def test_a_successor_alone_relates_the_two():
    """`supersedes` in the successor's data is the whole relation: the replaced document's side
    follows (test_an_event_after_a_successor_points_to_it: what it does to an estimate)."""
    old = replace(as_issued(POLICY), superseded_by=())
    successor = replace(_document([{"id": "s", "in_force": date(2026, 1, 1)}]), id="successor",
                        supersedes=("policy",))
    registry._link({"policy": old, "successor": successor})
    assert old.superseded_by == ("successor",) and successor.superseded_by == ()
    with pytest.raises(ValueError, match="no document 'gone'"):
        registry._link({"successor": replace(successor, supersedes=("gone",))})


def test_every_document_is_listed_with_why_it_applied_or_not():
    result = estimate({"event_date": "2024-06-01", "incumbent_trainees": 10})
    entries = {d["id"]: d for d in result["documents"]}
    assert list(entries) == list(DOCUMENTS)
    assert entries["policy"]["applied"] is True and entries["policy"]["total"] == result["total"]
    assert entries["regulation"]["applied"] is False and entries["regulation"]["status"] == "not_yet"
    for entry in entries.values():
        assert entry["reason_zh"] and entry["reason_en"]
    item = result["items"][0]
    assert (item["document"], item["document_number"], item["version"]) == ("policy", POLICY.number, "2022-12-22")
    assert item["version_number"] == POLICY.number  # 81号 as issued has no 文号 of its own


def test_an_amending_version_is_cited_by_its_own_number(monkeypatch):
    amended = _document([{"id": "2022-12-22", "in_force": date(2022, 12, 22), "validity_years": 3},
                         {"id": "2026-03-01", "in_force": date(2026, 3, 1), "expires": date(2029, 2, 28),
                          "number": "忻政办发〔2026〕9号"}])
    monkeypatch.setitem(registry.DOCUMENTS, "policy", replace(amended, id="policy"))
    items = {d: estimate({"event_date": d, "incumbent_trainees": 10})["items"][0]
             for d in ("2024-06-01", "2026-06-30")}
    assert [(i["version"], i["document_number"], i["version_number"]) for i in items.values()] == [
        ("2022-12-22", POLICY.number, POLICY.number), ("2026-03-01", POLICY.number, "忻政办发〔2026〕9号")]
    # The number to cite, on the page and the print sheet (the documents list) and in the batch column.
    later = estimate({"event_date": "2026-06-30", "incumbent_trainees": 10})
    assert {d["id"]: d for d in later["documents"]}["policy"]["version_number"] == "忻政办发〔2026〕9号"
    from xinzhou_policy.batch import BatchJob
    rows = BatchJob("event_date,incumbent_trainees\n2024-06-01,10\n2026-06-30,10\n".encode()).to_csv().splitlines()
    assert [row.split(",")[-2] for row in rows[1:]] == [POLICY.number, "忻政办发〔2026〕9号"]


@pytest.fixture
def documents_restored():
    """The registry's documents as they were, in their order, after the test: a key deleted and
    put back by monkeypatch would come back last, and the pages' order (the timeline's, the
    lists') follows the dict's."""
    kept = dict(registry.DOCUMENTS)
    yield registry.DOCUMENTS
    registry.DOCUMENTS.clear()
    registry.DOCUMENTS.update(kept)


def test_a_document_that_gives_nothing_is_not_warned_about_while_another_applies(documents_restored):
    """Outside its validity, the policy is warned about when it would have given something, or
    when no document applies at all; else the documents list alone says why it was not applied."""
    documents = documents_restored
    documents.clear()
    documents["policy"] = as_issued(POLICY)  # the policy as issued, alone
    other = replace(_document([{"id": "o", "in_force": date(2026, 1, 1)}]), id="other")
    other.__dict__.update(rules=POLICY.rules, parameters=POLICY.parameters)  # the policy's, in force from 2026
    warned = lambda r: [w["document"] for w in r["warnings"] if w["code"] == "outside_validity"]  # noqa: E731
    nothing = {"event_date": "2026-06-30"}
    assert warned(estimate(nothing)) == ["policy"]  # no document applies
    documents["other"] = other
    result = estimate(nothing)
    assert result["within_validity"] is True and warned(result) == []
    assert {d["id"]: d["applied"] for d in result["documents"]}["policy"] is False
    assert warned(estimate({**nothing, "incumbent_trainees": 10})) == ["policy"]  # it would have given 3,000


def test_the_documents_keep_their_registry_order():
    """Runs after the one above (file order): its fixture put them back as they were (the old
    monkeypatch.delitem put the regulation back last, and the timeline test then failed)."""
    assert list(registry.DOCUMENTS) == [d.id for d in sorted(registry.DOCUMENTS.values(), key=lambda d: (d.order, d.id))]


# ------------------------------------------------------------------------------ names
def _literals_py(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docstrings]


def _literals_js(path: Path) -> list[str]:
    return re.findall(r"""["'`]([^"'`\n]*)["'`]""", path.read_text(encoding="utf-8"))


def named_documents(path: Path) -> list[str]:
    """String literals of a module that name a document of the registry: its id, one of its
    section ids, or its 文号."""
    literals = _literals_js(path) if path.suffix in (".js", ".html") else _literals_py(path)
    found = []
    for doc in DOCUMENTS.values():
        names = re.compile(rf"(?<![\w-]){re.escape(doc.id)}(?:-[\w-]+)?(?![\w-])")
        found += [text for text in literals if names.fullmatch(text.strip()) or (doc.number and doc.number in text)]
    return found


SHARED_CODE = sorted([
    *(p for p in PACKAGE.rglob("*.py") if "documents" not in p.relative_to(PACKAGE).parts),
    *(ROOT / "scripts" / "hooks").glob("*.py"),
    *(ROOT / "calculators" / "web").glob("*.js"),
    *(ROOT / "overrides").rglob("*.html"),
])


@pytest.mark.parametrize("path", SHARED_CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_shared_module_names_a_document(path):
    assert named_documents(path) == []


def test_the_name_check_finds_a_planted_name(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('"""The policy\'s rules."""\nA = "policy"\nB = "policy-4"\nC = "the policy"\n'
                       'D = "忻政办发〔2022〕81号 award"\n', encoding="utf-8")
    assert named_documents(planted) == ["policy", "policy-4", "忻政办发〔2022〕81号 award"]
    script = tmp_path / "planted.js"
    script.write_text('const page = "regulation.md"; const id = `regulation-12`;\n', encoding="utf-8")
    assert named_documents(script) == ["regulation-12"]


@pytest.mark.parametrize("day, effects", [
    (date(2019, 12, 31), ["not_yet", "not_yet"]),  # before the first text
    (date(2021, 5, 31), ["valid", "not_yet"]),  # the first text's last day
    (date(2021, 6, 1), ["invalid", "valid"]),  # the second replaces it
    (date(2024, 1, 1), ["invalid", "invalid"]),  # the second's validity has ended
])
def test_the_validity_status_of_each_text_follows_from_its_dates(day, effects):
    """有效性 (gov.cn's document field) is derived, never typed: 有效, 失效 once a text's validity
    ended or a later version replaced it, 尚未施行 before its entry into force."""
    doc = _document([{"id": "a", "in_force": date(2020, 1, 1), "validity_years": 2},
                     {"id": "b", "in_force": date(2021, 6, 1), "expires": date(2023, 12, 31)}])
    assert [doc.effect_on(v, day) for v in doc.versions] == effects


def test_a_document_a_successor_supersedes_is_repealed(monkeypatch):
    successor = replace(_document([{"id": "s", "in_force": date(2026, 1, 1)}]), id="successor",
                        supersedes=("policy",))
    monkeypatch.setitem(registry.DOCUMENTS, "successor", successor)
    monkeypatch.setattr(POLICY, "superseded_by", ("successor",))
    assert POLICY.effect_on(POLICY.latest, date(2025, 12, 31)) == "invalid"  # expired, not yet replaced
    assert POLICY.effect_on(POLICY.latest, date(2026, 1, 1)) == "repealed"
