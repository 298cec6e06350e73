"""Command line: `python -m xinzhou_policy estimate|land FILE` (FILE may be `-` for stdin).

Prints JSON on stdout. Bad input: a JSON error naming each field, exit status 2, no traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any, Callable

from .estimate import estimate
from .land import land
from .schema import schemas
from .validation import InputError, error

BAD_INPUT = 2


COMMANDS: dict[str, Callable[[Any], dict[str, Any]]] = {"estimate": estimate, "land": land}


def _read(path: str) -> bytes:
    try:
        return sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    except OSError as exc:
        raise InputError([error("", "unreadable", detail=exc.strerror or str(exc))]) from None


def _decode(raw: bytes) -> Any:
    try:
        # parse_float=Decimal: a JSON number is never a binary float on its way to the rules.
        return json.loads(raw.decode("utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError:
        raise InputError([error("", "not_utf8")]) from None
    except json.JSONDecodeError as exc:
        raise InputError([error("", "malformed_json", detail=f"{exc.msg} (line {exc.lineno}, column {exc.colno})")]) from None


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    parser = argparse.ArgumentParser(
        prog="python -m xinzhou_policy",
        description="忻政办发〔2022〕81号 award estimates / Xinzhou specialized-town award estimates")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("estimate", "estimate the awards of an enterprise profile (JSON)"),
                       ("land", "the reserve-price floor of industrial land (JSON)")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("file", help="a JSON file, or - for standard input")
    sub = commands.add_parser("schema", help="print the JSON Schema of the inputs")
    sub.add_argument("which", nargs="?", choices=("estimate", "land"))
    args = parser.parse_args(argv)
    if args.command == "schema":
        all_schemas = schemas()
        sys.stdout.write(_dumps(all_schemas[args.which] if args.which else all_schemas))
        return 0
    try:
        status, output = run_bytes(args.command, _read(args.file))
    except InputError as bad:
        status, output = BAD_INPUT, _dumps(bad.to_dict())
    sys.stdout.write(output)
    return status
