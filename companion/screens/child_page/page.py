"""A child's page: everything about one child, read as one page at 80x24.

The page is a scroll of sections, each a bordered panel with its title and, in its lower
border, the keys that open its own screen. A later section (what helps in the rest
corner, the journal) is one `PageSection` subclass (section.py; in the feature's own
package) and one line in `SECTIONS`: its keys
become the page's bindings (`open_section('<name>')`; name them in the palette's
catalog and in child_page.key.<name>). A section with nothing to say answers None and
is not shown: the page never shows an empty 'coming soon'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Final

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from companion.content import abc_items, group_name
from companion.domain.calendar import school_year_label, school_year_of
from companion.domain.children import Child
from companion.domain.coverage import HistoryWeek, child_history, rarely_given
from companion.domain.dates import monday_of
from companion.domain.needs import NeedsProfile, ObservedSignal
from companion.domain.samen_spel import (
    PlanProgress,
    SamenSpelPlan,
    SamenSpelSession,
    fidelity_trend,
)
from companion.domain.vocabulary import (
    ABC_ITEMS,
    DO_SKILLS,
    DONT_SKILLS,
    RELATIONAL_NEEDS,
    SENSITIVITY_TOPICS,
    RelationalNeed,
)
from companion.i18n import short_date, t
from companion.screens.base import CompanionScreen
from companion.screens.child_page.section import (
    LABEL_STYLE,
    Line,
    PageFacts,
    PageSection,
    Part,
    SectionKey,
    line,
)
from companion.screens.journal.child_section import SelfRegSection
from companion.screens.rest_corner.card import WhatHelpsSection
from companion.screens.samen_spel.texts import PlanView, plan_view
from companion.store import Store
from companion.widgets.fidelity import trend_line
from companion.widgets.marks import GROUP_MARK_STYLE, group_mark, nothing_yet
from companion.widgets.week_strip import WEEKS_SHOWN, week_strip

TARGET_MARK: Final = "◎ "
SIGNALS_SHOWN: Final = 2  # per need, the newest
SESSIONS_SHOWN: Final = 3


def page_facts(child: Child, store: Store, today: date) -> PageFacts:
    """What the page shows of today's school year (its archive may be read too)."""
    plan = store.samen_spel.active_plan(child.id)
    last = None
    if plan is None:
        last = max(store.samen_spel.plans_of(child.id), key=lambda p: p.start, default=None)
    return PageFacts(child, store, today, store.days_off.calendar(), plan, last)


def earlier_plans(child: Child, store: Store) -> dict[int, int]:
    """Her plans per earlier school year, read from the years since she joined."""
    found: dict[int, int] = {}
    for year in range(school_year_of(child.added_on), store.current_year):
        count = len(store.samen_spel.plans_of(child.id, year))
        if count:
            found[year] = count
    return found


# -- the header -----------------------------------------------------------------------------


class HeaderSection(PageSection):
    """Her name, her group (when marked) and whether she is a Samen-Spel target child."""

    def content(self, facts: PageFacts) -> list[Line]:
        child = facts.child
        parts: list[Part] = [(self.names.full(child), "bold")]
        if child.group != "all":
            parts += ["   ", group_mark(child.group), group_name(child.group)]
        if facts.plan is not None:
            parts += ["   ", (TARGET_MARK, GROUP_MARK_STYLE), t("child_page.target_child")]
        if child.archived:
            parts += ["   ", (t("child_page.archived"), "italic")]
        return [line(*parts)]


# -- the ABC of Love ------------------------------------------------------------------------


def _count(count: int, width: int) -> Content:
    return Content(f"{count:>{width}}") if count else nothing_yet(width)


class AbcSection(PageSection):
    """This week and this school year per ingredient, and what she rarely gets."""

    TITLE = "child_page.abc.title"
    KEYS = (SectionKey("h", "history"), SectionKey("a", "abc_row"))

    def content(self, facts: PageFacts) -> list[Line]:
        store, child, today = facts.store, facts.child, facts.today
        year = store.current_year
        history = store.abc.history(child.id, year)
        weeks = child_history(history, facts.calendar, year, today)
        arrived = monday_of(child.added_on)
        weeks = [week for week in weeks if week.monday >= arrived or week.total]
        this_week = next((w for w in weeks if w.monday == monday_of(today)), None)
        per_item = tuple(sum(week.per_item[i] for week in weeks) for i in range(len(ABC_ITEMS)))
        if not sum(per_item):
            return [line(t("child_page.abc.nothing_yet"))]
        return [
            *self._table(this_week, per_item, len(weeks), year),
            self._weeks(weeks),
            self._rare(per_item),
        ]

    @staticmethod
    def _weeks(weeks: Sequence[HistoryWeek]) -> Line:
        """Her school year as a picture: a block per week, oldest left (h: in numbers)."""
        shown = weeks[-WEEKS_SHOWN:]
        since = t("child_page.abc.since", day=short_date(shown[0].monday)) if shown else ""
        return line(
            (t("child_page.abc.per_week"), LABEL_STYLE),
            " ",
            week_strip([week.total / max(week.school_days, 1) for week in shown]),
            "  ",
            (since, "dim"),
        )

    def _table(
        self, this_week: HistoryWeek | None, per_item: tuple[int, ...], weeks: int, year: int
    ) -> list[Line]:
        """Ingredients across; this week and this school year down, with their totals."""
        labels = (t("child_page.abc.this_week"), school_year_label(year))
        label_width = max(len(label) for label in labels) + 1
        widths = [max(len(item.short()), 3) for item in abc_items()]
        total_width = max(len(str(sum(per_item))), 3)
        header: list[Part] = [" " * label_width]
        for item, width in zip(abc_items(), widths, strict=True):
            header.append((f" {item.short():>{width}}", "dim"))
        header.append((f"  {'Σ':>{total_width}}", "dim"))

        def counts(label: str, per: Sequence[int]) -> list[Part]:
            row: list[Part] = [(label.ljust(label_width), LABEL_STYLE)]
            for count, width in zip(per, widths, strict=True):
                row += [" ", _count(count, width)]
            return [*row, "  ", _count(sum(per), total_width)]

        week_row = (
            counts(labels[0], this_week.per_item)
            if this_week is not None
            else [(labels[0].ljust(label_width), LABEL_STYLE), t("child_page.abc.no_school_week")]
        )
        in_weeks = t("child_page.abc.in_weeks", weeks=t("common.weeks", count=weeks))
        year_row = [*counts(labels[1], per_item), "  ", (in_weeks, "dim")]
        return [line(*header), line(*week_row), line(*year_row)]

    def _rare(self, per_item: tuple[int, ...]) -> Line:
        rare = rarely_given(per_item)
        if not rare:
            return line((t("child_page.abc.balanced"), "italic"))
        names = {item.key: item.name() for item in abc_items()}
        listed = ", ".join(f"{names[item]} ({count})" for item, count in rare)
        return line((t("child_page.abc.rarely"), LABEL_STYLE), " ", listed)

    async def open(self, name: str, page: ChildPageScreen) -> None:
        if name == "history":
            from companion.screens.child_history import ChildHistoryScreen

            await page.app.push_screen(ChildHistoryScreen(page.child_id))
        elif name == "abc_row":
            # As the palette's "ABC row": the ABC of Love (back down the stack when she
            # came from there) with the cursor on her row.
            from companion.screens.abc import AbcScreen

            await page.companion.open_place("abc")
            if isinstance(page.app.screen, AbcScreen):
                page.app.screen.show_child(page.child_id)


# -- relational needs -----------------------------------------------------------------------


def _signal_line(signal: ObservedSignal) -> Line:
    said = t(f"needs.signal.{signal.signal}") if signal.signal else ""
    what = ": ".join(part for part in (said, signal.text) if part)
    return line((short_date(signal.seen), "dim"), "  ", what, indented=True)


class NeedsSection(PageSection):
    """Per need: how clearly it is seen, the newest signals with their day, what she
    offers; then the sensitivity notes."""

    TITLE = "child_page.needs.title"
    KEYS = (SectionKey("b", "needs"),)

    def content(self, facts: PageFacts) -> list[Line]:
        profile = facts.store.needs.get(facts.child.id)
        if profile.is_empty():
            return [line(t("child_page.needs.empty"))]
        lines: list[Line] = []
        unseen: list[RelationalNeed] = []
        for need in RELATIONAL_NEEDS:
            need_lines = self._need(profile, need)
            lines += need_lines
            if not need_lines:
                unseen.append(need)
        if unseen:
            names = ", ".join(t(f"needs.need.{need}") for need in unseen)
            lines.append(line((t("child_page.needs.not_seen"), "dim"), " ", (names, "dim")))
        notes = [(topic, profile.sensitivity.get(topic, "")) for topic in SENSITIVITY_TOPICS]
        notes = [(topic, note) for topic, note in notes if note]
        if notes:
            lines.append(line((t("child_page.needs.sensitivity"), LABEL_STYLE)))
            lines += [
                line((f"{t(f'needs.sensitivity.{topic}')}: ", "italic"), note, indented=True)
                for topic, note in notes
            ]
        return lines

    def _need(self, profile: NeedsProfile, need: RelationalNeed) -> list[Line]:
        """Her lines for one need; none while it is not seen and nothing is noted."""
        clarity = profile.clarity(need)
        signals = profile.signals_of(need)
        offer = profile.offer(need)
        if clarity == "not" and not signals and not offer:
            return []
        style = "bold $text-primary" if clarity == "clearly" else ""
        title: list[Part] = [
            (t(f"needs.need.{need}"), LABEL_STYLE),
            " · ",
            (t(f"needs.clarity.{clarity}"), style),
        ]
        if len(signals) > SIGNALS_SHOWN:
            title += ["  ", (t("child_page.needs.signals", count=len(signals)), "dim")]
        lines = [line(*title)]
        lines += [_signal_line(signal) for signal in signals[:SIGNALS_SHOWN]]
        if offer:
            lines.append(
                line("→ ", (t("child_page.needs.offer"), "italic"), " ", offer, indented=True)
            )
        return lines

    async def open(self, name: str, page: ChildPageScreen) -> None:
        from companion.screens.needs.profile import NeedsProfileScreen

        await page.app.push_screen(NeedsProfileScreen(page.child_id))


# -- Samen-Spel -----------------------------------------------------------------------------


def _session_line(session: SamenSpelSession) -> Line:
    parts: list[Part] = [
        (short_date(session.day), LABEL_STYLE),
        " · ",
        t("child_page.samen_spel.minutes", minutes=session.minutes),
        " · ",
        t("child_page.samen_spel.do_count", used=len(session.do_skills), total=len(DO_SKILLS)),
        " · ",
    ]
    donts = [t(f"samen_spel.dont.{dont}") for dont in DONT_SKILLS if dont in session.dont_skills]
    if donts:
        parts.append(t("child_page.samen_spel.donts", names=", ".join(donts)))
    else:
        parts.append(t("child_page.samen_spel.no_donts"))
    if session.day_in_class is not None:
        parts += [" · ", (t(f"samen_spel.day_in_class.{session.day_in_class}"), "italic")]
    return line(*parts, indented=True)


class SamenSpelSection(PageSection):
    """Her plan under way: its goal, where it stands (a missed week said plainly), what
    is played now, and the last sessions. Without one, her last plan of this school year
    (closed out when, how it went or why early) and its last sessions, or that there is
    none, and the key to start; and her plans of earlier school years, counted."""

    TITLE = "child_page.samen_spel.title"
    KEYS = (SectionKey("l", "samen_spel"),)

    def content(self, facts: PageFacts) -> list[Line]:
        plan = facts.plan
        if plan is not None:
            sessions = facts.store.samen_spel.sessions_of(plan)
            view = plan_view(plan, sessions, facts.calendar, facts.today)
            lines = [
                line((t("child_page.samen_spel.goal"), LABEL_STYLE), " ", plan.goal),
                self._where(view),
                *self._said_plainly(view.progress),
                *self._fidelity(view.sessions),
                *self._last_sessions(view.sessions),
            ]
        elif facts.last_plan is not None:
            last = facts.last_plan
            held = facts.store.samen_spel.sessions_of(last)
            lines = [
                line((t("child_page.samen_spel.last_plan"), "italic")),
                line((t("child_page.samen_spel.goal"), LABEL_STYLE), " ", last.goal),
                *self._how_it_ended(last),
                *self._fidelity(held),
                *self._last_sessions(held),
            ]
        else:
            lines = [line(t("child_page.samen_spel.no_plan"))]
        return [*lines, *self._earlier_plans(facts)]

    @staticmethod
    def _fidelity(sessions: Sequence[SamenSpelSession]) -> list[Line]:
        """The fidelity trend as on the overview (a DO block per session, a × per DON'T),
        with its key; nothing before the first session."""
        if not sessions:
            return []
        return [
            line(
                (t("child_page.samen_spel.fidelity"), LABEL_STYLE),
                " ",
                trend_line(fidelity_trend(sessions)),
                "  ",
                (t("child_page.samen_spel.fidelity_key"), "dim"),
            )
        ]

    @staticmethod
    def _last_sessions(sessions: Sequence[SamenSpelSession]) -> list[Line]:
        lines = [line((t("child_page.samen_spel.last_sessions"), LABEL_STYLE))]
        newest = sorted(sessions, key=lambda s: (s.day, s.id), reverse=True)[:SESSIONS_SHOWN]
        if not newest:
            return [*lines, line((t("child_page.samen_spel.no_sessions"), "italic"), indented=True)]
        return [*lines, *(_session_line(session) for session in newest)]

    @staticmethod
    def _how_it_ended(plan: SamenSpelPlan) -> list[Line]:
        """When and how the plan ended, in her words; or that its weeks are over."""
        if plan.ended_on is None:
            return [line((t("child_page.samen_spel.finished"), "italic"))]
        day = short_date(plan.ended_on)
        if plan.ended_early:
            said = line((t("child_page.samen_spel.ended_early", day=day), LABEL_STYLE))
            label = t("child_page.samen_spel.why_early")
        else:
            said = line((t("child_page.samen_spel.closed_out", day=day), LABEL_STYLE))
            label = t("child_page.samen_spel.how_it_went")
        if not plan.end_note:
            return [said]
        return [said, line((label, "italic"), " ", plan.end_note, indented=True)]

    @staticmethod
    def _earlier_plans(facts: PageFacts) -> list[Line]:
        """One line: her plans of earlier school years, if any."""
        earlier = facts.earlier_plans
        if not earlier:
            return []
        plans = t("child_page.samen_spel.plans", count=sum(earlier.values()))
        years = ", ".join(school_year_label(year) for year in sorted(earlier))
        return [line((t("child_page.samen_spel.earlier", plans=plans, years=years), "dim"))]

    def _where(self, view: PlanView) -> Line:
        """Week X of N, this week's sessions, and what is played now."""
        if view.before_first_day and view.first_day is not None:
            # Before its first school day (a start on a weekend or in a holiday).
            return line(t("child_page.samen_spel.starts", day=short_date(view.first_day)))
        standing = view.progress
        current = standing.current
        week = current.week.number if current is not None else standing.weeks_reached
        weeks = len(standing.weeks)
        parts: list[Part] = [
            (t("child_page.samen_spel.week", week=week, weeks=weeks), LABEL_STYLE),
            " · ",
            t("child_page.samen_spel.no_school_week")
            if current is None
            else t(
                "child_page.samen_spel.this_week", done=current.done, planned=current.week.planned
            ),
        ]
        names = " + ".join(t(f"samen_spel.component_short.{c}") for c in view.components_now)
        return line(*parts, " · ", t("child_page.samen_spel.now"), " ", (names, "bold"))

    def _said_plainly(self, standing: PlanProgress) -> list[Line]:
        """Weeks behind (never silent), a session due today, weeks that do not fit."""
        lines: list[Line] = []
        if standing.weeks_behind:
            behind = t(
                "child_page.samen_spel.behind",
                weeks=t("common.weeks", count=standing.weeks_behind),
                sessions=t("child_page.samen_spel.sessions", count=standing.sessions_behind),
            )
            lines.append(line((behind, "bold $text-warning")))
        elif standing.past:
            lines.append(line((t("child_page.samen_spel.on_track"), "$text-success")))
        if standing.due_today:
            lines.append(line((t("child_page.samen_spel.due_today"), "bold")))
        if standing.weeks_cut:
            fit = t("common.weeks", count=len(standing.weeks))
            lines.append(line((t("child_page.samen_spel.weeks_cut", weeks=fit), "italic")))
        return lines

    async def open(self, name: str, page: ChildPageScreen) -> None:
        from companion.screens.samen_spel.child import SamenSpelChildScreen

        await page.app.push_screen(SamenSpelChildScreen(page.child_id))


# The page's sections, top to bottom: a new section is its class and one line here.
SECTIONS: Final[tuple[type[PageSection], ...]] = (
    HeaderSection,
    AbcSection,
    NeedsSection,
    SamenSpelSection,
    WhatHelpsSection,
    SelfRegSection,
)


def _section_bindings() -> list[BindingType]:
    return [
        Binding(key.key, f"open_section('{key.name}')", key.description)
        for section in SECTIONS
        for key in section.KEYS
    ]


class ChildPageScreen(CompanionScreen):
    CSS_PATH = "page.tcss"
    AUTO_FOCUS = "#page-sections"
    BINDINGS = [
        # v: verslag (the Dutch word; r is the rest corner's on Today). First in the
        # footer: the sections name their own keys in their borders, the report has none.
        Binding("v", "report_child", "report_ui.key.child_report"),
        *_section_bindings(),
        Binding("z", "check_in", "rest_corner.today.key_check_in", show=False),
    ]

    def __init__(self, child_id: str) -> None:
        super().__init__()
        self.child_id = child_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="page-sections"):
            yield Static(t("child_page.not_found"), id="page-not-found")
            for section in SECTIONS:
                yield section()
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        store, today = self.companion.store, self.companion.today
        child = store.children.get(self.child_id)
        self.query_one("#page-not-found").display = child is None
        if child is None:
            for section in self.query(PageSection):
                section.display = False
            return
        # An archive of today's school year (closed on a wrong date) is read too, and so
        # are those of her earlier school years: a damaged one is a message (the line of
        # her earlier plans is left out), not a traceback.
        facts = self.write(lambda: page_facts(child, store, today))
        if facts is None:
            return
        facts = replace(facts, earlier_plans=self.write(lambda: earlier_plans(child, store)))

        def show_all() -> None:
            for section in self.query(PageSection):
                section.show(facts)

        self.write(show_all)

    def _section_of(self, name: str) -> PageSection | None:
        return next(
            (s for s in self.query(PageSection) if any(k.name == name for k in s.KEYS)), None
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_section":
            known = self.companion.store.children.get(self.child_id) is not None
            return known and self._section_of(str(parameters[0])) is not None
        return True

    def action_check_in(self) -> None:
        """ "Where are you now?" for her (the rest corner): the check-in, the picker."""
        from companion.screens.rest_corner.flow import start_check_in

        if self.companion.store.children.get(self.child_id) is not None:
            start_check_in(self, self.child_id)

    def action_report_child(self) -> None:
        """Her report (a parent talk, the care team): the period, then the preview."""
        from companion.screens.report import child_report_asked

        if self.companion.store.children.get(self.child_id) is not None:
            child_report_asked(self.app, self.child_id)

    async def action_open_section(self, name: str) -> None:
        section = self._section_of(name)
        if section is not None and self.companion.store.children.get(self.child_id):
            await section.open(name, self)
