"""Running the command line from a test, shared by the CLI test modules.

`main([...])` in this process where nothing can hang (fast, with its exit code), and
`python -m companion` in a subprocess to see what the teacher sees.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from companion.cli import main
from companion.i18n import current_language, set_language


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


Cli = Callable[..., Result]


@contextmanager
def frozen_day_and_private_home(
    monkeypatch: pytest.MonkeyPatch, today: str, home: Path
) -> Iterator[None]:
    """A frozen day, English unless a test asks otherwise, and a private HOME, so a
    command that forgets --data can never reach the real user data folder. The
    language of the process is restored afterwards (main() sets it for the whole process)."""
    monkeypatch.setenv("COMPANION_TODAY", today)
    for variable in ("LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    before = current_language()
    try:
        yield
    finally:
        set_language(before)


def in_process(capsys: pytest.CaptureFixture[str]) -> Cli:
    """`cli("export", "--data", path)`: main() in this process, with its exit code."""

    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as stop:  # argparse: --help, --version and usage errors
            code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


def record_tui_starts(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Starting the TUI must stop at the store: each app that would run is recorded."""
    from companion.app import CompanionApp

    started: list[object] = []

    def refuse(self: CompanionApp, *args: object, **kwargs: object) -> None:
        started.append(self)
        self.store.close()

    monkeypatch.setattr(CompanionApp, "run", refuse)
    return started


def run_process(
    *args: str | Path, stdin: int | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """`python -m companion ...` in the test's environment, plus `env`; `stdin` as given
    to subprocess (None: the test's own, DEVNULL: no terminal at all)."""
    return subprocess.run(
        [sys.executable, "-m", "companion", *(str(arg) for arg in args)],
        capture_output=True,
        stdin=stdin,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **env},
        timeout=60,
        check=False,
    )
