"""What every screen shares: bindings whose descriptions are i18n keys, shown translated."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from companion.i18n import t

if TYPE_CHECKING:
    from companion.app import CompanionApp


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding's description (an i18n key such as `keys.back`) by its text.

    Textual copies the class bindings into each node at construction; we rebuild that
    copy from the class's own keys, so a language switch can translate again.
    """
    source = node._merged_bindings or BindingsMap()
    translated = BindingsMap()
    for _key, binding in source:
        description = t(binding.description) if binding.description else ""
        tooltip = t(binding.tooltip) if binding.tooltip else ""
        group = binding.group
        if group is not None:
            group = replace(group, description=t(group.description))
        translated._add_binding(
            replace(binding, description=description, tooltip=tooltip, group=group)
        )
    for _key, binding in node._bindings:
        if binding.key not in translated.key_to_bindings:
            translated._add_binding(binding)
    node._bindings = translated


class CompanionScreen(Screen[None]):
    """A full screen of the app. `escape` goes back (the home screen ignores it)."""

    BINDINGS = [("escape", "back", "keys.back")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    @property
    def companion(self) -> CompanionApp:
        return cast("CompanionApp", self.app)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        """Re-read what the screen shows from the store (after another screen changed it)."""


T = TypeVar("T")


class CompanionModal(ModalScreen[T]):
    """A dialog that answers with a value of type T (None when dismissed)."""

    BINDINGS = [("escape", "cancel", "keys.cancel")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    @property
    def companion(self) -> CompanionApp:
        return cast("CompanionApp", self.app)

    def action_cancel(self) -> None:
        self.dismiss(None)
