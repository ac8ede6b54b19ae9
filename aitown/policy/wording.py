"""How amounts, ratios, areas and dates are written in reasons and arithmetic lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from aitown.money import format_yuan


def percent(ratio: Decimal) -> str:
    """``Decimal("0.3")`` → ``"30%"``, ``Decimal("0.125")`` → ``"12.5%"``."""
    return f"{format((ratio * 100).normalize(), 'f')}%"


def yuan_en(fen: int) -> str:
    return f"{format_yuan(fen)} yuan"


def yuan_zh(fen: int) -> str:
    return f"{format_yuan(fen)}元"


def area(centi_m2: int) -> str:
    """Hundredths of m² → ``"350.00 m²"``."""
    whole, cents = divmod(centi_m2, 100)
    return f"{whole:,}.{cents:02d} m²"


def area_zh(centi_m2: int) -> str:
    whole, cents = divmod(centi_m2, 100)
    return f"{whole:,}.{cents:02d}平方米"


def day(d: date) -> str:
    """Dates are ISO in both languages, as on the forms (2026-11-23)."""
    return d.isoformat()
