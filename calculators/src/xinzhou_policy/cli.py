"""The one entry point of the rules for the command line and the browser: `run_bytes` and
`run_text` take a command and a JSON document and give the exit status and the JSON text the
command line prints. Bad input: a JSON error naming each field, exit status 2, no traceback,
and an answer in bounded time whatever the text holds (numbers of any length or exponent,
any nesting, any code point).

The command line's argument parsing is in __main__.py, so that the browser's runtime archive
(scripts/runtime_zip.py) need not carry argparse.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any, Callable

from . import batch, profile, sweep
from .estimate import estimate
from .guidance import entries as guidance_entries
from .readings import readings
from .registry import DOCUMENTS
from .validation import InputError, error

BAD_INPUT = 2
# An input is one object of plain values; deeper nesting is refused before the JSON parser
# recurses into it (100,000 levels would exhaust the stack, at a depth that differs between
# CPython and Pyodide).
MAX_DEPTH = 32


# `estimate`, and the commands the documents add (profile.COMMANDS: the policy's `land`).
# "batch" is the browser's way to drive a batch job (batch.request); the CLI's batch reads the
# file itself (__main__.py). "sweep": the what-if chart's points and the next thresholds of a
# profile (sweep.py).
COMMANDS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "estimate": estimate, **{name: c[0] for name, c in profile.COMMANDS.items()},
    "batch": batch.request, "sweep": sweep.sweep}


# Outside a string: what is neither a string nor a bracket. After a string's opening quote: the
# rest of the string (escapes included), linear in its length.
_PLAIN = re.compile(r'[^"\[\]{}]*')
_STRING_REST = re.compile(r'(?:[^"\\]|\\.)*"?', re.DOTALL)


def _too_deep(text: str) -> bool:
    """More than MAX_DEPTH arrays or objects inside one another (brackets in strings aside)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth, at = 0, 0
    while True:
        at = _PLAIN.match(text, at).end()
        if at == len(text):
            return False
        char, at = text[at], at + 1
        if char == '"':
            at = _STRING_REST.match(text, at).end()
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        else:
            depth -= 1


def _decode(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([error("", "not_utf8")]) from None
    if _too_deep(text):
        raise InputError([error("", "too_deep", limit=MAX_DEPTH)])
    try:
        # parse_float, parse_int=Decimal: a JSON number is never a binary float on its way to the
        # rules, and an integer of any length is read (int() refuses more than 4,300 digits); the
        # fields' parsers bound it before it becomes an int (validation._whole).
        return json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError([error("", "malformed_json", detail=f"{exc.msg} (line {exc.lineno}, column {exc.colno})")]) from None


# A lone surrogate (a key written "\ud800") can be neither printed nor encoded in UTF-8; written
# as the JSON escape it came as, the output is valid UTF-8 and still decodes to the same text.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _dumps(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def run_bytes(command: str, raw: bytes) -> tuple[int, str]:
    """Exit status and output text of `command` on a JSON document: exactly what the CLI prints.

    The browser calculators call this too, so both give byte-identical JSON.
    """
    try:
        return 0, _dumps(COMMANDS[command](_decode(raw)))
    except InputError as bad:
        return BAD_INPUT, _dumps(bad.to_dict())


def run_text(command: str, text: str) -> tuple[int, str]:
    return run_bytes(command, text.encode("utf-8"))


def prepare() -> None:
    """Read every document's data (dated values, readings, guidance) now, not at the first
    request: the browser's engine (worker.js) calls this before it takes its memory snapshot,
    so an engine restored from the snapshot answers its first request without parsing TOML."""
    for document in DOCUMENTS.values():
        document.parameters  # noqa: B018  (a cached property: read once, kept)
    readings()
    guidance_entries()
