"""Sentences about school years: closing one, and a computer date that looks wrong."""

from __future__ import annotations

from companion.domain.calendar import ClockDoubt, ClosingSummary, school_year_label
from companion.i18n import long_date, t
from companion.reports.words import listed


def number(value: int, lang: str | None = None) -> str:
    """4,537 / 4.537: thousands grouped the way the language writes them."""
    return f"{value:,}".replace(",", t("year.thousands_separator", lang))


def years_text(years: tuple[int, ...], lang: str | None = None) -> str:
    """'2025-2026' or '2024-2025 and 2025-2026'."""
    return listed((school_year_label(year) for year in years), lang)


def counted(key: str, count: int, lang: str | None = None) -> str:
    """'1 tick' / '4,537 ticks': `year.<key>_one` for one, `year.<key>` for more."""
    if count == 1:
        return t(f"year.{key}_one", lang)
    return t(f"year.{key}", lang, count=number(count, lang))


def closing_text(summary: ClosingSummary, lang: str | None = None) -> str:
    """What moves: 'Closing 2025-2026 moves 4,537 ticks (on 171 days) and 35 days off ...'."""
    text = t(
        "year.close_moves",
        lang,
        years=years_text(summary.years, lang),
        marks=counted("marks", summary.marks, lang),
        days=counted("days", summary.days, lang),
        days_off=counted("days_off", summary.days_off, lang),
    )
    said = [text]
    if summary.samen_spel_plans:
        said.append(
            t(
                "year.close_moves_samen_spel",
                lang,
                plans=counted("samen_spel_plans", summary.samen_spel_plans, lang),
                sessions=counted("samen_spel_sessions", summary.samen_spel_sessions, lang),
            )
        )
    kinds = [
        counted(kind, count, lang)
        for kind, count in (
            ("journal_entries", summary.journal_entries),
            ("analyses", summary.analyses),
            ("strategy_uses", summary.strategy_uses),
            ("check_ins", summary.check_ins),
            ("teacher_check_ins", summary.teacher_check_ins),
        )
        if count
    ]
    if kinds:
        said.append(t("year.close_moves_also", lang, kinds=", ".join(kinds)))
    still_open = [
        counted(kind, count, lang)
        for kind, count in (
            ("open_uses", summary.uses_waiting),
            ("open_analyses", summary.analyses_open),
        )
        if count
    ]
    if still_open:
        said.append(t("year.close_moves_open", lang, open=", ".join(still_open)))
    return " ".join(said)


def clock_doubt_text(doubt: ClockDoubt, lang: str | None = None) -> str:
    """One plain sentence: which date, which newest day, what to check."""
    return t(
        f"year.clock_{doubt.kind}",
        lang,
        today=long_date(doubt.today, lang),
        newest=long_date(doubt.newest, lang),
    )
