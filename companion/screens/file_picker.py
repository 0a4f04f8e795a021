"""Choose a class list (CSV) on disk: textual-fspicker's open dialog, in our language,
starting where a teacher keeps her files."""

from __future__ import annotations

import re
from pathlib import Path

from textual_fspicker import FileOpen, Filters

from companion.i18n import t

# Where a downloaded or saved class list usually is, in this order; the home folder else.
_USUAL_FOLDERS = ("Documents", "Documenten", "Downloads")
_XDG_KEYS = ("XDG_DOCUMENTS_DIR", "XDG_DOWNLOAD_DIR")


def start_folder(home: Path | None = None) -> Path:
    """The teacher's Documents or Downloads folder (as the desktop names them, when it
    says so in ~/.config/user-dirs.dirs), whichever exists; else the home folder."""
    home = home or Path.home()
    for folder in (*_xdg_folders(home), *(home / name for name in _USUAL_FOLDERS)):
        try:
            if folder.is_dir():
                return folder
        except OSError:
            continue
    return home


def _xdg_folders(home: Path) -> list[Path]:
    try:
        text = (home / ".config" / "user-dirs.dirs").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    found: dict[str, Path] = {}
    for key, value in re.findall(r'^(XDG_\w+)="([^"]*)"', text, flags=re.MULTILINE):
        found[key] = Path(value.replace("$HOME", str(home)))
    # A desktop that names Documents "$HOME/" means it has none: that is not it.
    return [found[key] for key in _XDG_KEYS if key in found and found[key] != home]


def is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


class CsvFilePicker(FileOpen):
    """Shows folders and CSV files only; a path can still be typed in its field."""

    CSS_PATH = "file_picker.tcss"

    def __init__(self, location: Path) -> None:
        super().__init__(
            location,
            t("roster_import_ui.picker_title"),
            open_button=t("roster_import_ui.picker_open"),
            cancel_button=t("common.cancel"),
            filters=Filters((t("roster_import_ui.picker_filter"), is_csv)),
        )
        # The library's messages are class attributes in English; these shadow them.
        self.ERROR_A_FILE_MUST_EXIST = t("roster_import_ui.picker_must_exist")
        self.ERROR_A_FILE_MUST_BE_CHOSEN = t("roster_import_ui.picker_must_choose")
        self.ERROR_PERMISSION_ERROR = t("roster_import_ui.picker_permission")
