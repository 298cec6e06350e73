"""Command line: `python -m xinzhou_policy estimate|land FILE` (FILE may be `-` for stdin; `land`
and any other command a document adds: profile.COMMANDS).

`batch IN.csv [-o OUT.csv|OUT.xlsx]` estimates a CSV of profiles (see batch.py) and prints a JSON
summary; `batch-template [-o FILE]` writes the input template; `schema` prints the inputs' JSON
Schema. Prints JSON on stdout; the work is cli.run_bytes, which the browser calls too.
"""

from __future__ import annotations

import argparse
import sys

from . import batch, profile
from .cli import BAD_INPUT, _dumps, run_bytes
from .schema import schemas
from .validation import InputError, error


def _read(path: str) -> bytes:
    try:
        return sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    except OSError as exc:
        raise InputError([error("", "unreadable", detail=exc.strerror or str(exc))]) from None


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    parser = argparse.ArgumentParser(
        prog="python -m xinzhou_policy",
        description="忻州市专业镇奖补估算 / Xinzhou specialized-town award estimates")
    commands = parser.add_subparsers(dest="command", required=True)
    documents = {name: f"{title_en[0].lower()}{title_en[1:]} (JSON)"
                 for name, (_, _, _, title_en) in profile.COMMANDS.items()}
    for name, text in {"estimate": "estimate the awards of an enterprise profile (JSON)", **documents}.items():
        sub = commands.add_parser(name, help=text)
        sub.add_argument("file", help="a JSON file, or - for standard input")
    sub = commands.add_parser("batch", help="estimate every row of a CSV of profiles")
    sub.add_argument("file", help="a CSV file (UTF-8 or GB18030), or - for standard input")
    sub.add_argument("-o", "--output", help="OUT.csv or OUT.xlsx (default: CSV on standard output)")
    sub = commands.add_parser("batch-template", help="write the CSV template of the batch input")
    sub.add_argument("-o", "--output", help="the file to write (default: standard output)")
    sub = commands.add_parser("schema", help="print the JSON Schema of the inputs")
    sub.add_argument("which", nargs="?", choices=("estimate", *profile.COMMANDS))
    args = parser.parse_args(argv)
    if args.command == "schema":
        all_schemas = schemas()
        sys.stdout.write(_dumps(all_schemas[args.which] if args.which else all_schemas))
        return 0
    if args.command in ("batch", "batch-template"):
        return _batch(args)
    try:
        status, output = run_bytes(args.command, _read(args.file))
    except InputError as bad:
        status, output = BAD_INPUT, _dumps(bad.to_dict())
    sys.stdout.write(output)
    return status


def _write(path: str | None, data: bytes) -> None:
    if path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        with open(path, "wb") as out:
            out.write(data)


def _batch(args: argparse.Namespace) -> int:
    """Rows with errors are part of the output: the status is 2 only when the file cannot be read."""
    try:
        if args.command == "batch-template":
            _write(args.output, batch.template_csv().encode("utf-8"))
            return 0
        job = batch.BatchJob(_read(args.file))
        job.compute()
        xlsx = (args.output or "").lower().endswith(".xlsx")
        _write(args.output, job.to_xlsx() if xlsx else job.to_csv().encode("utf-8"))
    except InputError as bad:
        sys.stdout.write(_dumps(bad.to_dict()))
        return BAD_INPUT
    except OSError as exc:  # _read reports its own; this is the output that cannot be written
        bad = InputError([batch.file_error("unwritable", detail=exc.strerror or str(exc))])
        sys.stdout.write(_dumps(bad.to_dict()))
        return BAD_INPUT
    if args.output:
        sys.stdout.write(_dumps(job.summary()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
