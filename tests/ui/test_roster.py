"""Klas / Class: edit, archive, show archived, sort order, import a class list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Static
from textual_fspicker.parts import DirectoryNavigation
from ui_helpers import SIZE, TODAY, make_app, press, rows, screen_text, text_of, type_text

from companion.content import group_name
from companion.domain.children import ChildDraft
from companion.i18n import t
from companion.screens.child_form import ChildFormScreen
from companion.screens.confirm import ConfirmDialog
from companion.screens.file_picker import CsvFilePicker, start_folder
from companion.screens.roster import RosterScreen
from companion.screens.roster_import import RosterImportScreen
from companion.store import Store
from companion.widgets.abc_grid import AbcGrid


def names(table: DataTable[Any]) -> list[str]:
    return [row[0] for row in rows(table)]


async def test_edit_a_child(small_class: dict[str, str], data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k")
        table = app.screen.query_one(DataTable)
        assert names(table)[2] == "Anna Peeters"
        await press(pilot, "down", "down", "e")
        form = app.screen
        assert isinstance(form, ChildFormScreen)
        assert form.query_one("#first_name", Input).value == "Anna"
        form.query_one("#first_name", Input).value = "Annelies"
        form.query_one("#birth_date", Input).value = "02/05/2022"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, RosterScreen)
        assert rows(table)[2][:2] == ["Annelies Peeters", "02/05/2022"]
        assert table.cursor_row == 2, "the cursor stays on the edited child"

    with Store.open(data_path, today=TODAY) as store:
        child = store.children.get(small_class["Anna"])
        assert child is not None
        assert (child.first_name, child.birth_date and child.birth_date.isoformat()) == (
            "Annelies",
            "2022-05-02",
        )


async def test_enter_on_a_child_opens_the_form_too(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "down", "enter")
        form = app.screen
        assert isinstance(form, ChildFormScreen)
        assert form.query_one("#first_name", Input).value == "Andy"
        await press(pilot, "escape")
        assert isinstance(app.screen, RosterScreen)


async def test_archive_hides_the_child_from_the_grid_and_v_shows_it(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k")
        table = app.screen.query_one(DataTable)
        await press(pilot, "down", "down")  # Anna
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "enter")
        assert isinstance(app.screen, RosterScreen)
        assert "Anna Peeters" not in names(table)
        status = app.screen.query_one("#roster-status", Static)
        assert text_of(status) == t("roster.status", "en", count=4)

        await press(pilot, "v")
        shown = rows(table)
        assert ["Anna Peeters", "", "—", t("roster.archived_mark", "en")] in shown
        assert len(shown) == 5

        await press(pilot, "v", "escape", "a")
        grid = app.screen.query_one(AbcGrid)
        assert small_class["Anna"] not in grid.row_keys
        assert grid.row_count == 4

    with Store.open(data_path, today=TODAY) as store:
        child = store.children.get(small_class["Anna"])
        assert child is not None and child.archived

    # x on an archived child (shown with v) brings it back.
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "v")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(small_class["Anna"]))
        await pilot.pause()
        await press(pilot, "x")  # restoring asks nothing: it loses nothing
        assert isinstance(app.screen, RosterScreen)
        await press(pilot, "v")
        assert "Anna Peeters" in names(table)
    with Store.open(data_path, today=TODAY) as store:
        child = store.children.get(small_class["Anna"])
        assert child is not None and not child.archived


async def test_o_sorts_by_last_name_with_van_den_broeck_under_v(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k")
        table = app.screen.query_one(DataTable)
        assert names(table) == [
            "Adam Janssens",
            "Andy Maes",
            "Anna Peeters",
            "Bram Van den Broeck",
            "Zoë De Smet",
        ]
        await press(pilot, "o")
        assert names(table) == [
            "De Smet, Zoë",
            "Janssens, Adam",
            "Maes, Andy",
            "Peeters, Anna",
            "Van den Broeck, Bram",
        ]
        await press(pilot, "o")
        assert names(table)[0] == "Adam Janssens"


async def test_import_a_class_list_from_the_class_screen(
    small_class: dict[str, str], data_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv_file = tmp_path / "klaslijst.csv"
    csv_file.write_text(
        "Voornaam;Naam;Geboortedatum;Groep\n"
        "Liam;Claes;12/03/2022;\n"
        "Mila;Wouters;31/02/2022;\n"  # line 3: no such date
        "Noor;El Amrani;05/07/2022;onzichtbaar\n"
        "Anna;Peeters;;\n",  # already in the class
        encoding="utf-8",
    )
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "i")
        dialog = app.screen
        assert isinstance(dialog, RosterImportScreen)
        # Typed as a teacher would, relative to the folder the app was started in.
        monkeypatch.chdir(tmp_path)
        await type_text(pilot, csv_file.name)
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

        report = text_of(dialog.query_one("#import-report-text", Static))
        assert t("roster_import.summary", "en", added=2, skipped=1, rejected=1) in report
        assert (
            t(
                "roster_import.rejected_line",
                "en",
                line=3,
                reason=t("errors.field.date_impossible", "en"),
            )
            in report
        )
        assert text_of(dialog.query_one("#import-error", Static)) == ""

        await press(pilot, "escape")
        assert isinstance(app.screen, RosterScreen)
        shown = names(app.screen.query_one(DataTable))
        assert "Liam Claes" in shown and "Noor El Amrani" in shown
        assert "Mila Wouters" not in shown
        assert shown.count("Anna Peeters") == 1

    with Store.open(data_path, today=TODAY) as store:
        by_name = {child.full_name: child for child in store.children.all()}
    assert len(by_name) == len(small_class) + 2
    assert by_name["Noor El Amrani"].group == "invisible"
    assert by_name["Liam Claes"].birth_date is not None


async def test_import_of_a_missing_file_says_so(
    small_class: dict[str, str], data_path: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "nergens.csv"
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "i")
        await press(pilot, "enter")
        error = app.screen.query_one("#import-error", Static)
        assert text_of(error) == t("roster_import_ui.need_path", "en")
        app.screen.query_one("#import-path", Input).value = str(missing)
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(missing) in text_of(error)
        assert len(app.store.children.all()) == len(small_class)


async def test_an_os_error_in_the_import_dialog_is_told_in_dutch(
    small_class: dict[str, str], data_path: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "nergens.csv"
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "i")
        app.screen.query_one("#import-path", Input).value = str(missing)
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = text_of(app.screen.query_one("#import-error", Static))
        assert shown == t(
            "roster_import_ui.cannot_read",
            "nl",
            path=str(missing),
            detail=t("os_error.missing", "nl"),
        )
        assert "No such file" not in shown


FOOTER_KEYS = (
    ("n", "roster.new"),
    ("x", "roster.archive"),
    ("i", "roster.import"),
    ("v", "roster.show_archived"),
    ("o", "roster.order"),
)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_every_label_of_the_class_list_and_its_footer_shows_whole(
    small_class: dict[str, str], data_path: Path, size: tuple[int, int], lang: str
) -> None:
    long_name = ChildDraft("Marie-Louise", "Van den Broeck-Vanderstraeten", group="hard_to_manage")
    with Store.open(data_path, today=TODAY) as store:
        store.children.set_archived(small_class["Anna"], True)
        store.children.add_many([long_name], added_on=TODAY)
    app = make_app(data_path, lang)
    async with app.run_test(size=size) as pilot:
        await press(pilot, "k", "v")
        lines = screen_text(app).splitlines()
        header, footer = lines[1], lines[-1]
        for column in ("col_name", "col_birth", "col_group", "col_added"):
            assert t(f"roster.{column}", lang) in header
        by_name = {line.split("  ")[0].strip(): line for line in lines[2:-2] if line.strip()}
        assert group_name("invisible", lang) in by_name["Adam Janssens"]
        assert group_name("hard_to_manage", lang) in by_name["Andy Maes"]
        assert t("roster.archived_mark", lang) in by_name["Anna Peeters"]
        # An ordinary child is in no special group: the column says nothing of "all".
        assert group_name("all", lang) not in by_name["Zoë De Smet"]
        assert t("roster.no_group", lang) in by_name["Zoë De Smet"]
        # A name longer than its column says it goes on, and pushes nothing out.
        [long_line] = [line for line in lines if "Marie-Louise" in line]
        assert group_name("hard_to_manage", lang) in long_line
        assert "Marie-Louise Van den Broeck-Vanderstraeten" in long_line or "…" in long_line

        for key, description in FOOTER_KEYS:
            assert f"{key} {t(description, lang)} " in footer, footer
        assert footer.rstrip().endswith(t("keys.palette", lang))

        # On an archived child, x says what it does there: restore.
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(small_class["Anna"]))
        await pilot.pause()
        assert f"x {t('roster.restore', lang)} " in screen_text(app).splitlines()[-1]


async def test_archiving_asks_first_naming_the_child_and_escape_keeps_it(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "down", "down", "x")  # Anna
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = text_of(dialog.query_one("#confirm-question", Static))
        assert question == t("roster.archive_question", "nl", name="Anna Peeters")
        assert "Anna Peeters archiveren?" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, RosterScreen)
        assert "Anna Peeters" in names(app.screen.query_one(DataTable))
        await press(pilot, "x", "tab", "enter")  # Annuleren, too, keeps her
        assert isinstance(app.screen, RosterScreen)
        assert "Anna Peeters" in names(app.screen.query_one(DataTable))
        await press(pilot, "x", "enter")
        assert "Anna Peeters" not in names(app.screen.query_one(DataTable))
    with Store.open(data_path, today=TODAY) as store:
        anna = store.children.get(small_class["Anna"])
        assert anna is not None and anna.archived


async def test_the_file_picker_starts_in_documents_shows_csv_only_and_imports(
    small_class: dict[str, str], data_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    documents = home / "Documents"
    documents.mkdir(parents=True)
    (documents / "klaslijst.csv").write_text("Voornaam;Naam\nLiam;Claes\n", encoding="utf-8")
    (documents / "boodschappen.txt").write_text("melk\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "i", "ctrl+o")
        picker = app.screen
        assert isinstance(picker, CsvFilePicker)
        assert picker.query_one(DirectoryNavigation).location == documents
        shown = screen_text(app)
        assert "klaslijst.csv" in shown
        assert "boodschappen.txt" not in shown
        await press(pilot, "down", "enter")  # klaslijst.csv (below ".."), into the field
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RosterImportScreen)
        report = text_of(dialog.query_one("#import-report-text", Static))
        assert report == t("roster_import.summary", "nl", added=1, skipped=0, rejected=0)
    assert "Liam Claes" in {child.full_name for child in app.store.children.all()}


@pytest.mark.parametrize(
    ("folders", "expected"),
    [
        (["Documents", "Downloads"], "Documents"),
        (["Downloads"], "Downloads"),
        (["Documenten"], "Documenten"),
        ([], ""),
    ],
)
def test_the_picker_starts_in_documents_or_downloads_else_home(
    tmp_path: Path, folders: list[str], expected: str
) -> None:
    for name in folders:
        (tmp_path / name).mkdir()
    assert start_folder(tmp_path) == tmp_path / expected


def test_the_picker_follows_the_desktops_own_name_for_documents(tmp_path: Path) -> None:
    (tmp_path / "Mijn documenten").mkdir()
    (tmp_path / "Downloads").mkdir()
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config" / "user-dirs.dirs").write_text(
        'XDG_DESKTOP_DIR="$HOME/Bureaublad"\nXDG_DOCUMENTS_DIR="$HOME/Mijn documenten"\n',
        encoding="utf-8",
    )
    assert start_folder(tmp_path) == tmp_path / "Mijn documenten"
