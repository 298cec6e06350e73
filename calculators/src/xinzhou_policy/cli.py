"""The one entry point of the rules for the command line and the browser: `run_bytes` and
`run_text` take a command and a JSON document and give the exit status and the JSON text the
command line prints. Bad input: a JSON error naming each field, exit status 2, no traceback.

The command line's argument parsing is in __main__.py, so that the browser's runtime archive
(scripts/runtime_zip.py) need not carry argparse.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Callable

from . import batch, profile
from .estimate import estimate
from .guidance import entries as guidance_entries
from .readings import readings
from .registry import DOCUMENTS
from .validation import InputError, error

BAD_INPUT = 2


# `estimate`, and the commands the documents add (profile.COMMANDS: the policy's `land`).
# "batch" is the browser's way to drive a batch job (batch.request); the CLI's batch reads CSV.
COMMANDS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "estimate": estimate, **{name: c[0] for name, c in profile.COMMANDS.items()},
    "batch": batch.request}


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


def prepare() -> None:
    """Read every document's data (dated values, readings, guidance) now, not at the first
    request: the browser's engine (worker.js) calls this before it takes its memory snapshot,
    so an engine restored from the snapshot answers its first request without parsing TOML."""
    for document in DOCUMENTS.values():
        document.parameters  # noqa: B018  (a cached property: read once, kept)
    readings()
    guidance_entries()
