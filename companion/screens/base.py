"""What every screen shares: bindings whose descriptions are i18n keys, shown translated."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from textual import events, on
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Header, Input, Static

from companion.i18n import t
from companion.store import DataFileError
from companion.store.errors import DataFileReadOnly
from companion.widgets.bindings import translate_bindings

if TYPE_CHECKING:
    from companion.context import Companion


T = TypeVar("T")
R = TypeVar("R")


class _Translated:
    """Shared by screens and dialogs: translated bindings, the typed app, safe writes."""

    def _translate(self) -> None:
        translate_bindings(cast(DOMNode, self))

    @property
    def companion(self) -> Companion:
        """The app as screens see it: the store, the day, the app's own flows."""
        return cast("Companion", cast(DOMNode, self).app)

    def write(self, change: Callable[[], R]) -> R | None:
        """Run a store write (or a read of an archive) and return its result; a file that
        cannot be written or read becomes a message on screen, never a traceback, and
        the answer is None: nothing changed."""
        try:
            result = change()
        except DataFileError as error:
            cast(DOMNode, self).app.notify(error.message(), severity="error", timeout=10)
            self.companion.show_write_refusal()  # saving may have stopped just now
            return None
        self._wrote()
        return result

    def _wrote(self) -> None:
        """After a change of its own: the caller shows it."""


def done(change: Callable[[], object]) -> Callable[[], Literal[True]]:
    """A change that answers nothing (marking days off), answering True once made, so
    that `write(done(...))` tells whether it was."""

    def made() -> Literal[True]:
        change()
        return True

    return made


def refusal_text(refusal: DataFileError | None) -> str | None:
    """The banner line for a store that refuses changes (read-only, or saving stopped)."""
    if refusal is None:
        return None
    if isinstance(refusal, DataFileReadOnly):
        return t(f"app.read_only.{refusal.reason.value}")
    return t("app.read_only.stopped")


class CompanionScreen(_Translated, Screen[None]):
    """A full screen of the app. `escape` goes back (the home screen ignores it)."""

    BINDINGS = [("escape", "back", "keys.back")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._translate()

    def action_back(self) -> None:
        if self is not self.app.screen_stack[0]:  # the home screen stays
            self.app.pop_screen()

    _seen_revision: int | None = None

    def on_screen_suspend(self) -> None:
        self._seen_revision = self.companion.store.revision

    def _wrote(self) -> None:
        # The screen shows its own change itself (once): a dialog's answer that it
        # wrote must not make the resume read everything again.
        if self._seen_revision is not None:
            self._seen_revision = self.companion.store.revision

    def on_screen_resume(self) -> None:
        # Re-read only what changed while another screen or a dialog was on top (the
        # first resume comes with the first show, which on_mount already filled).
        if self._seen_revision is not None and self._seen_revision != self.companion.store.revision:
            self.refresh_data()

    @on(events.Mount)
    @on(events.ScreenResume)
    def show_write_refusal(self) -> None:
        """A banner line on every screen while the store refuses changes (a read-only file
        or medium, or saving stopped because someone else took the file over)."""
        text = refusal_text(self.companion.store.refusal)
        banners = self.query("#write-refusal").results(Static)
        banner = next(banners, None)
        if text is None:
            if banner is not None:
                banner.remove()
        elif banner is not None:
            banner.update(text)
        else:
            below_header = bool(self.query(Header))
            self.mount(Static(text, id="write-refusal", classes="below-header" * below_header))

    def refresh_data(self) -> None:
        """Re-read what the screen shows from the store (after another screen changed it)."""

    def save_typing(self) -> None:
        """Keep what is being typed, now: the app is about to show another data file (the
        demo's, or hers again) and every screen will be taken off."""


class CompanionModal(_Translated, ModalScreen[T]):
    """A dialog that answers with a value of type T (None when dismissed)."""

    BINDINGS = [("escape", "cancel", "keys.cancel")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._translate()

    def action_cancel(self) -> None:
        self.dismiss(None)


class FormDialog(CompanionModal[T]):
    """A dialog with fields: enter in a field, ctrl+s or the Save button saves."""

    BINDINGS = [Binding("ctrl+s", "save", "keys.save")]

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        """Check the fields; dismiss with the answer, or show what is wrong."""
        raise NotImplementedError


class AsksBeforeDropping(FormDialog[T]):
    """A form whose typing escape does not drop silently: with anything changed since it
    opened, escape (or Cancel) first asks whether to drop it."""

    _at_start: dict[str, str] | None = None

    def _typed(self) -> dict[str, str]:
        from textual.widgets import TextArea  # a large module, for a few forms only

        typed = {f"input-{n}": field.value for n, field in enumerate(self.query(Input))}
        typed.update((f"text-{n}", area.text) for n, area in enumerate(self.query(TextArea)))
        return typed

    @on(events.Mount)
    def _remember_what_was_there(self) -> None:
        # After the subclass's own mount has filled in its fields.
        self.call_after_refresh(lambda: setattr(self, "_at_start", self._typed()))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if self._at_start is None or self._typed() == self._at_start:
            self.dismiss(None)
            return
        from companion.screens.confirm import ConfirmDialog

        def answered(drop: bool | None) -> None:
            if drop:
                self.dismiss(None)

        question = ConfirmDialog(
            t("form.drop_title"), t("form.drop_question"), t("form.drop_confirm")
        )
        self.app.push_screen(question, answered)
