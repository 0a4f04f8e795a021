"""How the UI's response times grow with years of history: ratios, never absolute times.

Run:  python benchmarks/bench_ui.py [--quick] [--keep DIR]

Builds two demo data files for a class of 25 children: one holding ten school years, and
one holding the current school year of that same demo alone, so that only the history
differs. "Now" is 2026-11-25 09:30, a school day. The real app is driven headless with
`App.run_test(size=(80, 24))` and its Pilot; a minimal Textual app driven the same way
gives the floors. Each figure is the median of several repetitions (time.perf_counter),
from the keypress to the last frame the app paints in response. Apps for 1y, 10y and the
floor take turns, so that drift on the machine hits them alike. Every target is a ratio
between figures measured in this same run. Exit code 1 when a target fails.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ratios import Target, parse_options, verdict
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Markdown, Static

from companion.app import create_app
from companion.clock import fixed_clock
from companion.demo import DemoData, build_demo, write_demo
from companion.domain.vocabulary import ABC_ITEMS
from companion.screens.abc import AbcScreen
from companion.screens.child_history import ChildHistoryScreen
from companion.screens.child_page.page import ChildPageScreen
from companion.screens.home import HomeScreen
from companion.screens.ledger import LedgerScreen
from companion.screens.samen_spel.child import SamenSpelChildScreen
from companion.store import Store
from companion.widgets.abc_grid import AbcGrid

NOW = datetime(2026, 11, 25, 9, 30)  # a Wednesday morning in school year 2026-2027
YEARS = 10
CHILD_COUNT = 25
SEED = 20261125
SIZE = (80, 24)
TICK_KEY = "4"  # the fourth ingredient, for the highlighted child
TICK_ITEM = ABC_ITEMS[int(TICK_KEY) - 1]
FRAME_TIMEOUT = 10.0  # seconds; a frame that never comes is a bug, not a slow run
RATIO_LIMIT = 1.5
INSTANT_MS = 100  # a response under this reads as instant (Card, Moran & Newell; Nielsen)

# The screens opened from home: (label, key, screen id).
DESTINATIONS = (
    ("ABC of Love", "a", "screen-abc"),
    ("week ledger", "w", "screen-ledger"),
    ("class", "k", "screen-roster"),
    ("calendar", "c", "screen-calendar"),
    ("settings", "s", "screen-settings"),
    ("learn more", "m", "screen-learn_more"),
    ("relational needs", "b", "screen-needs"),
    ("Samen-Spel", "l", "screen-samen_spel"),
    ("rest corner", "r", "screen-rest_corner"),
    ("journal", "d", "screen-journal"),
)
START_OP = "start until home shown"
HISTORY_OP = "child history (ledger, enter)"
PAGE_OP = "child's page (ledger, p)"
SAMEN_SPEL_OP = "her Samen-Spel (page, l)"
TICK_OP = f"ABC tick ({TICK_KEY})"
DAY_OP = "ABC day switch ([)"

# The floors, from the minimal app, and which one each operation is set against.
START, OPEN, KEY, CHROME = "start", "open", "key", "chrome"
FLOOR_LABELS = {
    START: "minimal app start",
    OPEN: "push a Screen with a Static",
    KEY: "key updates a Static",
    CHROME: "push a Screen: Header, Static, Footer",
}
OPERATIONS: tuple[tuple[str, str], ...] = (
    (START_OP, START),
    *((f"open {label} ({key})", OPEN) for label, key, _ in DESTINATIONS),
    (HISTORY_OP, OPEN),
    (PAGE_OP, OPEN),
    (SAMEN_SPEL_OP, OPEN),
    (TICK_OP, KEY),
    (DAY_OP, KEY),
)


# -- the data ---------------------------------------------------------------------------


def build_files(folder: Path) -> dict[str, Path]:
    """The 10-year demo, and its current school year alone as the 1-year demo."""
    ten = build_demo(NOW.date(), years=YEARS, children=CHILD_COUNT, seed=SEED)
    one = DemoData(ten.today, ten.years[-1:])
    paths = {}
    for label, data in (("1y", one), ("10y", ten)):
        path = folder / label / "companion.json"
        with Store.open(path, today=NOW.date(), backup=False) as store:
            write_demo(store, data)
            # Stored rather than passed to create_app: a start with --lang also saves it.
            store.settings.set("lang", "en")
        paths[label] = path
    return paths


def size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else 0


# -- seeing frames ----------------------------------------------------------------------


class Frames:
    """When the app paints, and the first frame that shows what we wait for.

    Every frame a Textual screen paints goes through `App._display` (Textual 8), where the
    headless driver drops it. Wrapping it on the instance gives the moment each frame is
    ready, including the terminal encoding a real driver would do. Our app and the floor
    app get the same wrapper, so both are measured alike.
    """

    def __init__(self, app: App[Any]) -> None:
        self.times: list[float] = []
        self.ready_at = 0.0
        self._ready: Callable[[], bool] = lambda: False
        self._event = asyncio.Event()
        original = app._display

        def display(screen: Screen[Any], renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            encode = getattr(renderable, "render_segments", None)
            if encode is not None:
                encode(app.console)
            now = time.perf_counter()
            self.times.append(now)
            if not self._event.is_set() and self._ready():
                self.ready_at = now
                self._event.set()

        app._display = display  # type: ignore[method-assign]

    def expect(self, ready: Callable[[], bool]) -> None:
        self._ready = ready
        self._event.clear()

    async def settle(self, pilot: Pilot[Any], what: str) -> None:
        """Wait (untimed) for the expected frame, then until the app is idle."""
        try:
            await asyncio.wait_for(self._event.wait(), FRAME_TIMEOUT)
        except TimeoutError:
            raise RuntimeError(f"no frame showed {what} within {FRAME_TIMEOUT} s") from None
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    def since(self, started: float) -> tuple[float, float]:
        """Seconds from `started` to the first frame showing what we waited for, and to
        the last frame painted before the app went idle (the screen complete)."""
        return self.ready_at - started, max(self.times) - started


def content_shown(screen: Screen[Any]) -> bool:
    """Mounted, its tables filled and its Markdown parsed: the screen shows its content."""
    if not screen.is_mounted:
        return False
    # A table the screen hides (her Samen-Spel without a plan) has nothing to fill.
    if any(table.row_count == 0 for table in screen.query(DataTable) if table.display):
        return False
    return all(document.children for document in screen.query(Markdown))


@dataclass
class Samples:
    """Per operation, seconds until the last frame and until the first complete one; and
    the full garbage collections (generation 2) of the app's sessions."""

    last: dict[str, list[float]]
    first: dict[str, list[float]]
    collections: list[float]
    sessions: int = 0  # full sessions, which the collections were counted in

    @classmethod
    def new(cls) -> Samples:
        return cls(defaultdict(list), defaultdict(list), [])

    def add(self, operation: str, figures: tuple[float, float]) -> None:
        self.first[operation].append(figures[0])
        self.last[operation].append(figures[1])


class FullCollections:
    """Times each full garbage collection into `into` (a gc callback)."""

    def __init__(self) -> None:
        self.into: list[float] | None = None
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        elif self.into is not None:
            self.into.append(time.perf_counter() - self._started)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Timed steps run with the garbage collector paused: a full collection can take longer
    than the step itself, and falls on whichever step allocates when one is due, whatever
    that step costs. It catches up right after: untimed, but timed by FullCollections."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def timed_press(
    pilot: Pilot[Any], frames: Frames, key: str, ready: Callable[[], bool], what: str
) -> tuple[float, float]:
    """From the keypress to the first frame where `ready()` holds, and to the last one."""
    frames.expect(ready)
    with collector_paused():
        started = time.perf_counter()
        await pilot.press(key)
        await frames.settle(pilot, what)
    return frames.since(started)


async def untimed_press(
    pilot: Pilot[Any], frames: Frames, key: str, ready: Callable[[], bool], what: str
) -> None:
    frames.expect(ready)
    await pilot.press(key)
    await frames.settle(pilot, what)


# -- our app ----------------------------------------------------------------------------


async def session_ours(path: Path, reps: int, presses: int, samples: Samples) -> None:
    """One start of the real app; each screen `reps` times; each key `presses` times."""
    async with AsyncExitStack() as stack:
        with collector_paused():
            started = time.perf_counter()
            app = create_app(path, None, clock=fixed_clock(NOW))
            frames = Frames(app)

            def showing(kind: type[Screen[Any]]) -> Callable[[], bool]:
                return lambda: isinstance(app.screen, kind) and content_shown(app.screen)

            frames.expect(showing(HomeScreen))
            pilot = await stack.enter_async_context(app.run_test(size=SIZE))
            await frames.settle(pilot, "the home screen")
        samples.add(START_OP, frames.since(started))
        if not reps and not presses:
            return

        async def back(ready: Callable[[], bool]) -> None:
            await untimed_press(pilot, frames, "escape", ready, "the screen below again")

        for _ in range(reps):
            for label, key, screen_id in DESTINATIONS:

                def opened(screen_id: str = screen_id) -> bool:
                    return app.screen.id == screen_id and content_shown(app.screen)

                figures = await timed_press(pilot, frames, key, opened, screen_id)
                samples.add(f"open {label} ({key})", figures)
                await back(showing(HomeScreen))

        # A child's history from the week ledger, whose cursor is on the first child.
        await untimed_press(pilot, frames, "w", showing(LedgerScreen), "the week ledger")
        for _ in range(reps):
            history = showing(ChildHistoryScreen)
            samples.add(HISTORY_OP, await timed_press(pilot, frames, "enter", history, "it"))
            await back(showing(LedgerScreen))
            page = showing(ChildPageScreen)
            samples.add(PAGE_OP, await timed_press(pilot, frames, "p", page, "her page"))
            hers = showing(SamenSpelChildScreen)
            samples.add(SAMEN_SPEL_OP, await timed_press(pilot, frames, "l", hers, "it"))
            await back(page)
            await back(showing(LedgerScreen))
        await back(showing(HomeScreen))

        # The ABC screen: tick and untick one cell; go a school day back, and return.
        await untimed_press(pilot, frames, "a", showing(AbcScreen), "the ABC screen")
        screen = app.screen
        assert isinstance(screen, AbcScreen)
        grid = screen.query_one(AbcGrid)

        def ticked() -> bool:
            child_id = grid.highlighted_child_id
            return child_id is not None and "●" in grid.get_cell(child_id, TICK_ITEM).plain

        def flipped(before: bool) -> Callable[[], bool]:
            return lambda: ticked() != before

        for _ in range(presses):
            flip = flipped(ticked())
            samples.add(TICK_OP, await timed_press(pilot, frames, TICK_KEY, flip, "a tick"))
        today = screen.day
        for _ in range(presses):
            day_back = await timed_press(
                pilot, frames, "left_square_bracket", lambda: screen.day < today, "a day back"
            )
            samples.add(DAY_OP, day_back)
            await untimed_press(
                pilot, frames, "right_square_bracket", lambda: screen.day == today, "today"
            )
        await back(showing(HomeScreen))


# -- the floor: a minimal Textual app ---------------------------------------------------


class FloorScreen(Screen[None]):
    BINDINGS = [("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Static("an empty screen")


class ChromeScreen(FloorScreen):
    """The floor screen with Textual's Header and Footer, as every screen of ours has."""

    BINDINGS = [("x", "app.bell", "One"), ("y", "app.bell", "Two"), ("z", "app.bell", "Three")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("an empty screen")
        yield Footer()


class FloorApp(App[None]):
    BINDINGS = [("o", "open", "Open"), ("p", "open_chrome", "Chrome"), ("x", "bump", "Bump")]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Static("0", id="count")

    def action_open(self) -> None:
        self.push_screen(FloorScreen())

    def action_open_chrome(self) -> None:
        self.push_screen(ChromeScreen())

    def action_bump(self) -> None:
        self.count += 1
        self.query_one("#count", Static).update(str(self.count))


async def session_floor(reps: int, presses: int, samples: Samples) -> None:
    """As `session_ours`; each kind of screen pushed 3 times per rep, each key pressed
    twice as often."""
    async with AsyncExitStack() as stack:
        with collector_paused():
            started = time.perf_counter()
            app = FloorApp()
            frames = Frames(app)

            def showing(kind: type[Screen[Any]] | None) -> Callable[[], bool]:
                if kind is None:
                    return lambda: not isinstance(app.screen, FloorScreen) and app.screen.is_mounted
                return lambda: isinstance(app.screen, kind) and app.screen.is_mounted

            frames.expect(showing(None))
            pilot = await stack.enter_async_context(app.run_test(size=SIZE))
            await frames.settle(pilot, "the floor app")
        samples.add(START, frames.since(started))
        if not reps and not presses:
            return
        for _ in range(reps * 3):
            for key, name, kind in (("o", OPEN, FloorScreen), ("p", CHROME, ChromeScreen)):
                samples.add(name, await timed_press(pilot, frames, key, showing(kind), name))
                await untimed_press(pilot, frames, "escape", showing(None), "the floor again")
        label = app.query_one("#count", Static)

        def counted(count: int) -> Callable[[], bool]:
            return lambda: str(label.content) == str(count)

        for _ in range(presses * 2):
            samples.add(KEY, await timed_press(pilot, frames, "x", counted(app.count + 1), "it"))


# -- the run ----------------------------------------------------------------------------

KINDS = ("1y", "10y", "floor")


@dataclass(frozen=True)
class Plan:
    rounds: int  # each: one full session of each kind, then the extra starts
    reps: int  # per full session: each screen opened this many times
    presses: int  # per full session: each ABC key pressed this many times
    starts: int  # per round: extra sessions of each kind that only start the app


FULL = Plan(rounds=4, reps=2, presses=3, starts=1)
QUICK = Plan(rounds=1, reps=1, presses=5, starts=0)


async def session(
    kind: str, paths: dict[str, Path], reps: int, presses: int, samples: Samples
) -> None:
    if kind == "floor":
        await session_floor(reps, presses, samples)
    else:
        await session_ours(paths[kind], reps, presses, samples)


async def measure(paths: dict[str, Path], plan: Plan) -> dict[str, Samples]:
    """A warm-up session (thrown away), then rounds of app sessions of each kind, in an
    order that rotates from round to round."""
    await session_floor(1, 1, Samples.new())
    await session_ours(paths["1y"], 1, 1, Samples.new())
    samples = {kind: Samples.new() for kind in KINDS}
    collections = FullCollections()
    gc.callbacks.append(collections)
    try:
        for round_number in range(plan.rounds):
            shift = round_number % len(KINDS)
            order = KINDS[shift:] + KINDS[:shift]
            for kind in order:
                collections.into = None
                gc.collect()  # the garbage of the previous session is not this one's
                collections.into = samples[kind].collections
                await session(kind, paths, plan.reps, plan.presses, samples[kind])
                samples[kind].sessions += 1
            collections.into = None
            for _ in range(plan.starts):
                for kind in order:
                    await session(kind, paths, 0, 0, samples[kind])
    finally:
        gc.callbacks.remove(collections)
    return samples


def medians(found: dict[str, list[float]]) -> dict[str, float]:
    return {operation: statistics.median(values) for operation, values in found.items()}


def ms(seconds: float, width: int = 8) -> str:
    return f"{seconds * 1000:{width}.1f}"


def span(figures: dict[str, float], operations: list[str]) -> str:
    values = [figures[operation] for operation in operations]
    return f"{ms(min(values), 0)}-{ms(max(values), 0)}"


def report(samples: dict[str, Samples]) -> list[Target]:
    one, ten = medians(samples["1y"].last), medians(samples["10y"].last)
    floor = medians(samples["floor"].last)
    first = medians(samples["10y"].first)
    print("  median ms from the keypress to the last frame; '1st' = first frame with the")
    print("  content on 10y; ours/floor = 10 years / the minimal app doing the same step\n")
    print(
        f"  {'operation':<30} {'1 year':>8} {'10 years':>8} {'10y/1y':>6}"
        f" {'floor':>6} {'ours/floor':>10} {'1st':>6} {'n':>3}"
    )
    for operation, floor_kind in OPERATIONS:
        a, b, f = one[operation], ten[operation], floor[floor_kind]
        n = min(len(samples["1y"].last[operation]), len(samples["10y"].last[operation]))
        print(
            f"  {operation:<30} {ms(a)} {ms(b)} {b / a:6.2f} {ms(f, 6)} {b / f:10.2f}"
            f" {ms(first[operation], 6)} {n:>3}"
        )
    for kind, label in FLOOR_LABELS.items():
        n = len(samples["floor"].last[kind])
        print(f"  {'floor: ' + label:<48} {ms(floor[kind], 6)} {'':>17} {n:>3}")
    print(
        f"\n  Header + Footer alone cost {ms(floor[CHROME], 0)} ms against"
        f" {ms(floor[OPEN], 0)} ms for the bare screen.\n"
    )

    keys = [op for op, kind in OPERATIONS if kind == KEY]
    screens = [op for op, kind in OPERATIONS if kind != KEY]
    print(
        f"  Visible pause (context, no target; under {INSTANT_MS} ms reads as instant),"
        " on 10 years:"
    )
    print("    keys:    " + ", ".join(f"{op} {ms(ten[op], 0)} ms" for op in keys))
    print(
        f"    screens: first frame with the content after {span(first, screens)} ms,"
        f" complete after {span(ten, screens)} ms"
    )
    print("    full garbage collections, paused during the timed steps (per app session):")
    for kind in KINDS:
        found = samples[kind].collections
        sessions = max(samples[kind].sessions, 1)
        summary = (
            f"median {ms(statistics.median(found), 0)} ms, longest {ms(max(found), 0)} ms"
            if found
            else "none"
        )
        print(f"      {kind:>5}: {len(found) / sessions:4.1f} per session, {summary}")
    print()
    return [
        Target(f"{operation} 10y / 1y", ten[operation] / one[operation], RATIO_LIMIT)
        for operation, _ in OPERATIONS
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_options(__doc__, argv)
    plan = QUICK if args.quick else FULL

    with tempfile.TemporaryDirectory(prefix="companion-bench-ui-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"Building the demo files ({CHILD_COUNT} children; 1 and {YEARS} school years) ...")
        started = time.perf_counter()
        paths = build_files(folder)
        print(f"  built in {time.perf_counter() - started:.1f} s")
        for label, path in paths.items():
            archives = size(path.parent / "companion.archive")
            print(f"  {label:>4}: live file {size(path):>9} B, archives {archives:>9} B")
        print(f"\nDriving the apps headless at {SIZE[0]}x{SIZE[1]}, {plan.rounds} round(s) ...")
        started = time.perf_counter()
        samples = asyncio.run(measure(paths, plan))
        print(f"  measured in {time.perf_counter() - started:.1f} s\n")

    targets = report(samples)
    return verdict(targets, 40)


if __name__ == "__main__":
    sys.exit(main())
