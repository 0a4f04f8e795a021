"""Reports from the TUI: a child's report from her page (`v`), read first in a preview,
its period and private notes chosen in a small dialog, saved where she says through the
save dialog in the format shown; the class's week from the ledger; the handover reviewed
child by child and written into a folder. The real app at 80x24 on a real file."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from test_palette import choose
from test_screens_read_well import cut_footer_labels
from textual.pilot import Pilot
from textual.widgets import Footer, Input, Markdown, Static
from textual_fspicker import FileSave
from ui_helpers import SIZE, make_app, press, screen_names, screen_text, type_text

from companion.app import CompanionApp
from companion.domain.journal import JournalEntry
from companion.i18n import t
from companion.screens.child_page import show_page
from companion.screens.confirm import ConfirmDialog
from companion.screens.report import HandoverReviewScreen, ReportPreviewScreen
from companion.screens.report.period import PeriodDialog
from companion.screens.report.pickers import PackFolderPicker, ReportFileSave
from companion.store import Store

SnapCompare = Callable[..., bool]

PUBLIC_TEXT = "Zoë bouwde vandaag een toren met Bram"
PRIVATE_TEXT = "Ik twijfel of ik Zoë genoeg zie"


def _journal(data_path: Path, child_id: str) -> None:
    """A public and a private entry that link Zoë, both this school year."""
    with Store.open(data_path, today=datetime(2026, 11, 25).date()) as store:
        store.journal.save(
            JournalEntry(
                "",
                "reflection",
                datetime(2026, 11, 20, 16),
                "Toren",
                PUBLIC_TEXT,
                children=frozenset({child_id}),
            )
        )
        store.journal.save(
            JournalEntry(
                "",
                "reflection",
                datetime(2026, 11, 23, 16),
                "Twijfel",
                PRIVATE_TEXT,
                children=frozenset({child_id}),
                private=True,
            )
        )


def _notes(app: CompanionApp) -> list[str]:
    return [str(note.message) for note in app._notifications]


def _markdown_shown(app: CompanionApp) -> str:
    return app.screen.query_one(Markdown).source


async def _open_report_of(pilot: Pilot[Any], child_id: str) -> None:
    """Her page, `v`, the period dialog as it comes (enter)."""
    app = pilot.app
    show_page(app, child_id)
    await pilot.pause()
    await press(pilot, "v")
    assert isinstance(app.screen, PeriodDialog)
    await press(pilot, "enter")
    assert isinstance(app.screen, ReportPreviewScreen)


async def _save_through_dialog(pilot: Pilot[Any], path: Path) -> None:
    """`s`, then the path typed into the save dialog's field, then enter."""
    await press(pilot, "s")
    dialog = pilot.app.screen
    assert isinstance(dialog, ReportFileSave)
    field = dialog.query_one(Input)
    assert field.has_focus
    field.value = ""
    await type_text(pilot, str(path))
    await press(pilot, "enter")
    await _written(pilot)


async def _written(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_v_on_her_page_previews_her_report_and_saves_it_where_she_says(
    small_class: dict[str, str], data_path: Path, tmp_path: Path
) -> None:
    zoe = small_class["Zoë"]
    _journal(data_path, zoe)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        show_page(app, zoe)
        await pilot.pause()
        await press(pilot, "v")
        dialog = app.screen
        assert isinstance(dialog, PeriodDialog)
        # This school year so far, private notes left out, unless she says otherwise.
        assert dialog.query_one("#report-from", Input).value == "01/09/2026"
        assert dialog.query_one("#report-to", Input).value == "25/11/2026"
        assert t("report_ui.period.private") in screen_text(app)
        assert "[ ]" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, ReportPreviewScreen)

        shown = screen_text(app)
        assert "Zoë De Smet" in shown
        assert t("report.child.needs", "en") in shown
        assert "HTML" in shown
        source = _markdown_shown(app)
        for section in ("needs", "abc", "samen_spel", "helps", "analyses", "journal"):
            assert f"## {t(f'report.child.{section}', 'en')}" in source
        assert PUBLIC_TEXT in source
        assert PRIVATE_TEXT not in source
        assert not app.screen.query_one("#report-private").display
        scroll = app.screen.query_one("#report-scroll")
        assert scroll.has_focus  # the keys scroll it
        await press(pilot, "pagedown")
        assert scroll.scroll_y > 0

        # f cycles the format, shown above the report: html -> csv -> md.
        await press(pilot, "f")
        assert "CSV" in screen_text(app)
        await press(pilot, "f")
        assert "MD" in screen_text(app)

        # s: the save dialog suggests a name; she types where it goes.
        await press(pilot, "s")
        picker = app.screen
        assert isinstance(picker, FileSave)
        assert picker.query_one(Input).value == "report-Zoë-De-Smet-2026-11-25.md"
        await press(pilot, "escape")
        assert isinstance(app.screen, ReportPreviewScreen)
        target = tmp_path / "out" / "zoe"  # no extension: the format's is added
        target.parent.mkdir()
        await _save_through_dialog(pilot, target)

        written = target.with_name("zoe.md")
        assert written.is_file()
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        text = written.read_text(encoding="utf-8")
        assert "# Report: Zoë De Smet" in text
        assert PUBLIC_TEXT in text
        assert PRIVATE_TEXT not in text
        assert any(str(written) in note for note in _notes(app))
        assert isinstance(app.screen, ReportPreviewScreen)


async def test_an_existing_file_is_replaced_only_when_she_says_so_and_an_os_error_is_a_message(
    small_class: dict[str, str], data_path: Path, tmp_path: Path
) -> None:
    existing = tmp_path / "verslag.html"
    existing.write_text("oud", encoding="utf-8")
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("", encoding="utf-8")
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_report_of(pilot, small_class["Zoë"])
        await press(pilot, "s")
        field = app.screen.query_one(Input)
        field.value = str(existing)
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "escape")  # no: the old file stays
        await _written(pilot)
        assert existing.read_text(encoding="utf-8") == "oud"

        await press(pilot, "s")
        app.screen.query_one(Input).value = str(existing)
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "enter")  # yes, replace it
        await _written(pilot)
        html = existing.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html") or html.lower().startswith("<!doctype html")
        assert "Zoë De Smet" in html

        # A folder that is a file: what the OS said, in words, and the app goes on.
        await press(pilot, "s")
        app.screen.query_one(Input).value = str(not_a_folder / "x.html")
        await press(pilot, "enter")
        await _written(pilot)
        notes = _notes(app)
        assert any(str(not_a_folder / "x.html") in note and "Not saved" in note for note in notes)
        assert isinstance(app.screen, ReportPreviewScreen)


async def test_her_private_notes_go_in_only_when_ticked_and_then_the_preview_says_so(
    small_class: dict[str, str], data_path: Path, tmp_path: Path
) -> None:
    zoe = small_class["Zoë"]
    _journal(data_path, zoe)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        show_page(app, zoe)
        await pilot.pause()
        await press(pilot, "v")
        dialog = app.screen
        assert isinstance(dialog, PeriodDialog)
        dialog.query_one("#report-private").focus()
        await press(pilot, "space")
        assert "[x]" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, ReportPreviewScreen)
        warning = app.screen.query_one("#report-private", Static)
        assert warning.display
        assert t("report_ui.preview.private") in screen_text(app)
        assert PRIVATE_TEXT in _markdown_shown(app)

        target = tmp_path / "mijn-exemplaar.md"
        await press(pilot, "f", "f")  # html -> csv -> md
        await _save_through_dialog(pilot, target)
        text = target.read_text(encoding="utf-8")
        assert PRIVATE_TEXT in text
        assert t("report.private_notice", "en") in text

        # p: the period again; untick, and the private note is gone from what is shown.
        await press(pilot, "p")
        assert isinstance(app.screen, PeriodDialog)
        app.screen.query_one("#report-private").focus()
        await press(pilot, "space", "enter")
        assert isinstance(app.screen, ReportPreviewScreen)
        assert PRIVATE_TEXT not in _markdown_shown(app)
        assert not app.screen.query_one("#report-private").display


async def test_a_bad_date_is_said_beside_its_field_and_vandaag_is_read(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, lang="nl")
    async with app.run_test(size=SIZE) as pilot:
        show_page(app, small_class["Zoë"])
        await pilot.pause()
        await press(pilot, "v")
        dialog = app.screen
        assert isinstance(dialog, PeriodDialog)
        dialog.query_one("#report-from", Input).value = "31/02/2026"
        await press(pilot, "enter")
        assert app.screen is dialog
        error = dialog.query_one("#report-from-error", Static)
        assert error.display
        assert t("errors.field.date_impossible") in screen_text(app)

        dialog.query_one("#report-from", Input).value = "1.10.2026"
        dialog.query_one("#report-to", Input).value = "30/09/2026"
        await press(pilot, "enter")
        assert app.screen is dialog
        assert t("report_ui.period.end_before_start") in screen_text(app)

        dialog.query_one("#report-to", Input).value = "vandaag"
        await press(pilot, "enter")
        assert isinstance(app.screen, ReportPreviewScreen)
        assert "1 oktober 2026 tot en met 25 november 2026" in screen_text(app)


async def test_v_on_the_week_ledger_previews_the_class_report_of_the_week_shown(
    small_class: dict[str, str], data_path: Path, tmp_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w")
        await press(pilot, "minus")  # the week before: 16 to 20 November
        await press(pilot, "v")
        assert isinstance(app.screen, ReportPreviewScreen)
        shown = screen_text(app)
        assert "Class report: week of 16 November 2026" in shown
        assert "16 November 2026 to 20 November 2026" in shown
        assert "Zoë De Smet" in _markdown_shown(app)

        await press(pilot, "f")  # html -> csv
        target = tmp_path / "klas.csv"
        await _save_through_dialog(pilot, target)
        data = target.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
        assert "Zoë De Smet" in data.decode("utf-8-sig")
        await press(pilot, "escape")
        assert screen_names(app)[-1] == "LedgerScreen"


async def test_the_palette_offers_a_childs_report_by_the_words_a_flemish_teacher_types(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, lang="nl")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "oudercontact", t("palette.title.report_child", "nl"))
        # Whose? The finder, then the period, then the preview.
        await type_text(pilot, "Zoe")
        await press(pilot, "enter")
        assert isinstance(app.screen, PeriodDialog)
        await press(pilot, "enter")
        assert isinstance(app.screen, ReportPreviewScreen)
        assert "Zoë De Smet" in screen_text(app)
        await press(pilot, "escape")

        await choose(pilot, "klasverslag", t("palette.title.report_class", "nl"))
        assert isinstance(app.screen, ReportPreviewScreen)
        assert "Klasverslag: week van 23 november 2026" in screen_text(app)
        await press(pilot, "escape")

        await choose(pilot, "overdracht", t("palette.title.report_handover", "nl"))
        assert isinstance(app.screen, HandoverReviewScreen)


async def test_the_handover_is_written_only_after_each_page_is_checked_or_left_out(
    demo_path: Path, tmp_path: Path
) -> None:
    with Store.open(demo_path, today=datetime(2026, 11, 25).date()) as store:
        journal_texts = [e.text for e in store.journal.everything() if len(e.text) > 20]
        names = [child.full_name for child in store.children.all()]
    assert journal_texts
    app = make_app(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "handover", t("palette.title.report_handover", "en"))
        review = app.screen
        assert isinstance(review, HandoverReviewScreen)
        # The cover first: what is in it and what deliberately is not.
        assert t("report.handover.cover", "en") in _markdown_shown(app)
        assert "12 waiting" in screen_text(app)

        await press(pilot, "s")  # not yet: every child still waits
        assert any("12 children still wait" in note for note in _notes(app))
        assert not isinstance(app.screen, PackFolderPicker)

        await press(pilot, "n")  # the first child's page
        first = review.children_facts[0].child.full_name
        assert f"Page 2 of 13 · {first}" in screen_text(app)
        assert _markdown_shown(app).startswith(f"## {first}")
        await press(pilot, "x")  # left out, on to the next
        await press(pilot, "left")
        assert "left out" in screen_text(app)
        await press(pilot, "right")
        for _ in range(len(names) - 1):
            await press(pilot, "enter")
        assert "11 checked · 1 left out · 0 waiting" in screen_text(app)

        await press(pilot, "s")
        picker = app.screen
        assert isinstance(picker, PackFolderPicker)
        assert picker.query_one(Input).value == "handover-2026-2027"
        picker.query_one(Input).value = str(tmp_path / "pack")
        await press(pilot, "enter")
        await _written(pilot)

        folder = tmp_path / "pack"
        files = sorted(folder.iterdir())
        assert len(files) == 1 + 11  # the whole pack, and a file per child kept
        assert f"12 files saved in {folder}" in _notes(app)
        whole = folder / "handover-2026-2027-2026-11-25.html"
        assert whole.is_file()
        pack = whole.read_text(encoding="utf-8")
        for name in names:
            assert (name in pack) == (name != first), name
        for path in files:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            text = path.read_text(encoding="utf-8")
            for entry_text in journal_texts:
                assert entry_text not in text
        assert not any(first.split()[0] in path.name for path in files if path != whole)


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_every_key_of_the_preview_and_the_review_reads_whole_in_the_footer(
    small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await _open_report_of(pilot, small_class["Zoë"])
        assert cut_footer_labels(app.screen.query_one(Footer)) == []
        await press(pilot, "escape")
        await app.run_action("report_handover")
        await pilot.pause()
        assert isinstance(app.screen, HandoverReviewScreen)
        assert cut_footer_labels(app.screen.query_one(Footer)) == []


def test_snapshot_of_a_childs_report_with_her_private_notes(
    snap_compare: SnapCompare, small_class: dict[str, str], data_path: Path
) -> None:
    zoe = small_class["Zoë"]
    _journal(data_path, zoe)

    async def open_report(pilot: Pilot[Any]) -> None:
        show_page(pilot.app, zoe)
        await pilot.pause()
        await press(pilot, "v")
        pilot.app.screen.query_one("#report-private").focus()
        await press(pilot, "space", "enter")

    app = make_app(data_path, "nl")
    assert snap_compare(app, terminal_size=SIZE, run_before=open_report)


def test_snapshot_of_the_handover_review_on_a_childs_page(
    snap_compare: SnapCompare, demo_path: Path
) -> None:
    async def review(pilot: Pilot[Any]) -> None:
        await pilot.app.run_action("report_handover")
        await pilot.pause()
        await press(pilot, "n", "enter", "x")

    assert snap_compare(make_app(demo_path, "nl"), terminal_size=SIZE, run_before=review)
