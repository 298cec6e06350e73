"""The estimate's input and the commands, put together from the registry's award documents.

PROFILE_FIELDS: the event date, then every award document's own fields (its rules.FIELDS; a
field two documents read is declared once and used by both). GROUPS: the forms' groups of
fields. AWARD_CLAUSES: every clause an award rule gives items for, in the registry's order (the
batch's amount columns). COMMANDS: the documents' own commands beside `estimate` (such as the
policy's `land`): name -> (function, its input fields, title zh, title en).
"""

from __future__ import annotations

from typing import Any, Callable

from .registry import award_documents
from .validation import EVENT_DATE, GROUPS as COMMON_GROUPS, Field


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


def _clauses() -> tuple[str, ...]:
    found = []
    for doc in award_documents():
        clauses = dict.fromkeys(rule.clause for rule in doc.rules.AWARD_RULES)
        found += sorted(clauses, key=doc.clause_order)
    return tuple(found)


def _commands() -> dict[str, tuple[Callable[[Any], dict[str, Any]], tuple[Field, ...], str, str]]:
    commands = {}
    for doc in award_documents():
        for name, command in getattr(doc.rules, "COMMANDS", {}).items():
            if name in commands or name in ("estimate", "batch"):
                raise ValueError(f"{doc.id}: command {name!r} exists already")
            commands[name] = command
    return commands


# Imported here, at import time, so that the browser's runtime archive (scripts/runtime_zip.py,
# which follows what importing the CLI imports) carries every document's rules.
PROFILE_FIELDS = _fields()
GROUPS = _groups()
AWARD_CLAUSES = _clauses()
COMMANDS = _commands()
