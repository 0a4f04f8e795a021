"""Running the command line from a test, shared by the CLI test modules.

`main([...])` in this process where nothing can hang (fast, with its exit code), and
`python -m companion` in a subprocess to see what the teacher sees.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from collections.abc import Callable, Iterator, Mapping
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


def installed_command() -> list[str]:
    """The `companion` console script of this environment, as pip installed it."""
    names = ("companion.exe", "companion") if os.name == "nt" else ("companion",)
    folders = (Path(sysconfig.get_path("scripts")), Path(sys.executable).parent)
    for folder in folders:
        for name in names:
            if (folder / name).is_file():
                return [str(folder / name)]
    pytest.fail(f"no installed `companion` command in {folders}: run pip install .")


def teacher_environment(
    home: Path, *, lang: str = "en", today: str = "2026-11-25T16:30", passphrase: str | None = None
) -> dict[str, str]:
    """The environment of a teacher's own account for the installed command: a private
    HOME (a command that forgets --data never reaches real data), a frozen day, her
    language, UTF-8 output, and no passphrase unless one is given."""
    environment = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "LOCALAPPDATA": str(home / "appdata"),
        "COMPANION_TODAY": today,
        "LANG": f"{lang}_BE.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    for variable in ("LC_ALL", "LANGUAGE", "COMPANION_PASSPHRASE"):
        environment.pop(variable, None)
    if passphrase is not None:
        environment["COMPANION_PASSPHRASE"] = passphrase
    return environment


def run_installed(
    environment: Mapping[str, str],
    *args: str | Path,
    cwd: Path | None = None,
    stdin: str | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """The installed `companion` with `args`, as the teacher's terminal runs it."""
    return subprocess.run(
        [*installed_command(), *(str(arg) for arg in args)],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(environment),
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
