"""What if: the estimate against one numeric input of a profile, every point computed by the
award rules (the `sweep` command; the calculators' what-if chart only draws what it returns),
and the next threshold within reach of each number the profile gives.

The breakpoints come from the parameter data in force on the event date, not from typed
numbers: every value and every tier threshold of the parameters of the clause whose rules read
the field (Field.clause), and each value over each share of that clause (a cap over a rate: the
investment at which a capped subsidy stops growing). A candidate is kept where the rules say
something happens there. The amounts just below it, at it and just above it (one step of the
field: 0.01 yuan, one person) differ: a threshold, whose `side` says which side's value the
threshold itself takes, so that an included threshold (达到, 以上) has the higher value AT it
and an excluded one (突破, 超过) only just above it. Or their slope changes: a kink (a cap). A
kink that no parameter names by itself (a per-person cap reached after so many days) is found
between the sampled points, where two straight pieces meet, and checked by the rules there.

Only the rules of the field's clause are run again for each point; the other clauses' items do
not read the field (tests/rules/test_sweep.py checks it for every field), which keeps a sweep
of 200 points within the chart's time budget (docs/performance.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from .estimate import Assessment, assess
from .findings import RECIPIENTS, Findings, Item
from .money import ZERO, money_str, number, yuan
from .params import COUNTS, NoValue, Scale, Value
from .profile import PROFILE_FIELDS
from .readings import readings
from .registry import document_of
from .validation import Field, InputError, parse

# The field kinds a what-if can move: the smallest step of each ("just above" a threshold), and
# the lowest value it can hold.
STEPS = {"money": Decimal("0.01"), "count": Decimal(1), "rank": Decimal(1), "rate": Decimal("0.0001")}
LOWEST = {"money": ZERO, "count": ZERO, "rank": Decimal(1), "rate": ZERO}
# The upper end of a sweep with nothing to show beyond the reader's own value.
# (Round numbers of the chart, none a document's value: written as powers of ten.)
DEFAULT_TOP = {"money": Decimal("1E6"), "count": Decimal("1E2"), "rank": Decimal("1E1"), "rate": Decimal(1)}
DEFAULT_POINTS = 200
MAX_POINTS = 400
SWEEPABLE = tuple(f for f in PROFILE_FIELDS if f.kind in STEPS)
_BY_NAME = {f.name: f for f in SWEEPABLE}

_TEXT = {
    "request": ("输入须为 {{\"profile\": {{…}}, \"field\": …, \"points\": …}}。",
                "The input must be {{\"profile\": {{…}}, \"field\": …, \"points\": …}}."),
    "not_sweepable": ("“{name}”不是可以推演的数值输入项。", "“{name}” is not a numeric input a what-if can move."),
    "points": ("点数须为 2 到 {most} 的整数。", "The number of points must be a whole number from 2 to {most}."),
    "outside": ("事项发生日期不在有效期内：以下是若在有效期内的金额。",
                "The event date is outside the validity: these are the amounts had it been within it."),
    "total": ("企业本身可得的估算合计", "Estimated total for the enterprise itself"),
    "right": ("门槛本身计入", "the threshold itself counts"),
    "left": ("门槛本身不计入，须高于门槛", "the threshold itself does not count: it must be exceeded"),
    "next.right": ("{would}{field}再增加 {gap}{unit}、达到 {at}{unit}，{who}可多得 {gain} 元（{cite}，{counts}）。",
                   "{would}With {field} {gap}{unit} higher, reaching {at}{unit}, {who} would receive {gain} yuan "
                   "more ({cite}; {counts})."),
    "next.left": ("{would}{field}再增加超过 {gap}{unit}、超过 {at}{unit}，{who}可多得 {gain} 元（{cite}，{counts}）。",
                  "{would}With {field} more than {gap}{unit} higher, above {at}{unit}, {who} would receive {gain} "
                  "yuan more ({cite}; {counts})."),
    "would": ("若在有效期内，", "Had the event been within the validity: "),
    "who": ("企业", "the enterprise"),
    "summary": ("{field}从 {low} 到 {high}{unit}。", "{field} from {low} to {high}{unit}. "),
    "flat": ("各项金额都不随其变化；企业本身可得的合计为 {amount} 元。", "No amount changes with it; the enterprise's own total is {amount} yuan."),
    "step.right": ("在 {at}{unit}（含）处由 {before} 元变为 {after} 元（{cite}）", "at {at}{unit} (included) it goes from {before} to {after} yuan ({cite})"),
    "step.left": ("超过 {at}{unit}时由 {before} 元变为 {after} 元（{cite}）", "above {at}{unit} it goes from {before} to {after} yuan ({cite})"),
    "kink": ("在 {at}{unit}处改变增长幅度，此处为 {after} 元（{cite}）", "at {at}{unit} its rate of change turns, at {after} yuan ({cite})"),
    "start": ("起点 {amount} 元；", "starts at {amount} yuan; "),
    "end": ("终点 {amount} 元。", "ends at {amount} yuan."),
    "sep": ("；", "; "),
}


def _t(key: str, **values: Any) -> tuple[str, str]:
    return tuple(text.format(**{k: v[n] if isinstance(v, tuple) else v for k, v in values.items()})
                 for n, text in enumerate(_TEXT[key]))  # type: ignore[return-value]


def _bad(field_name: str, code: str, key: str, **values: Any) -> InputError:
    zh, en = _t(key, **values)
    return InputError([{"field": field_name, "code": code, "message_zh": zh, "message_en": en}])


@dataclass(frozen=True)
class Amounts:
    """What the rules give at one value of the field: each item's amount above zero, and the
    enterprise's own total (the other clauses' items included, as the estimate counts it)."""
    items: dict[str, Decimal]
    total: Decimal

    def vector(self, ids: list[str]) -> tuple[Decimal, ...]:
        return (self.total, *(self.items.get(i, ZERO) for i in ids))


class Evaluator:
    """The rules of the field's clause at any value of the field, the rest of the profile as it
    is: in each document applied on the event date (or, none in force, each as it would have
    been, with the values of its nearest version, as the estimate's `if_within_validity`)."""

    def __init__(self, values: dict[str, Any], field: Field, assessed: list[Assessment]):
        self.values, self.field = values, field
        self.within = any(a.status.in_force for a in assessed)
        used = [a for a in assessed if a.status.in_force or not self.within]
        self.documents = [(a, a.document.parameters.at(a.document.day_within(a.status.version, values["event_date"])),
                           [r for r in a.document.rules.AWARD_RULES if r.clause == field.clause]) for a in used]
        self.fixed = sum((i.amount for a in used for i in a.items
                          if i.clause != field.clause and i.recipient == "enterprise"), ZERO)
        self.items: dict[str, tuple[Item, Assessment]] = {}  # every item seen, by id: the series
        self._cache: dict[Decimal, Amounts] = {}

    def __call__(self, x: Decimal) -> Amounts:
        if x in self._cache:
            return self._cache[x]
        given = {**self.values, self.field.name: int(x) if self.field.kind in ("count", "rank") else x}
        items, total = {}, self.fixed
        for a, p, rules in self.documents:
            found = Findings()
            for rule in rules:
                try:
                    found.add(rule.apply(given, p))
                except NoValue:  # the estimate reports it (estimate._not_computed)
                    continue
            for item in found.items:
                if item.amount > 0:
                    items[item.id] = item.amount
                    self.items.setdefault(item.id, (item, a))
                    total += item.amount if item.recipient == "enterprise" else ZERO
        self._cache[x] = Amounts(items, total)
        return self._cache[x]

    def parameters(self) -> list[Value | Scale]:
        """The values in force of every parameter of the field's clause, in each document used."""
        found = []
        for a, p, _ in self.documents:
            for parameter in a.document.parameters.of_clause(self.field.clause):
                try:
                    found.append(getattr(p, parameter.key))
                except NoValue:
                    continue
        return found


# ------------------------------------------------------------------------------ breakpoints
@dataclass(frozen=True)
class Breakpoint:
    x: Decimal
    kind: str  # "threshold" | "kink"
    side: str | None  # a threshold: "right" (it takes the value above it), "left" (below), None (neither)
    changed: tuple[str, ...]  # the items that change there
    parameters: tuple[str, ...]  # the parameters whose numbers it is; () for a kink found between points


# The units of parameter numbers a field of each kind can take (a count of days or of persons).
_UNITS_OF_KIND = {"money": {"yuan"}, "count": {"day", *COUNTS}, "rank": {"rank"}, "rate": {"ratio"}}


def _candidates(f: Evaluator) -> dict[Decimal, list[str]]:
    """Number -> the keys of the parameters it comes from: every number of the parameters of the
    field's clause in a unit the field can hold, and each amount over each share."""
    values = f.parameters()
    shares = [v.value for v in values if isinstance(v, Value) and v.unit == "ratio" and v.value > 0]
    kind = f.field.kind
    found: dict[Decimal, list[str]] = {}
    for v in values:
        if isinstance(v, Scale):
            numbers = [(Decimal(t.threshold), v.threshold_unit) for t in v.tiers]
        else:
            numbers = [(Decimal(v.value), v.unit)]
            numbers += [(Decimal(v.value) / s, v.unit) for s in shares if v.unit != "ratio"]
        for x, unit in numbers:
            if unit in _UNITS_OF_KIND[kind] and x > LOWEST[kind] and x == x.quantize(STEPS[kind]) \
                    and (kind != "rate" or x <= 1):
                found.setdefault(x, []).append(v.key)
    return dict(sorted(found.items()))


# Each amount is rounded to the fen: two amounts on one straight piece differ from the piece's
# prediction by less than this.
TOLERANCE = Decimal("0.015")


def _off(pred: tuple[Decimal, ...], got: tuple[Decimal, ...]) -> bool:
    return any(abs(p - g) > TOLERANCE for p, g in zip(pred, got))


def _what(f: Evaluator, x: Decimal) -> tuple[str, str | None, list[str]] | None:
    """At x: a threshold (an amount jumps) and its side, or a kink (a slope changes), with the
    items that change there; or None. The
    pieces on either side are measured a little away from x (`reach`), where fen rounding no
    longer hides their slope."""
    step, low = STEPS[f.field.kind], LOWEST[f.field.kind]
    reach = max(step, (abs(x) / 10_000).quantize(step))
    if x - step - reach < low:
        return None
    xs = (x - step - reach, x - step, x, x + step, x + step + reach, x + reach)
    keys = sorted({k for p in xs for k in f(p).items})
    far_left, left, at, right, far_right, beyond = (tuple(f(p).items.get(k, ZERO) for k in keys) for p in xs)

    def line(p0: Decimal, v0: tuple, p1: Decimal, v1: tuple, p: Decimal) -> tuple[Decimal, ...]:
        return tuple(a + (b - a) * (p - p0) / (p1 - p0) for a, b in zip(v0, v1))

    from_left, from_right = line(xs[0], far_left, xs[1], left, x), line(xs[3], right, xs[4], far_right, x)
    into, out = _off(from_left, at), _off(from_right, at)  # x is off the piece to its left, to its right
    if into or out:
        changed = [k for k, a, b in zip(keys, from_left, from_right) if abs(a - b) > TOLERANCE]
        return "threshold", "left" if out and not into else "right" if into and not out else None, changed
    onward = line(xs[0], far_left, xs[1], left, xs[5])
    changed = [k for k, a, b in zip(keys, onward, beyond) if abs(a - b) > TOLERANCE]
    return ("kink", None, changed) if changed else None


def _found_between(f: Evaluator, points: list[Decimal], known: set[Decimal], ids: list[str]) -> list[Decimal]:
    """Kinks between sampled points: where the slope changes, the two straight pieces' meeting
    point, checked by the rules. Intervals next to a breakpoint already found are left alone."""
    v = [f(x).vector(ids) for x in points]
    slopes = [tuple((b - a) / (x1 - x0) for a, b in zip(v[k], v[k + 1]))
              for k, (x0, x1) in enumerate(zip(points, points[1:]))]
    found: list[Decimal] = []
    k = 1
    while k < len(slopes):
        near = any(points[k - 1] <= x <= points[min(k + 2, len(points) - 1)] for x in known)
        if slopes[k] == slopes[k - 1] or near:
            k += 1
            continue
        guesses = [points[k]]  # the pieces meet at a sampled point
        if k + 1 < len(slopes) and slopes[k + 1] != slopes[k]:
            # Inside (points[k], points[k+1]): the piece before, continued, meets the piece after.
            turned = [j for j in range(len(ids) + 1) if slopes[k - 1][j] != slopes[k + 1][j]]
            if not turned:  # a jump no parameter names: not a kink
                k += 2
                continue
            j = turned[0]
            s0, s1 = slopes[k - 1][j], slopes[k + 1][j]
            x = (v[k + 1][j] - v[k][j] + s0 * points[k] - s1 * points[k + 1]) / (s0 - s1)
            step = STEPS[f.field.kind]
            guesses = [x.quantize(step, rounding=ROUND_FLOOR), x.quantize(step, rounding=ROUND_CEILING)]
            k += 1
        found += [g for g in dict.fromkeys(guesses) if points[0] < g < points[-1] and (_what(f, g) or ("",))[0] == "kink"][:1]
        k += 1
    return found


def _nice(x: Decimal) -> Decimal:
    """The round number (1, 2, 2.5 or 5 times a power of ten) at or above x."""
    power = Decimal(1).scaleb(x.adjusted())
    return next((m * power for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)) if m * power >= x),
                power.scaleb(1))


def _settled(f: Evaluator, high: Decimal) -> bool:
    """Past `high` every amount stays on one straight piece (checked at 2 and 4 times it)."""
    xs = (high, 2 * high, 4 * high)
    keys = sorted({k for x in xs for k in f(x).items})
    v = [tuple(f(x).items.get(k, ZERO) for k in keys) for x in xs]
    return not _off(tuple(a + 3 * (b - a) for a, b in zip(v[0], v[1])), v[2])


def _samples(kind: str, low: Decimal, high: Decimal, n: int) -> list[Decimal]:
    if kind in ("count", "rank") and high - low + 1 <= n:
        return [low + i for i in range(int(high - low) + 1)]
    return list(dict.fromkeys((low + (high - low) * i / (n - 1)).quantize(STEPS[kind]) for i in range(n)))


# ------------------------------------------------------------------------------ texts
def _plain_label(f: Field) -> tuple[str, str]:
    """The field's label without its unit in brackets: 本年度营业收入（元） -> 本年度营业收入."""
    return re.sub(r"（[^（]*）$", "", f.label_zh), re.sub(r" \([^(]*\)$", "", f.label_en)


def _unit(kind: str) -> tuple[str, str]:
    return (" 元", " yuan") if kind == "money" else ("", "")


def _x_text(kind: str, x: Decimal) -> str:
    """x as a reader reads it: money with thousands separators."""
    return yuan(x) if kind == "money" else number(x.normalize()) if kind == "rate" else str(int(x))


def _x_data(kind: str, x: Decimal) -> str:
    """x as the interface writes it: money with two decimals, a count as a whole number."""
    return money_str(x) if kind == "money" else number(x.normalize()) if kind == "rate" else str(int(x))


def _cite(clause: str) -> tuple[str, str]:
    return document_of(clause).cite(clause)


def _readings(item: Item, a: Assessment) -> list[dict[str, str]]:
    return [readings()[r].cited() for r in item.readings if readings()[r].applies(a.status.version.id)]


# ------------------------------------------------------------------------------ the sweep
def _breakpoints(f: Evaluator, current: Decimal, n: int) -> tuple[list[Breakpoint], list[Decimal], Decimal]:
    """The breakpoints, the sampled values and the sweep's upper end."""
    kind, low = f.field.kind, LOWEST[f.field.kind]
    found = [Breakpoint(x, what[0], what[1], tuple(what[2]), tuple(keys))
             for x, keys in _candidates(f).items() if (what := _what(f, x))]
    top = max([current, *(b.x for b in found)])
    high = Decimal(1) if kind == "rate" else _nice(top * Decimal("1.25")) if top > low else DEFAULT_TOP[kind]
    for _ in range(6):  # a piece that still turns further on (a cap reached later): look further
        if kind == "rate" or _settled(f, high):
            break
        high *= 2
    samples = sorted({*_samples(kind, low, high, n), current})
    ids = sorted({k for x in samples for k in f(x).items})
    known = {b.x for b in found}
    for x in _found_between(f, samples, known, ids):
        kind_, side, changed = _what(f, x)
        found.append(Breakpoint(x, kind_, side, tuple(changed), ()))
    return sorted((b for b in found if b.x <= high), key=lambda b: b.x), samples, high


def _sweep(values: dict[str, Any], field: Field, n: int, assessed: list[Assessment]) -> dict[str, Any]:
    f = Evaluator(values, field, assessed)
    kind, step, low = field.kind, STEPS[field.kind], LOWEST[field.kind]
    current = Decimal(values[field.name]) if values[field.name] is not None else low
    breakpoints, samples, high = _breakpoints(f, current, n)
    xs = sorted({*samples, *(x for b in breakpoints for x in (b.x - step, b.x, b.x + step) if low <= x <= high)})
    order = lambda i: (document_of(f.items[i][0].clause).clause_order(f.items[i][0].clause), i)
    ids = sorted({k for x in xs for k in f(x).items}, key=order)
    row = lambda x: [money_str(v) for v in f(x).vector(ids)]
    series = [{"id": "total", "title_zh": _TEXT["total"][0], "title_en": _TEXT["total"][1], "recipient": "enterprise"}]
    for i in ids:
        item, _ = f.items[i]
        series.append({"id": i, "title_zh": item.title_zh, "title_en": item.title_en, "clause": item.clause,
                       "recipient": item.recipient, "recipient_zh": RECIPIENTS[item.recipient][0],
                       "recipient_en": RECIPIENTS[item.recipient][1]})

    def described(b: Breakpoint) -> dict[str, Any]:
        item, a = f.items[b.changed[0]] if b.changed else (None, None)
        clause = item.clause if item else field.clause
        cite = _cite(clause)
        used = [k for k in b.parameters if not item or k in item.parameters]
        return {"x": _x_data(kind, b.x), "kind": b.kind, "side": b.side, "parameters": used,
                "clause": clause, "clause_label_zh": cite[0], "clause_label_en": cite[1],
                "series": [ids.index(c) + 1 for c in b.changed if c in ids],
                "before": row(b.x - step), "at": row(b.x), "after": row(b.x + step),
                "readings": _readings(item, a) if item else []}

    out = {
        "field": field.name, "label_zh": _plain_label(field)[0], "label_en": _plain_label(field)[1], "kind": kind,
        "unit_zh": _unit(kind)[0].strip(), "unit_en": _unit(kind)[1].strip(), "within_validity": f.within,
        "current": {"x": _x_data(kind, current), "values": row(current)},
        "series": series,
        "points": [{"x": _x_data(kind, x), "values": row(x)} for x in xs],
        "breakpoints": [described(b) for b in breakpoints],
    }
    out["summary_zh"], out["summary_en"] = _summary(f, breakpoints, low, high, series, ids)
    if not f.within:
        out["note_zh"], out["note_en"] = _TEXT["outside"]
    return out


def _summary(f: Evaluator, breakpoints: list[Breakpoint], low: Decimal, high: Decimal,
             series: list[dict[str, Any]], ids: list[str]) -> tuple[str, str]:
    """What a screen reader is told of the chart: for each line that moves, where it starts,
    each step and turn with its clause, and where it ends."""
    field = f.field
    kind, step, unit = field.kind, STEPS[field.kind], _unit(field.kind)
    lines = []
    for n, s in enumerate(series):
        value = lambda x: f(x).vector(ids)[n]
        parts = []
        for b in breakpoints:
            before, at, after = value(b.x - step), value(b.x), value(b.x + step)
            cite = _cite(s.get("clause") or (f.items[b.changed[0]][0].clause if b.changed else field.clause))
            where = {"at": _x_text(kind, b.x), "unit": unit, "cite": cite}
            if b.kind == "threshold" and before != after:
                parts.append(_t(f"step.{'left' if b.side == 'left' else 'right'}", before=yuan(before),
                                after=yuan(after), **where))
            elif b.kind == "kink" and any(c == s["id"] or (s["id"] == "total" and f.items[c][0].recipient == "enterprise")
                                          for c in b.changed):
                parts.append(_t("kink", after=yuan(at), **where))
        start, end = value(low), value(high)
        if start == end and not parts:
            continue
        body = tuple(_t("start", amount=yuan(start))[k] + "".join(p[k] + _t("sep")[k] for p in parts)
                     + _t("end", amount=yuan(end))[k] for k in (0, 1))
        lines.append(tuple(f"{(s['title_zh'], s['title_en'])[k]}：{body[k]}" if k == 0 else
                           f"{s['title_en']}: {body[k]}" for k in (0, 1)))
    head = _t("summary", field=_plain_label(field), low=_x_text(kind, low), high=_x_text(kind, high), unit=unit)
    if not lines:
        lines = [_t("flat", amount=yuan(f(low).total))]
    return tuple(head[k] + " ".join(line[k] for line in lines) for k in (0, 1))  # type: ignore[return-value]


# ------------------------------------------------------------------------------ next threshold
def next_thresholds(values: dict[str, Any], given: set[str], assessed: list[Assessment]) -> list[dict[str, Any]]:
    """For each number the profile gives, the nearest threshold above it at which the rules give
    more: how far it is, what it gives, the clause and the readings it rests on."""
    sentences = []
    for field in SWEEPABLE:
        if field.name not in given or values[field.name] is None:
            continue
        f = Evaluator(values, field, assessed)
        step, current = STEPS[field.kind], Decimal(values[field.name])
        now = f(current)
        for x in _candidates(f):
            what = _what(f, x) if x > current else None
            if not what or what[0] != "threshold" or what[1] is None:
                continue
            reached = f(x if what[1] == "right" else x + step)
            gained = [k for k, v in reached.items.items() if v > now.items.get(k, ZERO)]
            gain = sum((reached.items[k] - now.items.get(k, ZERO) for k in gained), ZERO)
            if gain <= 0:
                continue
            item, a = f.items[gained[0]]
            who = {f.items[k][0].recipient for k in gained}
            zh, en = _t(f"next.{what[1]}", would=("", "") if f.within else _t("would"), field=_plain_label(field),
                        gap=_x_text(field.kind, x - current), at=_x_text(field.kind, x), unit=_unit(field.kind),
                        who=_t("who") if who == {"enterprise"} else RECIPIENTS[sorted(who)[0]], gain=yuan(gain),
                        cite=_cite(item.clause), counts=_t(what[1]))
            sentences.append({"field": field.name, "x": _x_data(field.kind, x), "side": what[1],
                              "gain": money_str(gain), "clause": item.clause, "clause_label_zh": _cite(item.clause)[0],
                              "clause_label_en": _cite(item.clause)[1], "within_validity": f.within,
                              "message_zh": zh, "message_en": en, "readings": _readings(item, a)})
            break
    return sentences


def sweep(data: Any) -> dict[str, Any]:
    """The `sweep` command: {"profile": {...}, "field": NAME or null, "points": N (default 200)}.
    With a field: that field's sweep; always: the next thresholds of the numbers the profile gives."""
    if not isinstance(data, dict) or not isinstance(data.get("profile"), dict):
        raise _bad("profile", "not_object", "request")
    unknown = sorted(set(data) - {"profile", "field", "points"})
    if unknown:
        raise _bad(unknown[0], "unknown_field", "request")
    values = parse(data["profile"], PROFILE_FIELDS)
    name = data.get("field")
    if name is not None and name not in _BY_NAME:
        raise _bad("field", "not_sweepable", "not_sweepable", name=name)
    n = data.get("points", DEFAULT_POINTS)
    if isinstance(n, bool) or not isinstance(n, (int, Decimal)) or n != int(n) or not 2 <= n <= MAX_POINTS:
        raise _bad("points", "points_range", "points", most=MAX_POINTS)
    assessed = assess(values)
    given = {k for k, v in data["profile"].items() if v is not None}
    out: dict[str, Any] = {"event_date": values["event_date"].isoformat(),
                           "next_thresholds": next_thresholds(values, given, assessed)}
    if name is not None:
        out["sweep"] = _sweep(values, _BY_NAME[name], int(n), assessed)
    return out
