"""Relationele behoeften: one child's relational needs, keyboard first.

Per need (affection, help or encouragement, a listening ear): how clearly she sees it
(- and + step it, saved at once with today's date), the signals she saw with their day
(a adds one, x removes the highlighted one after asking), and what she offers; below,
the sensitivity notes. h shows the dated history of signals and clarity, newest first.

Tab and shift+tab, or down and up, go from field to field (the arrows move within a list
of signals or a note first, and leave it at its end).

Texts are saved when she leaves the field (tab, enter, ctrl+s, escape, another screen);
a text that cannot be kept (too long) is never saved in part and never dropped silently:
the message stands beside the field, and escape leaves only when asked twice. They are
saved into the file the profile was opened from: when the app shows another file (the
demo), they are kept first, and never written into the other one.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    ContentSwitcher,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from companion.domain.needs import ClarityChange, NeedsInputError, NeedsProfile, ObservedSignal
from companion.domain.vocabulary import (
    NEED_CLARITIES,
    RELATIONAL_NEEDS,
    SENSITIVITY_TOPICS,
    RelationalNeed,
    SensitivityTopic,
)
from companion.i18n import short_date, t
from companion.screens.base import CompanionScreen
from companion.screens.needs.texts import error_text
from companion.store import Store
from companion.widgets.keys import NEXT, PREVIOUS
from companion.widgets.needs_marks import clarity_label, clarity_scale
from companion.widgets.record_table import Column, Record, RecordTable

OFFER = "offer-"
SENSITIVITY = "sens-"
DATE_WIDTH = 14  # 'Wed 25/11/2026'
CELL_PADDING = 2
SCROLLBAR = 2


def day_text(day: date) -> str:
    """'Wed 25/11/2026': the weekday helps her remember the moment."""
    return f"{short_date(day)}/{day.year}"


def signal_text(signal: ObservedSignal) -> str:
    """The deck's words for the signal, her own words after them (or only hers)."""
    deck = t(f"needs.signal.{signal.signal}") if signal.signal else ""
    return " — ".join(part for part in (deck, signal.text) if part)


def field_name(field_id: str) -> str:
    """What the field is called on screen, for a message."""
    if field_id.startswith(OFFER):
        need = field_id.removeprefix(OFFER)
        return f"{t('needs.profile.offer')} ({t(f'needs.need.{need}')})"
    return t(f"needs.sensitivity.{field_id.removeprefix(SENSITIVITY)}")


class NeedSection(Vertical):
    """One need's part of the profile; the screen acts on the need that has the focus."""

    def __init__(self, need: RelationalNeed) -> None:
        super().__init__(id=f"need-{need}", classes="need")
        self.need: RelationalNeed = need


class ProfileBody(VerticalScroll):
    """The scroll of needs and notes: its up and down go from field to field (the view
    follows the focus) instead of scrolling by a line."""

    BINDINGS = [
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]


class SignalList(OptionList):
    """A need's signals: up and down move among them, and past the first or the last
    on to the field before or after, as shift+tab and tab do."""

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted >= self.option_count - 1:
            self.screen.focus_next()
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted <= 0:
            self.screen.focus_previous()
        else:
            super().action_cursor_up()


class NoteArea(TextArea):
    """A sensitivity note: up and down move between its lines, and from its first or its
    last line on to the field before or after."""

    def action_cursor_down(self, select: bool = False) -> None:
        if not select and self.navigator.is_last_wrapped_line(self.cursor_location):
            self.screen.focus_next()
        else:
            super().action_cursor_down(select)

    def action_cursor_up(self, select: bool = False) -> None:
        if not select and self.navigator.is_first_wrapped_line(self.cursor_location):
            self.screen.focus_previous()
        else:
            super().action_cursor_up(select)


class NeedsProfileScreen(CompanionScreen):
    CSS_PATH = "profile.tcss"
    AUTO_FOCUS = "#signals-affection"
    BINDINGS = [
        # Not in the footer: the line of each need shows its keys beside the clarity they
        # change (- and + first: [ and ] need AltGr on AZERTY), as the ABC bar does.
        *(
            Binding(keys, f"clarity({step})", description, show=False)
            for keys, step, description in (
                (f"{PREVIOUS},left_square_bracket", -1, "needs.keys.less_clear"),
                (f"{NEXT},right_square_bracket", 1, "needs.keys.clearer"),
            )
        ),
        Binding("a", "add_signal", "needs.keys.add_signal"),
        Binding("x,delete", "remove_signal", "needs.keys.remove_signal"),
        # One key, two meanings: the footer names the view it goes to.
        Binding("h", "show_history", "needs.keys.history"),
        Binding("h", "show_profile", "needs.keys.profile"),
        Binding("ctrl+s", "save", "needs.keys.save"),
        # From field to field, as in every form; named in the help (F1). In an offer (one
        # line) the arrows do it too; a list of signals and a note pass them on at their end.
        Binding("tab,down", "app.focus_next", "needs.keys.next_field", show=False),
        Binding("shift+tab,up", "app.focus_previous", "needs.keys.previous_field", show=False),
        # Help stays on f1 and ?, but its footer label makes room for the profile's keys.
        Binding("f1", "app.help", "keys.help", show=False),
    ]

    def __init__(self, child_id: str) -> None:
        super().__init__()
        self.child_id = child_id
        self.profile = NeedsProfile(child_id)
        self._need: RelationalNeed = RELATIONAL_NEEDS[0]
        self._signals: dict[RelationalNeed, list[ObservedSignal]] = {}
        # Texts typed and not saved yet, by field id; and those she was told about when
        # leaving (asked twice, she leaves without them).
        self._pending: dict[str, str] = {}
        self._warned: dict[str, str] = {}
        self._history = False
        self._store: Store | None = None  # the file the profile was read from

    # -- building ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._store = self.companion.store
        self.profile = self._store.needs.get(self.child_id)
        yield Header()
        yield Static(id="needs-title")
        with ContentSwitcher(initial="needs-body"):
            with ProfileBody(id="needs-body"):
                yield Static(t("needs.question"), id="needs-question")
                for need in RELATIONAL_NEEDS:
                    yield from self._need_section(need)
                with Vertical(id="needs-sensitivity"):
                    for topic in SENSITIVITY_TOPICS:
                        yield from self._sensitivity_field(topic)
            with Vertical(id="needs-history"):
                yield RecordTable(id="needs-history-table")
                yield Static(t("needs.profile.history_empty"), id="needs-history-empty")
        yield Footer(compact=True)

    def _need_section(self, need: RelationalNeed) -> ComposeResult:
        field_id = f"{OFFER}{need}"
        with NeedSection(need):
            yield Static(id=f"clarity-{need}", classes="need-clarity")
            yield Static(t(f"needs.need_hint.{need}"), classes="need-hint")
            yield SignalList(id=f"signals-{need}", classes="need-signals")
            with Horizontal(classes="field-row"):
                yield Label(id=f"{field_id}-label", classes="field-label")
                yield Input(
                    self.profile.offer(need),
                    id=field_id,
                    placeholder=t(f"needs.offer_example.{need}"),
                    compact=True,
                )
            yield Static(classes="field-error", id=f"{field_id}-error")

    def _sensitivity_field(self, topic: SensitivityTopic) -> ComposeResult:
        field_id = f"{SENSITIVITY}{topic}"
        yield Label(id=f"{field_id}-label", classes="field-label")
        area = NoteArea(
            self.profile.sensitivity.get(topic, ""),
            id=field_id,
            soft_wrap=True,
            tab_behavior="focus",
            compact=True,
            show_line_numbers=False,
            placeholder=t("needs.profile.sensitivity_placeholder"),
        )
        yield area
        yield Static(classes="field-error", id=f"{field_id}-error")

    def on_mount(self) -> None:
        for need in RELATIONAL_NEEDS:
            self.query_one(f"#need-{need}", NeedSection).border_title = t(f"needs.need.{need}")
        self.query_one("#needs-sensitivity").border_title = t("needs.sensitivity.title")
        for field_id in self._field_ids():
            self._complain(field_id, "")
            self._mark(field_id)
        self._show()

    def _field_ids(self) -> list[str]:
        return [
            *(f"{OFFER}{need}" for need in RELATIONAL_NEEDS),
            *(f"{SENSITIVITY}{topic}" for topic in SENSITIVITY_TOPICS),
        ]

    # -- showing ----------------------------------------------------------------------

    def _in_its_file(self) -> bool:
        """Whether the app still shows the file the profile was opened from."""
        return self._store is not None and self.companion.store is self._store

    def refresh_data(self) -> None:
        """Another screen changed the store: read the profile again; a text she is
        typing stays as she left it."""
        if not self._in_its_file():
            return  # another file is shown: this screen is about to go
        self.profile = self.companion.store.needs.get(self.child_id)
        for field_id in self._field_ids():
            if field_id not in self._pending:
                self._set_field(field_id, self._saved_text(field_id))
        self._show()

    def _show(self) -> None:
        child = self.companion.store.children.get(self.child_id)
        name = self.companion.names.full(child) if child else "?"
        parts: list[str | tuple[str, str]] = [(name, "bold"), "  ·  ", t("needs.profile.title")]
        if self._history:
            parts += ["  ·  ", t("needs.profile.history_title")]
        self.query_one("#needs-title", Static).update(Content.assemble(*parts))
        for need in RELATIONAL_NEEDS:
            self._show_need(need)
        self._show_history()

    def _show_need(self, need: RelationalNeed, select: ObservedSignal | None = None) -> None:
        clarity = self.profile.clarity(need)
        since = [change.day for change in self.profile.changes if change.need == need]
        line = [clarity_scale(clarity)]
        if since and clarity != "not":
            line.append(Content("   " + t("needs.profile.since", date=day_text(since[-1]))))
        line.append(Content.styled("   " + t("needs.profile.keys_hint"), "dim"))
        self.query_one(f"#clarity-{need}", Static).update(Content.assemble(*line))
        signals = self.profile.signals_of(need)
        self._signals[need] = signals
        shown = self.query_one(f"#signals-{need}", OptionList)
        before = shown.highlighted
        shown.clear_options()
        if not signals:
            shown.add_option(
                Option(Content.styled(t("needs.profile.signals_empty"), "italic"), disabled=True)
            )
            return
        shown.add_options(
            Option(
                Content.assemble((day_text(signal.seen), "bold"), "  ", signal_text(signal)),
                id=str(index),
            )
            for index, signal in enumerate(signals)
        )
        if select is not None and select in signals:
            shown.highlighted = signals.index(select)
        else:
            shown.highlighted = min(before or 0, len(signals) - 1)

    def _show_history(self) -> None:
        history = self.profile.history()
        table = self.query_one("#needs-history-table", RecordTable)
        need_width = max(len(t(f"needs.need.{need}")) for need in RELATIONAL_NEEDS)
        date_width = max(DATE_WIDTH, len(t("needs.profile.col_date")))
        what = self.app.size.width - date_width - need_width - 3 * CELL_PADDING - SCROLLBAR
        columns = [
            Column(t("needs.profile.col_date"), "date", date_width),
            Column(t("needs.profile.col_need"), "need", need_width),
            Column(t("needs.profile.col_what"), "what", max(what, 20)),
        ]
        # Rows as high as their text: a long signal wraps under its own column, whole.
        table.clear(columns=True)
        table.add_record_columns(columns)
        for index, entry in enumerate(history):
            record = self._history_record(index, entry)
            table.add_row(*record.cells, key=record.key, height=None)
        table.display = bool(history)
        self.query_one("#needs-history-empty").display = not history

    def on_resize(self) -> None:
        if self._history:
            self._show_history()  # the column of texts takes the new width

    def _history_record(self, index: int, entry: ObservedSignal | ClarityChange) -> Record:
        if isinstance(entry, ClarityChange):
            day = entry.day
            what = Text(t("needs.profile.history_clarity", clarity=clarity_label(entry.clarity)))
            what.stylize("bold")
        else:
            day = entry.seen
            what = Text(t("needs.profile.history_signal", signal=signal_text(entry)))
        return Record(str(index), (day_text(day), Text(t(f"needs.need.{entry.need}")), what))

    # -- which need ---------------------------------------------------------------------

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        for node in event.widget.ancestors_with_self:
            if isinstance(node, NeedSection):
                self._need = node.need
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_history":
            return not self._history
        if action == "show_profile":
            return self._history
        if action in ("clarity", "add_signal", "remove_signal", "save"):
            return not self._history
        return True

    # -- how clearly ----------------------------------------------------------------------

    def action_clarity(self, step: int) -> None:
        """One step clearer (+) or less clear (-), saved at once with today's date."""
        need = self._need
        index = NEED_CLARITIES.index(self.profile.clarity(need)) + step
        if not 0 <= index < len(NEED_CLARITIES):
            self.notify(
                t("needs.profile.clearer_not" if step > 0 else "needs.profile.less_clear_not")
            )
            return
        changed = self.profile.with_clarity(need, NEED_CLARITIES[index], self.companion.today)
        if self._keep(changed):
            self._show_need(need)
            self._show_history()

    def _keep(self, changed: NeedsProfile) -> bool:
        """Save the profile; False when the file refused it (the message is shown), or
        when the app shows another file than the one it was opened from."""
        store = self._store
        if store is None or not self._in_its_file():
            return False
        saved = self.write(lambda: store.needs.save(changed))
        if saved is None:
            return False
        self.profile = saved
        return True

    # -- signals ------------------------------------------------------------------------

    def action_add_signal(self) -> None:
        from companion.screens.needs.signal_form import SignalFormDialog

        need = self._need

        def added(signal: ObservedSignal | None) -> None:
            if signal is None:
                return
            try:
                changed = self.profile.with_signal(signal)
            except NeedsInputError as error:  # the dialog checked it; kept for safety
                self.notify(error_text(error), severity="error")
                return
            if changed is not self.profile and self._keep(changed):
                self.notify(t("needs.profile.signal_added", signal=signal_text(signal)))
            self._show_need(need, select=signal)
            self._show_history()
            self.query_one(f"#signals-{need}", OptionList).focus()

        child = self.companion.store.children.get(self.child_id)
        joined = child.added_on if child is not None else None
        self.app.push_screen(SignalFormDialog(need, self.companion.today, joined), added)

    def _highlighted_signal(self, need: RelationalNeed) -> ObservedSignal | None:
        index = self.query_one(f"#signals-{need}", OptionList).highlighted
        signals = self._signals.get(need, [])
        return signals[index] if index is not None and index < len(signals) else None

    def action_remove_signal(self) -> None:
        """Ask first, naming the signal and its day."""
        from companion.screens.confirm import ConfirmDialog

        need = self._need
        signal = self._highlighted_signal(need)
        if signal is None:
            self.notify(t("needs.profile.nothing_to_remove"))
            return
        child = self.companion.store.children.get(self.child_id)

        def answered(yes: bool | None) -> None:
            if yes and self._keep(self.profile.without_signal(signal)):
                self.notify(t("needs.profile.signal_removed", signal=signal_text(signal)))
                self._show_need(need)
                self._show_history()

        self.app.push_screen(
            ConfirmDialog(
                t("needs.profile.remove_title"),
                t(
                    "needs.profile.remove_question",
                    name=self.companion.names.full(child) if child else "?",
                    date=day_text(signal.seen),
                    signal=signal_text(signal),
                ),
                t("needs.profile.remove_confirm"),
            ),
            answered,
        )

    # -- history ----------------------------------------------------------------------

    def action_show_history(self) -> None:
        self._switch(history=True)

    def action_show_profile(self) -> None:
        self._switch(history=False)

    def _switch(self, *, history: bool) -> None:
        self._history = history
        self.query_one(ContentSwitcher).current = "needs-history" if history else "needs-body"
        self._show()
        if history:
            self.query_one("#needs-history-table").focus()
        else:
            self.query_one(f"#signals-{self._need}").focus()
        self.refresh_bindings()

    # -- texts: what she offers, the sensitivity notes ---------------------------------

    def _saved_text(self, field_id: str) -> str:
        if field_id.startswith(OFFER):
            return self.profile.offer(self._need_of(field_id))
        return self.profile.sensitivity.get(self._topic_of(field_id), "")

    @staticmethod
    def _need_of(field_id: str) -> RelationalNeed:
        key = field_id.removeprefix(OFFER)
        return next(need for need in RELATIONAL_NEEDS if need == key)

    @staticmethod
    def _topic_of(field_id: str) -> SensitivityTopic:
        key = field_id.removeprefix(SENSITIVITY)
        return next(topic for topic in SENSITIVITY_TOPICS if topic == key)

    def _set_field(self, field_id: str, text: str) -> None:
        field = self.query_one(f"#{field_id}")
        if isinstance(field, Input):
            field.value = text
        elif isinstance(field, TextArea):
            field.text = text

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _typed(self, event: Input.Changed | TextArea.Changed) -> None:
        field_id = event.control.id or ""
        if field_id not in self._field_ids():
            return
        text = event.value if isinstance(event, Input.Changed) else event.text_area.text
        if text.strip() == self._saved_text(field_id):
            self._pending.pop(field_id, None)
        else:
            self._pending[field_id] = text
        self._warned.pop(field_id, None)
        self._complain(field_id, "")
        self._mark(field_id)

    def _mark(self, field_id: str) -> None:
        """The field's label, with 'not saved yet' while it holds unsaved typing."""
        if field_id.startswith(OFFER):
            label = t("needs.profile.offer")
        else:
            label = t(f"needs.sensitivity.{field_id.removeprefix(SENSITIVITY)}")
        shown: Content = Content(f"{label}:")
        if field_id in self._pending:
            shown = Content.assemble(f"{label}:", (f" * {t('needs.profile.unsaved')}", "italic"))
        self.query_one(f"#{field_id}-label", Label).update(shown)

    def _complain(self, field_id: str, message: str) -> None:
        error = self.query_one(f"#{field_id}-error", Static)
        error.update(message)
        error.display = bool(message)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id in self._field_ids():
            self._save_field(event.input.id or "")

    @on(events.DescendantBlur)
    def _left_field(self, event: events.DescendantBlur) -> None:
        field_id = event.widget.id or ""
        if field_id in self._pending and self.is_attached:
            self._save_field(field_id)

    def _check(self, field_id: str, text: str) -> NeedsProfile:
        """The profile with the text; NeedsInputError when it cannot be kept."""
        if field_id.startswith(OFFER):
            return self.profile.with_offer(self._need_of(field_id), text)
        return self.profile.with_sensitivity(self._topic_of(field_id), text)

    def _save_field(self, field_id: str) -> bool:
        """Save one field's typing; False (and the message beside it) when it cannot be."""
        text = self._pending.get(field_id)
        if text is None:
            return True
        try:
            changed = self._check(field_id, text)
        except NeedsInputError as error:
            self._complain(field_id, error_text(error))
            return False
        if not self._keep(changed):
            return False
        self._pending.pop(field_id, None)
        self._complain(field_id, "")
        self._mark(field_id)
        return True

    def _save_all(self) -> list[str]:
        """Save every field with typing; the fields that could not be saved."""
        return [field_id for field_id in list(self._pending) if not self._save_field(field_id)]

    def action_save(self) -> None:
        if not self._pending:
            self.notify(t("needs.profile.all_saved"))
            return
        failed = self._save_all()
        if failed:
            self.query_one(f"#{failed[0]}").focus()
        else:
            self.notify(t("needs.profile.saved"))

    def action_back(self) -> None:
        """Leave with everything saved; a text that cannot be kept holds her here once,
        with the reason beside it (escape again leaves without it)."""
        failed = self._save_all()
        refused = {field_id: self._pending[field_id] for field_id in failed}
        if refused and refused != self._warned:
            self._warned = refused
            if self._history:
                self._switch(history=False)
            self.query_one(f"#{failed[0]}").focus()
            names = ", ".join(field_name(field_id) for field_id in failed)
            self.notify(t("needs.profile.not_saved", field=names), severity="warning")
            return
        self._pending.clear()
        super().action_back()

    @on(events.ScreenSuspend)
    def _save_before_leaving(self) -> None:
        # A dialog, the help or the palette comes on top: what she typed is kept first.
        self._save_all()

    def save_typing(self) -> None:
        """The app is about to show another file: what she typed goes into this one."""
        if self._in_its_file():
            self._save_all()

    @on(events.Unmount)
    def _save_when_closed(self) -> None:
        """Taken off the stack another way (the palette opened a place, the app quits):
        save what can be, into the file the profile was opened from (never into another
        one the app shows now); what cannot is said, never silently lost."""
        store = self._store if self._in_its_file() else None
        for field_id, text in list(self._pending.items()):
            try:
                changed = self._check(field_id, text)
            except NeedsInputError as error:
                self._lost(field_id, error_text(error))
                continue
            if store is None:
                self._lost(field_id, t("needs.profile.other_file"))
                continue
            saved = self.write(partial(store.needs.save, changed))
            if saved is not None:
                self.profile = saved
        self._pending.clear()

    def _lost(self, field_id: str, reason: str) -> None:
        self.app.notify(
            t("needs.profile.lost", field=field_name(field_id), reason=reason),
            severity="error",
            timeout=10,
        )
