"""Money and number formatting. Money is Decimal, rounded to the fen with ROUND_HALF_UP."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal(0)


def to_fen(amount: Decimal) -> Decimal:
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def money_str(amount: Decimal) -> str:
    """The interface's money format: a string with exactly two decimals, no separators."""
    return f"{to_fen(amount):f}"


def yuan(amount: Decimal) -> str:
    """A readable amount for explanations: thousands separators, decimals only when needed."""
    fen = to_fen(amount)
    if fen == fen.to_integral_value():
        return f"{fen:,.0f}"
    return f"{fen:,.2f}"


def number(value: Decimal | int) -> str:
    """A plain number without trailing zeros (rates after scaling, counts, grades)."""
    if isinstance(value, int):
        return str(value)
    text = f"{value.normalize():f}"
    return text


def percent(rate: Decimal) -> str:
    return number(rate.scaleb(2)) + "%"


def date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def date_en(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"
