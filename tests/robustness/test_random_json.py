"""Issue 19: random JSON text fed to the command line, for every command that reads JSON.

The text is written here rather than by json.dumps, so that it holds what a parser meets in the
wild: numbers of any length and exponent, -0, lone surrogates in keys and strings, unknown and
known keys with values of every type, nesting, and bytes that are not UTF-8. In process, through
cli.run_bytes (what main() and the browser's worker call); then a few examples as a real process,
for the exit status. Always exit status 0 or 2, JSON that is valid UTF-8, and for 2 errors in
both languages; each example within a deadline. `batch` reads CSV: random rows through BatchJob,
one output row for each input row. (`schema` reads nothing.)
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xinzhou_policy.batch import INPUT_COLUMNS, BatchJob
from xinzhou_policy.cli import run_bytes
from xinzhou_policy.profile import COMMANDS, PROFILE_FIELDS
from xinzhou_policy.validation import InputError

from .running import run_cli

IN_PROCESS = settings(max_examples=100, deadline=timedelta(seconds=10),
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
BATCH = settings(IN_PROCESS, max_examples=40)
AS_A_PROCESS = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FIELDS = {"estimate": [f.name for f in PROFILE_FIELDS],
          **{name: [f.name for f in fields] for name, (_, fields, *_) in COMMANDS.items()}}


@dataclass(frozen=True)
class Number:
    """A JSON number as written: any length, any exponent."""
    text: str


numbers = st.one_of(
    st.integers().map(lambda n: Number(str(n))),
    st.from_regex(r"\A-?(0|[1-9][0-9]{0,40})(\.[0-9]{1,40})?([eE][+-]?[0-9]{1,5})?\Z").map(Number),
    st.sampled_from(["-0", "-0.0", "0E+99999", "1E+99999", "-1E+99999", "1E-99999", "9" * 5000,
                     "-1" + "0" * 4400, "0." + "0" * 3000 + "1", "1e400", "1.5", "2", "15", "16"]).map(Number),
)
# Text that looks almost like a value of some field, and any text (lone surrogates in JSON only:
# a CSV file is bytes, which cannot hold them).
cells = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.from_regex(r"\A[ +\-]?[0-9]{0,20}(\.[0-9]{0,6})?([eE][+-]?[0-9]{1,4})?\Z"),
    st.from_regex(r"\A[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}\Z"),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["NaN", "Infinity", "-inf", "true", "leading", "backbone", "none", "each", "highest",
                     "all", "employed", "2006-12-31", "0001-01-01", "9999-12-31", "2025-12-22", "１２３"]),
)
texts = st.one_of(cells, st.text(max_size=20),
                  st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3))
values = st.recursive(st.none() | st.booleans() | numbers | texts,
                      lambda children: st.lists(children, max_size=3)
                      | st.dictionaries(texts, children, max_size=3), max_leaves=8)


def objects(command: str) -> st.SearchStrategy[dict]:
    keys = st.one_of(st.sampled_from(FIELDS[command]), texts)
    return st.dictionaries(keys, values, max_size=len(FIELDS[command]) + 2)


def _write(value) -> str:
    """JSON text; strings with \\u escapes for what is not ASCII (lone surrogates too)."""
    if isinstance(value, Number):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_write(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(map(_write, value)) + "]"
    return json.dumps(value)


@st.composite
def documents(draw, command: str) -> bytes:
    body = _write(draw(st.one_of(objects(command), objects(command), objects(command), values)))
    shape = draw(st.sampled_from(["plain", "plain", "plain", "nested", "cut", "latin1", "bom"]))
    if shape == "nested":
        depth = draw(st.integers(min_value=1, max_value=100_000))
        body = "[" * depth + body + "]" * draw(st.integers(min_value=0, max_value=depth))
    elif shape == "cut":
        body = body[:draw(st.integers(min_value=0, max_value=len(body)))]
    raw = body.encode("utf-8", errors="surrogatepass")  # \u escapes keep it UTF-8; "latin1" breaks it
    if shape == "latin1":
        raw = raw + "é".encode("latin-1")
    if shape == "bom":
        raw = b"\xef\xbb\xbf" + raw
    return raw


def _check(status: int, output: str) -> None:
    assert status in (0, 2), status
    out = json.loads(output.encode("utf-8").decode("utf-8"))  # encodable: printable on any pipe
    if status == 2:
        assert out["errors"]
        for e in out["errors"]:
            assert {"field", "code", "message_zh", "message_en"} <= set(e)
            assert e["message_zh"] and e["message_en"]
    else:
        assert "errors" not in out


@IN_PROCESS
@given(documents("estimate"))
def test_estimate_answers_any_text(raw):
    _check(*run_bytes("estimate", raw))


@IN_PROCESS
@given(st.sampled_from(sorted(COMMANDS)).flatmap(lambda c: st.tuples(st.just(c), documents(c))))
def test_each_document_command_answers_any_text(command_raw):
    command, raw = command_raw
    _check(*run_bytes(command, raw))


@AS_A_PROCESS
@given(st.sampled_from(["estimate", *sorted(COMMANDS)]).flatmap(lambda c: st.tuples(st.just(c), documents(c))))
def test_the_command_line_answers_any_text_with_status_0_or_2(command_raw):
    command, raw = command_raw
    run = run_cli(command, "-", stdin=raw)
    _check(run.returncode, run.stdout.decode("utf-8"))


# ------------------------------------------------------------------------------ batch
@st.composite
def batch_files(draw) -> tuple[bytes, list[str]]:
    columns = draw(st.lists(st.sampled_from(INPUT_COLUMNS[2:]), unique=True, max_size=6))
    header = ["name", "event_date", *columns]
    names = [f"row {i}" for i in range(draw(st.integers(min_value=0, max_value=8)))]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for name in names:
        writer.writerow([name, *draw(st.lists(cells, min_size=len(header) - 1, max_size=len(header) + 1))])
    return out.getvalue().encode("utf-8"), names


@BATCH
@given(batch_files())
def test_batch_gives_one_row_for_each_row_whatever_its_cells(file):
    raw, names = file
    try:
        job = BatchJob(raw)
    except InputError:  # a file-level error names itself; no row is computed in silence
        return
    rows = list(csv.reader(io.StringIO(job.to_csv().lstrip("\ufeff"))))[1:]
    assert [row[0] for row in rows] == names
    for row, errors in zip(rows, job.errors):
        assert (row[-1] != "") if errors else (row[-3] in ("true", "false"))  # within_validity
