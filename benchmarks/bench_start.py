"""Start-up, a tick and memory, whole processes from outside: ratios, never absolute times.

Run:  python benchmarks/bench_start.py [--quick] [--keep DIR] [--only cli,start,tick,memory]

- `companion --version` and `companion --help` (the installed command), each a new
  process timed from spawn to exit, against `python -c "import argparse"`.
- The cold start: `companion --data FILE` on ten school years of demo data (28 children,
  "now" 2026-11-25 09:30) in a pseudo-terminal (80x24, TERM=xterm-256color), from spawn
  to the first complete frame that shows Today. Textual wraps each frame in the
  synchronized-output marks ESC[?2026h ... ESC[?2026l once the terminal says it supports
  them; this script answers Textual's question as such a terminal does. The floor: a
  minimal Textual app (a Header, a Static and a Footer) to its first frame, the same way.
  Skipped, with the reason printed, where there is no pty (Windows).
- The tick from outside: our app on the ABC grid and a minimal Textual app (a Header, a
  Static and a Footer) whose label TICK_KEY flips, each in a pty as above, both running.
  Each press of TICK_KEY is timed from the write to the end of the first complete frame
  after which the cells that the press changes show their new state, read back from a
  screen the frames are drawn on (PtyScreen); two untimed presses first tell which cells
  those are (for ours, the tick mark and the day's total of the highlighted child). The
  apps take turns, TICK_TURN presses at a time; after each press the script waits, untimed,
  until the app has written nothing for QUIET seconds, so each press is measured alone,
  as a teacher types. Median and p95 of 200 presses each; the goal is on the p95.
- Peak memory (ru_maxrss) of a process that starts the app headless on the same data and
  opens every place of Today, then the help and the command palette, going back home after
  each; the floor is the minimal app pushing and popping as many screens.

Every other figure is a median over fresh processes; ours and its floor take turns, so
that drift on the machine hits both. Bytecode is cached as an installed app has it: an
uncounted first run of each command writes it (PYTHONDONTWRITEBYTECODE is left out of the
children's environment). `--only` runs some of the four parts. Exit code 1 with --goals
when a goal of issue 15 is missed.
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack, closing, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ratios import Target, p95, parse_options, verdict

if TYPE_CHECKING:  # Textual and the app only in the processes that run them
    from textual.pilot import Pilot

ISSUE = 15
NOW = "2026-11-25T09:30"  # a Wednesday morning in school year 2026-2027
YEARS = 10
CHILDREN = 28
ROWS, COLUMNS = 24, 80
FRAME_TIMEOUT = 30.0  # seconds; a frame that never comes is a bug, not a slow run
SYNC_START, SYNC_END = b"\x1b[?2026h", b"\x1b[?2026l"
SYNC_QUESTION = b"\x1b[?2026$p"  # Textual asks whether the terminal syncs frames ...
SYNC_ANSWER = b"\x1b[?2026;2$y"  # ... and a terminal that can says so
QUIT = b"\x11"  # ctrl+q, in both apps
FLOOR_MARKER = "The floor is shown"
CLI_LIMIT = 1.5
START_LIMIT = 1.3
MEMORY_LIMIT = 1.5
TICK_LIMIT = 2.0
TICK_KEY = b"4"  # ours: ingredient 4 of the highlighted child, on and then off again
TICK_MARKS = ("●", "·")  # ticked and not (companion.widgets.marks), the floor's label too
ABC_MARKER = "abc.greet"  # a key in the footer of the ABC screen alone
TICK_WARM_UP = 4  # untimed presses in each app before the timed ones
TICK_TURN = 10  # timed presses in one app before the other app's turn
QUIET = 0.03  # seconds without output after a press's frame, untimed, before the next press
SETTLE = 0.3  # seconds without output: the screen drawn and idle

# The minimal app of the cold start: a Header, a Static and a Footer.
FLOOR_APP = f"""
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Floor(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static({FLOOR_MARKER!r})
        yield Footer()


Floor().run()
"""

# The minimal app of the tick: the same, its label flipped by TICK_KEY.
FLOOR_TICK_APP = f"""
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Floor(App[None]):
    BINDINGS = [({TICK_KEY.decode()!r}, "flip", "Flip")]

    def __init__(self) -> None:
        super().__init__()
        self.ticked = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.label(), id="label")
        yield Footer()

    def label(self) -> str:
        return {FLOOR_MARKER!r} + " " + ({TICK_MARKS[0]!r} if self.ticked else {TICK_MARKS[1]!r})

    def action_flip(self) -> None:
        self.ticked = not self.ticked
        self.query_one("#label", Static).update(self.label())


Floor().run()
"""


# -- the environment of every process ---------------------------------------------------


def child_env() -> dict[str, str]:
    """English, a frozen "now", a terminal that draws colours; bytecode written as usual."""
    left_out = {"PYTHONDONTWRITEBYTECODE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "COLUMNS"}
    env = {key: value for key, value in os.environ.items() if key not in left_out}
    env.update(LANG="C.UTF-8", COMPANION_TODAY=NOW, TERM="xterm-256color")
    return env


def companion_command() -> list[str] | None:
    """The installed `companion` of this environment (as the teacher starts it)."""
    names = ("companion.exe", "companion") if os.name == "nt" else ("companion",)
    for folder in (Path(sysconfig.get_path("scripts")), Path(sys.executable).parent):
        for name in names:
            if (folder / name).is_file():
                return [str(folder / name)]
    return None


def build_data(folder: Path, companion: list[str]) -> Path:
    path = folder / "companion.json"
    demo = ["demo", "--years", str(YEARS), "--children", str(CHILDREN), "--data", str(path)]
    subprocess.run([*companion, *demo], env=child_env(), check=True, capture_output=True)
    return path


def medians(runs: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(values) for name, values in runs.items()}


def take_turns(commands: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Each command once per round, the order rotating round by round; a first,
    uncounted run of each writes the bytecode and fills the disk cache."""
    for run in commands.values():
        run()
    names = list(commands)
    runs: dict[str, list[float]] = {name: [] for name in names}
    for turn in range(rounds):
        for name in names[turn % len(names) :] + names[: turn % len(names)]:
            runs[name].append(commands[name]())
    return runs


# -- companion --version and --help -----------------------------------------------------


def process_seconds(command: Sequence[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=child_env(), check=True, capture_output=True)
    return time.perf_counter() - started


def bench_cli(companion: list[str], rounds: int) -> list[Target]:
    floor_command = [sys.executable, "-c", "import argparse"]
    runs = take_turns(
        {
            "floor": lambda: process_seconds(floor_command),
            "--version": lambda: process_seconds([*companion, "--version"]),
            "--help": lambda: process_seconds([*companion, "--help"]),
        },
        rounds,
    )
    figures = {name: value * 1000 for name, value in medians(runs).items()}
    print(f"\nThe command line, {rounds} runs each (median, spawn to exit):")
    for name, value in figures.items():
        label = 'python -c "import argparse"' if name == "floor" else f"companion {name}"
        print(f"  {label:<32} {value:7.1f} ms")
    return [
        Target(
            f"companion {name} / import argparse",
            figures[name] / figures["floor"],
            CLI_LIMIT,
            value=figures[name],
            unit="ms",
            floor_name='python -c "import argparse"',
            floor=figures["floor"],
            issue=ISSUE,
        )
        for name in ("--version", "--help")
    ]


# -- the cold start, in a pseudo-terminal -----------------------------------------------


def frame_texts(output: bytes) -> list[str]:
    """The text of every complete frame in `output`, its escape sequences left out."""
    escapes = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\r\n]")
    texts = []
    start = output.find(SYNC_START)
    while start >= 0:
        end = output.find(SYNC_END, start)
        if end < 0:
            break
        frame = output[start + len(SYNC_START) : end].decode("utf-8", "replace")
        texts.append(escapes.sub("", frame))
        start = output.find(SYNC_START, end)
    return texts


def spawn_in_pty(command: Sequence[str]) -> tuple[subprocess.Popen[bytes], int]:
    """`command` started in a new pty of ROWS x COLUMNS; the process and the pty's main
    side, which reads what the app draws and writes what is typed."""
    import fcntl
    import pty
    import struct
    import termios

    main_fd, terminal_fd = pty.openpty()
    fcntl.ioctl(terminal_fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    process = subprocess.Popen(
        command,
        stdin=terminal_fd,
        stdout=terminal_fd,
        stderr=terminal_fd,
        env=child_env(),
        start_new_session=True,
    )
    os.close(terminal_fd)
    return process, main_fd


def seconds_to_frame(command: Sequence[str], marker: str) -> float:
    """From spawn to the first complete frame showing `marker`; then ctrl+q."""
    started = time.perf_counter()
    process, main_fd = spawn_in_pty(command)
    try:
        return _wait_for_frame(main_fd, marker, started)
    finally:
        _quit(process, main_fd)
        os.close(main_fd)


def _wait_for_frame(main_fd: int, marker: str, started: float) -> float:
    import select

    output = b""
    answered = False
    while time.perf_counter() - started < FRAME_TIMEOUT:
        readable, _, _ = select.select([main_fd], [], [], 0.5)
        if not readable:
            continue
        try:
            chunk = os.read(main_fd, 1 << 16)
        except OSError:  # the app ended
            break
        arrived = time.perf_counter()
        output += chunk
        if not answered and SYNC_QUESTION in output:
            os.write(main_fd, SYNC_ANSWER)
            answered = True
        if SYNC_END in chunk and any(marker in text for text in frame_texts(output)):
            return arrived - started
    tail = output[-600:].decode("utf-8", "replace")
    raise RuntimeError(f"no frame showing {marker!r} within {FRAME_TIMEOUT:.0f} s: {tail!r}")


def _quit(process: subprocess.Popen[bytes], main_fd: int) -> None:
    """ctrl+q, reading what the app still draws (a full pty would block it)."""
    import select

    with suppress(OSError):  # it may have ended already
        os.write(main_fd, QUIT)
    deadline = time.perf_counter() + 10
    while process.poll() is None and time.perf_counter() < deadline:
        readable, _, _ = select.select([main_fd], [], [], 0.1)
        if readable:
            try:
                os.read(main_fd, 1 << 16)
            except OSError:
                break
    if process.poll() is None:
        process.kill()
    process.wait()


def bench_cold_start(companion: list[str], data: Path, folder: Path, rounds: int) -> list[Target]:
    if os.name == "nt":
        print("\nCold start: skipped, Windows has no pty to run the app in.")
        return []
    from companion.i18n import t

    floor_script = folder / "floor_app.py"
    floor_script.write_text(FLOOR_APP, encoding="utf-8")
    home_marker = t("home.today_title", "en")  # a panel only Today shows
    runs = take_turns(
        {
            "floor": lambda: seconds_to_frame([sys.executable, str(floor_script)], FLOOR_MARKER),
            "ours": lambda: seconds_to_frame([*companion, "--data", str(data)], home_marker),
        },
        rounds,
    )
    figures = {name: value * 1000 for name, value in medians(runs).items()}
    print(f"\nCold start to the first frame, {COLUMNS}x{ROWS} pty, {rounds} runs each (median):")
    print(f"  {'minimal Textual app':<32} {figures['floor']:7.1f} ms")
    print(f"  {f'companion, {YEARS} school years':<32} {figures['ours']:7.1f} ms")
    return [
        Target(
            f"cold start to Today ({YEARS}y) / minimal app",
            figures["ours"] / figures["floor"],
            START_LIMIT,
            value=figures["ours"],
            unit="ms",
            floor_name="a minimal app's first frame",
            floor=figures["floor"],
            issue=ISSUE,
        )
    ]


# -- the tick, in a pseudo-terminal -----------------------------------------------------

Cell = tuple[int, int]  # row, column on the screen


class PtyScreen:
    """The characters a terminal of ROWS x COLUMNS shows, as the app's output puts them.

    Only what places text is followed: the cursor moves Textual makes (ESC[row;colH),
    carriage returns and line feeds; colours and modes are skipped. Enough to read a
    cell back."""

    _CONTROL = re.compile(
        r"\x1b\[([0-9;?<>=]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^\[\]]|[\r\n]"
    )

    def __init__(self) -> None:
        from rich.cells import get_character_cell_size

        self._width = get_character_cell_size
        self.cells = [[" "] * COLUMNS for _ in range(ROWS)]
        self.row = self.column = 0

    def feed(self, text: str) -> None:
        at = 0
        for match in self._CONTROL.finditer(text):
            self._write(text[at : match.start()])
            self._control(match)
            at = match.end()
        self._write(text[at:])

    def at(self, cell: Cell) -> str:
        return self.cells[cell[0]][cell[1]]

    def copy(self) -> dict[Cell, str]:
        return {
            (row, col): char for row, line in enumerate(self.cells) for col, char in enumerate(line)
        }

    def shows(self, text: str) -> bool:
        return any(text in "".join(line) for line in self.cells)

    def text(self) -> str:
        return "\n".join("".join(line).rstrip() for line in self.cells)

    def _control(self, match: re.Match[str]) -> None:
        if match.group(0) == "\r":
            self.column = 0
        elif match.group(0) == "\n":
            self.row = min(self.row + 1, ROWS - 1)
        elif match.group(2) in ("H", "f") and not match.group(1).startswith("?"):
            row, _, column = match.group(1).partition(";")
            self.row = min(max(int(row or 1), 1), ROWS) - 1
            self.column = max(int(column or 1), 1) - 1

    def _write(self, text: str) -> None:
        for char in text:
            width = self._width(char)
            if width and self.column < COLUMNS:
                self.cells[self.row][self.column] = char
            self.column += width


class PtyApp:
    """An app in a pty of ROWS x COLUMNS and what it shows, frame by frame: a frame is
    drawn on `screen` once its closing ESC[?2026l has been read."""

    def __init__(self, command: Sequence[str]) -> None:
        self.process, self.fd = spawn_in_pty(command)
        self.screen = PtyScreen()
        self._pending = b""
        self._answered = False

    def press(self, key: bytes) -> float:
        """Types `key`; the moment just before."""
        started = time.perf_counter()
        os.write(self.fd, key)
        return started

    def wait(self, ready: Callable[[PtyScreen], bool], what: str) -> float:
        """Reads until a complete frame leaves the screen `ready`; the moment that frame's
        last bytes were read."""
        deadline = time.perf_counter() + FRAME_TIMEOUT
        while (left := deadline - time.perf_counter()) > 0:
            arrived = self._read(left)
            if arrived is not None and self._draw_frames() and ready(self.screen):
                return arrived
        shown = "\n".join(line for line in self.screen.text().splitlines() if line.strip())
        raise RuntimeError(f"no frame showing {what} within {FRAME_TIMEOUT:.0f} s:\n{shown}")

    def drain(self, quiet: float) -> None:
        """Reads (and draws) until the app has written nothing for `quiet` seconds."""
        while self._read(quiet) is not None:
            self._draw_frames()

    def close(self) -> None:
        _quit(self.process, self.fd)
        os.close(self.fd)

    def _read(self, timeout: float) -> float | None:
        """What the app wrote, kept; when it was read (None: nothing within `timeout`).
        Answers Textual's question about synchronized output as such a terminal does."""
        import select

        readable, _, _ = select.select([self.fd], [], [], timeout)
        if not readable:
            return None
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:  # the pty closes with the app
            raise RuntimeError("the app ended while it was measured") from None
        arrived = time.perf_counter()
        self._pending += chunk
        if not self._answered and SYNC_QUESTION in self._pending:
            os.write(self.fd, SYNC_ANSWER)
            self._answered = True
        return arrived

    def _draw_frames(self) -> bool:
        """Draws every complete frame read so far (and what came before it); whether any."""
        end = self._pending.rfind(SYNC_END)
        if end < 0:
            return False
        end += len(SYNC_END)
        self.screen.feed(self._pending[:end].decode("utf-8", "replace"))
        self._pending = self._pending[end:]
        return True


class Ticker:
    """Presses TICK_KEY in one app, each press timed to the frame that shows the flip."""

    def __init__(self, app: PtyApp) -> None:
        self.app = app
        self.cells = self._learn_flip()
        self.flipped = False  # the cells show their first state

    def _learn_flip(self) -> dict[Cell, tuple[str, str]]:
        """The cells one press changes and the next changes back, with their two states:
        two untimed presses, the app left idle after each. A cell that changed for another
        reason (a clock, a notification coming or going) does not change back in step and
        is left out; a press that flips no tick mark stops the run."""
        before = self.app.screen.copy()
        self.app.press(TICK_KEY)
        self.app.drain(SETTLE)
        flipped = self.app.screen.copy()
        self.app.press(TICK_KEY)
        self.app.drain(SETTLE)
        after = self.app.screen.copy()
        cells = {
            cell: (before[cell], flipped[cell])
            for cell in before
            if flipped[cell] != before[cell] == after[cell]
        }
        if not any(set(states) == set(TICK_MARKS) for states in cells.values()):
            raise RuntimeError(f"{TICK_KEY!r} flipped no tick mark on the screen: {cells}")
        return cells

    def presses(self, count: int) -> list[float]:
        """Seconds from each press to the end of the first complete frame that shows
        every cell flipped; then a quiet moment, untimed, before the next press."""
        times = []
        for _ in range(count):
            started = self.app.press(TICK_KEY)
            landed = self.app.wait(self._showing(0 if self.flipped else 1), "the flipped cell")
            times.append(landed - started)
            self.flipped = not self.flipped
            self.app.drain(QUIET)
        return times

    def _showing(self, state: int) -> Callable[[PtyScreen], bool]:
        """Whether the screen shows every cell in `state` (0: as first learnt)."""
        return lambda screen: all(
            screen.at(cell) == shown[state] for cell, shown in self.cells.items()
        )


def open_abc(app: PtyApp) -> None:
    """Our app from its start to the ABC grid, drawn and idle (untimed)."""
    from companion.i18n import t

    app.wait(lambda screen: screen.shows(t("home.today_title", "en")), "Today")
    app.drain(SETTLE)
    app.press(b"a")
    app.wait(lambda screen: screen.shows(t(ABC_MARKER, "en")), "the ABC grid")
    app.drain(SETTLE)


def bench_tick(companion: list[str], data: Path, folder: Path, presses: int) -> list[Target]:
    if os.name == "nt":
        print("\nTick from outside: skipped, Windows has no pty to run the app in.")
        return []
    floor_script = folder / "floor_tick_app.py"
    floor_script.write_text(FLOOR_TICK_APP, encoding="utf-8")
    with ExitStack() as stack:
        # One after the other: an app whose question about synchronized output waits
        # unanswered draws its first frames without the marks.
        ours = stack.enter_context(closing(PtyApp([*companion, "--data", str(data)])))
        open_abc(ours)
        floor = stack.enter_context(closing(PtyApp([sys.executable, str(floor_script)])))
        floor.wait(lambda screen: screen.shows(FLOOR_MARKER), "the floor's label")
        floor.drain(SETTLE)
        times = ticks_in_turns({"ours": Ticker(ours), "floor": Ticker(floor)}, presses)
    return report_tick(times)


def ticks_in_turns(tickers: dict[str, Ticker], presses: int) -> dict[str, list[float]]:
    """`presses` timed presses in each app, TICK_TURN at a time, the two taking turns
    (ours first every other round), so that load that comes and goes on the machine
    hits both alike; both apps keep running throughout."""
    for ticker in tickers.values():
        ticker.presses(TICK_WARM_UP)
    times: dict[str, list[float]] = {name: [] for name in tickers}
    names = list(tickers)
    for turn in range(presses // TICK_TURN):
        for name in names if turn % 2 == 0 else names[::-1]:
            times[name] += tickers[name].presses(TICK_TURN)
    return times


def report_tick(times: dict[str, list[float]]) -> list[Target]:
    figures = {
        name: (statistics.median(values) * 1000, p95(values) * 1000)
        for name, values in times.items()
    }
    (floor_median, floor_p95), (ours_median, ours_p95) = figures["floor"], figures["ours"]
    print(
        f"\nThe tick from outside, {COLUMNS}x{ROWS} pty: key press to the end of the first frame"
        f"\nthat shows the changed cell, {len(times['ours'])} presses each, {TICK_TURN} at a"
        " time in turns (ms):"
    )
    print(f"  {'':<40} {'median':>7} {'p95':>7}")
    print(f"  {'minimal app, a label':<40} {floor_median:7.1f} {floor_p95:7.1f}")
    ours = f"companion, ABC grid ({YEARS}y, {CHILDREN} children)"
    print(f"  {ours:<40} {ours_median:7.1f} {ours_p95:7.1f}")
    ratio = ours_median / floor_median, ours_p95 / floor_p95
    print(f"  {'ours / minimal app':<40} {ratio[0]:7.2f} {ratio[1]:7.2f}")
    return [
        Target(
            f"tick p95 from outside ({YEARS}y) / minimal app",
            ours_p95 / floor_p95,
            TICK_LIMIT,
            value=ours_p95,
            unit="ms",
            floor_name="a minimal app's p95",
            floor=floor_p95,
            issue=ISSUE,
        )
    ]


# -- peak memory after every screen -----------------------------------------------------


def peak_bytes(which: str, data: Path) -> float:
    """The peak RSS of a fresh process visiting every screen (see `visit`)."""
    screens = str(_screen_count())  # told, so that the floor imports nothing of ours
    command = [sys.executable, str(Path(__file__).resolve()), "--visit", which, str(data), screens]
    result = subprocess.run(command, env=child_env(), check=True, capture_output=True, text=True)
    return float(result.stdout.split()[-1])


def bench_memory(data: Path, rounds: int) -> list[Target]:
    try:
        import resource  # noqa: F401  (not on Windows)
    except ImportError:
        print("\nPeak memory: skipped, this system has no resource.getrusage.")
        return []
    runs = take_turns(
        {"floor": lambda: peak_bytes("floor", data), "ours": lambda: peak_bytes("ours", data)},
        rounds,
    )
    figures = {name: value / 2**20 for name, value in medians(runs).items()}
    print(f"\nPeak memory (ru_maxrss) after every screen, {rounds} runs each (median):")
    print(f"  {'minimal app, as many screens':<32} {figures['floor']:7.1f} MiB")
    print(f"  {f'companion, {YEARS} school years':<32} {figures['ours']:7.1f} MiB")
    return [
        Target(
            f"peak memory, every screen ({YEARS}y) / minimal app",
            figures["ours"] / figures["floor"],
            MEMORY_LIMIT,
            value=figures["ours"],
            unit="MiB",
            floor_name="the minimal app",
            floor=figures["floor"],
            issue=ISSUE,
        )
    ]


# -- the visiting processes (run by bench_memory, one per figure) -----------------------


def visit(which: str, data: Path, screens: int) -> None:
    """Visit every screen (ours) or as many plain ones (the floor), then print the peak
    RSS in bytes."""
    import resource

    asyncio.run(_visit_ours(data) if which == "ours" else _visit_floor(screens))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(peak if sys.platform == "darwin" else peak * 1024)  # bytes on macOS, KiB else


def _screen_count() -> int:
    from companion.screens.places import away_from_home

    return len(list(away_from_home())) + 2  # the places, the help and the palette


async def _visit_ours(data: Path) -> None:
    from datetime import datetime

    from companion.app import create_app
    from companion.clock import fixed_clock
    from companion.screens.places import HOME, away_from_home

    app = create_app(data, clock=fixed_clock(datetime.fromisoformat(NOW)))
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        await pilot.pause()
        for place in away_from_home():
            await app.open_place(place.name)
            await _settle(pilot)
            await app.open_place(HOME.name)
        for key in ("f1", "ctrl+p"):
            await pilot.press(key)
            await _settle(pilot)
            await pilot.press("escape")
            await pilot.pause()


async def _visit_floor(screens: int) -> None:
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    class Plain(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static(FLOOR_MARKER)
            yield Footer()

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static(FLOOR_MARKER)
            yield Footer()

    app = Floor()
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        await pilot.pause()
        for _ in range(screens):
            await app.push_screen(Plain())
            await _settle(pilot)
            await app.pop_screen()
            await pilot.pause()


async def _settle(pilot: Pilot[Any]) -> None:
    """Until the screen is drawn and idle (its tables filled, its Markdown parsed)."""
    for _ in range(3):
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()


# -- the run ----------------------------------------------------------------------------


PARTS = ("cli", "start", "tick", "memory")


def take_only(argv: list[str]) -> tuple[list[str], set[str]]:
    """This script's own `--only PART,PART`, taken out of `argv` before the options that
    every benchmark shares; every part without it."""
    if "--only" not in argv:
        return argv, set(PARTS)
    at = argv.index("--only")
    chosen = set(argv[at + 1].split(",")) if at + 1 < len(argv) else set()
    if not chosen or not chosen <= set(PARTS):
        raise SystemExit(f"--only takes one or more of {','.join(PARTS)}, comma-separated")
    return argv[:at] + argv[at + 2 :], chosen


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--visit"]:
        visit(argv[1], Path(argv[2]), int(argv[3]))
        return 0
    argv, only = take_only(argv)
    args = parse_options(__doc__, argv)
    companion = companion_command()
    if companion is None:
        print(f"No `companion` command beside {sys.executable}: install the project first.")
        return 1
    quick = args.quick
    with ExitStack() as stack:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            folder = args.keep
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-start-")))
        data = build_data(folder, companion)
        parts: dict[str, Callable[[], list[Target]]] = {
            "cli": lambda: bench_cli(companion, rounds=10 if quick else 40),
            "start": lambda: bench_cold_start(companion, data, folder, rounds=3 if quick else 15),
            "tick": lambda: bench_tick(companion, data, folder, presses=40 if quick else 200),
            "memory": lambda: bench_memory(data, rounds=1 if quick else 5),
        }
        targets = [target for name, part in parts.items() if name in only for target in part()]
    print()
    return verdict(targets, 48)


if __name__ == "__main__":
    sys.exit(main())
