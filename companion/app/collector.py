"""Garbage collection done ahead, in the teacher's pauses, so that little of it is left
to fall in the middle of a key press.

Python's collector runs when enough objects were made, which is in the middle of
whatever made them: a day or week switch set off a collection nearly every time, and now
and then a full one of 10-30 ms on top of the switch. It stays on (turned off, the
garbage of a quick round of screens piled up: a third more memory, measured), but a
timer does its work first, in a pause of the keys and the mouse (QUIET_SECONDS): the
young generations every YOUNG_SECONDS, everything every FULL_SECONDS. A key press then
starts with nothing due (someone who never pauses has the collector as Python runs
it). A closed screen is collected right after the frame that shows what is under it.
Whatever the start made lives as long as the app and is moved out of sight first.
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


class IdleCollector:
    def __init__(self, app: App[Any], clock: Callable[[], float] = monotonic) -> None:
        self._app = app
        self._clock = clock
        self._timer: Timer | None = None
        self._last_input = self._last_young = self._last_full = clock()

    def start(self) -> None:
        """At the first frame: what the start made lives as long as the app, so it is
        moved out of the collector's sight (full collections stay short); the command
        line kept the collector off until now (cli.main)."""
        gc.freeze()
        gc.enable()
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

    def screen_closed(self) -> None:
        """A screen was closed: what it held goes, once the next frame is drawn (a
        screen and its widgets refer to each other, so only the collector frees them)."""
        if self.running:
            self._app.call_after_refresh(self._collect_young)

    def _collect_young(self) -> None:
        gc.collect(1)
        self._last_young = self._clock()

    def collect_if_due(self) -> int | None:
        """The generation collected ahead (None: not now, she is typing)."""
        now = self._clock()
        if now - self._last_input < QUIET_SECONDS:
            return None
        generation = 2 if now - self._last_full >= FULL_SECONDS else 1
        gc.collect(generation)
        self._last_young = now
        if generation == 2:
            self._last_full = now
        return generation
