"""A Self-Reg analysis read back as one clear page: what happened and how she reads it,
the stressors for the child and for her, the need and what she offers, what helps, and
what restores the balance, with the follow-up day. `e` edits it; on or after its
follow-up day `f` says she came back to it (Today stops listing it).

Also the small list of analyses to open (Today's `u`, the child's page): the follow-ups
due first, then the ones not finished yet; or a child's analyses, newest first.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.children import ShownNames
from companion.domain.self_reg import Analysis, AnalysisInputError
from companion.domain.vocabulary import STRESS_DOMAINS, StressDomain
from companion.i18n import current_language, short_date, t
from companion.screens.base import CompanionModal, CompanionScreen
from companion.screens.journal.analysis import (
    analysis_error,
    state_text,
    steps_line,
    subject_of,
)
from companion.store import Store

Part = Content | str | tuple[str, str]
HEADING: Final = "bold $text-primary"
LABEL: Final = "bold"
EMPTY: Final = "dim italic"


def _stressors(stressors: dict[StressDomain, str] | None) -> list[Part]:
    if not stressors:
        return [(t("journal.analysis_page.none_written"), EMPTY)]
    parts: list[Part] = []
    for domain in STRESS_DOMAINS:
        if domain not in stressors:
            continue
        note = stressors[domain]
        parts += ["\n  • ", (t(f"rest_corner.domain.{domain}"), "italic")]
        if note:
            parts += [": ", note]
    return parts


def _field(label_key: str, text: str) -> list[Part]:
    return [
        "\n",
        (t(label_key), LABEL),
        " ",
        text if text else (t("journal.analysis_page.none_written"), EMPTY),
    ]


def page_text(analysis: Analysis, store: Store, today_is_due: bool, names: ShownNames) -> Content:
    """The whole analysis as one text, step by step."""
    lang = current_language()
    who = subject_of(store, analysis.child, names)
    started = analysis.started_at
    parts: list[Part] = [
        (analysis.title or t("journal.analysis_page.untitled"), "bold"),
        "\n",
        who,
        " · ",
        f"{short_date(started.date())}/{started.year} {started:%H:%M}",
        " · ",
        (state_text(analysis), "italic"),
        " ·",
        steps_line(analysis),
    ]
    if today_is_due:
        parts += ["\n", ("→ " + t("journal.analysis_page.due"), "bold")]

    def heading(step: int) -> None:
        parts.extend(["\n\n", (f"{step} · {t(f'journal.analysis.step.{step}')}", HEADING)])

    heading(1)
    parts += ["\n", analysis.what_happened or (t("journal.analysis_page.none_written"), EMPTY)]
    reading = (
        t(f"journal.analysis.reading_is.{analysis.reading}") if analysis.reading is not None else ""
    )
    parts += _field("journal.analysis_page.reading", reading)
    parts += _field("journal.analysis.not_seen", analysis.not_seen)
    heading(2)
    parts += ["\n", (t("journal.analysis_page.for_child", name=who), LABEL), " "]
    parts += _stressors(dict(analysis.child_stressors))
    parts += ["\n", (t("journal.analysis_page.for_me"), LABEL), " "]
    parts += _stressors(dict(analysis.my_stressors))
    heading(3)
    need = t(f"needs.need.{analysis.need}") if analysis.need is not None else ""
    parts += _field("journal.analysis_page.need", need)
    parts += _field("journal.analysis.offer_now", analysis.offer_now)
    heading(4)
    parts += _field("journal.analysis.helps_child", analysis.helps_child)
    parts += _field("journal.analysis.helps_me", analysis.helps_me)
    heading(5)
    parts += ["\n", analysis.respond or (t("journal.analysis_page.none_written"), EMPTY)]
    strategy = store.rest_corner.strategy(analysis.strategy) if analysis.strategy else None
    name = strategy.name_in(lang) if strategy is not None else analysis.strategy
    parts += _field("journal.analysis.strategy", name)
    if analysis.follow_up is not None:
        day = f"{short_date(analysis.follow_up)}/{analysis.follow_up.year}"
        parts += ["\n", (t("journal.analysis.follow_up"), LABEL), " ", day]
        if analysis.followed_up:
            parts += ["  ", ("✓ " + t("journal.analysis_page.followed_up"), "italic")]
    else:
        parts += _field("journal.analysis.follow_up", "")
    return Content.assemble(*parts)


def is_due(analysis: Analysis, store: Store) -> bool:
    return analysis in store.self_reg.follow_ups_due()


class AnalysisPageScreen(CompanionScreen):
    CSS_PATH = "analysis_page.tcss"
    AUTO_FOCUS = "#analysis-page-body"
    BINDINGS = [
        Binding("e", "edit", "journal.analysis_page.key_edit"),
        Binding("f", "followed_up", "journal.analysis_page.key_followed_up"),
    ]

    def __init__(self, analysis_id: str) -> None:
        super().__init__()
        self.analysis_id = analysis_id
        self.analysis: Analysis | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="analysis-page-body"):
            yield Static(id="analysis-page-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.companion.store
        self.analysis = store.self_reg.find(self.analysis_id)
        shown = self.query_one("#analysis-page-text", Static)
        if self.analysis is None:
            shown.update(t("journal.analysis_page.not_found"))
        else:
            due = is_due(self.analysis, store)
            shown.update(page_text(self.analysis, store, due, self.companion.names))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit":
            return self.analysis is not None
        if action == "followed_up":
            due = self.analysis is not None and is_due(self.analysis, self.companion.store)
            return True if due else None  # shown only when its day has come
        return True

    def action_edit(self) -> None:
        if self.analysis is not None:
            from companion.screens.journal.analysis import AnalysisScreen

            self.app.push_screen(AnalysisScreen(self.analysis.id))

    def action_followed_up(self) -> None:
        """She came back to it on or after its follow-up day: Today stops listing it."""
        analysis = self.analysis
        if analysis is None or not is_due(analysis, self.companion.store):
            return
        store = self.companion.store
        try:
            saved = self.write(lambda: store.self_reg.save(replace(analysis, followed_up=True)))
        except AnalysisInputError as error:
            self.notify(analysis_error(error), severity="warning")
            return
        if saved is not None:
            self.notify(t("journal.analysis_page.followed_up_done"))
            self.refresh_data()


# -- the list of analyses to open -------------------------------------------------------


def analysis_option(analysis: Analysis, store: Store, names: ShownNames, *, due: bool) -> Option:
    parts: list[Part] = [
        (subject_of(store, analysis.child, names), "bold"),
        "  ",
        analysis.title or (t("journal.analysis_page.untitled"), "italic"),
        "  ",
        (short_date(analysis.started_at.date()), "dim"),
    ]
    if due and analysis.follow_up is not None:
        parts += ["  ", ("→ " + t("journal.analysis_page.follow_up_due"), "bold")]
    else:
        parts += [" ", steps_line(analysis), "  ", (state_text(analysis), "italic")]
    return Option(Content.assemble(*parts), id=analysis.id)


class AnalysesDialog(CompanionModal[str]):
    """Answers the id of the analysis she chose; `n` (when a child or the class is
    known) answers "" for a new one."""

    CSS_PATH = "analysis_page.tcss"
    AUTO_FOCUS = "#analyses"
    BINDINGS = [Binding("n", "new", "journal.analysis_page.key_new")]

    def __init__(
        self, title: str, due: list[Analysis], others: list[Analysis], *, new: bool = False
    ) -> None:
        super().__init__()
        self._title = title
        self._due = due
        self._others = [a for a in others if a not in due]
        self._new = new

    def compose(self) -> ComposeResult:
        with Vertical(id="analyses-box"):
            yield OptionList(id="analyses")
            yield Static(id="analyses-hint")

    def on_mount(self) -> None:
        store = self.companion.store
        box = self.query_one("#analyses-box")
        box.border_title = self._title
        options = self.query_one("#analyses", OptionList)
        names = self.companion.names
        options.add_options(analysis_option(a, store, names, due=True) for a in self._due)
        options.add_options(analysis_option(a, store, names, due=False) for a in self._others)
        if not options.option_count:
            options.add_option(
                Option(Content.styled(t("journal.analysis_page.none"), "italic"), disabled=True)
            )
        else:
            options.highlighted = 0  # enter opens the first at once
        hint = "journal.analysis_page.hint_new" if self._new else "journal.analysis_page.hint"
        self.query_one("#analyses-hint", Static).update(Content.styled(t(hint), "dim"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._new if action == "new" else True

    def action_new(self) -> None:
        self.dismiss("")

    @on(OptionList.OptionSelected, "#analyses")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)


def open_analysis(app: App[object], store: Store, analysis_id: str, child_id: str = "") -> None:
    """The page of a finished, set-aside or due analysis; the form of an open one ("":
    a new one about `child_id`)."""
    from companion.screens.journal.analysis import AnalysisScreen

    analysis = store.self_reg.find(analysis_id) if analysis_id else None
    if analysis_id and analysis is None:  # e.g. its year's archive was put aside
        app.notify(t("journal.analysis_missing"), severity="warning")
    elif analysis is None:
        app.push_screen(AnalysisScreen(None, child_id))
    elif analysis.open and not is_due(analysis, store):
        app.push_screen(AnalysisScreen(analysis.id))
    else:
        app.push_screen(AnalysisPageScreen(analysis.id))


def show_open_analyses(screen: CompanionScreen) -> None:
    """Today's `u`: the follow-ups due and the analyses not finished; enter opens one.
    With none, a line says so."""
    store = screen.companion.store
    due = store.self_reg.follow_ups_due()
    unfinished = store.self_reg.unfinished()
    if not due and not unfinished:
        screen.notify(t("journal.self_reg_today.none"))
        return

    def chosen(analysis_id: str | None) -> None:
        if analysis_id:
            open_analysis(screen.app, screen.companion.store, analysis_id)

    dialog = AnalysesDialog(t("journal.self_reg_today.dialog_title"), due, unfinished)
    screen.app.push_screen(dialog, chosen)


def show_child_analyses(screen: CompanionScreen, child_id: str) -> None:
    """The child's page: her analyses of this school year, newest first; `n` a new one."""
    store = screen.companion.store
    hers = sorted(store.self_reg.of_child(child_id), key=lambda a: a.started_at, reverse=True)
    due = [a for a in store.self_reg.follow_ups_due() if a.child == child_id]

    def chosen(analysis_id: str | None) -> None:
        if analysis_id is not None:
            open_analysis(screen.app, screen.companion.store, analysis_id, child_id)

    title = t(
        "journal.child_section.dialog_title",
        name=subject_of(store, child_id, screen.companion.names),
    )
    screen.app.push_screen(AnalysesDialog(title, due, hers, new=True), chosen)
