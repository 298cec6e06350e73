"""Command line: `python -m xinzhou_policy estimate|land FILE` (FILE may be `-` for stdin; `land`
and any other command a document adds: profile.COMMANDS).

`batch IN.xlsx|IN.csv [-o OUT.csv|OUT.xlsx] [--lang zh|en]` estimates a file of profiles (see
batch.py) and prints a JSON summary, with the budget summary; `batch-template [-o FILE.csv|FILE.xlsx]`
writes the input template; `schema` prints the inputs' and the result's JSON
Schema. Prints JSON on stdout; the work is cli.run_bytes, which the browser calls too. Exit
status 0, or 2 for bad input and for a command line argparse cannot read (a usage error, in
both languages and as JSON like every other error).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import NoReturn

from . import batch, profile
from .batch_template import template_xlsx
from .cli import BAD_INPUT, _dumps, run_bytes
from .schema import schemas
from .validation import InputError, error

# argparse's messages (Python 3.11 to 3.14), in Chinese; the English is argparse's own.
_USAGE_ZH = (
    (r"the following arguments are required: (?P<x>.*)", "缺少必需的参数：{x}"),
    (r"argument (?P<a>\S+?): invalid choice: (?P<v>.*?) \(choose from (?P<c>.*)\)",
     "参数 {a} 的取值 {v} 无效，可选：{c}"),
    (r"unrecognized arguments: (?P<x>.*)", "无法识别的参数：{x}"),
    (r"argument (?P<a>\S+?): expected one argument", "参数 {a} 需要一个值"),
    (r"argument (?P<a>\S+?): expected at most one argument", "参数 {a} 至多需要一个值"),
    (r"argument (?P<a>\S+?): ignored explicit argument (?P<v>.*)", "参数 {a} 不接受值 {v}"),
    (r"ambiguous option: (?P<o>\S+) could match (?P<m>.*)", "选项 {o} 有歧义，可能是：{m}"),
)


class _UsageError(Exception):
    def __init__(self, parser: argparse.ArgumentParser, message: str):
        super().__init__(message)
        self.parser, self.message = parser, message

    def to_dict(self) -> dict:
        zh = next((template.format(**match.groupdict()) for pattern, template in _USAGE_ZH
                   if (match := re.fullmatch(pattern, self.message))), f"命令行参数有误：{self.message}")
        return {
            "error": "usage",
            "message_zh": "命令行用法有误，请查看用法（-h）。",
            "message_en": "The command line is not valid; see the usage (-h).",
            "errors": [{"field": "", "code": "usage", "message_zh": f"{zh}。",
                        "message_en": f"{self.message[:1].upper()}{self.message[1:]}."}],
            "usage": self.parser.format_usage().strip(),
        }


class _Parser(argparse.ArgumentParser):
    """argparse, whose errors are raised to main() (which prints them in both languages) rather
    than printed in English alone; its subcommands' parsers are of this class too."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(self, message)


def _read(path: str) -> bytes:
    try:
        return sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    except OSError as exc:
        raise InputError([error("", "unreadable", detail=exc.strerror or str(exc))]) from None


def _parser() -> _Parser:
    parser = _Parser(
        prog="python -m xinzhou_policy",
        description="忻州市专业镇奖补估算 / Xinzhou specialized-town award estimates")
    commands = parser.add_subparsers(dest="command", required=True)
    documents = {name: f"{title_zh}（JSON）/ {title_en[0].lower()}{title_en[1:]} (JSON)"
                 for name, (_, _, title_zh, title_en) in profile.COMMANDS.items()}
    estimate = "估算企业的奖补（JSON）/ estimate the awards of an enterprise profile (JSON)"
    for name, text in {"estimate": estimate, **documents}.items():
        sub = commands.add_parser(name, help=text)
        sub.add_argument("file", help="JSON 文件，- 为标准输入 / a JSON file, or - for standard input")
    sub = commands.add_parser("batch", help="逐行估算 Excel（.xlsx）或 CSV 文件中的企业 / "
                                            "estimate every row of an .xlsx or CSV file of profiles")
    sub.add_argument("file", help="Excel 工作簿（.xlsx）或 CSV 文件（UTF-8 或 GB18030），- 为标准输入 / "
                                  "an .xlsx workbook or a CSV file (UTF-8 or GB18030), or - for standard input")
    sub.add_argument("-o", "--output", help="OUT.csv 或 OUT.xlsx（默认：CSV 写到标准输出）/ "
                                            "OUT.csv or OUT.xlsx (default: CSV on standard output)")
    sub.add_argument("--lang", choices=("zh", "en"),
                     help="结果表头的语言（默认：输入的列名和字段名）/ the language of the output's "
                          "headers (default: the input's columns and the field names)")
    sub = commands.add_parser("batch-template",
                              help="写出批量输入的模板（CSV 或 .xlsx）/ write the template of the batch input (CSV or .xlsx)")
    sub.add_argument("-o", "--output", help="写入的文件，以 .xlsx 结尾即 Excel 模板（默认：CSV 写到标准输出）/ "
                                            "the file to write, an Excel template if it ends in .xlsx "
                                            "(default: CSV on standard output)")
    sub = commands.add_parser("schema", help="输出输入字段及估算结果的 JSON Schema / print the JSON Schema of the inputs and of the estimate's result")
    sub.add_argument("which", nargs="?", choices=("estimate", "estimate-result", *profile.COMMANDS))
    return parser


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader of the output left (`| head`): the output is incomplete (status 2), nothing
        # more can be said to it, and Python must not try again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BAD_INPUT
    except KeyboardInterrupt:
        # Ctrl-C (e.g. while waiting on standard input): stopped by the person, no traceback.
        return 130


def _main(argv: list[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as usage:
        out = usage.to_dict()
        # For a person at a terminal, the usage and the error; for a program, the JSON.
        only = out["errors"][0]
        sys.stderr.write(f"{out['usage']}\n错误：{only['message_zh']}\nerror: {only['message_en']}\n")
        sys.stdout.write(_dumps(out))
        return BAD_INPUT
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
        xlsx = (args.output or "").lower().endswith(".xlsx")
        if args.command == "batch-template":
            _write(args.output, template_xlsx() if xlsx else batch.template_csv().encode("utf-8"))
            return 0
        job = batch.BatchJob(_read(args.file))
        job.compute()
        _write(args.output, job.to_xlsx(args.lang) if xlsx else job.to_csv(args.lang).encode("utf-8"))
    except InputError as bad:
        sys.stdout.write(_dumps(bad.to_dict()))
        return BAD_INPUT
    except OSError as exc:  # _read reports its own; this is the output that cannot be written
        bad = InputError([batch.file_error("unwritable", detail=exc.strerror or str(exc))])
        sys.stdout.write(_dumps(bad.to_dict()))
        return BAD_INPUT
    if args.output:
        sys.stdout.write(_dumps(job.summary()))  # the header's problems among it
    else:  # standard output holds the CSV: the header's problems go to the person, on stderr
        sys.stderr.writelines(f"{e['message_zh']}\n{e['message_en']}\n" for e in job.header_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
