"""Today and the ABC grid speak Dutch or English, every label of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static
from ui_helpers import SIZE, TODAY, make_app, press, screen_text, text_of

from companion.content import abc_items, moment_name
from companion.i18n import long_date, t
from companion.widgets.abc_grid import AbcGrid

# A few words a Flemish teacher must see, written out rather than looked up.
LITERAL = {
    "nl": ("Vandaag", "Onthaal", "Aanr", "woensdag", "Klas"),
    "en": ("Today", "Welcome", "Tch", "Wednesday", "Class"),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_home_screen_labels(lang: str, small_class: dict[str, str], data_path: Path) -> None:
    today_word, _, _, weekday, class_word = LITERAL[lang]
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the footer shows the keys once the first screen is up
        screen = app.screen
        assert screen.query_one("#home-today").border_title == t("home.today_title", lang)
        assert screen.query_one("#home-invisible").border_title == t("home.invisible_title", lang)
        assert str(screen.query_one("#home-groups-panel").border_title).startswith(
            t("home.groups_title", lang)
        )
        assert screen.query_one("#home-nav-panel").border_title == t("home.nav_title", lang)
        date_line = text_of(screen.query_one("#home-date", Static))
        assert date_line.startswith(long_date(TODAY, lang))
        assert weekday in date_line
        assert t("common.children_count", lang, count=5) in date_line
        assert t("home.connected", lang, count=0, total=5) in text_of(
            screen.query_one("#home-today", Static)
        )
        navigation = screen.query_one("#home-nav", OptionList)
        labels = [str(navigation.get_option_at_index(i).prompt) for i in range(3)]
        assert labels[2] == f"k  {class_word}"
        assert f"a  {t('nav.abc', lang)}" in labels
        footer = screen_text(app).splitlines()[-1]
        assert t("nav.ledger", lang) in footer and t("keys.help", lang) in footer
        title = screen.query_one("#home-today").border_title
        assert isinstance(title, str) and today_word.lower() in title.lower()


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_abc_screen_labels(lang: str, small_class: dict[str, str], data_path: Path) -> None:
    _, welcome, touch_short, weekday, _ = LITERAL[lang]
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        grid = app.screen.query_one(AbcGrid)
        headers = [str(column.label) for column in grid.columns.values()]
        for item, header in zip(abc_items(), headers[1:8], strict=True):
            assert header.split() == [str(item.number), item.short(lang)]
        assert headers[1].split()[1] == touch_short
        bar = text_of(app.screen.query_one("#abc-bar", Static))
        assert long_date(TODAY, lang) in bar and weekday in bar
        assert moment_name("welcome", lang) == welcome and welcome in bar
        legend = text_of(app.screen.query_one("#abc-legend", Static))
        first = abc_items()[0]
        assert legend == f"1 {first.name(lang)} — {first.hint(lang)}"
        footer = screen_text(app).splitlines()[-1]
        assert t("abc.greet", lang) in footer and t("abc.undo", lang) in footer
        await press(pilot, "m")
        assert moment_name("day", lang) in text_of(app.screen.query_one("#abc-bar", Static))


async def test_the_demo_reminder_follows_a_language_switch(data_path: Path) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.sub_title == t("app.demo_subtitle", "nl")
        await press(pilot, "s", "l")
        await pilot.pause()
        assert app.sub_title == t("app.demo_subtitle", "en")
        assert "DEMO CLASS" in screen_text(app)


async def test_the_demo_title_shows_whole_at_80_columns_in_both_languages(
    small_class: dict[str, str], data_path: Path
) -> None:
    """The way back from the demo is in the header: cut, it loses the key to press."""
    app = make_app(data_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.open_demo()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.in_demo
        for lang in ("en", "nl"):
            app.switch_language(lang)
            await pilot.pause()
            header = screen_text(app).splitlines()[0]
            title = f"{t('app.title', lang)} — {t('app.demo_subtitle', lang)}"
            assert title in header, (lang, header)
            assert "…" not in header
