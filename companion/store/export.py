"""An export: everything, live and archived, in the stable vocabulary (see docs).

`export_document` gives it as one document; `export_pieces` gives the bytes of the export
file in pieces, so that `companion export` writes ten school years without ever holding
them whole (see `export_pieces` for how)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from companion.store.children import child_to
from companion.store.codec import TickDay, export_file, export_rows, export_ticks
from companion.store.codec.exported import EXPORT_FORMAT
from companion.store.journal import draft_to
from companion.store.needs import profile_to
from companion.store.rest_corner import own_to
from companion.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from companion.store.store import Store


def export_document(store: Store) -> dict[str, Any]:
    """The settings, every child, the needs profiles, her own and hidden strategies, and
    every year-bound kind's entries of every school year, oldest year first."""
    document = export_head(store)
    years = sorted(store.school_years.all())
    for kind in store.school_years.kinds:
        document[kind.name] = [row for year in years for row in kind.exported(year)]
    return document


def export_head(store: Store) -> dict[str, Any]:
    """What an export holds before the year-bound kinds' lists."""
    return {
        "format": EXPORT_FORMAT,
        "schema": SCHEMA_VERSION,
        "exported_at": datetime.now().isoformat(timespec="seconds"),
        "settings": store.settings.all(),
        "children": [child_to(c) for c in store.children.all(include_archived=True)],
        "needs_profiles": [profile_to(p) for p in store.needs.all(include_past=True).values()],
        # Shipped strategies are named by their stable keys; hers are written out.
        "own_strategies": [own_to(s) for s in store.own_strategies.all()],
        "hidden_strategies": sorted(store.own_strategies.hidden()),
        "journal_prompts": store.journal.own_prompts.exported(),
        "journal_drafts": [draft_to(d) for d in store.journal.drafts.all()],
    }


def export_pieces(store: Store) -> Iterator[bytes]:
    """The export file's bytes (`encode_export(export_document(store))` and a newline),
    made as they are written: school year by school year, each year's archive read once
    and let go before the next. The ABC ticks, the first kind and nearly all of an export,
    are written as each year is read; the other kinds' rows wait, encoded, until they are
    done, since the document holds each kind's list whole."""
    kinds = store.school_years.kinds
    return export_file(export_head(store), [kind.name for kind in kinds], _rows(store))


# Rows, and ABC days, encoded at a time: a school year's 25,000 ticks (40 children) come in
# a few pieces, so that the copies encoding makes stay small.
ROWS_PER_PIECE = 5000
DAYS_PER_PIECE = 1500


def _rows(store: Store) -> Iterator[tuple[str, bytes]]:
    """(kind, encoded rows) in the document's order, for export_file (which refuses any
    other: the ABC ticks come first as the kinds are declared)."""
    abc = store.abc
    others = [kind for kind in store.school_years.kinds if kind is not abc]
    waiting: dict[str, list[bytes]] = {kind.name: [] for kind in others}
    for year in sorted(store.school_years.all()):
        with store.school_years.read_once(year):
            yield from ((abc.name, ticks) for ticks in _ticks(abc.export_days(year)))
            for kind in others:
                waiting[kind.name] += _encoded(kind.exported(year))
    for name, pieces in waiting.items():  # each kind's years oldest first, as they came
        yield from ((name, rows) for rows in pieces)


def _ticks(days: list[TickDay]) -> Iterator[bytes]:
    # Encoded from the days: the quarter of a million rows of ten years are never made.
    for start in range(0, len(days), DAYS_PER_PIECE):
        yield export_ticks(days[start : start + DAYS_PER_PIECE])


def _encoded(rows: list[dict[str, Any]]) -> Iterator[bytes]:
    for start in range(0, len(rows), ROWS_PER_PIECE):
        yield export_rows(rows[start : start + ROWS_PER_PIECE])
