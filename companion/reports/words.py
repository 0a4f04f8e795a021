"""The small words every report shares: dates, periods, lists, states."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from companion.domain.vocabulary import ENERGIES
from companion.i18n import t

if TYPE_CHECKING:  # names for the types only: Today's start needs none of domain/report.py
    from companion.domain.report import Period
    from companion.domain.rest_corner import Strategy, WhatHelps


def plain_date(day: date, lang: str) -> str:
    """'25 november 2026' / '25 November 2026'."""
    month = t("common.months", lang).split(",")[day.month - 1]
    return f"{day.day} {month} {day.year}"


def period_text(period: Period, lang: str) -> str:
    return t(
        "report.period",
        lang,
        start=plain_date(period.start, lang),
        end=plain_date(period.end, lang),
    )


def listed(items: Iterable[str], lang: str | None = None) -> str:
    """'a, b and c' / 'a, b en c'."""
    found = list(items)
    if len(found) <= 1:
        return "".join(found)
    return t("year.and", lang, first=", ".join(found[:-1]), last=found[-1])


def states(helps: WhatHelps, lang: str) -> str:
    """The states a strategy was tried in, in the deck's order: 'too much or too little'."""
    names = [t(f"report.state.{energy}", lang) for energy in ENERGIES if energy in helps.energies]
    return " / ".join(names)


def strategy_name(key: str, strategies: dict[str, Strategy], lang: str) -> str:
    """Its name, or its key when the strategy is no longer known (hidden, removed)."""
    found = strategies.get(key)
    return found.name_in(lang) if found else key


def footer(made_on: date, lang: str) -> str:
    made = t("report.made_on", lang, date=plain_date(made_on, lang))
    return t("report.footer", lang, made=made)
