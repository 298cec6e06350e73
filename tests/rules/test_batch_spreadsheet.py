"""CSV injection as a spreadsheet sees it: no cell of the batch's output becomes a formula.

The rule (batch.neutralise): a cell gets a leading apostrophe when its first character that a
spreadsheet may drop unseen (whitespace, control and format characters) is followed by = + - @ in
any compatibility form (NFKC), or when it starts with a tab or a carriage return. Then the output
is opened in LibreOffice Calc itself (Debian's libreoffice-calc-nogui, headless, installed by
scripts/setup), once as it opens a CSV by default and once with "trim spaces" and "evaluate
formulas" on, and converted to flat ODF: no cell holds a formula, and every name reads as
written. Two cells appended without neutralisation prove that LibreOffice does evaluate what it
is given. (The .xlsx holds inline strings only: test_batch.py reads its XML.)
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

import pytest

from xinzhou_policy.batch import BatchJob, neutralise

SOFFICE = "soffice"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"

# The gaps issue 19 found: each passed unchanged before.
REPORTED = [" =1+1", "  =1+1", "\u3000=1+1", "\n=1+1", "\ufeff=1+1", "\u200b=1+1",
            "＝1+1", "＋1+1", "－1+1", "＠SUM(1)"]
# One or more of each kind a spreadsheet may drop before it looks at the first character.
UNSEEN = [" ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1f", "\x85", "\xa0", "\u2002",
          "\u2028", "\u3000", "\u200b", "\u200e", "\u202e", "\u2060", "\ufeff", "\xad", "\u180e",
          " \u200b\u3000"]
# = + - @ and forms NFKC reads as them (full-width, small, superscript, subscript).
STARTS = ["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫", "⁼", "⁺", "₌", "₊"]
BODIES = ["1+1", "SUM(1;1)", "cmd|' /C calc'!A0"]
PAYLOADS = [*REPORTED, *(u + s + b for u in ["", *UNSEEN] for s in STARTS for b in BODIES)]
# Left as they are: not formulas in any spreadsheet.
PLAIN = ["忻州法兰", " 忻州法兰", "\u3000忻州", "5=5", "a@b.cn", "−5", "‐1", "'=1", "1,000", ""]


@pytest.mark.parametrize("cell", PAYLOADS[:len(REPORTED)], ids=repr)
def test_reported_gaps_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


def test_every_unseen_character_before_a_formula_start_is_neutralised():
    # Every code point of the kinds the rule names, not a list of examples.
    unseen = [chr(c) for c in range(0x110000) if chr(c).isspace()
              or unicodedata.category(chr(c)) in ("Cc", "Cf")]
    assert len(unseen) > 200
    for char in unseen:
        assert neutralise(char + "=1") == "'" + char + "=1", hex(ord(char))
    compatible = [chr(c) for c in range(0x110000)
                  if unicodedata.normalize("NFKC", chr(c))[:1] in "=+-@"]
    assert {"＝", "﹦", "⁼", "₌"} <= set(compatible)
    for char in compatible:
        assert neutralise(char + "1").startswith("'"), hex(ord(char))
    for cell in PAYLOADS:
        assert neutralise(cell) == "'" + cell, repr(cell)


@pytest.mark.parametrize("cell", PLAIN, ids=repr)
def test_plain_text_is_left_alone(cell):
    assert neutralise(cell) == cell


def _input(names: list[str]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "event_date"])
    writer.writerows([name, "2025-06-30"] for name in names)
    return out.getvalue().encode("utf-8")


def _cell_text(cell: ElementTree.Element) -> str:
    """A cell's text as ODF holds it: paragraphs are lines; <text:s/> spaces, <text:tab/> tabs."""
    def inline(node: ElementTree.Element) -> str:
        parts = [node.text or ""]
        for child in node:
            if child.tag == TEXT + "s":
                parts.append(" " * int(child.get(TEXT + "c", "1")))
            elif child.tag == TEXT + "tab":
                parts.append("\t")
            elif child.tag == TEXT + "line-break":
                parts.append("\n")
            else:
                parts.append(inline(child))
            parts.append(child.tail or "")
        return "".join(parts)
    return "\n".join(inline(p) for p in cell.iter(TEXT + "p"))


def _sheet(path: Path) -> tuple[list[str], list[str]]:
    """The first column's text, row by row, and every formula, of a flat ODF spreadsheet."""
    table = next(ElementTree.parse(path).getroot().iter(TABLE + "table"))
    first, formulas = [], []
    for row in table.iter(TABLE + "table-row"):
        cells = list(row.iter(TABLE + "table-cell"))
        first.append(_cell_text(cells[0]) if cells else "")
        formulas += [c.get(TABLE + "formula") for c in cells if c.get(TABLE + "formula")]
    return first, formulas


def _calc(source: Path, out: Path, profile: Path, infilter: str) -> None:
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               f"--infilter={infilter}", "--convert-to", "fods", "--outdir", str(out), str(source)]
    run = subprocess.run(command, capture_output=True, timeout=300)
    assert run.returncode == 0, run.stderr.decode(errors="replace")


@pytest.fixture(scope="module")
def soffice():
    if not shutil.which(SOFFICE):
        reason = "LibreOffice Calc is missing (apt-get install libreoffice-calc-nogui; scripts/setup does it)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; this test cannot be skipped in CI")
        pytest.skip(reason)
    return SOFFICE


def _as_calc_keeps(text: str) -> str:
    """Text as LibreOffice keeps it: a line break is LF, and other control characters are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\t\n" or unicodedata.category(c) != "Cc")


def test_libreoffice_evaluates_no_cell_of_the_output(soffice, tmp_path):
    plain = [p for p in PLAIN if p not in ("", "1,000")]  # (LibreOffice reads 1,000 as a number)
    job = BatchJob(_input([*PAYLOADS, *plain]))
    text = job.to_csv()
    written = [row[0] for row in csv.reader(io.StringIO(text[1:], newline=""))]
    assert len(written) == 1 + len(PAYLOADS) + len(plain)
    # Two cells not neutralised, as a file from elsewhere could hold them: the controls.
    controls = "=1+1,2025-06-30\r\n =2+2,2025-06-30\r\n"
    source = tmp_path / "results.csv"
    source.write_text(text + controls, encoding="utf-8", newline="")
    profile = tmp_path / "profile"  # a fresh LibreOffice profile, not the user's
    runs = {
        # Comma, quote, UTF-8 (headless, LibreOffice would take another charset), the rest as
        # LibreOffice's defaults have it: formulas are evaluated.
        "default": ("CSV:44,34,76", ["of:=1+1"]),
        # The same from line 1, standard columns, default language, quoted text not forced to
        # text, special numbers detected, (2 export tokens), trim spaces, (export sheets),
        # evaluate formulas: the most a reader can ask of it.
        "trim": ("CSV:44,34,76,1,,0,false,true,false,false,true,false,true", ["of:=1+1", "of:=2+2"]),
    }
    for name, (infilter, expected) in runs.items():
        _calc(source, tmp_path / name, profile, infilter)
        first, formulas = _sheet(tmp_path / name / "results.fods")
        assert formulas == expected, name  # the controls' only: no cell of ours
        strip = str.strip if name == "trim" else str
        names = [strip(_as_calc_keeps(n)) for n in first[:len(written)]]
        assert names == [strip(_as_calc_keeps(w)) for w in written], name
