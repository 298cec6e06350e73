"""Dated parameters, as OpenFisca keeps them: every value of a document's parameters.toml is a
list of entries, each with the date from which it applies, the words of the text it comes from
and, for a value from outside the document, its legal source. An amendment adds an entry; none
is ever changed, so the value in force on any date is always known.

The rules receive the values in force on the event date (`Parameters.at`): `p.equipment_cap`
is a `Value` (`.value`, `.key`, `.unit`, ...) or, for a table of thresholds, a `Scale`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, Union

Amount = Union[Decimal, int]

# What a document counts (a cap on a number, an amount per head): count unit -> the Chinese
# measure word, the English plural and singular. Each gives a count unit ("person": 5人, 5
# persons) and a money unit per one of it ("yuan/person": 元/人, yuan per person).
COUNTS = {
    "person": ("人", "persons", "person"),
    "enterprise": ("户", "enterprises", "enterprise"),
    "project": ("项", "projects", "project"),
    "item": ("件", "items", "item"),
}

# unit: (zh, en) as the award tables show it.
UNITS = {
    "yuan": ("元", "yuan"),
    "yuan/person-day": ("元/人·天", "yuan per person-day"),
    "yuan/m2": ("元/平方米", "yuan per m²"),
    "ratio": ("比例", "share"),
    "day": ("天", "days"),
    "year": ("年", "years"),
    "rank": ("名", "rank"),
    "grade": ("等", "grade"),
    **{count: (zh, plural) for count, (zh, plural, _) in COUNTS.items()},
    **{f"yuan/{count}": (f"元/{zh}", f"yuan per {one}") for count, (zh, _, one) in COUNTS.items()},
}


@dataclass(frozen=True)
class Tier:
    """One step of a scale: reaching (or exceeding) `threshold` earns `amount`."""
    threshold: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Entry:
    """A value from a date on: `value` (an amount, a rate or a count) or, for a scale, `tiers`
    and `inclusive`, the reading of its verb (达到/以上 include the threshold, 突破/超过 not)."""
    start: date
    wording_zh: str
    value: Amount | None = None
    tiers: tuple[Tier, ...] = ()
    inclusive: bool | None = None
    reference: str = ""


@dataclass(frozen=True)
class Value:
    """A parameter's value in force on a date, with what the rules and the explanations cite."""
    key: str
    clause: str
    unit: str
    value: Amount
    wording_zh: str
    start: date
    reference: str


@dataclass(frozen=True)
class Scale:
    """A table of thresholds in force on a date; `inclusive`: the threshold itself counts."""
    key: str
    clause: str
    threshold_unit: str
    amount_unit: str
    tiers: tuple[Tier, ...]
    inclusive: bool
    wording_zh: str
    start: date
    reference: str


@dataclass(frozen=True)
class Parameter:
    key: str
    clause: str
    scale: bool
    unit: str  # the value's unit; for a scale, its amounts' unit
    threshold_unit: str
    description_zh: str
    description_en: str
    entries: tuple[Entry, ...]  # by start date

    def entry_on(self, day: date) -> Entry | None:
        started = [e for e in self.entries if e.start <= day]
        return started[-1] if started else None

    def at(self, day: date) -> Value | Scale | None:
        entry = self.entry_on(day)
        if entry is None:
            return None
        if self.scale:
            return Scale(self.key, self.clause, self.threshold_unit, self.unit, entry.tiers,
                         bool(entry.inclusive), entry.wording_zh, entry.start, entry.reference)
        return Value(self.key, self.clause, self.unit, entry.value, entry.wording_zh, entry.start,
                     entry.reference)


def _amount(raw: Any) -> Amount:
    """Money and rates are written as strings (never a binary float); counts as integers."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise TypeError(f"a parameter value must be a decimal string or an integer, not {raw!r}")
    return Decimal(raw) if isinstance(raw, str) else raw


def _entry(raw: dict[str, Any]) -> Entry:
    tiers = tuple(Tier(Decimal(t), Decimal(a)) for t, a in raw.get("tiers", ()))
    return Entry(start=raw["from"], wording_zh=raw["wording_zh"],
                 value=_amount(raw["value"]) if "value" in raw else None, tiers=tiers,
                 inclusive=raw.get("inclusive"), reference=raw.get("reference", ""))


def _parameter(key: str, raw: dict[str, Any]) -> Parameter:
    scale = raw.get("kind") == "scale"
    entries = tuple(sorted((_entry(e) for e in raw["values"]), key=lambda e: e.start))
    if len({e.start for e in entries}) != len(entries):
        raise ValueError(f"{key}: two values from the same date")
    unit = raw["amount_unit"] if scale else raw["unit"]
    for u in (unit, raw.get("threshold_unit", unit)):
        if u not in UNITS:
            raise ValueError(f"{key}: unknown unit {u!r} (one of {', '.join(UNITS)})")
    return Parameter(key, raw["clause"], scale, unit, raw.get("threshold_unit", ""),
                     raw["description_zh"], raw["description_en"], entries)


class NoValue(AttributeError):
    """A rule asked for a parameter that has no entry in force on the date: its first entry is
    later (a value a later version added, a reference table that starts later). The estimate
    reports the rule as not computed (estimate.assess); a command reports the date as the
    input's error (profile.dated, validation.no_value). An AttributeError, so that hasattr() and
    getattr() with a default keep their meaning."""

    def __init__(self, document: str, parameter: "Parameter", day: date):
        super().__init__(f"{document} has no value of {parameter.key!r} in force on {day.isoformat()}")
        self.document, self.parameter, self.day = document, parameter, day

    @property
    def first(self) -> date:
        """The date from which the parameter has a value."""
        return self.parameter.entries[0].start


class InForce:
    """The values of a document's parameters in force on one date: `p.KEY`. A key the document
    has, with no value on the date, raises NoValue; a key it does not have is a bug in the rule
    (a plain AttributeError)."""

    def __init__(self, document: str, day: date, values: dict[str, Value | Scale],
                 parameters: dict[str, Parameter]):
        self._document, self._day, self._values, self._parameters = document, day, values, parameters

    def __getattr__(self, key: str) -> Value | Scale:
        if key.startswith("_"):  # the instance's own attributes, copy's and pickle's probes
            raise AttributeError(key)
        try:
            return self._values[key]
        except KeyError:
            if key in self._parameters:
                raise NoValue(self._document, self._parameters[key], self._day) from None
            raise AttributeError(f"{self._document} has no parameter {key!r}") from None


class Parameters:
    """A document's parameters (its parameters.toml), in the file's order."""

    def __init__(self, document: str, data: dict[str, Any]):
        self.document = document
        self.all: dict[str, Parameter] = {key: _parameter(key, raw) for key, raw in data.items()}
        self.at = lru_cache(maxsize=64)(self._at)

    def _at(self, day: date) -> InForce:
        values = {key: p.at(day) for key, p in self.all.items()}
        return InForce(self.document, day, {k: v for k, v in values.items() if v is not None}, self.all)

    def of_clause(self, clause: str) -> list[Parameter]:
        """The parameters a clause defines, in the file's order (for the site's award tables)."""
        return [p for p in self.all.values() if p.clause == clause]

    def clauses(self) -> list[str]:
        return list(dict.fromkeys(p.clause for p in self.all.values()))

    def starts(self) -> list[date]:
        """Every date from which a value changes."""
        return sorted({e.start for p in self.all.values() for e in p.entries})
