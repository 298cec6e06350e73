"""The estimate's input and the commands, put together from the registry's award documents.

PROFILE_FIELDS: the event date, then every award document's own fields (its rules.FIELDS; a
field two documents read is declared once and used by both). GROUPS: the forms' groups of
fields, in the forms' order; SITUATIONS: those of them that are each a situation an enterprise
may be in (every document's own groups; the common ones, "who" and "options", are not), which the
calculators' picker offers by name, so that a new document's fields join it by themselves.
AWARD_CLAUSES: every clause an award rule gives items for, in the registry's order (the
batch's amount columns). COMMANDS: the documents' own commands beside `estimate` (such as the
policy's `land`): name -> (function, its input fields, title zh, title en); each function
answers a date outside the data (a value it needs with no entry in force: params.NoValue) with
an InputError on its date field, never a traceback (`dated`).
"""

from __future__ import annotations

from functools import wraps
from typing import Any, Callable

from .params import NoValue
from .registry import award_documents
from .validation import EVENT_DATE, GROUPS as COMMON_GROUPS, Field, InputError, no_value


def _fields() -> tuple[Field, ...]:
    fields = {EVENT_DATE.name: EVENT_DATE}
    for doc in award_documents():
        for f in doc.rules.FIELDS:
            if fields.setdefault(f.name, f) != f:
                raise ValueError(f"{doc.id}: field {f.name!r} is declared differently by another "
                                 "document; read the one field both need")
    return tuple(fields.values())


def _groups() -> dict[str, tuple[str, str]]:
    first, *rest = COMMON_GROUPS.items()
    groups = dict([first])
    for doc in award_documents():
        groups.update(getattr(doc.rules, "GROUPS", {}))
    groups.update(rest)
    return groups


def _situations() -> tuple[str, ...]:
    situations = tuple(key for key in GROUPS if key not in COMMON_GROUPS)
    for f in (*PROFILE_FIELDS, *(f for _, fields, *_ in COMMANDS.values() for f in fields)):
        if f.group not in GROUPS:  # a form would leave the field out without a word
            raise ValueError(f"field {f.name!r}: group {f.group!r} is not declared: add it to the "
                             "document's rules.GROUPS, with its name in messages.toml")
    return situations


def _clauses() -> tuple[str, ...]:
    found = []
    for doc in award_documents():
        clauses = dict.fromkeys(rule.clause for rule in doc.rules.AWARD_RULES)
        found += sorted(clauses, key=doc.clause_order)
    return tuple(found)


def dated(function: Callable[[Any], dict[str, Any]], fields: tuple[Field, ...]) -> Callable[[Any], dict[str, Any]]:
    """A document's command, whose values on a date with none in force are an error of the date
    field it reads (its field of kind "date", else the event date)."""
    date_field = next((f for f in fields if f.kind == "date"), EVENT_DATE)

    @wraps(function)
    def command(data: Any) -> dict[str, Any]:
        try:
            return function(data)
        except NoValue as missing:
            raise InputError([no_value(date_field, missing)]) from None
    return command


def _commands() -> dict[str, tuple[Callable[[Any], dict[str, Any]], tuple[Field, ...], str, str]]:
    commands = {}
    for doc in award_documents():
        for name, (function, fields, *titles) in getattr(doc.rules, "COMMANDS", {}).items():
            if name in commands or name in ("estimate", "batch"):
                raise ValueError(f"{doc.id}: command {name!r} exists already")
            commands[name] = (dated(function, fields), fields, *titles)
    return commands


# Imported here, at import time, so that the browser's runtime archive (scripts/runtime_zip.py,
# which follows what importing the CLI imports) carries every document's rules.
PROFILE_FIELDS = _fields()
GROUPS = _groups()
AWARD_CLAUSES = _clauses()
COMMANDS = _commands()
SITUATIONS = _situations()
