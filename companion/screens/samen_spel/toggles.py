"""A tick box whose state is its shape, "[x]" or "[ ]" (Textual's box differs only in
colour), toggled by space or a click; enter is left to the form, which saves."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", "samen_spel.form.toggle", show=False),
    ]
    DEFAULT_CSS = """
    TickBox, TickBox:focus { border: none; padding: 0; background: transparent; }
    TickBox:focus > .toggle--label { text-style: bold reverse; }
    """

    @property
    def _button(self) -> Content:
        return Content.styled("[x]" if self.value else "[ ]", "bold" if self.value else "")
