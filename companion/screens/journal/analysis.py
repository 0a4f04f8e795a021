"""The Self-Reg incident analysis (Shanker's five steps), as one form with all five steps
in view. The steps are a roundabout, not a ladder: she fills them in any order; tab walks
the deck's order, 1-5 (when not typing) or ctrl+up / ctrl+down jump from step to step.

1. What happened, and reframe: misbehaviour or stress behaviour? What might I not see?
2. Stressors in the five domains, for the child AND for me: a tick and a note each (the
   note's placeholder gives examples; typing a note ticks its domain).
3. The child's (relational) need, her needs profile beside it, and what I offer now.
4. What helps the child, and me; ctrl+r opens the rest corner's picker for this child.
5. What restores the energy balance, a strategy, and a follow-up day (Today shows it).

What she writes is kept as far as she got: when she leaves a field, on ctrl+s and on
every way out (a text that cannot be kept holds her once, with the reason beside it).
ctrl+f finishes it (a title, steps 1 and 5 needed), ctrl+l sets it aside (dropped, after
asking): until then Today lists it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Final

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import (
    Footer,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
    TextArea,
)

from companion.domain.children import ShownNames, sort_key_first_name
from companion.domain.journal import JournalEntry, JournalInputError
from companion.domain.rest_corner import CLASS
from companion.domain.self_reg import STEPS, Analysis, AnalysisInputError, Step
from companion.domain.text import tidy
from companion.domain.vocabulary import (
    READINGS,
    RELATIONAL_NEEDS,
    STRESS_DOMAINS,
    StressDomain,
)
from companion.i18n import current_language, short_date, t
from companion.screens.base import CompanionScreen
from companion.screens.digit_keys import DIGIT_KEYS
from companion.screens.form_rows import date_problem, dmy, say_beside
from companion.screens.samen_spel.toggles import TickBox
from companion.store import Store
from companion.widgets.needs_marks import clarity_mark

TEXT_FIELDS: Final = (
    "title",
    "what_happened",
    "not_seen",
    "offer_now",
    "helps_child",
    "helps_me",
    "respond",
)
WHOSE: Final = {"child": "child_stressors", "me": "my_stressors"}
# The field each step's "still needs something" is said beside.
STEP_ERRORS: Final = ("step_1", "step_5")
DONE_MARK: Final = "●"
OPEN_MARK: Final = "○"
JOURNAL_TAG: Final = "self-reg"
REST_CORNER_WORKER: Final = "analysis-rest-corner"


def analysis_error(error: AnalysisInputError | JournalInputError) -> str:
    return t(f"journal.error.{error.reason}", **error.params)


def subject_of(store: Store, child_id: str, names: ShownNames) -> str:
    """Whom the analysis is about: her first name, or the class."""
    if not child_id:
        return t("journal.analysis.the_class")
    child = store.children.get(child_id)
    return names.first(child) if child is not None else "?"


def steps_line(analysis: Analysis) -> Content:
    """ "●1 ○2 ○3 ●4 ○5": which steps hold something (shape, not colour)."""
    parts: list[Content | str | tuple[str, str]] = []
    for step in STEPS:
        done = analysis.step_done(step)
        parts += [
            " ",
            (DONE_MARK, "bold $text-success") if done else (OPEN_MARK, "bold $foreground"),
            str(step),
        ]
    return Content.assemble(*parts)


def state_text(analysis: Analysis) -> str:
    if analysis.finished:
        return t("journal.analysis.state_finished")
    if analysis.dropped:
        return t("journal.analysis.state_dropped")
    return t("journal.analysis.state_open")


class Choice(RadioButton):
    """A radio button whose state is its shape, "(•)" or "( )"."""

    DEFAULT_CSS = """
    Choice, Choice:focus { border: none; padding: 0 2 0 0; background: transparent;
        width: auto; }
    Choice.-selected { background: transparent; }
    """

    @property
    def _button(self) -> Content:
        return Content.styled("(•) " if self.value else "( ) ", "bold" if self.value else "")


class Choices(RadioSet):
    """A row of choices; left/right move, space or enter choose."""

    DEFAULT_CSS = """
    Choices, Choices:focus { border: none; padding: 0; layout: horizontal; height: auto;
        width: 1fr; background: transparent; }
    Choices > Choice { width: auto; }
    Choices.stacked { layout: vertical; }
    Choices:focus > Choice.-selected > .toggle--label { text-style: bold reverse; }
    """


class StepBox(Vertical):
    """One step's part of the form, with its number and name on the border."""

    def __init__(self, step: Step, *children: Widget) -> None:
        super().__init__(*children, id=f"step-{step}", classes="step")
        self.step: Step = step


class AnalysisScreen(CompanionScreen):
    CSS_PATH = "analysis.tcss"
    AUTO_FOCUS = ""
    BINDINGS = [
        # 1-5 while no text has the focus; ctrl+↓ ctrl+↑ always (in the footer).
        Binding(DIGIT_KEYS["1"], "step(1)", "journal.analysis.key_step", show=False),
        *(
            Binding(
                DIGIT_KEYS[str(step)],
                f"step({step})",
                "journal.analysis.key_step",
                show=False,
            )
            for step in STEPS[1:]
        ),
        Binding("ctrl+down", "step_by(1)", "journal.analysis.key_next_step", key_display="^↓"),
        Binding("ctrl+up", "step_by(-1)", "journal.analysis.key_previous_step", show=False),
        Binding("ctrl+s", "save", "journal.analysis.key_save"),
        Binding("ctrl+f", "finish", "journal.analysis.key_finish"),
        Binding("ctrl+r", "rest_corner", "journal.analysis.key_rest_corner"),
        Binding("ctrl+l", "drop", "journal.analysis.key_drop", show=False),
    ]

    def __init__(self, analysis_id: str | None = None, child_id: str = "") -> None:
        """An analysis she began (`analysis_id`), or None: a new one about `child_id`
        ("" for the class)."""
        super().__init__()
        self.analysis_id = analysis_id
        self.child_id = child_id
        self.analysis: Analysis | None = None  # as last kept (or begun, not yet kept)
        self._store: Store | None = None
        self._step: Step = 1
        self._warned: Analysis | None = None  # what escape was held for once
        self._latest: Analysis | None = None  # what the form said when it last changed
        self._finish_asks: set[str] = set()  # the fields finishing asked for

    # -- building -------------------------------------------------------------------------

    def _begin(self) -> Analysis:
        store = self.companion.store
        if self.analysis_id:
            found = store.self_reg.find(self.analysis_id)
            if found is not None:
                return found
        return Analysis("", self.child_id, self.companion.clock().replace(second=0, microsecond=0))

    def compose(self) -> ComposeResult:
        self._store = self.companion.store
        analysis = self._begin()
        self.analysis = analysis
        self.child_id = analysis.child
        self._step = analysis.next_step()
        yield Header()
        yield Static(id="analysis-status")
        with VerticalScroll(id="analysis-body"):
            with Horizontal(classes="field-row", id="title-row"):
                yield Label(t("journal.analysis.title"), classes="field-label")
                yield Input(
                    analysis.title,
                    id="title",
                    placeholder=t("journal.analysis.title_placeholder"),
                    compact=True,
                )
            yield Static(classes="field-error", id="title-error")
            with Horizontal(classes="field-row", id="about-row"):
                yield Label(t("journal.analysis.about"), classes="field-label")
                yield Select[str](
                    self._children_options(analysis),
                    prompt=t("journal.analysis.the_class"),
                    value=analysis.child or Select.NULL,
                    id="about",
                    compact=True,
                )
            yield from self._step_1(analysis)
            yield from self._step_2(analysis)
            yield from self._step_3(analysis)
            yield from self._step_4(analysis)
            yield from self._step_5(analysis)
            yield Static(classes="field-error", id="analysis-error")
        yield Footer(compact=True)

    @staticmethod
    def _label(key: str) -> Label:
        return Label(t(key), classes="field-label-above")

    @staticmethod
    def _area(field: str, text: str, placeholder: str) -> TextArea:
        return TextArea(
            text,
            id=field,
            soft_wrap=True,
            tab_behavior="focus",
            compact=True,
            show_line_numbers=False,
            placeholder=placeholder,
        )

    @staticmethod
    def _input(field: str, text: str, placeholder: str) -> Input:
        return Input(text, id=field, placeholder=placeholder, compact=True)

    def _step_1(self, analysis: Analysis) -> ComposeResult:
        with StepBox(1):
            yield Static(classes="field-error", id="step_1-error")
            yield self._label("journal.analysis.what_happened")
            yield self._area(
                "what_happened",
                analysis.what_happened,
                t("journal.analysis.what_happened_placeholder"),
            )
            yield Static(classes="field-error", id="what_happened-error")
            yield self._label("journal.analysis.reading")
            with Choices(id="reading", classes="stacked"):
                for reading in READINGS:
                    yield Choice(
                        t(f"journal.analysis.reading_is.{reading}"),
                        analysis.reading == reading,
                        id=f"reading-{reading}",
                    )
            yield self._label("journal.analysis.not_seen")
            yield self._input(
                "not_seen", analysis.not_seen, t("journal.analysis.not_seen_placeholder")
            )
            yield Static(classes="field-error", id="not_seen-error")

    def _step_2(self, analysis: Analysis) -> ComposeResult:
        with StepBox(2):
            for whose, stressors in (
                ("child", analysis.child_stressors),
                ("me", analysis.my_stressors),
            ):
                yield Label(
                    t(
                        f"journal.analysis.stressors_{whose}",
                        name=subject_of(self.companion.store, analysis.child, self.companion.names),
                    ),
                    classes="field-label-above stressors-whose",
                )
                for domain in STRESS_DOMAINS:
                    with Horizontal(classes="stressor-row"):
                        yield TickBox(
                            t(f"rest_corner.domain.{domain}"),
                            domain in stressors,
                            id=f"{whose}-{domain}",
                            classes="stressor-tick",
                        )
                        yield Input(
                            stressors.get(domain, ""),
                            id=f"{whose}-{domain}-note",
                            placeholder=t(f"journal.analysis.hint_{whose}.{domain}"),
                            compact=True,
                            classes="stressor-note",
                        )
                yield Static(classes="field-error", id=f"{WHOSE[whose]}-error")

    def _step_3(self, analysis: Analysis) -> ComposeResult:
        with StepBox(3), Horizontal(id="step-3-columns"):
            with Vertical(id="step-3-fields"):
                yield self._label("journal.analysis.need")
                with Choices(id="need", classes="stacked"):
                    for need in RELATIONAL_NEEDS:
                        yield Choice(
                            t(f"needs.need.{need}"), analysis.need == need, id=f"need-{need}"
                        )
                yield self._label("journal.analysis.offer_now")
                yield self._input(
                    "offer_now", analysis.offer_now, t("journal.analysis.offer_now_placeholder")
                )
                yield Static(classes="field-error", id="offer_now-error")
            yield Static(id="needs-beside")

    def _step_4(self, analysis: Analysis) -> ComposeResult:
        with StepBox(4):
            yield self._label("journal.analysis.helps_child")
            yield self._input(
                "helps_child", analysis.helps_child, t("journal.analysis.helps_child_placeholder")
            )
            yield Static(classes="field-error", id="helps_child-error")
            yield self._label("journal.analysis.helps_me")
            yield self._input(
                "helps_me", analysis.helps_me, t("journal.analysis.helps_me_placeholder")
            )
            yield Static(classes="field-error", id="helps_me-error")
            yield Static(id="rest-corner-hint", classes="step-hint")

    def _step_5(self, analysis: Analysis) -> ComposeResult:
        with StepBox(5):
            yield Static(classes="field-error", id="step_5-error")
            yield self._label("journal.analysis.respond")
            yield self._area("respond", analysis.respond, t("journal.analysis.respond_placeholder"))
            yield Static(classes="field-error", id="respond-error")
            with Horizontal(classes="field-row"):
                yield Label(t("journal.analysis.strategy"), classes="field-label")
                yield Select[str](
                    self._strategy_options(analysis),
                    prompt=t("journal.analysis.strategy_none"),
                    value=analysis.strategy or Select.NULL,
                    id="strategy",
                    compact=True,
                )
            with Horizontal(classes="field-row"):
                yield Label(t("journal.analysis.follow_up"), classes="field-label")
                yield Input(
                    dmy(analysis.follow_up) if analysis.follow_up else "",
                    id="follow_up",
                    placeholder=t("journal.analysis.follow_up_placeholder"),
                    compact=True,
                )
            yield Static(classes="field-error", id="follow_up-error")

    def _children_options(self, analysis: Analysis) -> list[tuple[str, str]]:
        """The children of the class by first name (the one it is about stays, even
        archived since); none chosen: the class."""
        store = self.companion.store
        children = sorted(store.children.all(), key=sort_key_first_name)
        chosen = store.children.get(analysis.child) if analysis.child else None
        if chosen is not None and chosen not in children:
            children.append(chosen)
        options = [(self.companion.names.full(child), child.id) for child in children]
        if analysis.child and chosen is None:  # a file that names no child of ours: shown
            options.append(("?", analysis.child))
        return options

    def _strategy_options(self, analysis: Analysis) -> list[tuple[str, str]]:
        """The library's strategies for a child (or the class), by name; the one she
        chose stays, even hidden since."""
        rest_corner = self.companion.store.rest_corner
        lang = current_language()
        who = "child" if analysis.child else "class"
        hidden = rest_corner.hidden()
        found = [
            s
            for s in rest_corner.library()
            if s.key == analysis.strategy or (who in s.for_whom and s.key not in hidden)
        ]
        options = sorted(((s.name_in(lang), s.key) for s in found), key=lambda o: o[0].casefold())
        if analysis.strategy and not any(key == analysis.strategy for _, key in options):
            options.append((f"? {analysis.strategy}", analysis.strategy))  # kept as it was
        return options

    def on_mount(self) -> None:
        for box in self.query(StepBox):
            box.border_title = f"{box.step} · {t(f'journal.analysis.step.{box.step}')}"
        for error in self.query(".field-error").results(Static):
            error.display = False
        self._show_about()
        self._show_status()
        assert self.analysis is not None
        if not self.analysis.id:
            self.query_one("#title").focus()  # a new one: from the top, the deck's order
        else:
            self.call_after_refresh(self._focus_step, self._step)

    # -- showing --------------------------------------------------------------------------

    def _show_status(self) -> None:
        analysis = self._current_or_saved()
        self._latest = analysis
        self._show_finish_asks(analysis)
        store = self.companion.store
        parts: list[Content | str | tuple[str, str]] = [
            (subject_of(store, analysis.child, self.companion.names), "bold"),
            "  ·  ",
            t("journal.analysis.heading"),
            "  ·  ",
            short_date(analysis.started_at.date()),
            "  ",
            steps_line(analysis),
            "  ·  ",
            (state_text(analysis), "italic"),
        ]
        self.query_one("#analysis-status", Static).update(Content.assemble(*parts))
        for box in self.query(StepBox):
            done = analysis.step_done(box.step)
            box.border_subtitle = (
                f"{DONE_MARK} {t('journal.analysis.step_written')}"
                if done
                else f"{OPEN_MARK} {t('journal.analysis.step_open')}"
            )

    def _show_about(self) -> None:
        """What names the child: the stressors' question, the rest corner's hint and her
        needs profile beside step 3."""
        who = subject_of(self.companion.store, self.child_id, self.companion.names)
        self.query_one("#rest-corner-hint", Static).update(
            Content.styled(t("journal.analysis.rest_corner_hint", name=who), "dim")
        )
        first = next(iter(self.query(".stressors-whose").results(Label)), None)
        if first is not None:
            first.update(t("journal.analysis.stressors_child", name=who))
        self._show_needs()

    @on(Select.Changed, "#about")
    def _about_changed(self, event: Select.Changed) -> None:
        value = event.value
        self.child_id = value if isinstance(value, str) else ""
        self._show_about()
        if self.analysis is not None and self.analysis.id:
            self._save_if_changed()

    def _show_needs(self) -> None:
        """The child's needs profile, beside step 3: how clearly each need is seen and
        what she offers already."""
        beside = self.query_one("#needs-beside", Static)
        beside.display = bool(self.child_id)
        if not self.child_id:
            return
        profile = self.companion.store.needs.get(self.child_id)
        lines: list[Content | str | tuple[str, str]] = [
            (t("journal.analysis.needs_profile"), "bold"),
        ]
        if profile.is_empty():
            lines += ["\n", (t("journal.analysis.needs_profile_empty"), "dim italic")]
        for need in RELATIONAL_NEEDS:
            if profile.is_empty():
                break
            lines += [
                "\n",
                (t(f"needs.need.{need}"), "bold"),
                " ",
                clarity_mark(profile.clarity(need)),
            ]
            offer = profile.offer(need)
            if offer:
                lines += ["\n", ("  → " + offer, "italic")]
        beside.update(Content.assemble(*lines))

    # -- reading the form -----------------------------------------------------------------

    def _text(self, field: str) -> str:
        widget = self.query_one(f"#{field}")
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Input):
            return widget.value
        return ""

    def _stressors(self, whose: str) -> dict[StressDomain, str]:
        return {
            domain: self.query_one(f"#{whose}-{domain}-note", Input).value
            for domain in STRESS_DOMAINS
            if self.query_one(f"#{whose}-{domain}", TickBox).value
        }

    def _pressed(self, set_id: str) -> str | None:
        button = self.query_one(f"#{set_id}", RadioSet).pressed_button
        return (button.id or "").removeprefix(f"{set_id}-") if button is not None else None

    def _follow_up(self) -> tuple[date | None, str]:
        text = self.query_one("#follow_up", Input).value.strip()
        if not text:
            return None, ""
        return date_problem(text)

    def _current(self) -> Analysis | None:
        """The analysis as the form says it now; None when the follow-up day is not a
        date (its message stands beside it)."""
        base = self.analysis
        if base is None:
            return None
        follow_up, problem = self._follow_up()
        say_beside(self, "follow_up", problem)
        if problem:
            return None
        reading = self._pressed("reading")
        need = self._pressed("need")
        strategy = self.query_one("#strategy", Select).value
        return replace(
            base,
            child=self.child_id,
            title=self._text("title"),
            what_happened=self._text("what_happened"),
            reading=next((r for r in READINGS if r == reading), None),
            not_seen=self._text("not_seen"),
            child_stressors=self._stressors("child"),
            my_stressors=self._stressors("me"),
            need=next((n for n in RELATIONAL_NEEDS if n == need), None),
            offer_now=self._text("offer_now"),
            helps_child=self._text("helps_child"),
            helps_me=self._text("helps_me"),
            respond=self._text("respond"),
            strategy=strategy if isinstance(strategy, str) else "",
            follow_up=follow_up,
        )

    def _current_or_saved(self) -> Analysis:
        current = self._current() if self.is_mounted else None
        if current is not None:
            return current
        assert self.analysis is not None
        return self.analysis

    @staticmethod
    def _blank(analysis: Analysis) -> bool:
        return not analysis.title.strip() and not analysis.steps_done()

    def _unsaved(self) -> bool:
        current = self._current()
        if current is None:
            return True
        return self._differs(current)

    def _differs(self, current: Analysis) -> bool:
        saved = self.analysis
        if saved is None:
            return False
        if not saved.id:
            return not self._blank(current)
        return _tidy(current) != _tidy(saved)

    # -- keeping --------------------------------------------------------------------------

    def _in_its_file(self) -> bool:
        return self._store is not None and self.companion.store is self._store

    def _clear_errors(self, *, finishing: bool) -> None:
        """Hide the fields' messages; what finishing asked for (a title, step 1 or 5)
        stays until she finishes again or writes it."""
        for error in self.query(".field-error").results(Static):
            if finishing or (error.id or "").removesuffix("-error") not in self._finish_asks:
                error.update("")
                error.display = False
        if finishing:
            self._finish_asks.clear()

    def _show_finish_asks(self, analysis: Analysis) -> None:
        """A message of finishing goes once she wrote what it asked for."""
        written = {
            "title": bool(analysis.title.strip()),
            "step_1": analysis.step_done(1),
            "step_5": analysis.step_done(5),
        }
        for field in [f for f in self._finish_asks if written.get(f)]:
            self._finish_asks.discard(field)
            say_beside(self, field, "")

    def _keep(self, analysis: Analysis, *, quiet: bool = False) -> Analysis | None:
        """Save it; None (the reason beside its field) when it cannot be kept."""
        store = self._store
        if store is None or not self._in_its_file():
            return None
        self._clear_errors(finishing=analysis.finished)
        try:
            saved = self.write(lambda: store.self_reg.save(analysis))
        except AnalysisInputError as error:
            say_beside(self, error.field, analysis_error(error), fallback="analysis-error")
            if analysis.finished and error.field in ("title", *STEP_ERRORS):
                self._finish_asks.add(error.field)
            if not quiet:
                self._focus_field(error.field)
            return None
        except KeyError:  # the child left the class list meanwhile
            say_beside(self, "analysis", t("journal.error.unknown_child"))
            return None
        if saved is not None:
            self.analysis = saved
            self.analysis_id = saved.id
            self._show_status()
            self._journal_entry(saved)
        return saved

    def _save_if_changed(self, *, quiet: bool = True) -> bool:
        """Keep what the form says, if anything changed; False when it could not be."""
        current = self._current()
        if current is None:
            return False
        if not self._differs(current):
            return True
        return self._keep(current, quiet=quiet) is not None

    @on(events.DescendantBlur)
    def _left_field(self) -> None:
        if self.is_attached and self.analysis is not None:
            self._save_if_changed()

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _typed(self, event: Input.Changed | TextArea.Changed) -> None:
        field = event.control.id or ""
        self._warned = None
        for whose in WHOSE:
            prefix = f"{whose}-"
            if field.startswith(prefix) and field.endswith("-note"):
                domain = field.removeprefix(prefix).removesuffix("-note")
                box = self.query_one(f"#{whose}-{domain}", TickBox)
                if isinstance(event, Input.Changed) and event.value.strip() and not box.value:
                    box.value = True
        if field in TEXT_FIELDS:
            say_beside(self, field, "")
        self._show_status()

    @on(RadioSet.Changed)
    @on(TickBox.Changed)
    @on(Select.Changed)
    def _chosen(self) -> None:
        self._show_status()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in a one-line field: on to the next field, the way tab goes."""
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        if self._save_if_changed(quiet=False):
            self.notify(t("journal.analysis.saved"))

    def action_back(self) -> None:
        """Leave with everything kept; what cannot be kept holds her here once, with the
        reason beside it (escape again leaves without it)."""
        current = self._current()
        if (current is None or not self._save_if_changed(quiet=False)) and (
            self._warned is None or self._warned != current
        ):
            self._warned = current or self.analysis
            self.notify(t("journal.analysis.not_saved"), severity="warning")
            return
        super().action_back()

    @on(events.ScreenSuspend)
    def _save_before_leaving(self) -> None:
        # A dialog, the help or the palette comes on top: what she wrote is kept first.
        self._save_if_changed()

    def save_typing(self) -> None:
        if self._in_its_file():
            self._save_if_changed()

    @on(events.Unmount)
    def _save_when_closed(self) -> None:
        """Taken off another way (the palette opened a place, the app quits): what the
        form said last is kept in the file it was opened from; what cannot be is said."""
        latest, saved, store = self._latest, self.analysis, self._store
        if latest is None or saved is None or store is None or not self._in_its_file():
            return
        if (not saved.id and self._blank(latest)) or (saved.id and _tidy(latest) == _tidy(saved)):
            return
        try:
            self.write(lambda: store.self_reg.save(latest))
        except (AnalysisInputError, KeyError):
            self.app.notify(t("journal.analysis.lost"), severity="error", timeout=10)

    # -- finishing, setting aside ---------------------------------------------------------

    def action_finish(self) -> None:
        """Finished: a title, steps 1 and 5 written. It reads back as one page, on the
        child's page and as an entry of the journal."""
        current = self._current()
        if current is None:
            self._focus_field("follow_up")
            return
        saved = self._keep(replace(current, finished=True, dropped=False))
        if saved is None:
            return
        self.notify(t("journal.analysis.finished"))
        from companion.screens.journal.analysis_page import AnalysisPageScreen

        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if isinstance(below, AnalysisPageScreen) and below.analysis_id == saved.id:
            self.app.pop_screen()  # back to its page (e): it shows the analysis again
        else:
            self.app.switch_screen(AnalysisPageScreen(saved.id))

    def _journal_entry(self, analysis: Analysis) -> None:
        """The analysis as an entry of the timeline (its title and what happened, the
        child linked, tagged self-reg), so the journal lists it while she works on it
        too: made once it has a title or what happened, brought up to date after."""
        if not analysis.title and not analysis.what_happened:
            return
        store = self.companion.store
        existing = next(
            (
                e
                for e in store.journal.of_year()
                if e.analysis == analysis.id and e.kind == "analysis"
            ),
            None,
        )
        children = frozenset({analysis.child}) if analysis.child else frozenset()
        if existing is not None and (existing.title, existing.text, existing.children) == (
            analysis.title or analysis.what_happened.splitlines()[0],
            analysis.what_happened,
            children,
        ):
            return  # nothing new for the timeline: no second write
        entry = JournalEntry(
            existing.id if existing is not None else "",
            "analysis",
            existing.written_at if existing is not None else analysis.started_at,
            analysis.title,
            analysis.what_happened,
            children,
            existing.tags if existing is not None else (JOURNAL_TAG,),
            starred=existing.starred if existing is not None else False,
            private=existing.private if existing is not None else False,
            analysis=analysis.id,
        )
        try:
            self.write(lambda: store.journal.save(entry))
        except JournalInputError as error:
            self.notify(analysis_error(error), severity="warning")

    def action_drop(self) -> None:
        """Set aside (dropped), after asking: it is kept, and Today no longer lists it."""
        from companion.screens.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            current = self._current_or_saved()
            if not current.id and self._blank(current):
                super(AnalysisScreen, self).action_back()
                return
            saved = self._keep(replace(current, dropped=True, finished=False))
            if saved is not None:
                self.notify(t("journal.analysis.dropped"))
                super(AnalysisScreen, self).action_back()

        self.app.push_screen(
            ConfirmDialog(
                t("journal.analysis.drop_title"),
                t("journal.analysis.drop_question"),
                t("journal.analysis.drop_confirm"),
            ),
            answered,
        )

    # -- the rest corner ------------------------------------------------------------------

    def action_rest_corner(self) -> None:
        """Step 4: the rest corner's "where is she now?" and picker for this child (the
        class); the strategy she picks is added to what helps the child."""
        from companion.screens.rest_corner.flow import WORKER_GROUP, check_in_flow

        subject = self.child_id or CLASS

        async def flow() -> None:
            use = await check_in_flow(self, subject)
            if use is None or not self.is_attached:
                return
            strategy = self.companion.store.rest_corner.strategy(use.strategy)
            name = strategy.name_in(current_language()) if strategy else use.strategy
            field = self.query_one("#helps_child", Input)
            if name.casefold() not in field.value.casefold():
                field.value = "; ".join(part for part in (field.value.strip(), name) if part)
            self._save_if_changed()
            self._focus_step(4)

        self.run_worker(flow(), group=WORKER_GROUP, exclusive=True)

    # -- moving -------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        found = next((s for s in STEPS if s == step), None)
        if found is not None:
            self._focus_step(found)

    def action_step_by(self, delta: int) -> None:
        focused = self.focused
        step = self._step
        if focused is not None:
            for node in focused.ancestors_with_self:
                if isinstance(node, StepBox):
                    step = node.step
                    break
            else:
                step = 1 if delta > 0 else 5  # from the title: the first step (or last)
                delta = 0
        target = next((s for s in STEPS if s == min(max(step + delta, 1), 5)), step)
        self._focus_step(target)

    def _focus_step(self, step: Step) -> None:
        self._step = step
        box = self.query_one(f"#step-{step}", StepBox)
        first = next((w for w in box.query("*") if w.focusable), None)
        if first is not None:
            first.focus(scroll_visible=False)
        self.query_one("#analysis-body", VerticalScroll).scroll_to_widget(box, top=True)

    def _focus_field(self, field: str) -> None:
        targets = {
            "step_1": "#what_happened",
            "step_5": "#respond",
            "child_stressors": "#child-biological",
            "my_stressors": "#me-biological",
        }
        selector = targets.get(field, f"#{field}")
        found = next(iter(self.query(selector)), None)
        if found is not None and found.focusable:
            found.focus()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        for node in event.widget.ancestors_with_self:
            if isinstance(node, StepBox):
                self._step = node.step
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("finish", "drop", "rest_corner", "save", "step", "step_by"):
            return self.analysis is not None
        return True


def _tidy(analysis: Analysis) -> Analysis:
    """For comparing: texts as they would be kept."""
    return replace(
        analysis,
        title=tidy(analysis.title),
        what_happened=tidy(analysis.what_happened),
        not_seen=tidy(analysis.not_seen),
        offer_now=tidy(analysis.offer_now),
        helps_child=tidy(analysis.helps_child),
        helps_me=tidy(analysis.helps_me),
        respond=tidy(analysis.respond),
        child_stressors={k: tidy(v) for k, v in analysis.child_stressors.items()},
        my_stressors={k: tidy(v) for k, v in analysis.my_stressors.items()},
    )
