"""Issue 19, item 4: the command line never ends in a traceback (exit status 1): whatever the
text, it answers with JSON and status 0 or 2; a command line argparse cannot read is a usage
error in both languages (status 2, JSON on standard output, the usage on standard error)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from xinzhou_policy import cli
from xinzhou_policy.__main__ import main

from .running import answer, codes, run_cli

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("command, text, expected", [
    ("estimate", '{"event_date": "2025-06-30", "revenue": 1%s}' % ("0" * 5000), [("revenue", "too_large")]),
    ("estimate", '{"event_date": "2025-06-30", "incumbent_trainees": %s}' % ("9" * 5000), [("incumbent_trainees", "too_large")]),
    ("land", '{"grade": %s, "area_m2": 1}' % ("9" * 100_000), [("grade", "grade_range")]),
])
def test_an_integer_of_thousands_of_digits_is_too_large_not_a_traceback(command, text, expected):
    """int() refuses to read more than 4,300 digits (ValueError): the JSON is read with Decimal."""
    run = run_cli(command, "-", stdin=text.encode())
    assert run.returncode == 2 and codes(answer(run)) == expected


@pytest.mark.parametrize("text", ["[" * 100_000, '{"a":' * 100_000, '{"event_date": ' + "[" * 100_000 + "1"])
def test_deep_nesting_is_refused_before_the_parser_recurses(text):
    run = run_cli("estimate", "-", stdin=text.encode())
    assert run.returncode == 2
    out = answer(run)
    assert codes(out) == [("", "too_deep")]
    assert CJK.search(out["errors"][0]["message_zh"]) and str(cli.MAX_DEPTH) in out["errors"][0]["message_en"]


def test_nesting_up_to_the_limit_is_read_and_brackets_in_strings_do_not_count():
    deep = '{"event_date": "2025-06-30", "x": ' + "[" * (cli.MAX_DEPTH - 1) + "]" * (cli.MAX_DEPTH - 1) + "}"
    assert [e["code"] for e in json.loads(cli.run_text("estimate", deep)[1])["errors"]] == ["unknown_field"]
    deeper = '{"event_date": "2025-06-30", "x": ' + "[" * cli.MAX_DEPTH + "]" * cli.MAX_DEPTH + "}"
    assert [e["code"] for e in json.loads(cli.run_text("estimate", deeper)[1])["errors"]] == ["too_deep"]
    in_string = json.dumps({"event_date": "2025-06-30", "x": "[{" * 1000 + '\\"' + "[" * 1000})
    assert [e["code"] for e in json.loads(cli.run_text("estimate", in_string)[1])["errors"]] == ["unknown_field"]


@pytest.mark.parametrize("command", ["estimate", "land"])
def test_a_lone_surrogate_is_written_as_its_escape(command):
    """{"\\ud800":1}: the unknown field's name used to make printing fail (UnicodeEncodeError)."""
    run = run_cli(command, "-", stdin=b'{"\\ud800": 1, "event_date": "2025-06-30"}')
    assert run.returncode == 2
    out = answer(run)  # strict UTF-8
    assert ("\ud800", "unknown_field") in codes(out)
    assert b"\\ud800" in run.stdout


@pytest.mark.parametrize("argv", [
    [], ["bogus"], ["estimate"], ["estimate", "a", "b"], ["schema", "nope"], ["batch", "-o"],
    ["--frob", "estimate", "-"], ["land", "--unknown=1", "-"],
])
def test_usage_errors_are_bilingual(argv):
    run = run_cli(*argv)
    assert run.returncode == 2
    out = answer(run)
    assert out["error"] == "usage" and [e["code"] for e in out["errors"]] == ["usage"]
    error = out["errors"][0]
    assert CJK.search(error["message_zh"]) and error["message_en"]
    assert out["usage"].startswith("usage: python -m xinzhou_policy")
    stderr = run.stderr.decode("utf-8")
    assert stderr.startswith("usage:") and "错误：" in stderr and "error:" in stderr


def test_main_returns_the_usage_status_without_exiting(capsys):
    """What the command line runs, in process: a usage error is a status, not SystemExit."""
    assert main(["bogus"]) == 2
    assert json.loads(capsys.readouterr().out)["error"] == "usage"


def test_a_reader_that_leaves_early_gets_no_traceback():
    """`… | head`: the output's reader is gone before the estimate is written."""
    process = subprocess.Popen([sys.executable, "-m", "xinzhou_policy", "estimate", "-"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    _, stderr = process.communicate(b'{"event_date": "2025-06-30", "revenue": "600000000", "role": "leading"}',
                                    timeout=60)
    assert b"Traceback" not in stderr and b"BrokenPipeError" not in stderr, stderr.decode(errors="replace")
    assert process.returncode == 2



def test_an_interrupt_while_waiting_on_standard_input_is_not_a_traceback(monkeypatch, capsys):
    """Ctrl-C at `estimate -` while it waits for input: status 130, as a shell reports it."""
    class Interrupted:
        def read(self, *args):
            raise KeyboardInterrupt

    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": Interrupted()})())
    assert main(["estimate", "-"]) == 130
    assert "Traceback" not in capsys.readouterr().err
