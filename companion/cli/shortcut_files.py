"""What `companion shortcut` writes: a desktop launcher for Linux, Windows or macOS.

Pure where it can be: the platform is a parameter of `build_shortcut`, so every kind of
file is built (and tested) on any machine; only `companion_program`, `desktop_folder`
and `place_shortcut` look at this computer. No Textual, no store.

- Linux (freedesktop): a `.desktop` file with `Terminal=true`; its `Exec` line quoted as
  the Desktop Entry Specification says (an argument with a reserved character in double
  quotes, `"` `` ` `` `$` `\\` escaped inside them, `%` doubled, then the key file's own
  escaping of `\\`), made executable (GNOME still asks her to "Allow Launching" once).
- Windows: a `.cmd` file that runs `companion` in a console window (a `.lnk` needs COM);
  UTF-8 after `chcp 65001`, so a path with "ë" survives; `%` doubled; it pauses when the
  app ends with an error so the message can be read.
- macOS: a `.command` file (an executable shell script that Finder opens in Terminal),
  every argument quoted for sh.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import sysconfig
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal, TypeAlias

Kind: TypeAlias = Literal["linux", "windows", "macos"]
KINDS: Final[tuple[Kind, ...]] = ("linux", "windows", "macos")
Placed: TypeAlias = Literal["written", "unchanged", "replaced"]

APP_NAME: Final = "Classroom Companion"

# The Desktop Entry Specification's reserved characters: an argument holding one is quoted.
_RESERVED: Final = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# Inside double quotes these four take a backslash.
_ESCAPED_IN_QUOTES: Final = frozenset('"`$\\')


class UnsafeArgument(ValueError):
    """A path no launcher can carry as it is (a line break, a control character, `"` on
    Windows)."""

    def __init__(self, argument: str) -> None:
        super().__init__(argument)
        self.argument = argument


class ShortcutExists(Exception):
    """Another file is already where the shortcut would go."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


@dataclass(frozen=True)
class Shortcut:
    file_name: str
    content: str
    executable: bool  # chmod +x (Linux and macOS)


def platform_kind(platform: str = sys.platform) -> Kind:
    if platform.startswith(("win32", "cygwin", "msys")):
        return "windows"
    if platform == "darwin":
        return "macos"
    return "linux"


def command_line(program: Sequence[str], *, browser: bool, data: Path | None) -> list[str]:
    """What the shortcut runs: the app, or `companion serve` for the browser, on the given
    data file (an absolute path: a shortcut starts in another folder)."""
    line = [*program]
    if browser:
        line.append("serve")
    if data is not None:
        line += ["--data", str(Path(os.path.abspath(data)))]
    return line


def build_shortcut(
    kind: Kind, command: Sequence[str], *, name: str, comment: str, browser: bool
) -> Shortcut:
    """The launcher's file name and text for `kind`; raises UnsafeArgument for a path it
    cannot carry."""
    for argument in command:
        if any(ord(char) < 32 or ord(char) == 127 for char in argument):
            raise UnsafeArgument(argument)
    suffix = " (browser)" if browser else ""
    if kind == "linux":
        stem = "classroom-companion-browser" if browser else "classroom-companion"
        return Shortcut(f"{stem}.desktop", _desktop_entry(command, name, comment), True)
    if kind == "windows":
        return Shortcut(f"{APP_NAME}{suffix}.cmd", _windows_cmd(command, name), False)
    return Shortcut(f"{APP_NAME}{suffix}.command", _mac_command(command, name), True)


def desktop_exec(command: Sequence[str]) -> str:
    """The value of a `.desktop` file's Exec key, as the key file stores it."""
    quoted = []
    for argument in command:
        if argument and not _RESERVED.intersection(argument):
            word = argument
        else:
            inner = "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in argument)
            word = f'"{inner}"'
        quoted.append(word.replace("%", "%%"))  # not a field code
    # The key file's string escaping comes on top: every backslash doubled.
    return " ".join(quoted).replace("\\", "\\\\")


def _desktop_value(text: str) -> str:
    return text.replace("\\", "\\\\")


def _desktop_entry(command: Sequence[str], name: str, comment: str) -> str:
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.0",
        f"Name={_desktop_value(name)}",
        f"Comment={_desktop_value(comment)}",
        f"Exec={desktop_exec(command)}",
        "Terminal=true",
        "Icon=utilities-terminal",
        "Categories=Education;",
        "StartupNotify=false",
    ]
    return "\n".join(lines) + "\n"


def _cmd_quote(argument: str) -> str:
    if '"' in argument:  # no Windows path holds one; cmd cannot quote it
        raise UnsafeArgument(argument)
    # Windows' argument rule: backslashes before a closing quote are doubled, or the last
    # one would escape it ("C:\\" stays C:\).
    body = argument.replace("%", "%%")
    trailing = len(body) - len(body.rstrip("\\"))
    return '"' + body + "\\" * trailing + '"'


def _windows_cmd(command: Sequence[str], name: str) -> str:
    lines = [
        "@echo off",
        "rem Made by `companion shortcut`. Double-click to start.",
        "chcp 65001 >nul",  # the lines below are read as UTF-8: a path with "ë" survives
        f"title {name.replace('%', '%%')}",
        " ".join(_cmd_quote(argument) for argument in command),
        "if errorlevel 1 pause",  # keep the window open so the message can be read
    ]
    return "\r\n".join(lines) + "\r\n"


def _mac_command(command: Sequence[str], name: str) -> str:
    lines = [
        "#!/bin/sh",
        f"# {name}: made by `companion shortcut`. Double-click to start (it opens Terminal).",
        "exec " + " ".join(shlex.quote(argument) for argument in command),
    ]
    return "\n".join(lines) + "\n"


def companion_program() -> list[str]:
    """How this installation starts itself: its `companion` script in the scripts folder
    of the Python that runs now (a venv's, pipx's, uv's), else `python -m companion`;
    a PyInstaller build (docs/windows-build.md) names its own program."""
    if getattr(sys, "frozen", False):  # a PyInstaller build: the program itself
        return [os.path.abspath(sys.executable)]
    executable = Path(os.path.abspath(sys.executable))  # not resolved: a venv's python
    folders = [sysconfig.get_path("scripts"), str(executable.parent)]
    user_scheme = f"{os.name}_user"
    if user_scheme in sysconfig.get_scheme_names():
        folders.append(sysconfig.get_path("scripts", user_scheme))
    for folder in folders:
        found = shutil.which("companion", path=folder)
        if found:
            return [os.path.abspath(found)]
    return [str(executable), "-m", "companion"]


def desktop_folder(
    kind: Kind, home: Path | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """Where the desktop is: XDG_DESKTOP_DIR (the environment, then user-dirs.dirs) on
    Linux, the known Desktop folder on Windows (moved into OneDrive too), ~/Desktop."""
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    if kind == "linux":
        configured = environ.get("XDG_DESKTOP_DIR") or _user_dirs_desktop(home, environ)
        if configured:
            return Path(configured)
    if kind == "windows":
        known = _windows_desktop()
        if known is not None:
            return known
        for base in (environ.get("OneDrive"), environ.get("USERPROFILE")):
            if base and (Path(base) / "Desktop").is_dir():
                return Path(base) / "Desktop"
    return home / "Desktop"


def _user_dirs_desktop(home: Path, environ: Mapping[str, str]) -> str | None:
    """XDG_DESKTOP_DIR from ~/.config/user-dirs.dirs: `XDG_DESKTOP_DIR="$HOME/Bureaublad"`."""
    config = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    try:
        text = (config / "user-dirs.dirs").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for line in text.splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key == "XDG_DESKTOP_DIR":
            value = value.strip().strip('"')
            if value.startswith("$HOME"):
                value = str(home) + value.removeprefix("$HOME")
            elif not value.startswith("/"):
                return None  # the format allows only $HOME/... or an absolute path
            return value.rstrip("/") if value.rstrip("/") != str(home) else None
    return None


if sys.platform == "win32":

    def _windows_desktop() -> Path | None:
        """The Desktop as Explorer knows it (wherever it was moved, OneDrive too)."""
        import ctypes
        from ctypes import wintypes

        buffer = ctypes.create_unicode_buffer(wintypes.MAX_PATH)
        csidl_desktopdirectory = 0x10
        result = ctypes.windll.shell32.SHGetFolderPathW(
            None, csidl_desktopdirectory, None, 0, buffer
        )
        return Path(buffer.value) if result == 0 and buffer.value else None

else:

    def _windows_desktop() -> Path | None:
        return None


def place_shortcut(folder: Path, shortcut: Shortcut, *, force: bool) -> tuple[Path, Placed]:
    """Writes the shortcut into `folder` (whole, via a temp file); an existing different
    file there is replaced only with `force` (else ShortcutExists)."""
    path = folder / shortcut.file_name
    data = shortcut.content.encode("utf-8")
    placed: Placed = "written"
    if path.exists() or path.is_symlink():
        try:
            same = path.is_file() and path.read_bytes() == data
        except OSError:
            same = False
        if same:
            if shortcut.executable:
                path.chmod(0o755)
            return path, "unchanged"
        if not force or not path.is_file():
            raise ShortcutExists(path)
        placed = "replaced"
    descriptor, temp = tempfile.mkstemp(prefix=".companion-", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o755 if shortcut.executable else 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path, placed
