"""An index made when it is first read: an open builds only what the first screen asks for
(Today reads a few kinds; the journal's entries wait for the journal)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Final, Generic, TypeVar, cast

T = TypeVar("T")

_UNMADE: Final = object()


class Lazy(Generic[T]):
    """`make()` run once, by the first `get()`. The app reads the store from worker
    threads too (the journal's timeline, a purge's plan): the lock makes two first
    readers share one build, so no write made to the one built can be lost to another.
    `make` (and what it holds, the typed records) is let go once it has run."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make: Callable[[], T] | None = make
        self._value: object = _UNMADE
        self._lock = threading.Lock()

    @property
    def made(self) -> bool:
        return self._value is not _UNMADE

    def get(self) -> T:
        if self._value is _UNMADE:
            with self._lock:
                make = self._make
                if make is not None:  # else another thread made it while this one waited
                    self._value = make()
                    self._make = None
        return cast("T", self._value)
