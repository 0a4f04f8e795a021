"""The strategy library: every strategy, the shipped ones and her own, the hidden ones
too (marked), found by typing a few letters of its name, its how-to or what it needs.
Each row says whether it calms or activates and for whom; below the table, the
highlighted one in full. `n` adds one of her own, `e` edits hers (the shipped library is
read-only), `h` hides any from the suggestions, or shows it again."""

from __future__ import annotations

from typing import Final

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Input, Static

from companion.domain.children import collation_key
from companion.domain.rest_corner import Strategy
from companion.domain.vocabulary import FOR_WHOM, LOCATIONS, STRESS_DOMAINS
from companion.i18n import t
from companion.screens.base import CompanionScreen, done
from companion.widgets.record_table import Column, Record, RecordTable

CELL_PADDING: Final = 2
SCROLLBAR: Final = 2
MIN_NAME_WIDTH: Final = 14
OWN_MARK: Final = "✎"  # one of her own
HIDDEN_MARK: Final = "⊘"  # hidden from the suggestions


def found_by(strategy: Strategy, query: str) -> bool:
    """Every word typed starts a word of its name, how-to or needs (accent-blind), in
    the chosen language or the other."""
    wanted = collation_key(query).split()
    if not wanted:
        return True
    texts = [*strategy.names.values(), *strategy.hows.values(), *strategy.needs.values()]
    words = collation_key(" ".join(texts)).replace("-", " ").replace("/", " ").split()
    return all(any(word.startswith(part) for word in words) for part in wanted)


def direction_short(strategy: Strategy) -> str:
    return t(f"rest_corner.library.direction_short.{strategy.direction}")


def for_whom_short(strategy: Strategy) -> str:
    return ", ".join(
        t(f"rest_corner.library.for_whom_short.{who}")
        for who in FOR_WHOM
        if who in strategy.for_whom
    )


class StrategyLibraryScreen(CompanionScreen):
    CSS_PATH = "library.tcss"
    AUTO_FOCUS = "#library-table"
    BINDINGS = [
        Binding("slash,f", "find", "rest_corner.library.key.find"),
        Binding("n", "new", "rest_corner.library.key.new"),
        Binding("e", "edit", "rest_corner.library.key.edit"),
        Binding("h", "toggle_hidden", "rest_corner.library.key.hide"),
        Binding("f1", "app.help", "keys.help", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: dict[str, Strategy] = {}
        self.hidden: frozenset[str] = frozenset()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder=t("rest_corner.library.find_placeholder"), id="library-find", compact=True
        )
        yield Static(id="library-none")
        yield RecordTable(id="library-table")
        yield Static(id="library-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()

    # -- what is shown ----------------------------------------------------------------------

    def refresh_data(self, select: str | None = None) -> None:
        store = self.companion.store.rest_corner
        lang = self.companion.lang
        self.hidden = store.hidden()
        query = self.query_one("#library-find", Input).value.strip()
        everything = store.library()
        found = [s for s in everything if found_by(s, query)]
        # Her own first (she looks for them most), then the shipped ones by name.
        found.sort(key=lambda s: (not s.own, collation_key(s.name_in(lang))))
        self.shown = {strategy.key: strategy for strategy in found}
        table = self.query_one(RecordTable)
        columns = self._columns(found)
        name_width = columns[1].width or MIN_NAME_WIDTH
        table.replace(
            (self._record(strategy, lang, name_width) for strategy in found),
            columns=columns,
            select=select,
        )
        table.display = bool(found)
        none = self.query_one("#library-none", Static)
        none.display = not found
        none.update(t("rest_corner.library.none_found", query=query))
        self._show_detail()
        self.refresh_bindings()

    def _columns(self, found: list[Strategy]) -> list[Column]:
        def width(key: str, *texts: str) -> int:
            return max(len(t(f"rest_corner.library.col_{key}")), *(len(text) for text in texts))

        fixed = [
            Column(
                t("rest_corner.library.col_direction"),
                "direction",
                width(
                    "direction",
                    *(t(f"rest_corner.library.direction_short.{d}") for d in ("calming", "both")),
                    t("rest_corner.library.direction_short.activating"),
                ),
            ),
            Column(
                t("rest_corner.library.col_for_whom"),
                "for_whom",
                width("for_whom", *(for_whom_short(s) for s in found)),
            ),
            Column(t("rest_corner.library.col_minutes"), "minutes", width("minutes", "60'")),
        ]
        used = 2 + CELL_PADDING + sum((c.width or 0) + CELL_PADDING for c in fixed)
        name = max(MIN_NAME_WIDTH, self.app.size.width - used - CELL_PADDING - SCROLLBAR - 4)
        return [
            Column("", "mark", 2),
            Column(t("rest_corner.library.col_name"), "name", name),
            *fixed,
        ]

    def _record(self, strategy: Strategy, lang: str, width: int) -> Record:
        hidden = strategy.key in self.hidden
        mark = HIDDEN_MARK if hidden else (OWN_MARK if strategy.own else "")
        name = Text(strategy.name_in(lang), style="dim strike" if hidden else "")
        name.truncate(width, overflow="ellipsis")
        return Record(
            strategy.key,
            (
                mark,
                name,
                direction_short(strategy),
                for_whom_short(strategy),
                f"{strategy.minutes}'",
            ),
        )

    def _highlighted(self) -> Strategy | None:
        key = self.query_one(RecordTable).selected_key
        return self.shown.get(key) if key else None

    def _show_detail(self) -> None:
        """The highlighted strategy in full: how it goes, what is needed, where, for
        which stress domains; whether it is hers, or hidden."""
        detail = self.query_one("#library-detail", Static)
        strategy = self._highlighted()
        if strategy is None:
            detail.update("")
            return
        lang = self.companion.lang
        parts: list[Content | str | tuple[str, str]] = [(strategy.name_in(lang), "bold")]
        if strategy.own:
            parts += ["  ", (t("rest_corner.library.own"), "italic")]
        if strategy.key in self.hidden:
            parts += ["  ", (t("rest_corner.library.hidden"), "bold $text-warning")]
        parts += ["\n", strategy.how_in(lang)]
        needs = strategy.needs_in(lang)
        if needs:
            parts += ["\n", (t("rest_corner.library.needs"), "bold"), " ", needs]
        where = ", ".join(
            t(f"rest_corner.location.{w}") for w in LOCATIONS if w in strategy.locations
        )
        domains = ", ".join(
            t(f"rest_corner.domain.{d}") for d in STRESS_DOMAINS if d in strategy.domains
        )
        parts += [
            "\n",
            (t(f"rest_corner.direction.{strategy.direction}"), "italic"),
            " · ",
            where,
            " · ",
            t("rest_corner.library.minutes", minutes=strategy.minutes),
        ]
        if domains:
            parts += [" · ", t("rest_corner.library.domains", domains=domains)]
        detail.update(Content.assemble(*parts))

    @on(DataTable.RowHighlighted, "#library-table")
    def _moved(self) -> None:
        self._show_detail()
        self.refresh_bindings()

    # -- finding ----------------------------------------------------------------------------

    @on(Input.Changed, "#library-find")
    def _typed(self) -> None:
        self.refresh_data()

    @on(Input.Submitted, "#library-find")
    def _found(self) -> None:
        self.query_one(RecordTable).focus()

    def action_find(self) -> None:
        self.query_one("#library-find", Input).focus()

    # -- her own, and hiding ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("new", "edit", "toggle_hidden") and self.query_one("#library-find").has_focus:
            return False  # her letters go into the search
        if action == "edit":
            strategy = self._highlighted()
            return strategy is not None and strategy.own
        if action == "toggle_hidden":
            return self._highlighted() is not None
        return True

    def action_new(self) -> None:
        self._open_form(None)

    def action_edit(self) -> None:
        strategy = self._highlighted()
        if strategy is not None and strategy.own:
            self._open_form(strategy)

    def _open_form(self, strategy: Strategy | None) -> None:
        from companion.screens.rest_corner.strategy_form import OwnStrategyDialog

        def saved(kept: Strategy | None) -> None:
            if kept is not None:
                self._wrote()
                self.query_one("#library-find", Input).value = ""
                self.refresh_data(select=kept.key)
                self.query_one(RecordTable).focus()
                self.notify(t("rest_corner.library.saved", name=kept.name_in("")))

        self.app.push_screen(OwnStrategyDialog(strategy), saved)

    def action_toggle_hidden(self) -> None:
        strategy = self._highlighted()
        if strategy is None:
            return
        hide = strategy.key not in self.hidden
        store = self.companion.store.rest_corner
        if self.write(done(lambda: store.set_hidden(strategy.key, hide))) is None:
            return
        self.refresh_data(select=strategy.key)
        name = strategy.name_in(self.companion.lang)
        key = "rest_corner.library.now_hidden" if hide else "rest_corner.library.now_shown"
        self.notify(t(key, name=name))
