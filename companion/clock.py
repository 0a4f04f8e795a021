"""The app's idea of 'now', passed in so tests and demos can freeze the day."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now()


def fixed_clock(moment: datetime) -> Clock:
    return lambda: moment


def clock_from_environment() -> Clock:
    """COMPANION_TODAY=2026-11-25 (or an ISO date-time) freezes the day, for demos and checks."""
    frozen = os.environ.get("COMPANION_TODAY", "").strip()
    if not frozen:
        return system_clock
    moment = datetime.fromisoformat(frozen)
    return fixed_clock(
        moment if len(frozen) > 10 else datetime.combine(moment.date(), datetime.now().time())
    )


def today(clock: Clock) -> date:
    return clock().date()
