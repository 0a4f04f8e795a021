"""What she types: tidied, and checked for what no screen should show."""

from __future__ import annotations

import unicodedata


def is_control(char: str, *, lines: bool) -> bool:
    """A character no screen should show: a control one (a tab is fine), or a line break
    where the text has one line. Format characters (right-to-left marks, the joiners of
    an emoji) are text."""
    category = unicodedata.category(char)
    if char == "\n" or category in ("Zl", "Zp"):
        return not lines
    return category in ("Cc", "Cs", "Co", "Cn") and char != "\t"


def tidy(text: str) -> str:
    """NFC (so "Zoë" typed with a combining diaeresis equals the precomposed one), Windows
    line ends as "\\n", trimmed."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()


def has_control(text: str, *, lines: bool) -> bool:
    return any(is_control(char, lines=lines) for char in text)
