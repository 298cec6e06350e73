"""The rule package's values as a reader sees them, in Chinese or English.

Shared by the hooks (not a hook itself). Every number the site shows about the policy is formatted
here from `xinzhou_policy.parameters`, so the pages never type one.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from mkdocs.exceptions import PluginError
from xinzhou_policy import parameters as P
from xinzhou_policy.money import date_en, date_zh

LANGUAGES = ("zh", "en")
_UNIT_INDEX = {"zh": 0, "en": 1}

# `[[param:KEY]]` keys: every parameter, plus the policy's period of validity.
PARAMETERS = {p.key: p for p in P.PARAMETERS}
DATES = {"valid_from": P.VALID_FROM, "valid_until": P.VALID_UNTIL}

_DIGITS = "〇一二三四五六七八九"


def zh_numeral(n: int) -> str:
    """1..99 as the documents number their articles and clauses: 十二, 二十, 三十三."""
    tens, units = divmod(n, 10)
    if not tens:
        return _DIGITS[units]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")


def format_date(d: date, lang: str) -> str:
    """The rule package's own date wording, so pages and explanations agree."""
    return date_zh(d) if lang == "zh" else date_en(d)


def _number(value: Decimal | int) -> str:
    """Thousands separators, no trailing zeros: 1,000,000 and 0.5."""
    return f"{Decimal(value).normalize():,f}"


def _yuan(value: Decimal, lang: str) -> str:
    if lang == "en":
        return f"{_number(value)} yuan"
    # Chinese readers and the text itself count in 万 and 亿: 20万元, 20亿元.
    for suffix, size in (("亿元", 10**8), ("万元", 10**4)):
        if value >= size and value % size == 0:
            return _number(value / size) + suffix
    return _number(value) + "元"


def unit_label(unit: str, lang: str) -> str:
    return P.UNITS[unit][_UNIT_INDEX[lang]]


def format_quantity(value: Decimal | int, unit: str, lang: str) -> str:
    """One value with its unit: 20万元, 20%, 300元/人, 前3名; 200,000 yuan, 20%, top 3."""
    if unit == "yuan":
        return _yuan(value, lang)
    if unit == "ratio":
        return _number(value * 100) + "%"
    if unit == "rank":
        return f"前{value}名" if lang == "zh" else f"top {value}"
    if unit == "grade":
        return f"第{value}等" if lang == "zh" else f"grade {value}"
    if lang == "zh":
        return _number(value) + unit_label(unit, lang)
    return f"{_number(value)} {unit_label(unit, lang)}"


def tier_condition(scale: P.Scale, threshold: Decimal, lang: str) -> str:
    """The condition of one step of a scale, with the legal reading of its verb."""
    amount = format_quantity(threshold, scale.threshold_unit, lang)
    if scale.threshold_unit == "grade":
        return amount
    if lang == "zh":
        return f"达到{amount}（含本数）" if scale.inclusive else f"突破{amount}（不含本数）"
    return f"reaches {amount} (inclusive)" if scale.inclusive else f"exceeds {amount} (not inclusive)"


def scale_rows(scale: P.Scale, lang: str) -> list[tuple[str, str]]:
    """(condition, amount) for each step, in the page's language."""
    return [(tier_condition(scale, tier.threshold, lang),
             format_quantity(tier.amount, scale.amount_unit, lang)) for tier in scale.tiers]


def format_parameter(param: P.Parameter | P.Scale, lang: str) -> str:
    """A parameter's value inline in running text."""
    if isinstance(param, P.Scale):
        sep, link = ("；", "：") if lang == "zh" else ("; ", ": ")
        return sep.join(condition + link + amount for condition, amount in scale_rows(param, lang))
    return format_quantity(param.value, param.unit, lang)


def format_key(key: str, lang: str) -> str:
    """The value behind a `[[param:KEY]]` placeholder; an unknown key stops the build."""
    if key in DATES:
        return format_date(DATES[key], lang)
    if key in PARAMETERS:
        return format_parameter(PARAMETERS[key], lang)
    raise PluginError(f"[[param:{key}]]: no such parameter in xinzhou_policy.parameters "
                      f"(known: {', '.join(sorted([*PARAMETERS, *DATES]))})")


PLACEHOLDER = re.compile(r"\[\[param:([\w-]+)\]\]")


def render_placeholders(markdown: str, lang: str) -> str:
    """Replaces every `[[param:KEY]]` with its value in `lang`."""
    return PLACEHOLDER.sub(lambda match: format_key(match[1], lang), markdown)
