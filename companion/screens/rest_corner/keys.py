"""The digit keys of the rest corner's dialogs, with what the unshifted top row of a
Belgian AZERTY keyboard gives for them (as the Samen-Spel session does)."""

from __future__ import annotations

from typing import Final

DIGITS: Final = {
    "1": "1,ampersand",
    "2": "2,é",
    "3": "3,quotation_mark",
    "4": "4,apostrophe",
    "5": "5,left_parenthesis",
    "6": "6,section_sign",
    "7": "7,è",
    "8": "8,exclamation_mark",
}
