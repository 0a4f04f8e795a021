"""What a new teacher meets on screen at 80x24, Dutch first: every marked child within
reach, totals that say what they count, texts that are never cut, words that read well."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.widgets._footer import FooterKey, FooterLabel
from ui_helpers import (
    SCHOOL_START,
    SIZE,
    TODAY,
    make_app,
    press,
    screen_names,
    screen_text,
    text_of,
)

from companion.domain.children import ChildDraft
from companion.i18n import t
from companion.screens.abc import AbcScreen
from companion.screens.calendar import CalendarScreen
from companion.screens.child_form import ChildFormScreen
from companion.screens.child_history import ChildHistoryScreen
from companion.screens.roster import RosterScreen
from companion.screens.small_window import SmallWindowScreen
from companion.screens.welcome import WelcomeScreen
from companion.store import Store
from companion.widgets.abc_grid import AbcGrid

LANGS = ("nl", "en")


def squeezed(text: str) -> str:
    """Screen text with borders and runs of spaces gone: a wrapped sentence reads whole."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


# -- Today: every marked child within reach --------------------------------------------


def write_marked_class(path: Path, marked: int) -> list[str]:
    """`marked` children marked invisible or hard to manage, all but the last with a tick
    today; the last, 'Zita', has had nothing: she is the one most at risk."""
    drafts = [
        ChildDraft(f"Kind{n:02d}", "Peeters", group=("invisible", "hard_to_manage")[n % 2])
        for n in range(marked - 1)
    ]
    drafts.append(ChildDraft("Zita", "Wouters", group="invisible"))
    drafts.append(ChildDraft("Anna", "Maes"))
    with Store.open(path, today=TODAY) as store:
        children = store.children.add_many(drafts, added_on=SCHOOL_START)
        for child in children[: marked - 1]:
            store.abc.save(store.abc.day(child.id, TODAY).toggled("welcome", "smile"))
        for child in children[:2]:
            store.abc.save(store.abc.day(child.id, TODAY).toggled("welcome", "voice"))
    return [child.id for child in children[:marked]]


@pytest.mark.parametrize("marked", [8, 20])
async def test_today_reaches_every_marked_child_most_at_risk_first(
    data_path: Path, marked: int
) -> None:
    ids = write_marked_class(data_path, marked)
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        groups = app.screen.query_one("#home-groups", OptionList)
        shown = [groups.get_option_at_index(n).id or "" for n in range(groups.option_count)]
        assert sorted(shown) == sorted(ids), "every marked child is in the list"
        assert shown[0] == ids[-1], "the child with nothing today comes first"
        assert shown[-2:] == ids[:2], "the children with the most today come last"
        legend = [f"◌ {t('abc.legend_invisible', 'nl')}", f"◆ {t('abc.legend_hard', 'nl')}"]

        def legend_whole() -> bool:
            lines = [squeezed(line) for line in screen_text(app).splitlines()]
            return all(any(part in line for line in lines) for part in legend)

        assert legend_whole()
        assert f"· {marked}" in str(app.screen.query_one("#home-groups-panel").border_title)

        # The keyboard reaches the last of them, and the legend stays on screen.
        await press(pilot, "tab")
        assert app.focused is groups
        await press(pilot, "end")
        last = groups.get_option_at_index(groups.option_count - 1)
        assert groups.highlighted == groups.option_count - 1
        assert "Kind01" in screen_text(app) and str(last.prompt).split()[1] == "Kind01"
        assert legend_whole()

        # Enter on her opens the ABC grid on her row: a positive moment is one key away.
        await press(pilot, "home", "enter")
        assert isinstance(app.screen, AbcScreen)
        assert app.screen.query_one(AbcGrid).highlighted_child_id == ids[-1]


# -- ABC: the last column says it counts the day ----------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_abc_total_column_is_labelled_as_the_days_count(
    small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        for item in ("smile", "voice", "eye_contact", "touch"):
            store.abc.save(store.abc.day(small_class["Anna"], TODAY).toggled("welcome", item))
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "m", "m")  # to goodbye: nothing ticked at this moment
        grid = app.screen.query_one(AbcGrid)
        header = str(grid.columns["total"].label)
        assert header.split() == ["Σ", t("abc.day_total", lang)]
        lines = screen_text(app).splitlines()
        # The two header lines end in "7  Σ" and "Oog  dag" (or "Eye  day").
        assert lines[2].split()[-1] == "Σ" and lines[3].split()[-1] == t("abc.day_total", lang)
        anna = next(line for line in lines if "Anna P" in line)
        assert "●" not in anna and anna.split()[-1] == "4"

        # On the last column the legend says what it counts.
        await press(pilot, *["right"] * 8)
        assert grid.highlighted_item is None
        legend = squeezed(text_of(app.screen.query_one("#abc-legend", Static)))
        assert t("abc.legend_day_total", lang) in legend
        assert t("abc.legend_day_total", lang) in squeezed(screen_text(app))


# -- Today: the reason says what was counted ------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_a_flag_says_what_it_counted_on_one_line(demo_path: Path, lang: str) -> None:
    app = make_app(demo_path, lang)
    async with app.run_test(size=SIZE):
        panel = text_of(app.screen.query_one("#home-invisible", Static))
        reasons = [line for line in panel.splitlines() if line and not line.startswith("  →")]
        assert reasons
        pattern = {
            "nl": r"\S+  (geen vinkje|\d+ vinkjes?) in \d+ schooldag(en)?",
            "en": r"\S+  (no tick|\d+ ticks?) in \d+ school days?",
        }[lang]
        lines = [squeezed(line) for line in screen_text(app).splitlines()]
        for reason in reasons:
            assert re.fullmatch(pattern, reason), reason
            assert any(" ".join(reason.split()) in line for line in lines), "on one line"
        assert not re.search(r"\b1 (vinkjes|schooldagen|ticks|school days)", panel)


# -- texts are never cut at 80x24 -------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_history_header_keeps_each_phrase_whole(
    small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        child = store.children.add(
            ChildDraft("Marie-Louise", "Van den Broeck-Vermeulen", group="hard_to_manage"),
            added_on=SCHOOL_START,
        )
        store.abc.save(store.abc.day(child.id, TODAY).toggled("welcome", "smile"))
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w", *["down"] * 4, "enter")
        assert isinstance(app.screen, ChildHistoryScreen)
        total = t(
            "history.total",
            lang,
            ticks=t("common.ticks", lang, count=1),
            weeks=t("common.weeks", lang, count=13),
        )
        assert any(total in line for line in screen_text(app).splitlines())
        assert "1 vinkjes" not in screen_text(app)


@pytest.mark.parametrize("lang", LANGS)
async def test_empty_class_hint_on_the_abc_screen_is_whole(data_path: Path, lang: str) -> None:
    with Store.open(data_path, today=TODAY) as store:
        gone = store.children.add(ChildDraft("Anna", "Peeters"), added_on=SCHOOL_START)
        store.children.set_archived(gone.id, True)
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        assert isinstance(app.screen, AbcScreen)
        assert t("abc.empty", lang) in squeezed(screen_text(app))


# The screens that show a footer, and the keys from Today that reach them.
FOOTER_SCREENS = {
    "home": (),
    "abc": ("a",),
    "ledger": ("w",),
    "history": ("w", "enter"),
    "start_of_year": ("j",),
    "class": ("k",),
    "calendar": ("c",),
    "settings": ("s",),
    "learn_more": ("m",),
}


def cut_footer_labels(footer: Footer) -> list[str]:
    """Footer entries not wholly visible left of the command palette key."""
    palette = footer.query_one(".-command-palette", FooterKey)
    cut = []
    for entry in footer.query("FooterKey, FooterLabel"):
        if entry is palette or not isinstance(entry, FooterKey | FooterLabel):
            continue
        text = str(entry.render()).rstrip()
        visible = palette.region.x - entry.region.x
        if len(text) > visible:
            cut.append(text.strip())
    return cut


@pytest.mark.parametrize("lang", LANGS)
async def test_no_footer_label_is_cut_on_any_screen(data_path: Path, lang: str) -> None:
    """From a first start (the welcome screen) into the app's own demo class, whose
    settings show every key at once: back to my class and a school year to close."""
    app = make_app(data_path, lang)
    cut: dict[str, list[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        if labels := cut_footer_labels(app.screen.query_one(Footer)):
            cut["welcome"] = labels
        await press(pilot, "d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.in_demo
        for screen, keys in FOOTER_SCREENS.items():
            await press(pilot, *keys)
            footer = app.screen.query_one(Footer)
            assert footer.query(FooterKey), screen
            if labels := cut_footer_labels(footer):
                cut[screen] = labels
            await press(pilot, "escape", "escape")
    assert cut == {}


# -- a small window says so ---------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_a_small_window_gets_a_plain_notice_that_goes_when_it_grows(
    small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    app = make_app(data_path, lang)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SmallWindowScreen)
        notice = squeezed(screen_text(app))
        assert "60 × 20" in notice and "80 × 24" in notice
        assert notice == squeezed(text_of(app.screen.query_one(Static)))

        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert screen_names(app) == ["HomeScreen"]

        # Smaller again: told again; she may go on anyway, and is not asked twice.
        await pilot.resize_terminal(79, 24)
        await pilot.pause()
        assert isinstance(app.screen, SmallWindowScreen)
        await press(pilot, "escape")
        await pilot.resize_terminal(78, 24)
        await pilot.pause()
        assert screen_names(app) == ["HomeScreen"]


async def test_80_by_24_gets_no_notice(small_class: dict[str, str], data_path: Path) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_names(app) == ["HomeScreen"]


# -- words ----------------------------------------------------------------------------


async def test_counts_of_one_read_in_the_singular(
    small_class: dict[str, str], data_path: Path
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        for name in ("Anna", "Bram", "Adam", "Andy"):
            store.children.set_archived(small_class[name], True)
        store.days_off.add([date(2026, 9, 28)], "study_day")
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k")
        assert isinstance(app.screen, RosterScreen)
        assert "1 kind in de klas" in screen_text(app)
        assert "1 kinderen" not in screen_text(app)
        await press(pilot, "escape", "c")
        assert isinstance(app.screen, CalendarScreen)
        assert "1 vrije dag aangeduid" in squeezed(screen_text(app))


async def test_dutch_labels_read_finished(small_class: dict[str, str], data_path: Path) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        footer = squeezed(screen_text(app).splitlines()[-1])
        assert "Begroeten" in footer and "Ongedaan maken" in footer
        await press(pilot, "f1")
        help_text = squeezed(screen_text(app))
        assert "Aanvinken" in help_text and "Vinken" not in help_text
        assert "Glimlach aanvinken" in help_text
    for lang in LANGS:
        assert "presentatie" not in t("help.screen.roster", lang)
        assert "presentation" not in t("help.screen.roster", lang)


async def test_a_past_week_is_not_a_chance_for_tomorrow(demo_path: Path) -> None:
    app = make_app(demo_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w")
        legend = squeezed(text_of(app.screen.query_one("#ledger-legend", Static)))
        assert "morgen" in legend
        await press(pilot, "left_square_bracket")
        legend = squeezed(text_of(app.screen.query_one("#ledger-legend", Static)))
        assert "morgen" not in legend and legend.startswith("Σ week")
        assert "Die week het minst" in legend


# -- calendar and the child form ----------------------------------------------------


async def test_calendar_lists_holidays_and_own_days_off_in_date_order(
    small_class: dict[str, str], data_path: Path
) -> None:
    own = [date(2026, 9, 28), date(2027, 1, 15), date(2027, 6, 25)]
    with Store.open(data_path, today=TODAY) as store:
        store.days_off.add(own, "study_day")
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "c")
        table = app.screen.query_one(DataTable)
        keys = [
            table.coordinate_to_cell_key(Coordinate(n, 0))[0].value for n in range(table.row_count)
        ]
        assert keys[0] == "day:2026-09-28", "a September day comes before the autumn holiday"
        january = keys.index("day:2027-01-15")
        assert keys[january - 1] == "holiday:christmas" and keys[january + 1] == "holiday:spring"
        assert keys[-1] == "day:2027-06-25"


async def test_a_first_name_that_looks_like_a_date_is_questioned_then_kept(
    small_class: dict[str, str], data_path: Path
) -> None:
    lang = "nl"  # the English question is the same mechanism (test_i18n checks parity)
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "n")
        form = app.screen
        assert isinstance(form, ChildFormScreen)
        form.query_one("#first_name", Input).value = "31/02/2022"
        form.query_one("#last_name", Input).value = "Peeters"
        await press(pilot, "ctrl+s")
        assert app.screen is form, "the form asks first"
        question = text_of(form.query_one("#first_name-error", Static))
        assert question == t("form.warn.name_looks_like_date", lang, value="31/02/2022")
        assert form.query_one("#first_name-error").has_class("-question")
        assert app.focused is form.query_one("#first_name", Input)
        assert len(app.store.children.all()) == len(small_class)

        # Saving the same again is her answer: kept as she typed it.
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, RosterScreen)
        assert "31/02/2022" in {child.first_name for child in app.store.children.all()}


async def test_a_corrected_name_is_saved_without_a_question(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "n")
        form = app.screen
        form.query_one("#first_name", Input).value = "Lien3"
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert text_of(form.query_one("#first_name-error", Static)) == t(
            "form.warn.name_has_digits", "nl", value="Lien3"
        )
        form.query_one("#first_name", Input).value = "Lien"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, RosterScreen)
        assert "Lien" in {child.first_name for child in app.store.children.all()}
