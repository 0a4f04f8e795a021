"""The digit keys of every screen that takes them, with what the unshifted top row of a
Belgian AZERTY keyboard gives for each (& é " ' ( § è ! ç à): a Binding's key string."""

from __future__ import annotations

from typing import Final

AZERTY: Final = {
    "1": "ampersand",
    "2": "é",
    "3": "quotation_mark",
    "4": "apostrophe",
    "5": "left_parenthesis",
    "6": "section_sign",
    "7": "è",
    "8": "exclamation_mark",
    "9": "ç",
    "0": "à",
}
DIGIT_KEYS: Final = {digit: f"{digit},{azerty}" for digit, azerty in AZERTY.items()}
