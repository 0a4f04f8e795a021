"""What every screen shares: bindings whose descriptions are i18n keys, shown translated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.binding import ActiveBinding, BindingsMap
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from companion.i18n import t
from companion.store import DataFileError

if TYPE_CHECKING:
    from companion.app import CompanionApp


OUR_BINDING = "companion:"


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding's description (an i18n key such as `keys.back`) by its text.

    Textual copies the class bindings into each node at construction; we rebuild that
    copy from the class's own keys, so a language switch can translate again. Bindings
    described by one of our keys get an id, which tells them from Textual's built-in ones.
    """
    source = node._merged_bindings or BindingsMap()
    translated = BindingsMap()
    for _key, binding in source:
        if binding.description and t(binding.description) != binding.description:
            group = binding.group
            if group is not None:
                group = replace(group, description=t(group.description))
            binding = replace(
                binding,
                description=t(binding.description),
                group=group,
                id=binding.id or f"{OUR_BINDING}{binding.action}",
            )
        translated._add_binding(binding)
    for _key, binding in node._bindings:
        if binding.key not in translated.key_to_bindings:
            translated._add_binding(binding)
    node._bindings = translated


def our_bindings(screen: Screen[object]) -> list[ActiveBinding]:
    """The active bindings the app itself defines (not those built into Textual's widgets),
    one per action, for the help screen and the command palette."""
    found: list[ActiveBinding] = []
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        ours = (active.binding.id or "").startswith(OUR_BINDING)
        if ours and active.binding.action not in seen:
            seen.add(active.binding.action)
            found.append(active)
    return found


class _Translated:
    """Shared by screens and dialogs: translated bindings, the typed app, safe writes."""

    app: Any

    def _translate(self) -> None:
        translate_bindings(cast(DOMNode, self))

    @property
    def companion(self) -> CompanionApp:
        return cast("CompanionApp", self.app)

    def write(self, change: Callable[[], object]) -> bool:
        """Run a store write (or a read of an archive); a file that cannot be written or
        read becomes a message on screen, never a traceback. False: nothing changed."""
        try:
            change()
        except DataFileError as error:
            self.app.notify(error.message(), severity="error", timeout=10)
            return False
        return True


class CompanionScreen(_Translated, Screen[None]):
    """A full screen of the app. `escape` goes back (the home screen ignores it)."""

    BINDINGS = [("escape", "back", "keys.back")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._translate()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    _seen_revision: int | None = None

    def on_screen_suspend(self) -> None:
        self._seen_revision = self.companion.store.revision

    def on_screen_resume(self) -> None:
        # Re-read only what changed while another screen or a dialog was on top (the
        # first resume comes with the first show, which on_mount already filled).
        if self._seen_revision is not None and self._seen_revision != self.companion.store.revision:
            self.refresh_data()

    def refresh_data(self) -> None:
        """Re-read what the screen shows from the store (after another screen changed it)."""


T = TypeVar("T")


class CompanionModal(_Translated, ModalScreen[T]):
    """A dialog that answers with a value of type T (None when dismissed)."""

    BINDINGS = [("escape", "cancel", "keys.cancel")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._translate()

    def action_cancel(self) -> None:
        self.dismiss(None)
