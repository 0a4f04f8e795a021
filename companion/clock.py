"""The app's idea of 'now', passed in so tests and demos can freeze the day.

One rule says which days the app can work with (`usable_day`): the CLI and the app both
take their day through it, so a frozen day or a computer clock far out of range gives one
clear sentence instead of an error deep in a calendar computation.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import date, datetime

from companion.i18n import t

Clock = Callable[[], datetime]

# The school calendar reaches a school year before and after the day (its holidays,
# Easter included); these bounds leave every such computation far inside what the
# calendar and Python's dates can do, and hold every day a class could meet.
FIRST_USABLE_DAY = date(1900, 1, 1)
LAST_USABLE_DAY = date(2999, 12, 31)


class UnusableDay(ValueError):
    """A day (COMPANION_TODAY or the computer's clock) the app cannot work with."""

    def __init__(self, given: str, *, frozen: bool = False) -> None:
        self.given = given
        self.frozen = frozen  # given as COMPANION_TODAY, not read from the computer's clock
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        return t(
            "day.frozen_unusable" if self.frozen else "day.clock_unusable",
            lang,
            given=self.given,
            first=FIRST_USABLE_DAY.isoformat(),
            last=LAST_USABLE_DAY.isoformat(),
        )


def usable_day(day: date, *, frozen: bool = False) -> date:
    """`day` itself when the app can work with it, else UnusableDay."""
    if not FIRST_USABLE_DAY <= day <= LAST_USABLE_DAY:
        raise UnusableDay(day.isoformat(), frozen=frozen)
    return day


def system_clock() -> datetime:
    return datetime.now()


def fixed_clock(moment: datetime) -> Clock:
    return lambda: moment


def clock_from_environment(environ: Mapping[str, str] | None = None) -> Clock:
    """COMPANION_TODAY=2026-11-25 (or an ISO date-time) freezes the day, for demos and checks.

    Raises UnusableDay for a value that is no date, or a day outside the usable range.
    """
    frozen = (os.environ if environ is None else environ).get("COMPANION_TODAY", "").strip()
    if not frozen:
        usable_day(system_clock().date())
        return system_clock
    try:
        moment = datetime.fromisoformat(frozen)
    except ValueError as error:
        raise UnusableDay(frozen, frozen=True) from error
    usable_day(moment.date(), frozen=True)
    return fixed_clock(
        moment if len(frozen) > 10 else datetime.combine(moment.date(), datetime.now().time())
    )


def today(clock: Clock) -> date:
    return usable_day(clock().date())
