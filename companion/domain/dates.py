"""Dates as teachers write them, and the Monday-to-Friday week."""

from __future__ import annotations

import re
from datetime import date, timedelta

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class NotADate(ValueError):
    """Not written in any date's shape ("next monday", "14/3")."""


class ImpossibleDate(ValueError):
    """Written in a date's shape, but no such day exists (31/02/2021)."""


def parse_date(text: str) -> date:
    """Parse dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or ISO yyyy-mm-dd.

    Raises NotADate for any other text, ImpossibleDate for a day no calendar has (both
    are ValueErrors with a short reason).
    """
    cleaned = text.strip()
    if match := _ISO.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_FIRST.match(cleaned):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise NotADate(f"not a date: {text!r}")
    try:
        return date(year, month, day)
    except ValueError as error:
        raise ImpossibleDate(str(error)) from error


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_days(monday: date) -> list[date]:
    """Monday to Friday of the week that starts on `monday`."""
    return [monday + timedelta(days=offset) for offset in range(5)]
