"""Start-up and memory, whole processes measured from outside: ratios, never absolute times.

Run:  python benchmarks/bench_start.py [--quick] [--keep DIR]

- `companion --version` and `companion --help` (the installed command), each a new
  process timed from spawn to exit, against `python -c "import argparse"`.
- The cold start: `companion --data FILE` on ten school years of demo data (28 children,
  "now" 2026-11-25 09:30) in a pseudo-terminal (80x24, TERM=xterm-256color), from spawn
  to the first complete frame that shows Today. Textual wraps each frame in the
  synchronized-output marks ESC[?2026h ... ESC[?2026l once the terminal says it supports
  them; this script answers Textual's question as such a terminal does. The floor: a
  minimal Textual app (a Header, a Static and a Footer) to its first frame, the same way.
  Skipped, with the reason printed, where there is no pty (Windows).
- Peak memory (ru_maxrss) of a process that starts the app headless on the same data and
  opens every place of Today, then the help and the command palette, going back home after
  each; the floor is the minimal app pushing and popping as many screens.

Every figure is a median over fresh processes; ours and its floor take turns, so that drift
on the machine hits both. Bytecode is cached as an installed app has it: an uncounted first
run of each command writes it (PYTHONDONTWRITEBYTECODE is left out of the children's
environment). Exit code 1 with --goals when a goal of issue 15 is missed.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ratios import Target, parse_options, verdict

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
    import re

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


def seconds_to_frame(command: Sequence[str], marker: str) -> float:
    """From spawn to the first complete frame showing `marker`; then ctrl+q."""
    import fcntl
    import pty
    import struct
    import termios

    main_fd, terminal_fd = pty.openpty()
    fcntl.ioctl(terminal_fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=terminal_fd,
        stdout=terminal_fd,
        stderr=terminal_fd,
        env=child_env(),
        start_new_session=True,
    )
    os.close(terminal_fd)
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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--visit"]:
        visit(argv[1], Path(argv[2]), int(argv[3]))
        return 0
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
        targets = [
            *bench_cli(companion, rounds=10 if quick else 40),
            *bench_cold_start(companion, data, folder, rounds=3 if quick else 15),
            *bench_memory(data, rounds=1 if quick else 5),
        ]
    print()
    return verdict(targets, 48)


if __name__ == "__main__":
    sys.exit(main())
