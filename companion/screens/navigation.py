"""The places of the app and the key that opens each from the home screen (one list)."""

from __future__ import annotations

from typing import Final

from textual.binding import Binding

# name -> (key on the home screen, shown in its footer)
PLACES: Final = {
    "abc": ("a", True),
    "ledger": ("w", True),
    "roster": ("k", True),
    "start_of_year": ("j", False),
    "calendar": ("c", False),
    "settings": ("s", False),
    "learn_more": ("m", False),
}


def place_bindings() -> list[Binding]:
    return [
        Binding(key, f"app.open('{name}')", f"nav.{name}", show=shown)
        for name, (key, shown) in PLACES.items()
    ]
