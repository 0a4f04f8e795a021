"""The rest corner (rusthoek), the place: the strategies still waiting for how it went
(`o` or enter asks), the class's breaks of this week (the daily mile: how often, and
whether the class calmed), and what happened lately, check-ins and what was tried.
`z` checks someone in (asking whom), `c` the whole class, `m` myself; `l` opens the
strategy library."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static

from companion.domain.children import ShownNames
from companion.domain.dates import monday_of
from companion.domain.rest_corner import CheckIn, StrategyUse
from companion.domain.vocabulary import OUTCOMES, STRESS_DOMAINS
from companion.i18n import short_date, t
from companion.screens.base import CompanionScreen
from companion.screens.rest_corner.outcome import OUTCOME_MARKS
from companion.screens.rest_corner.who import subject_name
from companion.store import Store
from companion.widgets.record_table import Column, Record, RecordTable

RECENT_SHOWN: Final = 6  # (day, who) lines in "lately"
RECENT_DAYS: Final = 14
CELL_PADDING: Final = 2
SCROLLBAR: Final = 2
MIN_STRATEGY_WIDTH: Final = 12
Part = Content | str | tuple[str, str]


def strategy_name(store: Store, key: str, lang: str) -> str:
    strategy = store.rest_corner.strategy(key)
    return strategy.name_in(lang) if strategy is not None else key


def energy_word(energy: str) -> str:
    return t(f"rest_corner.energy.{energy}")


def outcome_part(use: StrategyUse) -> Part:
    """✓ helped / ± a bit / ✗ did not help, or still waiting."""
    if use.outcome is None:
        return (t("rest_corner.place.waiting_mark"), "italic")
    return f"{OUTCOME_MARKS[use.outcome]} {t(f'rest_corner.outcome.{use.outcome}').lower()}"


def class_break_lines(store: Store, breaks: Sequence[StrategyUse], lang: str) -> list[Content]:
    """Per strategy the class used this week: how often, on which days, and whether
    the class calmed (how it went, counted)."""
    by_strategy: dict[str, list[StrategyUse]] = {}
    for use in breaks:
        by_strategy.setdefault(use.strategy, []).append(use)
    lines = []
    for key, uses in sorted(by_strategy.items(), key=lambda item: (-len(item[1]), item[0])):
        days = ", ".join(
            t("common.weekdays_short").split(",")[day.weekday()]
            for day in sorted({use.day for use in uses})
        )
        parts: list[Part] = [
            (strategy_name(store, key, lang), "bold"),
            "  ",
            t("rest_corner.place.times", count=len(uses)),
            (f" ({days})", "dim"),
        ]
        said = [
            f"{OUTCOME_MARKS[outcome]} {count}"
            for outcome in OUTCOMES
            if (count := sum(1 for use in uses if use.outcome == outcome))
        ]
        waiting = sum(1 for use in uses if use.outcome is None)
        if said:
            parts += ["  ", t("rest_corner.place.calmed"), " ", "  ".join(said)]
        if waiting:
            parts += ["  ", (t("rest_corner.place.not_said", count=waiting), "italic")]
        lines.append(Content.assemble(*parts))
    return lines


def recent_lines(
    store: Store,
    check_ins: Sequence[CheckIn],
    uses: Sequence[StrategyUse],
    today: date,
    lang: str,
    shown: ShownNames,
) -> list[Content]:
    """Lately, newest day first: per day and person, where she was (her check-in) and
    what was tried, with how it went."""
    since = today - timedelta(days=RECENT_DAYS)
    moments: dict[tuple[date, str], tuple[list[CheckIn], list[StrategyUse]]] = {}
    for check_in in check_ins:
        if check_in.day >= since:
            moments.setdefault((check_in.day, check_in.subject), ([], []))[0].append(check_in)
    for use in uses:
        if use.day >= since:
            moments.setdefault((use.day, use.subject), ([], []))[1].append(use)
    names = {subject: subject_name(store, subject, shown) for _, subject in moments}
    order = sorted(moments, key=lambda m: (-m[0].toordinal(), names[m[1]].casefold()))
    lines = []
    for day, subject in order[:RECENT_SHOWN]:
        ins, tried = moments[day, subject]
        parts: list[Part] = [(short_date(day), "dim"), "  ", (names[subject], "bold")]
        energies = [energy_word(check_in.energy).lower() for check_in in ins]
        domains = sorted(
            {d for check_in in ins for d in check_in.domains}, key=STRESS_DOMAINS.index
        )
        if energies:
            parts += [" · ", ", ".join(dict.fromkeys(energies))]
        if domains:
            parts += [(f" ({', '.join(t(f'rest_corner.domain.{d}') for d in domains)})", "dim")]
        for use in tried:
            parts += [" → ", strategy_name(store, use.strategy, lang), ": ", outcome_part(use)]
        lines.append(Content.assemble(*parts))
    return lines


class RestCornerScreen(CompanionScreen):
    CSS_PATH = "place.tcss"
    AUTO_FOCUS = "#rc-waiting"
    BINDINGS = [
        Binding("z", "check_in", "rest_corner.place.key.check_in"),
        # As the palette's: the app checks in the class, or me.
        Binding("c", "app.check_in('class')", "rest_corner.place.key.check_in_class"),
        Binding("m", "app.check_in('me')", "rest_corner.place.key.check_in_me"),
        Binding("o", "outcome", "rest_corner.place.key.outcome"),
        Binding("l", "library", "rest_corner.place.key.library"),
        Binding("f1", "app.help", "keys.help", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.waiting: dict[str, StrategyUse] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="rc-body"):
            with Vertical(id="rc-waiting-panel", classes="rc-panel"):
                yield Static(id="rc-waiting-none")
                yield RecordTable(id="rc-waiting")
            yield Static(id="rc-class", classes="rc-panel")
            yield Static(id="rc-recent", classes="rc-panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#rc-waiting-panel").border_title = t("rest_corner.place.waiting_title")
        self.query_one("#rc-class").border_title = t("rest_corner.place.class_title")
        self.query_one("#rc-recent").border_title = t("rest_corner.place.recent_title")
        self.query_one("#rc-class").border_subtitle = t("rest_corner.place.class_keys")
        self.refresh_data()

    # -- what is shown ----------------------------------------------------------------------

    def refresh_data(self) -> None:
        store, today, lang = self.companion.store, self.companion.today, self.companion.lang
        rest_corner = store.rest_corner
        uses = self.write(rest_corner.uses_of_year) or []
        check_ins = self.write(rest_corner.check_ins_of_year) or []
        waiting = [use for use in uses if use.outcome is None]
        waiting.sort(key=lambda use: use.day)
        self.waiting = {use.id: use for use in waiting}
        self._show_waiting(store, waiting, lang)
        monday = monday_of(today)
        breaks = self.write(lambda: rest_corner.class_breaks(monday)) or []
        lines = class_break_lines(store, breaks, lang)
        self.query_one("#rc-class", Static).update(
            Content("\n").join(lines) if lines else Content(t("rest_corner.place.class_none"))
        )
        recent = recent_lines(store, check_ins, uses, today, lang, self.companion.names)
        self.query_one("#rc-recent", Static).update(
            Content("\n").join(recent) if recent else Content(t("rest_corner.place.recent_none"))
        )
        self.refresh_bindings()

    def _show_waiting(self, store: Store, waiting: list[StrategyUse], lang: str) -> None:
        table = self.query_one("#rc-waiting", RecordTable)
        none = self.query_one("#rc-waiting-none", Static)
        table.display = bool(waiting)
        none.display = not waiting
        none.update(t("rest_corner.place.waiting_none"))
        panel = self.query_one("#rc-waiting-panel")
        panel.border_subtitle = t("rest_corner.place.waiting_keys") if waiting else ""
        if not waiting:
            table.clear()
            return
        shown = self.companion.names
        names = {use.subject: subject_name(store, use.subject, shown) for use in waiting}
        day_width = max(len(t("rest_corner.place.col_day")), len(short_date(waiting[0].day)))
        who_width = max(len(t("rest_corner.place.col_who")), *(len(n) for n in names.values()))
        state_width = max(
            len(t("rest_corner.place.col_state")), *(len(energy_word(u.energy)) for u in waiting)
        )
        used = sum(w + CELL_PADDING for w in (day_width, who_width, state_width))
        width = max(MIN_STRATEGY_WIDTH, self.app.size.width - used - CELL_PADDING - SCROLLBAR - 4)
        columns = [
            Column(t("rest_corner.place.col_day"), "day", day_width),
            Column(t("rest_corner.place.col_who"), "who", who_width),
            Column(t("rest_corner.place.col_state"), "state", state_width),
            Column(t("rest_corner.place.col_strategy"), "strategy", width),
        ]

        def record(use: StrategyUse) -> Record:
            name = Text(strategy_name(store, use.strategy, lang))
            name.truncate(width, overflow="ellipsis")
            return Record(
                use.id,
                (short_date(use.day), names[use.subject], energy_word(use.energy), name),
            )

        table.replace((record(use) for use in waiting), columns=columns)

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "outcome":
            return bool(self.waiting)
        return True

    def action_check_in(self) -> None:
        """For whom she chooses: a child, the class, or me."""
        from companion.screens.rest_corner.flow import start_check_in

        start_check_in(self, None)

    @on(RecordTable.Chosen, "#rc-waiting")
    def _chosen(self) -> None:
        self.action_outcome()

    def action_outcome(self) -> None:
        """How the highlighted use went (the oldest, when the list has no focus)."""
        from companion.screens.rest_corner.outcome import OutcomeDialog

        key = self.query_one("#rc-waiting", RecordTable).selected_key
        use = self.waiting.get(key or "") or next(iter(self.waiting.values()), None)
        if use is None:
            return

        def said(saved: StrategyUse | None) -> None:
            if saved is not None:
                self._wrote()
                self.refresh_data()

        self.app.push_screen(OutcomeDialog(use), said)

    def action_library(self) -> None:
        from companion.screens.rest_corner.library import StrategyLibraryScreen

        self.app.push_screen(StrategyLibraryScreen())

    @on(DataTable.RowHighlighted, "#rc-waiting")
    def _moved(self) -> None:
        self.refresh_bindings()
