"""Fixtures for the TUI tests: a real data file in tmp_path, a frozen school day.

Every test drives the real app (`create_app`) on a real TinyDB file; nothing of the store
or of Textual is mocked. The day is Wednesday 25 November 2026 at 09:30, the welcome.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from ui_helpers import SCHOOL_START, TODAY

from companion.demo import build_demo, write_demo
from companion.domain.children import ChildDraft
from companion.i18n import current_language, set_language
from companion.store import Store


@pytest.fixture(autouse=True)
def _language_restored() -> Iterator[None]:
    """The app sets the language of the whole process (a switch in a test too): give
    the next test the language this one found."""
    before = current_language()
    yield
    set_language(before)


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    return tmp_path / "klas.json"


# A small class, chosen so that first-name and last-name order differ: "Van den Broeck"
# comes first by first name (Bram) among the B's but last by last name (V).
SMALL_CLASS = (
    ChildDraft("Anna", "Peeters"),
    ChildDraft("Bram", "Van den Broeck"),
    ChildDraft("Adam", "Janssens", group="invisible"),
    ChildDraft("Andy", "Maes", group="hard_to_manage"),
    ChildDraft("Zoë", "De Smet"),
)


@pytest.fixture
def small_class(data_path: Path) -> dict[str, str]:
    """Write the hand-made class (in class since 1 September); first name -> child id.

    The store is closed again before the test starts the app: the file is locked while
    a Store is open.
    """
    with Store.open(data_path, today=TODAY) as store:
        children = store.children.add_many(SMALL_CLASS, added_on=SCHOOL_START)
    return {child.first_name: child.id for child in children}


@pytest.fixture
def demo_path(data_path: Path) -> Path:
    """The demo class (12 children, one school year, seed 7) written to the data file."""
    with Store.open(data_path, today=TODAY) as store:
        write_demo(store, build_demo(date(2026, 11, 25), years=1, children=12, seed=7))
    return data_path
