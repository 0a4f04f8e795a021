"""The garbage collector runs in the teacher's pauses (app/collector.py): off on its own
after the first frame, collecting when the keys are quiet, never left off after the app."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App
from ui_helpers import SIZE, make_app, press

from companion.app.collector import (
    FORCED_SECONDS,
    FULL_SECONDS,
    QUIET_SECONDS,
    YOUNG_SECONDS,
    IdleCollector,
)


async def test_after_the_first_frame_only_the_pauses_collect_and_the_app_leaves_it_as_it_was(
    small_class: dict[str, str], data_path: Path
) -> None:
    assert gc.isenabled()
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "4", "escape")
        assert not gc.isenabled()  # the timer collects, not each allocation
        assert gc.get_freeze_count() > 0  # the start's objects are out of its sight
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_collection_waits_for_a_pause_but_not_for_ever() -> None:
    clock = Clock()
    collector = IdleCollector(App(), clock=clock)
    clock.now += YOUNG_SECONDS
    collector.touched()  # a key, just now
    assert collector.collect_if_due() is None
    clock.now += QUIET_SECONDS  # a pause
    assert collector.collect_if_due() == 1  # the young generations
    # Typing without a pause: the young generations all the same, now and then.
    while clock.now < 1000.0 + FORCED_SECONDS + QUIET_SECONDS:
        clock.now += 0.1
        collector.touched()
        if collector.collect_if_due() is not None:
            break
    assert collector.collect_if_due() is None
    clock.now += FORCED_SECONDS
    collector.touched()
    assert collector.collect_if_due() == 1
    # A pause after a minute: everything, once.
    clock.now += FULL_SECONDS
    assert collector.collect_if_due() == 2
    clock.now += YOUNG_SECONDS
    assert collector.collect_if_due() == 1
