"""How long archives are kept (a setting, off by default: everything is kept), the gentle
reminder when older archives exist, and deleting them after the teacher confirmed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from companion.domain.calendar import school_year_label
from companion.i18n import t
from companion.store.purge import (
    RETENTION_CHOICES,
    archives_past_retention,
    delete_archives,
    retention_years,
    set_retention_years,
)

if TYPE_CHECKING:
    from companion.screens.base import CompanionScreen
    from companion.store import Store


def years_text(years: list[int]) -> str:
    return ", ".join(school_year_label(year) for year in years)


def reminder(store: Store) -> str | None:
    """One line when archives older than the setting exist, else None."""
    old = archives_past_retention(store)
    if not old:
        return None
    return t("purge.retention_reminder", count=len(old), years=years_text(old))


def retention_text(store: Store) -> Content:
    keep = retention_years(store)
    value = t("purge.retention_off") if keep is None else t("purge.retention_years", count=keep)
    parts: list[Content | str | tuple[str, str]] = [
        (t("purge.retention_label"), "bold"),
        f"  {value}   ",
        (t("purge.retention_note"), "dim"),
    ]
    line = reminder(store)
    if line is not None:
        parts += ["\n", (line, "bold $warning"), "  ", (t("purge.retention_review"), "dim")]
    return Content.assemble(*parts)


def next_retention(store: Store) -> int | None:
    """Off -> 1 -> 2 -> ... -> 10 -> off."""
    keep = retention_years(store)
    if keep is None:
        return RETENTION_CHOICES[0]
    return None if keep == RETENTION_CHOICES[-1] else keep + 1


def cycle_retention(screen: CompanionScreen) -> None:
    store = screen.companion.store
    chosen = next_retention(store)
    screen.write(lambda: set_retention_years(store, chosen))


def review_old_archives(screen: CompanionScreen) -> None:
    """List the archives past the setting and delete them (with their backups) on a yes."""
    from companion.screens.confirm import ConfirmDialog

    store = screen.companion.store
    old = archives_past_retention(store)
    if not old:
        screen.notify(t("purge.retention_none"))
        return

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        gone = screen.write(lambda: delete_archives(store, old))
        if gone is not None:
            screen.notify(
                t("purge.retention_done", years=years_text(list(gone.years)), backups=gone.backups)
            )
            screen.refresh_data()

    screen.app.push_screen(
        ConfirmDialog(
            t("purge.retention_confirm_title"),
            t("purge.retention_confirm", years=years_text(old)),
            t("purge.retention_delete"),
        ),
        answered,
    )
