"""The pictures of the app, read as a monochrome terminal shows them: by their characters
(bars, blocks, ○, ◂, ×, ✗), never by their colour. On a hand-built class in a real store.

- The ledger: the whole class's week per ingredient as bars, the rare ones marked ◂.
- A child's page: her school year week by week, the Samen-Spel fidelity trend, and a
  strip per strategy in "what helps".
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static
from ui_helpers import SIZE, TODAY, make_app, press, screen_text, text_of

from companion.app import CompanionApp
from companion.content import abc_items
from companion.domain.rest_corner import CheckIn, StrategyUse, WhatHelps
from companion.domain.samen_spel import SamenSpelPlan, SamenSpelSession
from companion.domain.vocabulary import (
    ABC_ITEMS,
    AbcItem,
    DontSkill,
    DoSkill,
    Moment,
    Outcome,
)
from companion.i18n import set_language, t
from companion.screens.child_page.page import AbcSection, ChildPageScreen, SamenSpelSection
from companion.screens.ledger import LedgerScreen
from companion.screens.rest_corner.card import WhatHelpsSection
from companion.store import Store
from companion.widgets.ingredient_bars import (
    GAP,
    RARE_MARK,
    IngredientBars,
    bar,
    bar_lines,
    ingredient_bars,
)
from companion.widgets.week_strip import week_block, week_strip
from companion.widgets.what_helped import outcome_strip, scaled, strip_key, strip_width

MON, TUE, WED = date(2026, 11, 23), date(2026, 11, 24), TODAY
EARLIER = date(2026, 11, 9)  # a Monday, two weeks ago

# This week, the class: touch never, taking turns once, the others 4 to 6 times. Over
# 7 ingredients the average is 24/7, half of it 1.7: touch and turn-taking are rare.
CLASS_TICKS: list[tuple[str, date, Moment, AbcItem]] = [
    ("Anna", MON, "welcome", "smile"),
    ("Anna", MON, "welcome", "voice"),
    ("Anna", MON, "day", "smile"),
    ("Anna", TUE, "welcome", "closeness"),
    ("Anna", TUE, "welcome", "eye_contact"),
    ("Anna", TUE, "welcome", "sharing_joy"),
    ("Bram", MON, "welcome", "smile"),
    ("Bram", MON, "welcome", "voice"),
    ("Bram", MON, "goodbye", "voice"),
    ("Bram", TUE, "welcome", "closeness"),
    ("Bram", TUE, "welcome", "eye_contact"),
    ("Bram", WED, "welcome", "sharing_joy"),
    ("Zoë", WED, "welcome", "smile"),
    ("Zoë", WED, "welcome", "turn_taking"),
    ("Zoë", WED, "welcome", "closeness"),
    ("Zoë", WED, "welcome", "eye_contact"),
    ("Zoë", WED, "welcome", "sharing_joy"),
    ("Zoë", WED, "welcome", "voice"),
    # Andy: 6 this week in 3 school days (2 a day), 5 on one day two weeks ago (1 a day
    # over that week's 5).
    ("Andy", MON, "welcome", "smile"),
    ("Andy", MON, "welcome", "closeness"),
    ("Andy", MON, "welcome", "eye_contact"),
    ("Andy", TUE, "welcome", "smile"),
    ("Andy", TUE, "welcome", "closeness"),
    ("Andy", TUE, "welcome", "sharing_joy"),
    ("Andy", EARLIER, "welcome", "smile"),
    ("Andy", EARLIER, "welcome", "voice"),
    ("Andy", EARLIER, "welcome", "closeness"),
    ("Andy", EARLIER, "welcome", "eye_contact"),
    ("Andy", EARLIER, "welcome", "sharing_joy"),
]
WEEK_TICKS = [tick for tick in CLASS_TICKS if tick[1] >= MON]

# Andy's rest corner: the little frog helped 3 times and a bit once; the squeeze ball
# a bit once and did not help twice.
ANDY_USES: list[tuple[str, Outcome]] = [
    ("frog_rest", "helped"),
    ("frog_rest", "helped"),
    ("frog_rest", "helped"),
    ("frog_rest", "helped_a_bit"),
    ("squeeze_ball", "helped_a_bit"),
    ("squeeze_ball", "not_helped"),
    ("squeeze_ball", "not_helped"),
]

# Andy's Samen-Spel: three sessions with 1, 3 and 5 DO skills, two DON'Ts in the second.
PLAN_START = date(2026, 11, 9)
SESSIONS: list[tuple[date, set[DoSkill], set[DontSkill]]] = [
    (date(2026, 11, 10), {"observe"}, set()),
    (date(2026, 11, 12), {"observe", "imitate", "describe"}, {"questions", "praise"}),
    (
        date(2026, 11, 17),
        {"observe", "imitate", "describe", "name_feelings", "respond_to_needs"},
        set(),
    ),
]


@pytest.fixture
def pictured(small_class: dict[str, str], data_path: Path) -> dict[str, str]:
    ids = small_class
    with Store.open(data_path, today=TODAY) as store:
        for name, day, moment, item in CLASS_TICKS:
            store.abc.save(store.abc.day(ids[name], day).toggled(moment, item))
        rest_corner = store.rest_corner
        for key, outcome in ANDY_USES:
            rest_corner.check_in(CheckIn("", ids["Andy"], MON, "too_much", frozenset({"social"})))
            use = rest_corner.log_use(StrategyUse("", ids["Andy"], key, MON, "too_much"))
            rest_corner.record_outcome(use, outcome)
        plan = store.samen_spel.add_plan(SamenSpelPlan("", ids["Andy"], "speelt mee", PLAN_START))
        for day, do, donts in SESSIONS:
            session = SamenSpelSession(
                "",
                plan.id,
                plan.child_id,
                day,
                15,
                frozenset({"relationship_play"}),
                frozenset(do),
                frozenset(donts),
            )
            store.samen_spel.log(session)
    return ids


def section_lines(app: CompanionApp, kind: type[Any]) -> list[str]:
    [section] = app.screen.query(kind)
    return [text_of(line) for line in section.query(Static)]


# -- the ledger: the class's week per ingredient ------------------------------------------


def bar_cells(widget: IngredientBars) -> dict[AbcItem, str]:
    """Each ingredient's cell of the drawn bars: two columns, 1-4 left and 5-7 right."""
    lines = str(widget.render()).splitlines()
    cell = (widget.size.width - GAP) // 2
    cells = [line[:cell] for line in lines] + [line[cell + GAP :] for line in lines]
    return {
        key: next(c for c in cells if c.startswith(f"{n} ")) for n, key in enumerate(ABC_ITEMS, 1)
    }


async def test_the_ledger_draws_the_class_week_per_ingredient_with_the_rare_ones_marked(
    pictured: dict[str, str], data_path: Path
) -> None:
    totals = Counter(item for *_, item in WEEK_TICKS)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w")
        assert isinstance(app.screen, LedgerScreen)
        widget = app.screen.query_one("#ledger-bars", IngredientBars)
        rows = bar_cells(widget)
        # What the terminal shows is what the widget draws.
        assert all(said.strip() in screen_text(app) for said in rows.values())
        for key, said in rows.items():
            count = totals[key]
            assert f" {count} " in f"{said} ", (key, said)  # the number, written
        # Touch was never given: the 'nothing yet' mark, no bar, and marked rare.
        assert "○" in rows["touch"] and "█" not in rows["touch"]
        assert RARE_MARK in rows["touch"] and RARE_MARK in rows["turn_taking"]
        assert not any(RARE_MARK in rows[key] for key in ABC_ITEMS[2:])
        # The most given has the longest bar.
        most = max(ABC_ITEMS, key=lambda key: totals[key])
        assert rows[most].count("█") == max(said.count("█") for said in rows.values())
        legend = text_of(app.screen.query_one("#ledger-legend", Static))
        assert RARE_MARK in legend
        touch = abc_items()[0].name()
        assert t("ledger.least_used", item=touch, count=0) in legend


class BarsApp(App[None]):
    """Only the widget, at a given width: how it fits a narrow terminal."""

    def compose(self) -> ComposeResult:
        yield IngredientBars()


@pytest.mark.parametrize("lang", ["en", "nl"])
async def test_the_bars_fit_a_narrow_terminal_with_the_short_names(lang: str) -> None:
    set_language(lang)
    app = BarsApp()
    async with app.run_test(size=(50, 6)) as pilot:
        bars = app.query_one(IngredientBars)
        bars.show([0, 1, 4, 6, 5, 4, 4])
        await pilot.pause()
        lines = str(bars.render()).splitlines()
        assert len(lines) == 4 and all(len(line) <= 50 for line in lines)
        drawn = "\n".join(lines)
        assert all(item.short() in drawn for item in abc_items())
        assert abc_items()[2].name() not in drawn  # "Physical closeness" does not fit
        assert drawn.count(RARE_MARK) == 2 and drawn.count("○") == 1


def test_any_tick_draws_at_least_a_sliver_and_the_fullest_the_whole_bar() -> None:
    assert bar(0, 10, 8) == ""
    assert bar(1, 1000, 8) == "▏"
    assert bar(10, 10, 8) == "█" * 8
    assert bar(5, 10, 8) == "█" * 4
    set_language("en")
    wide = bar_lines(ingredient_bars([3, 3, 3, 3, 3, 3, 3]), 78)
    assert RARE_MARK not in str(wide), "nothing is rare when all come back as often"
    assert all(len(line) <= 78 for line in str(wide).splitlines())


@pytest.mark.parametrize("lang", ["en", "nl"])
async def test_the_ledger_legend_says_what_the_mark_means(
    pictured: dict[str, str], data_path: Path, lang: str
) -> None:
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w")
        legend = text_of(app.screen.query_one("#ledger-legend", Static))
        assert t("ledger.bars_legend", lang, mark=RARE_MARK) in legend
        # Each line of the legend fits the terminal: nothing wraps.
        assert all(len(line) <= SIZE[0] - 2 for line in legend.splitlines())
        drawn = str(app.screen.query_one(IngredientBars).render())
        assert all(item.name(lang) in drawn for item in abc_items())


# -- a child's page --------------------------------------------------------------------------


async def test_her_page_draws_her_school_year_week_by_week(
    pictured: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ChildPageScreen(pictured["Andy"]))
        await pilot.pause()
        [week_line] = [
            said
            for said in section_lines(app, AbcSection)
            if said.startswith(t("child_page.abc.per_week"))
        ]
        strip = week_line.removeprefix(t("child_page.abc.per_week")).split()[0]
        # 31 Aug to 23 Nov: 13 weeks. Two weeks ago 1 a day, this week 2 a day (the
        # fullest), the others none (○).
        assert strip == "○" * 10 + "▄" + "○" + "█"
        assert "31/08" in week_line


def test_the_week_strip_never_draws_a_week_with_ticks_as_none() -> None:
    assert week_block(0, 5) == "○"
    assert week_block(0.1, 100) == "▁"
    assert week_block(5, 5) == "█"
    assert str(week_strip([0, 1, 2, 4])) == "○▂▄█"
    assert len(str(week_strip(list(range(60)), last=44))) == 44


async def test_her_page_draws_the_fidelity_trend(pictured: dict[str, str], data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ChildPageScreen(pictured["Andy"]))
        await pilot.pause()
        [trend] = [
            said
            for said in section_lines(app, SamenSpelSection)
            if said.startswith(t("child_page.samen_spel.fidelity"))
        ]
        # 1, 3 and 5 DO skills: ever higher blocks; the two DON'Ts as two crosses.
        assert f"{t('child_page.samen_spel.fidelity')} ▁▃▇ ××  " in trend
        assert t("child_page.samen_spel.fidelity_key") in trend


async def test_her_card_draws_a_strip_per_strategy_with_the_counts_beside_it(
    pictured: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ChildPageScreen(pictured["Andy"]))
        await pilot.pause()
        said = section_lines(app, WhatHelpsSection)
        frog = next(line for line in said if "helped 3×" in line)
        ball = next(line for line in said if "did not help 2×" in line)
        # Lined up, four wide: ▇ helped, ▄ a bit, ✗ did not help.
        assert frog.startswith("▇▇▇▄ ") and "a bit once" in frog
        assert ball.startswith("▄✗✗  ") and "a bit once" in ball
        [card] = app.screen.query(WhatHelpsSection)
        key = Content.from_markup(card.border_subtitle or "").plain
        assert "▇ helped" in key and "▄ a bit" in key and "✗ did not help" in key


def test_a_long_strip_is_scaled_and_keeps_every_outcome() -> None:
    many = WhatHelps("frog_rest", 20, 3, 1, frozenset({"too_much"}))
    marks = scaled({"helped": 20, "helped_a_bit": 3, "not_helped": 1})
    assert sum(marks.values()) == 8 and all(marks.values())
    assert marks["helped"] > marks["helped_a_bit"] >= marks["not_helped"]
    assert (
        str(outcome_strip(many))
        == "▇" * marks["helped"] + "▄" * marks["helped_a_bit"] + "✗" * marks["not_helped"]
    )
    assert str(outcome_strip(WhatHelps("x", 1, 0, 0, frozenset()), 3)) == "▇  "
    assert strip_width([many]) == 8
    set_language("nl")
    assert "✗ hielp niet" in str(strip_key())
