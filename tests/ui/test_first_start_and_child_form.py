"""First start on an empty file, and the child form's checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static
from ui_helpers import SIZE, TODAY, make_app, press, rows, screen_names, text_of, type_text

from companion.i18n import t
from companion.screens.child_form import ChildFormScreen
from companion.screens.roster import RosterScreen
from companion.screens.welcome import WelcomeScreen
from companion.store import Store


async def test_first_start_adds_a_child_by_hand_and_keeps_it(data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, ChildFormScreen)
        assert screen_names(app)[-2] == "RosterScreen"
        await type_text(pilot, "Lotte")
        await press(pilot, "tab")
        await type_text(pilot, "Van den Broeck")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, RosterScreen)
        assert rows(app.screen.query_one(DataTable)) == [
            ["Lotte Van den Broeck", "", t("roster.no_group", "en"), "25/11/2026"]
        ]

    with Store.open(data_path, today=TODAY) as store:
        [child] = store.children.all()
        assert (child.first_name, child.last_name, child.added_on) == (
            "Lotte",
            "Van den Broeck",
            TODAY,
        )

    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        assert not isinstance(app.screen, WelcomeScreen), "a class with children skips it"
        await press(pilot, "k")
        assert [row[0] for row in rows(app.screen.query_one(DataTable))] == ["Lotte Van den Broeck"]


async def test_welcome_escape_leaves_an_empty_home(data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "escape")
        assert screen_names(app) == ["HomeScreen"]
        assert t("home.no_children", "en") in text_of(app.screen.query_one("#home-today"))


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("first_name", "", "name_required"),
        ("first_name", "x" * 10_000, "name_too_long"),
        ("first_name", "Li\x07am", "name_control_characters"),
        ("last_name", "Cla\x1bes", "name_control_characters"),
        ("birth_date", "31/02/2021", "date_impossible"),
        ("birth_date", "maart 2021", "birth_date_format"),
        ("birth_date", "26/11/2026", "birth_date_future"),
    ],
    ids=[
        "empty",
        "10000_chars",
        "bell_in_first",
        "escape_in_last",
        "31_feb",
        "not_a_date",
        "tomorrow",
    ],
)
async def test_child_form_refuses_a_bad_field_beside_it(
    small_class: dict[str, str], data_path: Path, field: str, value: str, reason: str
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "n")
        form = app.screen
        assert isinstance(form, ChildFormScreen)
        # Fill a valid child, then spoil one field (set directly: typing 10,000 keys is slow).
        form.query_one("#first_name", Input).value = "Liam"
        form.query_one("#last_name", Input).value = "Claes"
        form.query_one("#birth_date", Input).value = "14/03/2022"
        form.query_one(f"#{field}", Input).value = value
        await press(pilot, "ctrl+s")

        assert app.screen is form, "the form stays open"
        assert text_of(form.query_one(f"#{field}-error", Static)) == t(
            f"errors.field.{reason}", "en"
        )
        others = [name for name in ("first_name", "last_name", "birth_date") if name != field]
        assert all(text_of(form.query_one(f"#{name}-error", Static)) == "" for name in others)
        assert app.focused is form.query_one(f"#{field}", Input)
        assert len(app.store.children.all()) == len(small_class)

        # Mending the field and saving again adds the child: the message was the only stop.
        form.query_one(f"#{field}", Input).value = {
            "first_name": "Liam",
            "last_name": "Claes",
            "birth_date": "14/03/2022",
        }[field]
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, RosterScreen)

    with Store.open(data_path, today=TODAY) as store:
        names = sorted(child.full_name for child in store.children.all())
    assert names.count("Liam Claes") == 1
    assert len(names) == len(small_class) + 1


async def test_cancelling_the_form_saves_nothing(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "n")
        await type_text(pilot, "Liam")
        await press(pilot, "escape")
        assert isinstance(app.screen, RosterScreen)
        assert len(rows(app.screen.query_one(DataTable))) == len(small_class)
    with Store.open(data_path, today=TODAY) as store:
        assert "Liam" not in {child.first_name for child in store.children.all()}


async def test_the_demo_lives_in_its_own_file_and_the_teacher_can_go_back(data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.in_demo
        demo_file = data_path.with_name(f"{data_path.stem}-demo.json")
        assert app.store.path == demo_file
        assert len(app.store.children.all()) > 10
        assert screen_names(app) == ["HomeScreen"]
        await press(pilot, "s", "b")
        await pilot.pause()
        assert not app.in_demo
        # mypy keeps `app.in_demo` narrowed to True across the key presses.
        assert app.store.path == data_path  # type: ignore[unreachable]
        assert app.store.children.all() == []
    with Store.open(data_path, today=TODAY) as store:
        assert store.children.all() == [], "the demo never mixes into the teacher's file"
