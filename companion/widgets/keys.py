"""Keys shared by several screens."""

from __future__ import annotations

from typing import Final

from textual.binding import Binding

# [ and ] need AltGr on a Belgian AZERTY keyboard; - and + (also on the numpad) do not.
PREVIOUS: Final = "minus"
NEXT: Final = "plus"


def step_bindings(
    action: str,
    back: str,
    forward: str,
    *,
    group: Binding.Group | None = None,
    show: bool = True,
    back_step: int = -1,
) -> list[Binding]:
    """`[` or `-` runs `action(back_step)`, `]` or `+` the step the other way: the
    previous and next day, week or year, or smaller and larger. `back` and `forward`
    are the i18n keys of their descriptions."""
    keys = (f"left_square_bracket,{PREVIOUS}", f"right_square_bracket,{NEXT}")
    return [
        Binding(key, f"{action}({step})", description, group=group, show=show)
        for key, step, description in zip(
            keys, (back_step, -back_step), (back, forward), strict=True
        )
    ]
