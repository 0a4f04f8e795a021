"""`companion --version` and `--help` answer at once, and the app starts with only what
its first screen needs: seen in fresh processes, by the modules they imported (never by
a time; speed is measured in benchmarks/bench_start.py)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tomllib
from datetime import date
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from cli_helpers import teacher_environment

from companion.cli import COMMANDS, build_parser
from companion.demo import build_demo, write_demo
from companion.i18n import LANGUAGES, _flatten, _plain_lines, current_language, set_language
from companion.resources import assets_dir
from companion.store import Store

HEAVY = ("textual", "tinydb", "companion.store", "companion.app", "companion.demo")
# Not needed to read the arguments: what --version and --help must never load.
NOT_FOR_THE_ARGUMENTS = (
    *HEAVY,
    "filelock",
    "msgspec",
    "cryptography",
    "tomllib",
    "typing",
    "pathlib",
    "shutil",
    *(f"companion.cli.{module}" for _, _, module in COMMANDS),
)
# Not needed for Today, the first screen, on a plaintext file: each comes when used.
NOT_AT_START = (
    "cryptography",
    "companion.domain.report",
    "companion.reports.document",
    "companion.reports.html",
    "companion.reports.markdown",
    "companion.reports.child",
    "companion.reports.handover",
    "companion.screens.report",
    "companion.serve",
    "companion.demo",
    "companion.screens.abc",
    "companion.screens.journal.timeline",
    "companion.screens.journal.editor",
    "companion.screens.journal.analysis",
    "companion.screens.samen_spel.overview",
    "companion.screens.learn_more",
    "companion.screens.file_picker",
    "textual_fspicker",
    "textual.widgets._markdown",
    "textual.widgets._text_area",
    "textual.widgets._data_table",
    "markdown_it",
)
NOW = "2026-11-25T09:30"

# main() in a fresh interpreter; argparse stops it with SystemExit after printing.
_PARSE_ONLY = """
import sys
from companion.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = {heavy!r}
print("imported:", ",".join(name for name in heavy if name in sys.modules))
"""

# The app started headless to its first screen in a fresh interpreter (after `place`,
# when given, is opened from there), then the modules it imported.
_START = """
import asyncio, sys
from datetime import datetime
from companion.app import create_app
from companion.clock import fixed_clock

async def start(path, place):
    app = create_app(path, "en", clock=fixed_clock(datetime.fromisoformat({now!r})))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen", app.screen
        if place:
            await app.open_place(place)
            await pilot.pause()

asyncio.run(start(sys.argv[1], sys.argv[2]))
wanted = {wanted!r}
print("imported:", ",".join(name for name in wanted if name in sys.modules))
"""


def imported_by(code: str, *argv: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(result.stdout.splitlines()[-1].removeprefix("imported:").strip().split(",")) - {""}


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--help"],
        ["--lang", "nl", "--help"],
        ["demo", "--help"],
        ["roster", "import", "--help"],
        ["export", "--help"],
        ["year", "close", "--help"],
        ["shortcut", "--help"],
        ["--no-such-option"],
        ["demo", "--years", "0"],
    ],
)
def test_reading_the_arguments_imports_nothing_heavy(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PARSE_ONLY.format(heavy=HEAVY), *argv],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.splitlines()[-1] == "imported: ", result.stdout
    assert "companion" in result.stdout + result.stderr  # it did answer: usage or version


def test_a_command_does_import_the_store(tmp_path: Path) -> None:
    """The check above can fail: running a command loads what the first test keeps out."""
    code = _PARSE_ONLY.format(heavy=HEAVY).replace("main(sys.argv[1:])", "main(['export'])")
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")},
    )
    imported = result.stdout.splitlines()[-1].removeprefix("imported: ").split(",")
    assert "companion.store" in imported and "tinydb" in imported, result


# The installed `companion` as its launcher runs it (its entry point, `main()` of the
# module the package's metadata names), the modules it imported printed as it exits.
_AS_INSTALLED = """
import atexit, sys
atexit.register(lambda: print("imported:", ",".join(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["companion", *sys.argv[1:]]
from {module} import {name} as main
sys.exit(main())
"""


def installed_imports(tmp_path: Path, *args: str) -> tuple[set[str], str]:
    """The modules the installed `companion` imported, and what it printed."""
    (script,) = entry_points(group="console_scripts", name="companion")
    runner = _AS_INSTALLED.format(module=script.module, name=script.attr)
    result = subprocess.run(
        [sys.executable, "-c", runner, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=teacher_environment(tmp_path),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    imported = result.stderr.splitlines()[-1].removeprefix("imported:").strip()
    return set(imported.split(",")), result.stdout


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["--lang", "nl", "--help"]])
def test_the_installed_command_answers_version_and_help_with_almost_nothing(
    tmp_path: Path, argv: list[str]
) -> None:
    """Seen from outside, as the teacher runs it: neither the store and its libraries
    (file locking, the JSON library, encryption), nor Textual, nor any command's module,
    nor even typing, pathlib or tomllib (the help's strings are read without it)."""
    names, out = installed_imports(tmp_path, *argv)
    assert "argparse" in names  # the report is there to read
    assert names & set(NOT_FOR_THE_ARGUMENTS) == set()
    assert "companion" in out


def test_the_installed_command_imports_what_it_runs(tmp_path: Path) -> None:
    """The check above can fail: a command's help imports its own module, no other."""
    names, out = installed_imports(tmp_path, "export", "--help")
    assert "companion.cli.export" in names
    assert {f"companion.cli.{module}" for _, _, module in COMMANDS} & names == {
        "companion.cli.export"
    }
    assert "--out" in out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_help_lists_each_command_with_the_help_of_its_own_parser(lang: str) -> None:
    """--help names the commands without importing them: the list says what each
    command's own parser says of it (COMMANDS and the modules agree)."""
    before = current_language()
    set_language(lang)
    try:
        named_only = build_parser(given=()).format_help()
        complete = build_parser().format_help()
    finally:
        set_language(before)
    assert named_only == complete
    assert [name for name, _, _ in COMMANDS] == list(_subcommands(build_parser()))


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_strings_read_without_tomllib_are_tomllibs(lang: str) -> None:
    """Catalogs in plain lines are read by i18n itself (tomllib's import costs more than
    the CLI's help): for every catalog the same strings as tomllib reads, or, for one in
    another shape, no reading at all (tomllib then reads it)."""
    plain = 0
    for path in sorted((assets_dir() / "i18n" / lang).glob("*.toml")):
        expected: dict[str, str] = {}
        _flatten(path.stem, tomllib.loads(path.read_text(encoding="utf-8")), expected)
        read = _plain_lines(path.read_bytes().decode("utf-8"), path.stem)
        assert read is None or read == expected, path
        plain += read is not None
    assert plain >= 35  # nearly all: the few with a multi-line text go to tomllib


def test_the_plain_reader_leaves_any_other_shape_to_tomllib() -> None:
    assert _plain_lines('a = "x \\"y\\" \\\\ z"\n[b.c]\nd = \'e\' # why\n', "s") == {
        "s.a": 'x "y" \\ z',
        "s.b.c.d": "e",
    }
    for other in ('a = """x\ny"""', "a = 1", 'a.b = "x"', '"a" = "x"', 'a = "\\u00e9"'):
        assert _plain_lines(other, "s") is None, other


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two school years of a small demo class, in a plaintext data file."""
    path = tmp_path_factory.mktemp("start") / "companion.json"
    today = date.fromisoformat(NOW[:10])
    with Store.open(path, today=today, backup=False) as store:
        write_demo(store, build_demo(today, years=2, children=8))
    return path


def test_the_app_starts_with_only_what_today_needs(demo_file: Path) -> None:
    """Other screens, reports, the web server, encryption (a plaintext file), Markdown,
    the text editor and the table widget are imported when first used, not at the start."""
    code = _START.format(now=NOW, wanted=NOT_AT_START)
    assert imported_by(code, str(demo_file), "") == set()


def test_a_place_imports_what_it_shows(demo_file: Path) -> None:
    """The check above can fail: opening the journal loads its screen and its table."""
    code = _START.format(now=NOW, wanted=NOT_AT_START)
    imported = imported_by(code, str(demo_file), "journal")
    assert {"companion.screens.journal.timeline", "textual.widgets._data_table"} <= imported
