"""Garbage collection in the teacher's pauses, never in the middle of a key press.

Python's collector runs when enough objects were made, which is in the middle of
whatever made them: a day or week switch set off a collection nearly every time, and now
and then a full one of 10-30 ms, on top of the switch. After the first frame the
collector's automatic runs are off; a timer collects instead, in a pause of the keys and
the mouse (QUIET_SECONDS): the young generations every YOUNG_SECONDS, everything every
FULL_SECONDS. Someone who never pauses still gets the young collection every
FORCED_SECONDS, so cyclic garbage cannot pile up. Reference counting, which frees
nearly everything, is not touched.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from time import monotonic
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

QUIET_SECONDS: Final = 0.5
YOUNG_SECONDS: Final = 1.0
FULL_SECONDS: Final = 60.0
FORCED_SECONDS: Final = 10.0


class IdleCollector:
    def __init__(self, app: App[Any], clock: Callable[[], float] = monotonic) -> None:
        self._app = app
        self._clock = clock
        self._timer: Timer | None = None
        self._last_input = self._last_young = self._last_full = clock()

    def start(self) -> None:
        """At the first frame: what the start made lives as long as the app, so it is
        moved out of the collector's sight (full collections stay short); from now on the
        timer collects."""
        gc.freeze()
        gc.disable()
        self._last_young = self._last_full = self._clock()
        self._timer = self._app.set_interval(YOUNG_SECONDS, self.collect_if_due, name="gc")

    @property
    def running(self) -> bool:
        """Whether this collects now (between the first frame and the app's end)."""
        return self._timer is not None

    def stop(self) -> None:
        """As the app ends: the collector as Python has it (a test process runs many apps)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        gc.unfreeze()
        gc.enable()

    def touched(self) -> None:
        """A key or the mouse, just now."""
        self._last_input = self._clock()

    def collect_if_due(self) -> int | None:
        """The generation collected (None: not now, she is typing)."""
        now = self._clock()
        quiet = now - self._last_input >= QUIET_SECONDS
        if not quiet and now - self._last_young < FORCED_SECONDS:
            return None
        generation = 2 if quiet and now - self._last_full >= FULL_SECONDS else 1
        gc.collect(generation)
        self._last_young = now
        if generation == 2:
            self._last_full = now
        return generation
