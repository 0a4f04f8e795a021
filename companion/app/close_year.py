"""Closing a school year from the app: offered at start, asked for in Settings or the
palette, and never done without the teacher's yes."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from companion.i18n import t
from companion.store import DataFileError

if TYPE_CHECKING:
    from companion.app import CompanionApp


def offer_close_year(app: CompanionApp, asked: bool = True) -> None:
    """The close-year dialog, when a school year before today's is in the live file.
    Asked for (palette, settings): why not (a doubtful date, a read-only file), or that
    there is nothing to close, is said; at start only the dialog shows, if any."""
    from companion.domain.calendar import school_year_label
    from companion.screens.close_year import CloseYearDialog

    store = app.store
    refusal = store.school_years.closing_refusal()  # a read-only file, a doubtful date
    summary = store.school_years.closing_summary()
    if refusal is not None or not summary.years:
        if asked and refusal is not None:
            app.notify(refusal.message(), severity="warning", timeout=10)
        elif asked:
            app.notify(t("year.nothing_to_close", current=school_year_label(store.current_year)))
        return
    if not isinstance(app.screen, CloseYearDialog):
        dialog = CloseYearDialog(summary, store.school_years.archive_dir)
        app.push_screen(dialog, partial(_close_years, app, summary.years))


def _close_years(app: CompanionApp, years: tuple[int, ...], confirmed: bool | None) -> None:
    from companion.reports.school_year import years_text

    if not confirmed:
        return
    try:
        closed = app.store.school_years.close(years)
    except DataFileError as error:
        app.notify(error.message(), severity="error", timeout=10)
        app.show_write_refusal()
        return
    app.notify(t("year.closed_done", years=years_text(closed.years)))
    # The moment archives grow is when their age matters: a gentle line, nothing deleted.
    from companion.screens.retention import reminder

    old = reminder(app.store)
    if old is not None:
        app.notify(f"{old} {t('purge.retention_where')}", timeout=10)
