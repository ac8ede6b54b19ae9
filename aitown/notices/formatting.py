"""How dates and amounts read on a notice, in Chinese and in English."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from aitown.money import format_yuan

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_zh(d: date) -> str:
    """``2026年11月23日`` (GB/T 9704: Arabic numerals, no leading zeros)."""
    return f"{d.year}年{d.month}月{d.day}日"


def date_en(d: date) -> str:
    """``23 November 2026``."""
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def period_zh(start: date, end: date) -> str:
    return f"{start.isoformat()} 至 {end.isoformat()}"


def period_en(start: date, end: date) -> str:
    return f"{start.isoformat()} to {end.isoformat()}"


def yuan_zh(fen: int) -> str:
    """``200,000.00 元``."""
    return f"{format_yuan(fen)} 元"


def yuan_en(fen: int) -> str:
    """``CNY 200,000.00``."""
    return f"CNY {format_yuan(fen)}"


def markup(text: str) -> str:
    """Text made safe for a ReportLab Paragraph (its markup is XML-like)."""
    return escape(text)
