"""`companion shortcut`: a desktop launcher for each platform, its paths quoted so that a
folder like "Zoë's map" survives, and on Linux a real `.desktop` file whose Exec line runs
this installation's `companion`."""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import Cli, frozen_day_and_private_home, in_process
from hypothesis import given
from hypothesis import strategies as st

from companion.cli.shortcut_files import (
    KINDS,
    Kind,
    Shortcut,
    UnsafeArgument,
    build_shortcut,
    command_line,
    companion_program,
    desktop_exec,
    desktop_folder,
    platform_kind,
)

POSIX_COMMAND = ["/home/juf/my apps/bin/companion", "--data", "/home/juf/Zoë's map/k.json"]
RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
WINDOWS_COMMAND = [
    r"C:\Users\Zoë\Python Apps\Scripts\companion.exe",
    "--data",
    r"C:\Users\Zoë\Zoë's map\100% k.json",
]


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> Iterator[Cli]:
    with frozen_day_and_private_home(monkeypatch, "2026-11-25", tmp_path / "home"):
        yield in_process(capsys)


def _build(kind: Kind, command: list[str], browser: bool = False) -> Shortcut:
    return build_shortcut(kind, command, name="Classroom Companion", comment="c", browser=browser)


def parse_desktop_exec(value: str) -> list[str]:
    """The Desktop Entry Specification, read as a launcher reads it: the key file's string
    escapes first (\\s \\n \\t \\r \\\\), then the quoting rules (an argument with a
    reserved character in double quotes, where a backslash takes the next of " ` $ \\),
    then `%%` (no field codes here). shlex alone would keep the backslash of `\\$`; for
    arguments without " ` $ \\ it must agree, and it is asked too."""
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    unescaped, chars = [], iter(value)
    for char in chars:
        unescaped.append(escapes[next(chars)] if char == "\\" else char)
    text = "".join(unescaped)
    arguments: list[str] = []
    position = 0
    while position < len(text):
        if text[position] == " ":
            position += 1
            continue
        word = []
        if text[position] == '"':
            position += 1
            while text[position] != '"':
                if text[position] == "\\":
                    position += 1
                    assert text[position] in '"`$\\', "a backslash the spec does not allow"
                word.append(text[position])
                position += 1
            position += 1
            assert position == len(text) or text[position] == " "
        else:
            while position < len(text) and text[position] != " ":
                assert text[position] not in RESERVED, f"unquoted {text[position]!r}"
                word.append(text[position])
                position += 1
        joined = "".join(word)
        assert "%" not in joined.replace("%%", ""), "a field code where none was meant"
        arguments.append(joined.replace("%%", "%"))
    if not any(c in text for c in "`$") and "\\" not in text:
        assert shlex.split(text.replace("%%", "%")) == arguments
    return arguments


def _entry(content: str) -> dict[str, str]:
    lines = content.splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:])


def test_the_linux_desktop_entry_quotes_per_the_spec() -> None:
    shortcut = _build("linux", POSIX_COMMAND)
    assert shortcut.file_name == "classroom-companion.desktop" and shortcut.executable
    entry = _entry(shortcut.content)
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "true"
    assert entry["Exec"] == (
        '"/home/juf/my apps/bin/companion" --data "/home/juf/Zoë\'s map/k.json"'
    )
    assert parse_desktop_exec(entry["Exec"]) == POSIX_COMMAND


def test_the_linux_desktop_entry_escapes_what_the_spec_reserves() -> None:
    command = ['/a/b"c/$HOME/`x`/100%/back\\slash', "--data", "/plain/k.json"]
    exec_line = desktop_exec(command)
    # A literal backslash in a quoted argument is four backslashes in the file.
    assert exec_line == r'"/a/b\\"c/\\$HOME/\\`x\\`/100%%/back\\\\slash" --data /plain/k.json'
    assert parse_desktop_exec(exec_line) == command


@given(
    st.lists(
        st.text(st.characters(min_codepoint=32, codec="utf-8"), min_size=1),
        min_size=1,
        max_size=4,
    )
)
def test_any_arguments_come_back_from_the_exec_line(command: list[str]) -> None:
    assert parse_desktop_exec(desktop_exec(command)) == command


def test_the_windows_launcher_quotes_paths_with_spaces() -> None:
    shortcut = _build("windows", WINDOWS_COMMAND)
    assert shortcut.file_name == "Classroom Companion.cmd" and not shortcut.executable
    assert shortcut.content.endswith("\r\n") and "\n" not in shortcut.content.replace("\r\n", "")
    lines = shortcut.content.split("\r\n")
    assert lines[0] == "@echo off"
    # Before the first non-ASCII line, the console reads the rest as UTF-8.
    assert lines.index("chcp 65001 >nul") < next(
        i for i, line in enumerate(lines) if not line.isascii()
    )
    assert (
        r'"C:\Users\Zoë\Python Apps\Scripts\companion.exe" "--data" '
        + '"'
        + r"C:\Users\Zoë\Zoë's map\100%% k.json"
        + '"'
    ) in lines
    assert "if errorlevel 1 pause" in lines


def test_the_windows_launcher_keeps_a_trailing_backslash_its_own() -> None:
    (line,) = [
        line
        for line in _build("windows", ["C:\\app\\companion.exe", "--data", "D:\\"]).content.split(
            "\r\n"
        )
        if line.startswith('"')
    ]
    assert line == r'"C:\app\companion.exe" "--data" "D:\\"'


def test_the_macos_launcher_is_a_shell_script_with_every_argument_quoted() -> None:
    shortcut = _build("macos", POSIX_COMMAND)
    assert shortcut.file_name == "Classroom Companion.command" and shortcut.executable
    lines = shortcut.content.splitlines()
    assert lines[0] == "#!/bin/sh"
    (exec_line,) = [line for line in lines if line.startswith("exec ")]
    assert shlex.split(exec_line) == ["exec", *POSIX_COMMAND]


@pytest.mark.parametrize("kind", KINDS)
def test_the_browser_shortcut_runs_serve(kind: Kind) -> None:
    command = command_line(["/x/companion"], browser=True, data=Path("/d/k.json"))
    assert command == ["/x/companion", "serve", "--data", str(Path("/d/k.json").absolute())]
    shortcut = _build(kind, command, browser=True)
    assert "browser" in shortcut.file_name
    assert "serve" in shortcut.content


def test_a_relative_data_path_is_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert command_line(["c"], browser=False, data=Path("k.json")) == [
        "c",
        "--data",
        str(tmp_path / "k.json"),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_path_with_a_line_break_is_refused(kind: Kind) -> None:
    with pytest.raises(UnsafeArgument):
        _build(kind, ["/x/companion", "--data", "/a\nb/k.json"])


def test_the_platforms() -> None:
    assert platform_kind("linux") == "linux"
    assert platform_kind("win32") == "windows"
    assert platform_kind("darwin") == "macos"


def test_the_linux_desktop_folder_follows_user_dirs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".config").mkdir(parents=True)
    assert desktop_folder("linux", home, {}) == home / "Desktop"
    (home / ".config" / "user-dirs.dirs").write_text(
        '# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR="$HOME/Bureaublad"\n',
        encoding="utf-8",
    )
    assert desktop_folder("linux", home, {}) == home / "Bureaublad"
    assert desktop_folder("linux", home, {"XDG_DESKTOP_DIR": "/elders"}) == Path("/elders")
    assert desktop_folder("macos", home, {}) == home / "Desktop"


def test_the_program_is_this_installations_companion() -> None:
    (program,) = companion_program()
    assert Path(program).is_absolute() and Path(program).stem == "companion"
    assert os.access(program, os.X_OK)


@pytest.mark.skipif(sys.platform != "linux", reason="a .desktop file is run on Linux")
def test_the_real_command_writes_a_desktop_file_that_starts_companion(
    cli: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "Bureau blad"
    folder.mkdir()
    data = tmp_path / "Zoë's map" / "k.json"
    done = cli("shortcut", "--folder", folder, "--data", data)
    assert done.code == 0, done.err
    path = folder / "classroom-companion.desktop"
    assert str(path) in done.out
    assert path.stat().st_mode & stat.S_IXUSR
    command = parse_desktop_exec(_entry(path.read_text(encoding="utf-8"))["Exec"])
    assert command[1:] == ["--data", str(data)]
    started = subprocess.run(
        [*command, "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.startswith("companion ")


def test_another_file_is_never_overwritten_without_force(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    assert cli("shortcut", "--folder", folder).code == 0
    (path,) = folder.iterdir()
    first = path.read_bytes()
    again = cli("shortcut", "--folder", folder)
    assert again.code == 0 and str(path) in again.out  # the same file: said, left alone
    assert path.read_bytes() == first
    refused = cli("shortcut", "--folder", folder, "--data", tmp_path / "other.json")
    assert refused.code == 1 and str(path) in refused.err and "--force" in refused.err
    assert path.read_bytes() == first
    forced = cli("shortcut", "--folder", folder, "--data", tmp_path / "other.json", "--force")
    assert forced.code == 0
    assert path.read_bytes() != first
    assert sorted(p.name for p in folder.iterdir()) == [path.name]  # no temp file left


def test_a_missing_folder_is_said(cli: Cli, tmp_path: Path) -> None:
    done = cli("shortcut", "--folder", tmp_path / "nowhere")
    assert done.code == 1 and "--folder" in done.err


def test_it_speaks_dutch(cli: Cli, tmp_path: Path) -> None:
    done = cli("--lang", "nl", "shortcut", "--folder", tmp_path)
    assert done.code == 0 and done.out.startswith("Snelkoppeling gemaakt: ")
