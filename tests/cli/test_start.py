"""Starting the app as a teacher does: the installed `companion` command, no arguments.

Every other test passes --data; these start the entry point that `pip install .` put
beside the Python that runs the tests, in a pseudo-terminal of 80x24, with a fresh home
folder and the real clock, exactly as on a laptop where the app was never used. The
screen is read until the welcome screen's text appears, then ctrl+q quits.
Every read has a deadline, a guard against a hang and no timing assertion.
"""

from __future__ import annotations

import os
import re
import select
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_helpers import installed_command

from companion.i18n import t
from companion.store import default_data_path

POSIX_ONLY = pytest.mark.skipif(
    os.name != "posix", reason="a POSIX pseudo-terminal, and HOME that moves the user data folder"
)
DEADLINE = 30.0  # seconds; generous, only so that a broken start fails instead of hanging
CTRL_Q = b"\x11"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

# Escape sequences: CSI (with private markers), OSC (ended by BEL or ST), and the rest.
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


STARTS: dict[str, Callable[[], list[str]]] = {
    "companion": installed_command,
    "python -m companion": lambda: [sys.executable, "-m", "companion"],
}


def fresh_environment(home: Path, **locale: str) -> dict[str, str]:
    """A laptop where the app never ran: an empty home and data folder, the real day."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in LOCALE_VARIABLES
        and not name.startswith(("COMPANION_", "TEXTUAL", "XDG_", "PYTEST"))
    }
    environment.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        TERM="xterm-256color",
        COLUMNS="80",
        LINES="24",
        **locale,
    )
    return environment


def user_data_folder(home: Path) -> Path:
    """Where platformdirs puts the data with this home (XDG on Linux, Library on macOS)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("XDG_DATA_HOME", str(home / "data"))
        return default_data_path().parent


def screen_text(raw: bytes) -> str:
    """What a terminal shows, as text: escape sequences removed, lines joined."""
    return _ESCAPES.sub(b"", raw).decode("utf-8", errors="replace")


def welcome_texts(lang: str) -> list[str]:
    title = next(
        line.removeprefix("# ").strip()
        for line in t("welcome.text", lang).splitlines()
        if line.startswith("# ")
    )
    return [title, t("welcome.import", lang), t("welcome.add", lang)]


@dataclass
class Session:
    process: subprocess.Popen[bytes]
    master: int
    output: bytearray

    def read_until(self, wanted: list[str]) -> str:
        """Read the screen until every text in `wanted` is on it (or fail at the deadline)."""
        deadline = time.monotonic() + DEADLINE
        while True:
            text = screen_text(bytes(self.output))
            if all(part in text for part in wanted):
                return text
            if time.monotonic() > deadline:
                pytest.fail(f"not on screen within {DEADLINE} s: {wanted}\n{text[-3000:]}")
            waited = self._read(min(0.5, max(0.0, deadline - time.monotonic())))
            if not waited and self.process.poll() is not None:
                pytest.fail(f"the app ended ({self.process.returncode}) early:\n{text}")

    def wait(self) -> int:
        """Wait for the end, reading on meanwhile (a full terminal would block the app)."""
        deadline = time.monotonic() + DEADLINE
        while self.process.poll() is None:
            if time.monotonic() > deadline:
                pytest.fail(f"the app did not end within {DEADLINE} s")
            self._read(0.1)
        while self._read(0):
            pass
        return self.process.returncode

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the app closed the terminal
            return False
        self.output.extend(chunk)
        return bool(chunk)


def start_in_terminal(command: list[str], environment: Mapping[str, str], cwd: Path) -> Session:
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        command,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=dict(environment),
        cwd=cwd,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    return Session(process, master, bytearray())


def run_in_terminal(
    command: list[str], environment: Mapping[str, str], cwd: Path, lang: str
) -> tuple[int, str]:
    """Start, see the welcome screen, quit with ctrl+q; the exit code and all output."""
    session = start_in_terminal(command, environment, cwd)
    try:
        session.read_until(welcome_texts(lang))
        os.write(session.master, CTRL_Q)
        code = session.wait()
    finally:
        if session.process.poll() is None:
            os.killpg(session.process.pid, signal.SIGKILL)
            session.process.wait()
        os.close(session.master)
    return code, screen_text(bytes(session.output))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- in a terminal ---------------------------------------------------------------------


@POSIX_ONLY
@pytest.mark.parametrize("start", list(STARTS))
@pytest.mark.parametrize(
    ("locale", "lang"),
    [({"LANG": "nl_BE.UTF-8"}, "nl"), ({"LANG": "en_US.UTF-8"}, "en")],
    ids=["nl_BE", "en_US"],
)
def test_the_first_start_shows_the_welcome_screen(
    tmp_path: Path, start: str, locale: dict[str, str], lang: str
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    code, output = run_in_terminal(
        STARTS[start](), fresh_environment(home, **locale), tmp_path, lang
    )
    assert code == 0, output[-3000:]
    assert "Traceback" not in output
    other = "en" if lang == "nl" else "nl"
    assert t("welcome.import", other) not in output
    # The first start made the data file, in the user data folder, for this user only.
    folder = user_data_folder(home)
    assert [p.name for p in folder.iterdir() if not p.name.endswith(".lock")] == ["companion.json"]
    assert mode(folder / "companion.json") == 0o600
    assert mode(folder) == 0o700
    if sys.platform == "linux":
        assert mode(folder.parent) == 0o700  # XDG_DATA_HOME did not exist yet either


# -- without a terminal (a shortcut that starts no terminal, a pipe, a service) ---------


@POSIX_ONLY  # on Windows HOME does not move the user data folder: it would be the real one
@pytest.mark.parametrize(
    ("start", "locale", "lang"),
    [
        ("companion", {"LANG": "nl_BE.UTF-8"}, "nl"),
        ("companion", {"LANG": "en_US.UTF-8"}, "en"),
        ("python -m companion", {"LANG": "nl_BE.UTF-8"}, "nl"),
        # The OS's order of the locale variables (more of it in tests/unit/test_i18n.py).
        ("companion", {"LANG": "en_US.UTF-8", "LC_MESSAGES": "nl_BE.UTF-8"}, "nl"),
    ],
    ids=["companion-nl", "companion-en", "python -m-nl", "LC_MESSAGES-over-LANG"],
)
def test_without_a_terminal_a_sentence_says_what_to_do(
    tmp_path: Path, start: str, locale: dict[str, str], lang: str
) -> None:
    """Textual needs a terminal to draw on and read keys from; without one it would
    draw into a pipe and wait for keys forever. The app says so, in the OS's language."""
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        STARTS[start](),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=fresh_environment(home, **locale),
        cwd=tmp_path,
        timeout=DEADLINE,
        check=False,
    )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "Traceback" not in err
    assert done.stdout == b""
    assert err.strip() == t("cli.no_terminal", lang)


# -- every command with no optional argument at all ------------------------------------

CLASS_LIST = "Voornaam;Naam;Geboortedatum\nZoë;D'hondt;03/02/2022\nJérôme;Van den Broeck;\n"


@POSIX_ONLY  # on Windows HOME does not move the user data folder: it would be the real one
def test_every_command_without_options_gives_a_sentence_or_its_result(tmp_path: Path) -> None:
    """The installed command, a fresh home and the real day: each command as a newcomer
    types it first, in order; an answer or a sentence each time, never a traceback."""
    home = tmp_path / "home"
    home.mkdir()
    environment = fresh_environment(home, LANG="en_US.UTF-8")
    folder = user_data_folder(home)
    data, demo = folder / "companion.json", folder / "companion-demo.json"
    (tmp_path / "klaslijst.csv").write_text(CLASS_LIST, encoding="utf-8")

    def run(*args: str) -> tuple[int, str, str]:
        done = subprocess.run(
            [*installed_command(), *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=environment,
            cwd=tmp_path,
            timeout=DEADLINE,
            check=False,
        )
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
        assert "Traceback" not in out + err, (args, err)
        assert "Error:" not in err  # no exception class name either
        if done.returncode != 0:
            assert out == ""
            assert 0 < len(err.strip().splitlines()) <= 2  # a sentence, or usage + error
        return done.returncode, out, err

    code, out, _ = run("--help")
    assert code == 0 and out.startswith("usage: companion")
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("companion ")

    code, _, err = run("export")
    assert code == 1
    assert err.strip() == t("cli.no_data_file", "en", path=data)
    assert not data.exists()  # a question about data never creates it

    assert run("roster")[0] == 2  # which roster command: a usage error
    assert run("roster", "import")[0] == 2  # import what: a usage error

    code, out, _ = run("roster", "import", "klaslijst.csv")
    assert code == 0
    assert out.splitlines()[0] == t("roster_import.summary", "en", added=2, skipped=0, rejected=0)
    assert mode(data) == 0o600

    code, out, _ = run("export")
    assert code == 0
    assert "Zoë" in out and "Jérôme" in out

    code, out, _ = run("demo")
    assert code == 0
    lines = out.splitlines()
    assert [lines[0], lines[-1]] == [
        t("cli.demo_done", "en", path=demo, current="24 children"),
        t("cli.demo_open", "en", path=demo),
    ]
    assert lines[1].startswith("Relational needs noted for ")
    assert mode(demo) == 0o600
    code, _, err = run("demo")
    assert code == 1
    assert err.strip() == t("cli.demo_refuses", "en", path=demo)
