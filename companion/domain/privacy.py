"""Privacy in the room: the two settings behind it, read from their stored text.

The curtain falls by itself after a while without a key or the mouse (kept in seconds,
offered in whole minutes); names can be shown as initials only."""

from __future__ import annotations

from typing import Final

CURTAIN_SETTING: Final = "curtain_after_seconds"
# Off, 2, 5, 10 or 15 minutes. Five by default: long enough that it does not fall while
# she reads a page or talks with a child beside the laptop, short enough that the names
# are gone before a colleague or a parent comes by when she walked away (an open laptop
# in a classroom or a staff room).
CURTAIN_CHOICES: Final = (0, 120, 300, 600, 900)
CURTAIN_DEFAULT: Final = 300

INITIALS_SETTING: Final = "names_initials"


def curtain_seconds(stored: str | None) -> float:
    """The idle time after which the curtain falls; 0: never. Any number of seconds is
    understood (a test uses a fraction of one); what cannot be read is the default."""
    if stored is None:
        return float(CURTAIN_DEFAULT)
    try:
        seconds = float(stored)
    except ValueError:
        return float(CURTAIN_DEFAULT)
    return seconds if seconds > 0 and seconds == seconds else 0.0


def next_curtain_choice(stored: str | None) -> int:
    """The choice after the current one, round again after the last (the settings key)."""
    now = curtain_seconds(stored)
    later = [choice for choice in CURTAIN_CHOICES if choice > now]
    return later[0] if later else CURTAIN_CHOICES[0]


def initials_on(stored: str | None) -> bool:
    return stored == "on"
