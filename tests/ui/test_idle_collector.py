"""Garbage collection done ahead in the teacher's pauses (app/collector.py): the start's
objects out of the collector's sight, collections when the keys are quiet, and the
collector as Python has it once the app has ended."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App
from ui_helpers import SIZE, make_app, press

from companion.app import CompanionApp
from companion.app.collector import FULL_SECONDS, QUIET_SECONDS, YOUNG_SECONDS, IdleCollector


def collecting(app: CompanionApp) -> bool:
    """(A call: mypy keeps no narrowing of the property across the app's end.)"""
    return app.collector.running


async def test_the_app_collects_ahead_and_leaves_the_collector_as_it_was(
    small_class: dict[str, str], data_path: Path
) -> None:
    assert gc.isenabled()
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "4", "escape")
        assert collecting(app)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # the start's objects are out of its sight
    assert not collecting(app)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_collection_ahead_waits_for_a_pause_and_a_full_one_for_a_minute() -> None:
    clock = Clock()
    collector = IdleCollector(App(), clock=clock)
    clock.now += YOUNG_SECONDS
    collector.touched()  # a key, just now
    assert collector.collect_if_due() is None
    clock.now += QUIET_SECONDS  # a pause
    assert collector.collect_if_due() == 1  # the young generations
    clock.now += FULL_SECONDS
    collector.touched()
    assert collector.collect_if_due() is None  # typing: not even the full one
    clock.now += QUIET_SECONDS
    assert collector.collect_if_due() == 2  # a pause after a minute: everything, once
    clock.now += YOUNG_SECONDS
    assert collector.collect_if_due() == 1
