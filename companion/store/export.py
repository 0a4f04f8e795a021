"""An export: everything, live and archived, in the stable vocabulary (see docs)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from companion.store.children import child_to
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
    document: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "schema": SCHEMA_VERSION,
        "exported_at": datetime.now().isoformat(timespec="seconds"),
        "settings": store.settings.all(),
        "children": [child_to(c) for c in store.children.all(include_archived=True)],
        "needs_profiles": [profile_to(p) for p in store.needs.all().values()],
        # Shipped strategies are named by their stable keys; hers are written out.
        "own_strategies": [own_to(s) for s in store.own_strategies.all()],
        "hidden_strategies": sorted(store.own_strategies.hidden()),
        "journal_prompts": store.journal.own_prompts.exported(),
        "journal_drafts": [draft_to(d) for d in store.journal.drafts.all()],
    }
    years = sorted(store.school_years.all())
    for kind in store.school_years.kinds:
        document[kind.name] = [row for year in years for row in kind.exported(year)]
    return document
