"""Vandaag / Today: the class at a glance, who got connection, who risks going unseen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from companion.content import abc_items
from companion.domain.calendar import SchoolCalendar, school_year_label, school_year_of
from companion.domain.children import Child, ShownNames, sort_key_first_name
from companion.domain.coverage import (
    RANKING_DAYS,
    TodaySummary,
    in_start_of_year,
    start_of_year_tracker,
    summarise_today,
    window_days,
)
from companion.domain.samen_spel import SamenSpelPlan, active_plan, progress
from companion.i18n import children_count, long_date, t
from companion.reports.school_year import clock_doubt_text
from companion.screens.base import CompanionScreen
from companion.screens.journal.today import check_in_subtitle, waiting_lines
from companion.screens.places import away_from_home
from companion.widgets.marks import group_mark

MAX_NAMES = 8
W = TypeVar("W", bound=Widget)
MAX_FLAGS = 3
MAX_SAMEN_SPEL_NAMES = 3


def _names(children: Iterable[Child], way: ShownNames) -> str:
    names = [way.first(child) for child in children]
    shown = ", ".join(names[:MAX_NAMES])
    return shown + (
        t("home.and_more", count=len(names) - MAX_NAMES) if len(names) > MAX_NAMES else ""
    )


def _few(names: list[str]) -> str:
    """A few names for one line of Samen-Spel, the rest counted: "Andy, Renée, Noah +2"."""
    shown = ", ".join(names[:MAX_SAMEN_SPEL_NAMES])
    rest = len(names) - MAX_SAMEN_SPEL_NAMES
    return shown + (t("samen_spel.today.more", number=rest) if rest > 0 else "")


def _place_bindings() -> list[Binding]:
    return [
        Binding(place.key, f"app.open('{place.name}')", place.title_key, show=place.in_footer)
        for place in away_from_home()
    ]


def _panel(widget: W, title_key: str) -> W:
    widget.border_title = t(title_key)
    return widget


class HomeScreen(CompanionScreen):
    # Its stylesheet is the app's to load (companion/app): the bottom of the stack is
    # Textual's default screen, whose CSS_PATH Textual does not read.
    AUTO_FOCUS = "#home-nav"
    BINDINGS = [
        *_place_bindings(),
        # Not in the footer, which the places fill at 80 columns: F1 and the palette say it.
        Binding("p", "page", "child_page.key.page", show=False),
        Binding("z", "check_in", "rest_corner.today.key_check_in", show=False),
        Binding("o", "how_it_went", "rest_corner.today.key_waiting", show=False),
        Binding("i", "my_check_in", "journal.self_reg_today.key_my_check_in", show=False),
        Binding("u", "analyses", "journal.self_reg_today.key_analyses", show=False),
        Binding("ctrl+q", "app.quit", "keys.quit", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="home-date")
        yield Static(id="home-clock")
        with Grid(id="home-grid"):
            yield _panel(Static(id="home-today", classes="panel"), "home.today_title")
            yield _panel(Static(id="home-invisible", classes="panel"), "home.invisible_title")
            with Vertical(classes="panel", id="home-groups-panel"):
                yield Static(id="home-groups-intro")
                # A list, not a text: with 8 or 20 marked children each one stays reachable.
                yield OptionList(id="home-groups")
                # One mark a line: each explanation stays whole in a panel half as wide.
                yield Static(
                    Content.assemble(
                        group_mark("invisible"),
                        (t("abc.legend_invisible"), "dim"),
                        "\n",
                        group_mark("hard_to_manage"),
                        (t("abc.legend_hard"), "dim"),
                    ),
                    id="home-groups-legend",
                )
            with _panel(Vertical(classes="panel", id="home-nav-panel"), "home.nav_title"):
                yield OptionList(
                    *(
                        Option(
                            Content.assemble((place.key, "bold"), "  ", t(place.title_key)),
                            id=place.name,
                        )
                        for place in away_from_home()
                    ),
                    id="home-nav",
                )
        yield Footer()

    def on_mount(self) -> None:
        # No place is highlighted until she moves in the list: her key opens it anyway.
        self.query_one("#home-nav", OptionList).highlighted = None
        self.refresh_data()

    async def rebuild(self) -> None:
        """In the chosen language, from the store the app has now (the demo's or hers):
        the bottom screen is built again in place, as Textual keeps its default screen."""
        self._translate()
        await self.recompose()
        self.refresh_bindings()
        self.show_write_refusal()
        self.query_one("#home-nav").focus()
        self.on_mount()

    @on(OptionList.OptionSelected, "#home-groups")
    async def _child_chosen(self, event: OptionList.OptionSelected) -> None:
        """To the ABC grid, on her: a positive moment is one key away."""
        if not event.option.id:
            return
        await self.companion.open_place("abc")
        from companion.screens.abc import AbcScreen

        if isinstance(self.app.screen, AbcScreen):
            self.app.screen.show_child(event.option.id)

    def action_page(self) -> None:
        """A child's page: the child under the cursor in 'Need extra connection', else
        the one she names in a small dialog (her cursor is in the list of places)."""
        from companion.screens.child_page import show_page

        groups = self.query_one("#home-groups", OptionList)
        chosen = groups.highlighted_option if self.focused is groups else None
        show_page(self.app, chosen.id if chosen is not None else None)

    def action_check_in(self) -> None:
        """ "Where are you now?" for the child under the cursor in 'Need extra
        connection', else for whom she chooses (a child, the class, me)."""
        from companion.screens.rest_corner.flow import start_check_in

        groups = self.query_one("#home-groups", OptionList)
        chosen = groups.highlighted_option if self.focused is groups else None
        start_check_in(self, chosen.id if chosen is not None and chosen.id else None)

    def action_how_it_went(self) -> None:
        """The rest corner's uses still without an outcome: say how each went."""
        from companion.screens.rest_corner.flow import say_how_it_went

        say_how_it_went(self)

    def action_my_check_in(self) -> None:
        """Her own check-in (het begint bij jezelf): energy and tension in a few keys."""
        from companion.screens.journal.my_check_in import TeacherCheckInDialog

        self.app.push_screen(TeacherCheckInDialog())

    def action_analyses(self) -> None:
        """The Self-Reg analyses whose follow-up day has come, and those to finish."""
        from companion.screens.journal.analysis_page import show_open_analyses

        show_open_analyses(self)

    @on(OptionList.OptionSelected, "#home-nav")
    async def _place_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.companion.open_place(event.option.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Home is the bottom of the app: no "back" here, so it is not offered either.
        return action != "back"

    def refresh_data(self) -> None:
        store, today = self.companion.store, self.companion.today
        children = sorted(store.children.all(), key=sort_key_first_name)
        calendar = store.days_off.calendar()
        lookup = store.abc.days([*window_days(calendar, today, RANKING_DAYS), today])
        summary = summarise_today(children, lookup, calendar, today)
        year = school_year_label(school_year_of(today))
        self.query_one("#home-date", Static).update(
            Content.assemble(
                (long_date(today), "bold"),
                f"  ·  {t('common.school_year', label=year)}  ·  ",
                children_count(len(children)),
            )
        )
        self._show_clock_doubt()
        self.query_one("#home-today", Static).update(
            self._today_text(
                summary,
                calendar.is_school_day(today),
                self._samen_spel_text(children, calendar),
            )
        )
        # Her own check-in in the panel's lower border: always in sight, never a line less
        # for the children.
        today_panel = self.query_one("#home-today", Static)
        today_panel.border_subtitle = check_in_subtitle(self.companion.store)
        self.query_one("#home-invisible", Static).update(self._invisible_text(summary))
        self._fill_groups(summary)

    def _samen_spel_text(
        self, children: list[Child], calendar: SchoolCalendar
    ) -> list[Content | str | tuple[str, str]]:
        """Samen-Spel in one short line, right below the connection count (so the lists
        below never push it out of the panel): who is due today, who is behind and by
        how many weeks (a missed week is never silent), a few names and "+N"; nothing
        when no plan runs. Reads only this school year's plans and the sessions of the
        plans under way."""
        store, today = self.companion.store, self.companion.today
        plans_of: dict[str, list[SamenSpelPlan]] = {}
        for each in store.samen_spel.plans_of_year():
            plans_of.setdefault(each.child_id, []).append(each)
        # The year's sessions read once: progress() keeps each plan's own.
        held = store.samen_spel.sessions.of_year(store.current_year) if plans_of else []
        due: list[str] = []
        behind: list[str] = []
        for child in children:
            plan = active_plan(plans_of.get(child.id, ()), calendar, today)
            if plan is None:
                continue
            state = progress(plan, held, calendar, today)
            if state.due_today:
                due.append(self.companion.names.first(child))
            if state.weeks_behind:
                behind.append(
                    t(
                        "samen_spel.today.behind_child",
                        name=self.companion.names.first(child),
                        weeks=state.weeks_behind,
                    )
                )
        if not due and not behind:
            return []
        parts: list[Content | str | tuple[str, str]] = [(t("samen_spel.today.title"), "bold")]
        if due:
            parts += [" ", (t("samen_spel.today.due"), "bold"), " ", _few(due)]
        if behind:
            parts += [
                " ·" if due else "",
                " ",
                (t("samen_spel.today.behind"), "bold $text-warning"),
            ]
            parts += [" ", _few(behind)]
        return parts

    def _show_clock_doubt(self) -> None:
        """A computer date that does not fit the data is said above everything else."""
        doubt = self.companion.store.school_years.clock_doubt()
        banner = self.query_one("#home-clock", Static)
        banner.display = doubt is not None
        if doubt is not None:
            banner.update(f"{clock_doubt_text(doubt)} {t('year.clock_refuses_close')}")

    def _today_text(
        self,
        summary: TodaySummary,
        school_day: bool,
        samen_spel: list[Content | str | tuple[str, str]],
    ) -> Content:
        if not summary.children:
            return Content(t("home.no_children"))
        parts: list[Content | str | tuple[str, str]] = []
        if not self.companion.store.days_off.of_year():
            parts += [(t("home.mark_holidays"), "italic $text-warning"), "\n"]
        # Samen-Spel and what waits (one short line each, only when something does) right
        # below the count: the lists after it may run long.
        then = ["\n", *samen_spel] if samen_spel else []
        for said in waiting_lines(self.companion.store):
            then += ["\n", *said]
        if not school_day:
            return Content.assemble(*parts, t("home.no_school_today"), *then)
        key = "home.connected_single" if len(summary.children) == 1 else "home.connected"
        parts.append(t(key, count=len(summary.connected), total=len(summary.children)))
        parts += then
        if summary.waiting:
            parts += [
                "\n",
                (t("home.waiting"), "bold"),
                " ",
                _names(summary.waiting, self.companion.names),
            ]
        if in_start_of_year(self.companion.today):
            store = self.companion.store
            rows = start_of_year_tracker(summary.children, store.abc.of_year(store.current_year))
            missing = [row.child for row in rows if not row.connected]
            parts += ["\n\n", (t("home.start_of_year"), "bold"), "\n"]
            parts.append(
                t("home.start_of_year_missing", names=_names(missing, self.companion.names))
                if missing
                else t("home.start_of_year_done")
            )
        return Content.assemble(*parts)

    def _invisible_text(self, summary: TodaySummary) -> Content:
        if not summary.flags:
            quiet = not summary.recorded_recently
            return Content(t("home.invisible_nothing_recorded" if quiet else "home.invisible_none"))
        items = {item.key: item for item in abc_items()}
        parts: list[Content | str | tuple[str, str]] = []
        shown = summary.flags[:MAX_FLAGS]
        for flag in shown:
            days = t("common.school_days", count=flag.days)
            reason = (
                t("home.reason_none", days=days)
                if flag.reason == "no_connection"
                else t(
                    "home.reason_fewest", ticks=t("common.ticks", count=flag.connections), days=days
                )
            )
            suggestion = (
                t("home.suggest_welcome")
                if flag.reason == "no_connection"
                else t(
                    "home.suggest_item",
                    item=items[summary.suggestions[flag.child.id]].name().lower(),
                )
            )
            parts += [
                (self.companion.names.first(flag.child), "bold"),
                f"  {reason}\n",
                (f"  → {suggestion}", "italic"),
                "\n",
            ]
        if len(summary.flags) > len(shown):
            parts.append((t("home.more_in_ledger", count=len(summary.flags) - len(shown)), "dim"))
        return Content.assemble(*parts)

    def _fill_groups(self, summary: TodaySummary) -> None:
        """The marked children, the one most at risk first: nothing today before something,
        then the children the 'invisible' panel flags, then the fewest ticks today."""
        watched = [c for c in summary.children if c.group != "all"]
        panel = self.query_one("#home-groups-panel")
        panel.border_title = t("home.groups_title") + (f" · {len(watched)}" if watched else "")
        intro = self.query_one("#home-groups-intro", Static)
        groups = self.query_one("#home-groups", OptionList)
        self.query_one("#home-groups-legend").display = bool(watched)
        groups.display = bool(watched)
        if not watched:
            intro.update(t("home.groups_none"))
            return
        hard = any(c.group == "hard_to_manage" for c in watched)
        intro.update(Content.styled(t("home.groups_reminder"), "dim italic") if hard else "")
        intro.display = hard
        flagged = {flag.child.id: rank for rank, flag in enumerate(summary.flags)}
        watched.sort(
            key=lambda child: (
                summary.totals[child.id],
                flagged.get(child.id, len(flagged)),
                sort_key_first_name(child),
            )
        )
        keep = groups.highlighted_option.id if groups.highlighted_option else None
        groups.clear_options()
        for child in watched:
            total = summary.totals[child.id]
            state = t("home.group_got", count=total) if total else t("home.group_not_yet")
            groups.add_option(
                Option(
                    Content.assemble(
                        group_mark(child.group),
                        (self.companion.names.first(child), "bold"),
                        "  ",
                        (state, "" if total else "italic"),
                    ),
                    id=child.id,
                )
            )
        ids = [child.id for child in watched]
        groups.highlighted = ids.index(keep) if keep in ids else 0
