"""Help (F1, ?), the privacy curtain (F2) and the command palette (ctrl+p)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Markdown
from ui_helpers import SIZE, TODAY, make_app, press, screen_names, screen_text, type_text

from companion.i18n import t
from companion.screens.abc import AbcScreen
from companion.screens.curtain import CurtainScreen
from companion.screens.help import HelpScreen
from companion.screens.home import HomeScreen
from companion.screens.ledger import LedgerScreen
from companion.store import Store


def help_text(app: App[Any]) -> str:
    assert isinstance(app.screen, HelpScreen)
    return app.screen.query_one(Markdown).source


async def test_f1_lists_the_keys_of_the_home_screen(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f1")
        text = help_text(app)
        assert t("help.keys_here", "en") in text
        for key, name in (("a", "abc"), ("w", "ledger"), ("k", "roster")):
            assert f"`{key}`  {t(f'nav.{name}', 'en')}" in text
        assert t("help.screen.home", "en") in text
        await press(pilot, "escape")
        assert screen_names(app) == ["HomeScreen"]


async def test_question_mark_lists_the_keys_of_the_abc_screen(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "question_mark")
        text = help_text(app)
        for key, description in (
            ("g", "abc.greet"),
            ("m", "abc.moment"),
            ("/", "abc.find"),
            ("1", "abc.item_touch"),
            ("7", "abc.item_eye_contact"),
            ("space", "abc.toggle_cell"),
        ):
            assert f"`{key}`" in text
            assert t(description, "en") in text
        assert "abc.toggle_cell" not in text, "every description is translated"
        assert t("help.screen.abc", "en") in text
        await press(pilot, "escape")
        assert isinstance(app.screen, AbcScreen)
        await press(pilot, "f1", "f1")  # F1 closes it again, too
        assert isinstance(app.screen, AbcScreen)


async def test_f2_hides_every_name_and_any_key_comes_back(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        assert "Zoë" in screen_text(app)
        await press(pilot, "f2")
        assert isinstance(app.screen, CurtainScreen)
        hidden = screen_text(app)
        assert t("curtain.text", "en") in hidden
        for name in ("Adam", "Andy", "Anna", "Bram", "Zoë", "Janssens", "Peeters"):
            assert name not in hidden
        await press(pilot, "g")  # only lifts the curtain: it greets nobody
        assert isinstance(app.screen, AbcScreen)
        assert "Zoë" in screen_text(app)

        await press(pilot, "escape", "f2", "w")  # nor does w open the week ledger
        assert screen_names(app) == ["HomeScreen"]
    with Store.open(data_path, today=TODAY) as store:
        assert store.abc.days([TODAY]) == {}


async def test_f2_also_hides_a_notification_that_names_a_child(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "x", "enter")  # "Adam Janssens was archived; ..."
        assert any("Adam" in str(note.message) for note in app._notifications)
        await press(pilot, "f2")
        assert not list(app._notifications)


async def run_command(pilot: Pilot[Any], query: str, expected: str) -> None:
    """Open the palette, type, check the highlighted hit is `expected`, run it."""
    app = pilot.app
    await press(pilot, "ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await type_text(pilot, query)
    await app.workers.wait_for_complete()
    await pilot.pause()
    hits = app.screen.query_one(CommandList)
    if hits.highlighted is None:
        await press(pilot, "down")
    assert hits.highlighted is not None
    highlighted = hits.get_option_at_index(hits.highlighted)
    assert str(highlighted.prompt).splitlines()[0] == expected
    await press(pilot, "enter")
    await pilot.pause()


async def test_the_palette_goes_to_the_week_ledger(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "Week", f"{t('palette.go_to', 'en')} {t('nav.ledger', 'en')}")
        assert isinstance(app.screen, LedgerScreen)
        assert screen_names(app) == ["HomeScreen", "LedgerScreen"]


async def test_the_palette_in_dutch_and_a_screen_action_from_it(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "Weekover", "Ga naar: Weekoverzicht")
        assert screen_names(app)[-1] == "LedgerScreen"  # (isinstance would narrow app.screen)
        await press(pilot, "escape", "a")
        await run_command(pilot, "Begroet", t("palette.title.greet", "nl"))
        assert isinstance(app.screen, AbcScreen)
    with Store.open(data_path, today=TODAY) as store:
        adam = store.abc.day(small_class["Adam"], TODAY)
        assert adam.items_at("welcome") == {"smile", "voice", "eye_contact"}


async def test_escape_on_home_stays_home(small_class: dict[str, str], data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert app.is_running
