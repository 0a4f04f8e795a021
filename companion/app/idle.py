"""The curtain falls by itself: after the idle time of the setting without a key or the
mouse in the app, the privacy curtain (F2) is drawn.

One Textual timer at a time, set for the moment the limit would be reached; a key or a
mouse event only notes its time, and the timer, when it fires early, is set again for
what is left. It waits while something is being saved (a dialog's or the app's worker):
a dialog that answers when its save is done would take the curtain away instead of
itself."""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, Final

from textual.screen import ModalScreen, Screen
from textual.timer import Timer

from companion.domain.privacy import CURTAIN_SETTING, curtain_seconds

if TYPE_CHECKING:
    from companion.app import CompanionApp

# While a save is running, look again this soon.
BUSY_RETRY_SECONDS: Final = 1.0


class IdleCurtain:
    def __init__(self, app: CompanionApp) -> None:
        self._app = app
        self._last = monotonic()
        self._timer: Timer | None = None

    def limit(self) -> float:
        """Seconds without a key or the mouse before the curtain falls; 0: never."""
        return curtain_seconds(self._app.store.settings.get(CURTAIN_SETTING))

    def start(self) -> None:
        """From now on (at mount, and after the setting changed)."""
        self._last = monotonic()
        self._set(self.limit())

    def touched(self) -> None:
        """A key or the mouse: the idle time starts again."""
        self._last = monotonic()
        if self._timer is None:
            self._set(self.limit())

    def _set(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if delay > 0:
            self._timer = self._app.set_timer(delay, self._check, name="idle-curtain")

    def _check(self) -> None:
        self._timer = None
        limit = self.limit()
        if not limit:
            return
        left = limit - (monotonic() - self._last)
        if left > 0:
            self._set(left)
        elif self._app.curtain_is_down():
            self._set(limit)
        elif self.saving():
            self._set(min(BUSY_RETRY_SECONDS, limit))
        else:
            self._app.action_curtain()
            self._set(limit)

    def saving(self) -> bool:
        """Whether a dialog or the app itself is busy with a worker (a save, a switch of
        data file): the screens on the stack may still change when it ends."""
        for worker in self._app.workers:
            if worker.is_finished:
                continue
            node = worker.node
            if node is self._app:
                return True
            screen = node if isinstance(node, Screen) else getattr(node, "screen", None)
            if isinstance(screen, ModalScreen):
                return True
        return False
