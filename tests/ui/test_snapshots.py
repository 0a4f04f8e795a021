"""What the teacher sees at 80x24, on the demo class (seed 7) and the frozen day.

Update after an intended change of the screens with `pytest tests/ui --snapshot-update`,
then look at the new SVGs under __snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from ui_helpers import SIZE, make_app

SnapCompare = Callable[..., bool]


def test_home(snap_compare: SnapCompare, demo_path: Path) -> None:
    assert snap_compare(make_app(demo_path), terminal_size=SIZE)


def test_home_in_dutch(snap_compare: SnapCompare, demo_path: Path) -> None:
    assert snap_compare(make_app(demo_path, "nl"), terminal_size=SIZE)


def test_abc_grid(snap_compare: SnapCompare, demo_path: Path) -> None:
    # Down to the second child, right to 'smile', and a tick there.
    assert snap_compare(
        make_app(demo_path),
        terminal_size=SIZE,
        press=["a", "down", "right", "right", "right", "space"],
    )


def test_week_ledger(snap_compare: SnapCompare, demo_path: Path) -> None:
    assert snap_compare(make_app(demo_path), terminal_size=SIZE, press=["w"])


def test_child_history(snap_compare: SnapCompare, demo_path: Path) -> None:
    assert snap_compare(make_app(demo_path), terminal_size=SIZE, press=["w", "enter"])


def test_class_list(snap_compare: SnapCompare, demo_path: Path) -> None:
    assert snap_compare(make_app(demo_path), terminal_size=SIZE, press=["k", "o"])


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_help_on_the_abc_screen(snap_compare: SnapCompare, demo_path: Path, lang: str) -> None:
    assert snap_compare(make_app(demo_path, lang), terminal_size=SIZE, press=["a", "f1"])
