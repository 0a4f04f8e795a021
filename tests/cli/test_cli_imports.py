"""`companion --version` and `--help` answer at once: before the arguments are read, the
command line imports neither Textual nor TinyDB nor the store (seen in a fresh process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("textual", "tinydb", "companion.store", "companion.app", "companion.demo")

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
