"""Where a report goes: textual-fspicker's save dialog and its folder dialog, in our
language, starting where a teacher keeps her files (screens/file_picker.py)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input
from textual_fspicker import FileSave, SelectDirectory
from textual_fspicker.parts import CurrentDirectory, DirectoryNavigation

from companion.i18n import t


class ReportFileSave(FileSave):
    """Save the report as: the suggested file name filled in; a name or a whole path may
    be typed. Overwriting is asked by the preview, which knows what the file is."""

    CSS_PATH = "pickers.tcss"

    def __init__(self, location: Path, suggested: str) -> None:
        super().__init__(
            location,
            t("report_ui.save.title"),
            save_button=t("report_ui.save.button"),
            cancel_button=t("common.cancel"),
            default_file=suggested,
        )
        # The library's messages are class attributes in English; these shadow them.
        self.ERROR_A_FILE_MUST_BE_CHOSEN = t("report_ui.save.must_choose")
        self.ERROR_PERMISSION_ERROR = t("report_ui.save.permission")

    def on_mount(self) -> None:
        self.query_one(Input).border_title = t("report_ui.save.file_name")
        # The name is where the typing goes, ready for enter (after the library's own
        # mount, which focuses the list of folders).
        self.call_after_refresh(self.query_one(Input).focus)


class PackFolderPicker(SelectDirectory):
    """The folder for the handover pack: browse to a folder; the field below names a new
    folder to make in it (suggested), or a whole path may be typed. Empty: the folder
    shown. Answers the path; the review creates it when it is missing."""

    CSS_PATH = "pickers.tcss"

    def __init__(self, location: Path, suggested: str) -> None:
        super().__init__(
            location,
            t("report_ui.save.folder_title"),
            select_button=t("report_ui.save.folder_button"),
            cancel_button=t("common.cancel"),
        )
        self._suggested = suggested
        self.ERROR_PERMISSION_ERROR = t("report_ui.save.permission")

    def _header_area(self) -> ComposeResult:
        yield CurrentDirectory()

    def _input_bar(self) -> ComposeResult:
        yield Input(
            self._suggested,
            placeholder=t("report_ui.save.folder_name"),
            id="pack-folder-name",
        )

    def on_mount(self) -> None:
        name = self.query_one("#pack-folder-name", Input)
        name.border_title = t("report_ui.save.folder_name")
        self.call_after_refresh(name.focus)

    def _chosen(self) -> Path:
        location = self.query_one(DirectoryNavigation).location
        typed = self.query_one("#pack-folder-name", Input).value.strip()
        if not typed:
            return Path(location)
        return (Path(location) / Path(typed).expanduser()).resolve()

    @on(Input.Submitted, "#pack-folder-name")
    @on(Button.Pressed, "#select")
    def _select_folder(self, event: Input.Submitted | Button.Pressed) -> None:
        # Instead of the library's own answer (the folder shown, never a new one).
        event.stop()
        event.prevent_default()
        self.dismiss(self._chosen())
