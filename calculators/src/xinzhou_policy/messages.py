"""The reader texts of a document's rules, as data: the document's message catalogue,
documents/ID/messages.toml. Every sentence an estimate shows of that document's items and
warnings (titles, explanations, evidence, warnings) and every label of its fields is there, in
both languages side by side, so that it can be reviewed in one file; the rules keep only the
logic that chooses and fills them.

Each entry is a table `["KEY"]` with `zh` and `en`: two strings (a template: `{name}` is a value
the rule fills in) or two lists of strings (a list a reader sees, such as the evidence to
prepare). A value given to a template is either the same in both languages (a number, an amount)
or a pair (zh, en), such as another entry's text. A field's texts are the entries
`field.NAME.label`, `field.NAME.help` and, for a field with choices, `field.NAME.choices`.
"""

from __future__ import annotations

import string
from functools import cached_property
from typing import Any

from .registry import data_file

Pair = tuple[str, str]


class Messages:
    """The catalogue of one document (its package, `xinzhou_policy.documents.ID`), read once."""

    def __init__(self, package: str):
        self.package = package
        self.used: set[str] = set()  # the keys looked up (tests/rules/test_messages.py)

    @cached_property
    def entries(self) -> dict[str, dict[str, Any]]:
        found = data_file(self.package, "messages.toml")
        if found is None:
            raise FileNotFoundError(f"{self.package}: no messages.toml (the rules' reader texts)")
        return found

    def _entry(self, key: str) -> dict[str, Any]:
        if key not in self.entries:
            raise KeyError(f"{self.package}/messages.toml has no entry {key!r}")
        self.used.add(key)
        return self.entries[key]

    def __call__(self, key: str, **values: Any) -> Pair:
        """The entry's two texts, each filled with its language's values."""
        entry = self._entry(key)
        return tuple(entry[lang].format(**{name: _in(value, n) for name, value in values.items()})
                     for n, lang in enumerate(("zh", "en")))  # type: ignore[return-value]

    def list(self, key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """A list entry's two lists (the evidence of an item)."""
        entry = self._entry(key)
        return tuple(entry["zh"]), tuple(entry["en"])

    def field(self, name: str) -> dict[str, Any]:
        """A field's labels, help and choice labels, as validation.Field takes them."""
        (label_zh, label_en), (help_zh, help_en) = self(f"field.{name}.label"), self(f"field.{name}.help")
        texts: dict[str, Any] = {"label_zh": label_zh, "label_en": label_en, "help_zh": help_zh,
                                 "help_en": help_en}
        if f"field.{name}.choices" in self.entries:
            zh, en = self.list(f"field.{name}.choices")
            texts["choice_labels"] = tuple(zip(zh, en))
        return texts


def _in(value: Any, n: int) -> Any:
    """A value in one language: a pair's own, else the value itself."""
    return value[n] if isinstance(value, tuple) else value


def placeholders(template: str) -> set[str]:
    """The names a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
