"""A child's page: `p` opens it from the class list, the ABC grid, the week ledger and
Today, and her name in the palette offers it; it shows her ABC of Love, her relational
needs and her Samen-Spel plan as written in the store, reads as one page at 80x24, and
each section's key opens its own screen. Escape goes back where she came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from test_palette import choose, hits_for
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from ui_helpers import SIZE, TODAY, make_app, press, screen_names, screen_text, type_text

from companion.app import CompanionApp, create_app
from companion.clock import fixed_clock
from companion.domain.children import ChildDraft
from companion.domain.needs import NeedsProfile, ObservedSignal
from companion.domain.samen_spel import SamenSpelPlan, SamenSpelSession
from companion.domain.vocabulary import AbcItem, DayInClass, DontSkill, DoSkill, Moment
from companion.i18n import short_date, t
from companion.screens.abc import AbcScreen
from companion.screens.child_history import ChildHistoryScreen
from companion.screens.child_page import ChildFinderDialog, ChildPageScreen, PageSection
from companion.screens.home import HomeScreen
from companion.screens.ledger import LedgerScreen
from companion.screens.roster import RosterScreen
from companion.store import Store
from companion.widgets.abc_grid import AbcGrid

SnapCompare = Callable[..., bool]

# Zoë's ticks: this week (Monday 23 and today) and one day in October.
TICKS: list[tuple[date, Moment, AbcItem]] = [
    (date(2026, 11, 23), "welcome", "touch"),
    (date(2026, 11, 23), "welcome", "smile"),
    (TODAY, "welcome", "touch"),
    (TODAY, "goodbye", "voice"),
    (date(2026, 10, 6), "welcome", "turn_taking"),
    (date(2026, 10, 6), "day", "closeness"),
    (date(2026, 10, 6), "day", "smile"),
    (date(2026, 10, 6), "goodbye", "sharing_joy"),
]
PLAN_START = date(2026, 10, 5)  # a Monday: 25 November is in the plan's 8th week
GOAL = "Zoë speelt ontspannen samen en vraagt zelf om hulp"


def _session(
    day: date,
    minutes: int,
    do: set[DoSkill],
    donts: set[DontSkill] = set(),  # noqa: B006 - never changed
    day_in_class: DayInClass | None = None,
) -> SamenSpelSession:
    return SamenSpelSession(
        "",
        "",
        "",
        day,
        minutes,
        frozenset({"relationship_play"}),
        frozenset(do),
        frozenset(donts),
        day_in_class,
    )


def write_zoe(data_path: Path, zoe: str) -> None:
    """Ticks, a needs profile and a Samen-Spel plan with sessions, written in the store
    as the other screens write them."""
    with Store.open(data_path, today=TODAY) as store:
        for day, moment, item in TICKS:
            store.abc.save(store.abc.day(zoe, day).toggled(moment, item))
        profile = (
            NeedsProfile(zoe)
            .with_clarity("affection", "clearly", date(2026, 10, 1))
            .with_signal(ObservedSignal("affection", date(2026, 11, 23), "hug"))
            .with_signal(
                ObservedSignal(
                    "affection", date(2026, 11, 20), text="kruipt op schoot bij het verhaal"
                )
            )
            .with_signal(ObservedSignal("affection", date(2026, 10, 1), "hold_hand"))
            .with_offer("affection", "Een hand bij het onthaal")
            .with_clarity("listening_ear", "a_little", date(2026, 11, 2))
            .with_sensitivity("alone_time", "Zoekt de leeshoek op na de speeltijd")
        )
        store.needs.save(profile)
        plan = store.samen_spel.add_plan(SamenSpelPlan("", zoe, GOAL, PLAN_START))
        # Weeks 1 to 6 full, one session in week 7 (one short), one so far in week 8.
        days = [PLAN_START.replace(day=d) for d in (6, 8, 13, 15, 20, 22, 27, 29)]
        days += [date(2026, 11, d) for d in (3, 5, 10, 12)]
        for day in days:
            store.samen_spel.log(replace_plan(_session(day, 15, {"observe", "imitate"}), plan))
        store.samen_spel.log(
            replace_plan(
                _session(
                    date(2026, 11, 17),
                    12,
                    {"observe", "imitate", "describe", "name_feelings", "respond_to_needs"},
                    day_in_class="easy",
                ),
                plan,
            )
        )
        store.samen_spel.log(
            replace_plan(
                _session(date(2026, 11, 23), 10, {"observe", "describe"}, {"questions"}, "hard"),
                plan,
            )
        )


def replace_plan(session: SamenSpelSession, plan: SamenSpelPlan) -> SamenSpelSession:
    return replace(session, plan_id=plan.id, child_id=plan.child_id)


async def show_page(pilot: Pilot[Any], child_id: str) -> None:
    """Her page pushed over the app's screen, as p opens it, and settled."""
    await pilot.app.push_screen(ChildPageScreen(child_id))
    await pilot.pause()


def page_text(app: CompanionApp) -> str:
    """Everything the page says, scrolled into view or not: each section's title, its
    lines and the keys in its border."""
    page = app.screen
    assert isinstance(page, ChildPageScreen)
    parts: list[str] = []
    for section in page.query(PageSection):
        if not section.display:
            continue
        parts.append(str(section.border_title or ""))
        parts += [str(line.render()) for line in section.query(Static)]
        parts.append(str(section.border_subtitle or ""))
    return "\n".join(parts)


def line_with(text: str, start: str) -> list[str]:
    """The words of the first line of `text` that starts with `start` (after it)."""
    found = next(line for line in text.splitlines() if line.startswith(start))
    return found.removeprefix(start).split()


def assert_page_of(app: CompanionApp, child_id: str, name: str) -> None:
    assert isinstance(app.screen, ChildPageScreen)
    assert app.screen.child_id == child_id
    shown = page_text(app)
    assert name in shown
    for title in ("abc.title", "needs.title", "samen_spel.title"):
        assert t(f"child_page.{title}") in shown


# -- the way to her page -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "origin"),
    [("k", RosterScreen), ("a", AbcScreen), ("w", LedgerScreen)],
    ids=["class list", "ABC grid", "week ledger"],
)
async def test_p_opens_the_page_of_the_child_under_the_cursor_and_escape_goes_back(
    small_class: dict[str, str], data_path: Path, key: str, origin: type[object]
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, key)
        assert isinstance(app.screen, origin)
        # By first name: Adam, Andy, Anna, Bram, Zoë.
        await press(pilot, "down", "down", "down", "down")
        await press(pilot, "p")
        assert_page_of(app, small_class["Zoë"], "Zoë De Smet")
        await press(pilot, "escape")
        assert isinstance(app.screen, origin)
        assert screen_names(app) == ["HomeScreen", origin.__name__]
        await press(pilot, "ctrl+home", "p")  # the first child, from the top again
        assert_page_of(app, small_class["Adam"], "Adam Janssens")


async def test_on_today_p_opens_the_marked_child_under_the_cursor_or_asks_whose_page(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        # Her cursor in the list of places: p asks whose page, typing finds her.
        await press(pilot, "p")
        assert isinstance(app.screen, ChildFinderDialog)
        await type_text(pilot, "ZOE")
        finder = app.screen.query_one("#finder-children", OptionList)
        assert finder.option_count == 1
        await press(pilot, "enter")
        assert_page_of(app, small_class["Zoë"], "Zoë De Smet")
        await press(pilot, "escape")
        assert screen_names(app) == ["HomeScreen"]
        # A name that fits nobody says so, and escape asks nothing more.
        await press(pilot, "p")
        await type_text(pilot, "xylofoon")
        assert t("child_page.finder.no_match") in screen_text(app)
        await press(pilot, "enter", "escape")
        assert screen_names(app) == ["HomeScreen"]
        # The arrows choose among those who fit ("an": Andy, Anna).
        await press(pilot, "p")
        await type_text(pilot, "an")
        await press(pilot, "down", "enter")
        assert_page_of(app, small_class["Anna"], "Anna Peeters")
        await press(pilot, "escape")
        # In 'Need extra connection' (Adam and Andy are marked): the child there.
        await press(pilot, "tab")
        groups = app.screen.query_one("#home-groups", OptionList)
        assert app.focused is groups
        await press(pilot, "down")
        chosen = groups.highlighted_option
        assert chosen is not None and chosen.id in (small_class["Adam"], small_class["Andy"])
        await press(pilot, "p")
        assert isinstance(app.screen, ChildPageScreen)
        assert app.screen.child_id == chosen.id
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_her_name_in_the_palette_offers_her_page_first(
    small_class: dict[str, str], data_path: Path
) -> None:
    page_hit = t("palette.child.title", name="Zoë", place=t("palette.child.page"))
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k")
        titles = await choose(pilot, "zoe", page_hit)
        assert titles[0] == page_hit
        assert_page_of(app, small_class["Zoë"], "Zoë De Smet")
        await press(pilot, "escape")
        assert screen_names(app) == ["HomeScreen", "RosterScreen"]
        # "A child's page" from the palette: the child under the cursor here...
        await choose(pilot, "kindpagina", t("palette.title.child_page"))
        assert_page_of(app, small_class["Adam"], "Adam Janssens")
        # ...and on a screen without one, the finder asks.
        await press(pilot, "escape", "escape")
        await choose(pilot, "fiche", t("palette.title.child_page"))
        assert isinstance(app.screen, ChildFinderDialog)
        await type_text(pilot, "bram")
        await press(pilot, "enter")
        assert_page_of(app, small_class["Bram"], "Bram Van den Broeck")
        # On her page, the palette offers what its keys open.
        assert t("palette.title.page_needs") in await hits_for(pilot, "behoeften")
        await choose(pilot, "schooljaar", t("palette.title.page_history"))
        assert isinstance(app.screen, ChildHistoryScreen)
        assert app.screen.child_id == small_class["Bram"]


# -- what the page shows -----------------------------------------------------------------


async def test_the_page_shows_her_abc_needs_and_samen_spel_as_written_and_after_a_restart(
    small_class: dict[str, str], data_path: Path
) -> None:
    zoe = small_class["Zoë"]
    write_zoe(data_path, zoe)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await show_page(pilot, zoe)
        shown = page_text(app)
        # The ABC of Love: Tch Turn Near Smile Voice Joy Eye, then the total.
        assert line_with(shown, t("child_page.abc.this_week")) == [
            *("2", "○", "○", "1", "1", "○", "○"),
            "4",
        ]
        year = line_with(shown, "2026-2027")
        assert year[:8] == ["2", "1", "1", "2", "1", "1", "○", "8"]
        weeks = t("common.weeks", count=13)  # every school week since 1 September
        assert " ".join(year[8:]) == t("child_page.abc.in_weeks", weeks=weeks)
        assert f"{t('child_page.abc.rarely')} Eye contact (0)" in shown
        # Her needs: how clearly, the newest two signals with their day, the offer.
        assert "Affection · clearly  3 signals, the newest:" in shown
        assert "Mo 23/11  wants to hug" in shown
        assert "Fr 20/11  kruipt op schoot bij het verhaal" in shown
        assert "hold your hand" not in shown  # the third, older one
        assert "→ I offer: Een hand bij het onthaal" in shown
        assert "A listening ear · a little" in shown
        assert "Not seen (yet): Help or encouragement" in shown
        assert "Need for time alone: Zoekt de leeshoek op na de speeltijd" in shown
        # Samen-Spel: the goal, where the plan stands, a week behind said plainly.
        assert t("child_page.target_child") in shown
        assert f"Goal: {GOAL}" in shown
        assert "Week 8 of 12 · this week 1 of 2 done · now: Relatie-Spel + Regel-Spel" in shown
        assert "Behind: 1 week with too few sessions (1 session missed)." in shown
        sessions = shown.split(t("child_page.samen_spel.last_sessions"))[1].splitlines()
        assert sessions[1:4] == [
            "Mo 23/11 · 10 min · DO 2/5 · DON'T: too many questions · a hard day",
            "Tu 17/11 · 12 min · DO 5/5 · no DON'Ts · an easy day",
            "Th 12/11 · 15 min · DO 2/5 · no DON'Ts",
        ]
        # Eye contact ticked in her row of the ABC of Love (a): her page shows it.
        await press(pilot, "a")
        assert isinstance(app.screen, AbcScreen)
        assert app.screen.query_one(AbcGrid).highlighted_child_id == zoe
        await press(pilot, "7")
        await show_page(pilot, zoe)
        after = page_text(app)
    ticked = ["2", "○", "○", "1", "1", "○", "1", "5"]
    assert line_with(after, t("child_page.abc.this_week")) == ticked
    assert t("child_page.abc.rarely") not in after
    assert t("child_page.abc.balanced") in after
    # A new start on the same file: all of it is there again.
    again = make_app(data_path)
    async with again.run_test(size=SIZE) as pilot:
        await show_page(pilot, zoe)
        assert page_text(again) == after


async def test_a_child_without_ticks_needs_or_plan_gets_a_sentence_and_the_key_in_each(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await show_page(pilot, small_class["Andy"])
        shown = page_text(app)
        for key in ("abc.nothing_yet", "needs.empty", "samen_spel.no_plan"):
            assert t(f"child_page.{key}", "nl") in shown
        assert "◆ Moeilijk hanteerbaar gedrag" in shown
        assert t("child_page.target_child", "nl") not in shown
        # Each section names its keys in its border, as the footer does.
        for key, name in (("h", "history"), ("a", "abc_row"), ("b", "needs")):
            assert f"{key} {t(f'child_page.key.{name}', 'nl')}" in shown
        # A child no longer in the file: said, and no key opens anything.
        await show_page(pilot, "not-there")
        assert t("child_page.not_found", "nl") in screen_text(app)
        await press(pilot, "h")
        assert isinstance(app.screen, ChildPageScreen)


async def test_at_80x24_the_page_reads_as_one_page_that_scrolls(
    small_class: dict[str, str], data_path: Path
) -> None:
    write_zoe(data_path, small_class["Zoë"])
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await show_page(pilot, small_class["Zoë"])
        lines = screen_text(app).splitlines()
        assert "Zoë De Smet" in lines[1]
        shown = "\n".join(lines)
        for title in ("abc.title", "needs.title"):
            assert t(f"child_page.{title}") in shown
        assert "h History  a ABC row" in shown  # the ABC section whole, with its keys
        assert "Affection · clearly" in shown
        sections = app.screen.query_one("#page-sections", VerticalScroll)
        assert sections.max_scroll_x == 0, "nothing runs off to the right"
        assert sections.max_scroll_y > 0, "the rest is below, a scroll away"
        for section in app.screen.query(PageSection):
            assert section.region.right <= SIZE[0]
        await press(pilot, "end")
        assert "Mo 23/11 · 10 min" in screen_text(app)


LOTTE_GOAL = "Lotte durft zelf te beginnen"


def write_lotte(data_path: Path) -> str:
    """Lotte, in the class since September 2024: a plan in each of her two earlier school
    years (closed into their archives), and one this year closed out early."""
    with Store.open(data_path, today=date(2025, 3, 3)) as store:
        [lotte] = store.children.add_many(
            [ChildDraft("Lotte", "Wouters")], added_on=date(2024, 9, 2)
        )
        store.samen_spel.add_plan(SamenSpelPlan("", lotte.id, "speelt mee", date(2025, 3, 3)))
    with Store.open(data_path, today=date(2026, 3, 2)) as store:
        store.samen_spel.add_plan(SamenSpelPlan("", lotte.id, "vraagt hulp", date(2026, 3, 2)))
    with Store.open(data_path, today=TODAY) as store:
        store.school_years.close()
        plan = store.samen_spel.add_plan(SamenSpelPlan("", lotte.id, LOTTE_GOAL, date(2026, 9, 7)))
        for day in (date(2026, 9, 8), date(2026, 9, 10), date(2026, 9, 15)):
            store.samen_spel.log(replace_plan(_session(day, 15, {"observe"}), plan))
        store.samen_spel.update_plan(
            plan.closed_out(date(2026, 10, 2), "Naar een andere klasgroep", early=True)
        )
    return lotte.id


async def test_after_her_plan_is_closed_out_the_page_shows_how_it_ended_and_earlier_plans(
    data_path: Path,
) -> None:
    from companion.screens.samen_spel.child import SamenSpelChildScreen

    lotte = write_lotte(data_path)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await show_page(pilot, lotte)
        shown = page_text(app)
        assert t("child_page.samen_spel.no_plan") not in shown
        assert t("child_page.target_child") not in shown  # no plan under way
        assert t("child_page.samen_spel.last_plan") in shown
        assert f"Goal: {LOTTE_GOAL}" in shown
        assert "Ended early on Fr 02/10" in shown
        assert "Why: Naar een andere klasgroep" in shown
        sessions = shown.split(t("child_page.samen_spel.last_sessions"))[1].splitlines()
        assert [line[:8] for line in sessions[1:4]] == ["Tu 15/09", "Th 10/09", "Tu 08/09"]
        assert "Earlier school years: 2 plans (2024-2025, 2025-2026)." in shown
        # At 80x24 it reads whole, a scroll away; l still opens her Samen-Spel.
        await press(pilot, "end")
        assert "Earlier school years: 2 plans" in screen_text(app)
        await press(pilot, "l")
        assert isinstance(app.screen, SamenSpelChildScreen)
        assert app.screen.child_id == lotte


async def test_a_damaged_archive_of_an_earlier_year_is_a_message_and_the_page_still_shows(
    data_path: Path,
) -> None:
    lotte = write_lotte(data_path)
    archive = data_path.with_name("klas.archive") / "2024-2025.json"
    archive.write_text("{ not json")
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await show_page(pilot, lotte)
        shown = page_text(app)
        assert f"Goal: {LOTTE_GOAL}" in shown
        assert "Earlier school years" not in shown
        said = " ".join(str(note.message) for note in app._notifications)
        assert str(archive) in said


# -- each section's key --------------------------------------------------------------------


async def test_h_opens_her_school_year_over_the_page_and_a_her_row_in_the_abc(
    small_class: dict[str, str], data_path: Path
) -> None:
    zoe = small_class["Zoë"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w", "ctrl+end", "up", "p")  # the last child, above the class row
        assert_page_of(app, zoe, "Zoë De Smet")
        await press(pilot, "h")
        assert isinstance(app.screen, ChildHistoryScreen)
        assert app.screen.child_id == zoe
        # Ticked elsewhere meanwhile: back on her page, it shows.
        app.store.abc.save(app.store.abc.day(zoe, TODAY).toggled("welcome", "smile"))
        await press(pilot, "escape")
        assert screen_names(app) == ["HomeScreen", "LedgerScreen", "ChildPageScreen"]
        assert line_with(page_text(app), t("child_page.abc.this_week"))[-1] == "1"
        await press(pilot, "a")
        assert isinstance(app.screen, AbcScreen)
        assert app.screen.query_one(AbcGrid).highlighted_child_id == zoe
        await press(pilot, "4")  # the key ticks her
        assert app.store.abc.day(zoe, TODAY).items_at("welcome") == set()


async def test_b_opens_her_needs_profile_and_l_her_samen_spel(
    small_class: dict[str, str], data_path: Path
) -> None:
    from companion.screens.needs.profile import NeedsProfileScreen
    from companion.screens.samen_spel.child import SamenSpelChildScreen

    zoe = small_class["Zoë"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await show_page(pilot, zoe)
        page = app.screen
        for key, screen_class in (("b", NeedsProfileScreen), ("l", SamenSpelChildScreen)):
            await press(pilot, key)
            opened = app.screen
            assert isinstance(opened, screen_class), key
            assert opened.child_id == zoe
            await press(pilot, "escape")
            assert app.screen is page


# -- how it looks ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_snapshot_of_a_childs_page(
    snap_compare: SnapCompare, small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    zoe = small_class["Zoë"]
    write_zoe(data_path, zoe)

    async def open_page(pilot: Pilot[Any]) -> None:
        await show_page(pilot, zoe)

    assert snap_compare(make_app(data_path, lang), terminal_size=SIZE, run_before=open_page)


async def test_a_plan_starting_on_a_weekend_says_its_first_school_day_not_week_0(
    data_path: Path, small_class: dict[str, str]
) -> None:
    saturday = date(2026, 11, 28)
    with Store.open(data_path, today=saturday) as store:
        store.samen_spel.add_plan(SamenSpelPlan("", small_class["Andy"], GOAL, saturday))
    app = create_app(data_path, "en", clock=fixed_clock(datetime(2026, 11, 28, 10)))
    async with app.run_test(size=SIZE) as pilot:
        await show_page(pilot, small_class["Andy"])
        shown = screen_text(app)
    monday = short_date(date(2026, 11, 30), "en")
    assert t("child_page.samen_spel.starts", "en", day=monday) in shown
    assert "Week 0" not in shown
