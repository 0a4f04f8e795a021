"""How the UI's response times grow with years of history: ratios, never absolute times.

Run:  python benchmarks/bench_ui.py [--quick] [--keep DIR] [--goals] [--json FILE]

Builds two demo data files for a class of 28 children: one holding ten school years, and
one holding the current school year of that same demo alone, so that only the history
differs. "Now" is 2026-11-25 09:30, a school day. The real app is driven headless with
`App.run_test(size=(80, 24))` and its Pilot; a minimal Textual app driven the same way
gives the floors. Each figure is the median of several repetitions (time.perf_counter),
from the keypress to the last frame the app paints in response. Apps for 1y, 10y and the
floor take turns, so that drift on the machine hits them alike. Every target is a ratio
between figures measured in this same run. Exit code 1 when a target fails.

Then sequences with the garbage collector running, on 10y and the floor: 200 ticks, and
day, moment and week switches, each press timed and every collection timed, for issue
15's goals (printed and judged, in the exit code only with --goals): the tick's p95 at
most twice the minimal app's, each switch's p95 at most twice the tick's, and no
collection over 50 ms during the tick sequence.
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
from contextlib import AsyncExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from ratios import Target, p95, parse_options, verdict
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Markdown, Static

from companion.app import create_app
from companion.clock import fixed_clock
from companion.demo import DemoData, build_demo, write_demo
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS
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
CHILD_COUNT = 28  # issue 15: the tick's goal is set for a class of 28
SEED = 20261125
SIZE = (80, 24)
TICK_KEY = "4"  # the fourth ingredient, for the highlighted child
TICK_ITEM = ABC_ITEMS[int(TICK_KEY) - 1]
FRAME_TIMEOUT = 10.0  # seconds; a frame that never comes is a bug, not a slow run
RATIO_LIMIT = 1.5
INSTANT_MS = 100  # a response under this reads as instant (Card, Moran & Newell; Nielsen)
# Issue 15's goals, for the sequences with the collector running.
GOAL_ISSUE = 15
TICK_PRESSES = 200
GOAL_RATIO = 2.0  # the tick's p95 against the floor's; each switch's against the tick's
GC_PAUSE_LIMIT_MS = 50.0
WARM_UP_PRESSES = 4  # before each sequence, untimed

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

# The sequences, timed with the collector running.
SEQ_TICK = f"tick ({TICK_KEY}), ABC"
SEQ_DAY = "day switch ([ ]), ABC"
SEQ_MOMENT = "moment switch (m), ABC"
SEQ_WEEK = "week switch ([ ]), week ledger"
SEQ_FLOOR = "floor: key updates a Static"
SEQUENCES = (SEQ_TICK, SEQ_DAY, SEQ_MOMENT, SEQ_WEEK, SEQ_FLOOR)


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


# -- what the ABC grid shows ------------------------------------------------------------


def shows_tick(grid: AbcGrid) -> bool:
    """Whether the highlighted child's cell of TICK_ITEM shows a tick: the one place that
    reads the grid's cells (adapt it here when the grid changes)."""
    child_id = grid.highlighted_child_id
    return child_id is not None and "●" in grid.get_cell(child_id, TICK_ITEM).plain


def tick_landed(grid: AbcGrid) -> Callable[[], bool]:
    """When the grid shows the highlighted cell flipped from what it shows now."""
    before = shows_tick(grid)
    return lambda: shows_tick(grid) != before


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
            raise RuntimeError(f"no frame for {what!r} within {FRAME_TIMEOUT} s") from None
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


# -- garbage collections ----------------------------------------------------------------


class Collection(NamedTuple):
    step: str  # the timed step it fell to ("" between steps)
    generation: int
    seconds: float


class Collector:
    """Times every garbage collection (a gc callback) into `into`, with the step under
    way: collector_paused names its step until the collection it left due has run."""

    def __init__(self) -> None:
        self.into: list[Collection] | None = None
        self.step = ""
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        elif self.into is not None:
            elapsed = time.perf_counter() - self._started
            self.into.append(Collection(self.step, info["generation"], elapsed))


COLLECTOR = Collector()


@contextmanager
def collector_paused(step: str) -> Iterator[None]:
    """Timed steps of the rounds run with the garbage collector paused: a full collection
    can take longer than the step itself, and falls on whichever step allocates when one
    is due, whatever that step costs. It catches up at once after the step, untimed but
    timed by COLLECTOR and filed under the step: the pause the step left due."""
    gc.disable()
    COLLECTOR.step = step
    try:
        yield
    finally:
        gc.enable()
        _CatchUp()
        COLLECTOR.step = ""


class _CatchUp:
    """Allocating one lets the collection that fell due while the collector was paused
    run now. (A list or a dict would not: they come from free lists, which skip the
    collector's count.)"""


@dataclass
class Samples:
    """Per operation, seconds until the last frame and until the first complete one; and
    every garbage collection of the app's full sessions."""

    last: dict[str, list[float]]
    first: dict[str, list[float]]
    collections: list[Collection]
    sessions: int = 0  # full sessions, which the collections were counted in

    @classmethod
    def new(cls) -> Samples:
        return cls(defaultdict(list), defaultdict(list), [])

    def add(self, operation: str, figures: tuple[float, float]) -> None:
        self.first[operation].append(figures[0])
        self.last[operation].append(figures[1])

    def longest_pause(self, operation: str) -> float | None:
        """The longest collection the step left due (None: none did)."""
        found = [c.seconds for c in self.collections if c.step == operation]
        return max(found) if found else None


async def timed_press(
    pilot: Pilot[Any],
    frames: Frames,
    key: str,
    ready: Callable[[], bool],
    what: str,
    *,
    collector_running: bool = False,
) -> tuple[float, float]:
    """From the keypress to the first frame where `ready()` holds, and to the last one."""
    frames.expect(ready)
    with nullcontext() if collector_running else collector_paused(what):
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


def showing_in(app: App[Any], kind: type[Screen[Any]]) -> Callable[[], bool]:
    return lambda: isinstance(app.screen, kind) and content_shown(app.screen)


async def started_ours(stack: AsyncExitStack, path: Path) -> tuple[App[Any], Pilot[Any], Frames]:
    """Our app started on `path`, its home screen shown; untimed."""
    app = create_app(path, None, clock=fixed_clock(NOW))
    frames = Frames(app)
    frames.expect(showing_in(app, HomeScreen))
    pilot = await stack.enter_async_context(app.run_test(size=SIZE))
    await frames.settle(pilot, "the home screen")
    return app, pilot, frames


async def session_ours(path: Path, reps: int, presses: int, samples: Samples) -> None:
    """One start of the real app; each screen `reps` times; each key `presses` times."""
    async with AsyncExitStack() as stack:
        with collector_paused(START_OP):
            started = time.perf_counter()
            app = create_app(path, None, clock=fixed_clock(NOW))
            frames = Frames(app)

            def showing(kind: type[Screen[Any]]) -> Callable[[], bool]:
                return showing_in(app, kind)

            frames.expect(showing(HomeScreen))
            pilot = await stack.enter_async_context(app.run_test(size=SIZE))
            await frames.settle(pilot, "the home screen")
        samples.add(START_OP, frames.since(started))
        if not reps and not presses:
            return

        async def back(ready: Callable[[], bool]) -> None:
            await untimed_press(pilot, frames, "escape", ready, "the screen below again")

        async def step(operation: str, key: str, ready: Callable[[], bool]) -> None:
            samples.add(operation, await timed_press(pilot, frames, key, ready, operation))

        for _ in range(reps):
            for label, key, screen_id in DESTINATIONS:

                def opened(screen_id: str = screen_id) -> bool:
                    return app.screen.id == screen_id and content_shown(app.screen)

                await step(f"open {label} ({key})", key, opened)
                await back(showing(HomeScreen))

        # A child's history from the week ledger, whose cursor is on the first child.
        await untimed_press(pilot, frames, "w", showing(LedgerScreen), "the week ledger")
        for _ in range(reps):
            await step(HISTORY_OP, "enter", showing(ChildHistoryScreen))
            await back(showing(LedgerScreen))
            page = showing(ChildPageScreen)
            await step(PAGE_OP, "p", page)
            await step(SAMEN_SPEL_OP, "l", showing(SamenSpelChildScreen))
            await back(page)
            await back(showing(LedgerScreen))
        await back(showing(HomeScreen))

        # The ABC screen: tick and untick one cell; go a school day back, and return.
        await untimed_press(pilot, frames, "a", showing(AbcScreen), "the ABC screen")
        screen = app.screen
        assert isinstance(screen, AbcScreen)
        grid = screen.query_one(AbcGrid)
        for _ in range(presses):
            await step(TICK_OP, TICK_KEY, tick_landed(grid))
        today = screen.day
        for _ in range(presses):
            await step(DAY_OP, "left_square_bracket", lambda: screen.day < today)
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


def floor_shows(app: FloorApp, kind: type[Screen[Any]] | None) -> Callable[[], bool]:
    if kind is None:
        return lambda: not isinstance(app.screen, FloorScreen) and app.screen.is_mounted
    return lambda: isinstance(app.screen, kind) and app.screen.is_mounted


def floor_bump(app: FloorApp) -> tuple[str, Callable[[], bool]]:
    """The floor's key, and when its label shows the new count."""
    label = app.query_one("#count", Static)
    count = app.count + 1
    return "x", lambda: str(label.content) == str(count)


async def session_floor(reps: int, presses: int, samples: Samples) -> None:
    """As `session_ours`; each kind of screen pushed 3 times per rep, each key pressed
    twice as often."""
    async with AsyncExitStack() as stack:
        with collector_paused(START):
            started = time.perf_counter()
            app = FloorApp()
            frames = Frames(app)
            frames.expect(floor_shows(app, None))
            pilot = await stack.enter_async_context(app.run_test(size=SIZE))
            await frames.settle(pilot, "the floor app")
        samples.add(START, frames.since(started))
        if not reps and not presses:
            return
        for _ in range(reps * 3):
            for key, name, kind in (("o", OPEN, FloorScreen), ("p", CHROME, ChromeScreen)):
                ready = floor_shows(app, kind)
                samples.add(name, await timed_press(pilot, frames, key, ready, name))
                back = floor_shows(app, None)
                await untimed_press(pilot, frames, "escape", back, "the floor again")
        for _ in range(presses * 2):
            key, ready = floor_bump(app)
            samples.add(KEY, await timed_press(pilot, frames, key, ready, KEY))


# -- sequences with the collector running -----------------------------------------------


@dataclass
class Run:
    """A sequence of presses with the collector running: seconds from each press to its
    last frame, and every collection during the timed presses and between them."""

    presses: list[float] = field(default_factory=list)
    collections: list[Collection] = field(default_factory=list)

    @property
    def longest_pause(self) -> float:
        return max((c.seconds for c in self.collections), default=0.0)


Press = Callable[[], tuple[str, Callable[[], bool]]]  # the next key, and when it landed


async def sequence(pilot: Pilot[Any], frames: Frames, run: Run, count: int, press: Press) -> None:
    """A few untimed presses, then `count` timed ones, the collector running throughout;
    the collections of the timed part go to `run`."""
    for _ in range(WARM_UP_PRESSES):
        key, ready = press()
        await untimed_press(pilot, frames, key, ready, "a warm-up press")
    if not gc.isenabled():
        raise RuntimeError("the garbage collector is off: the sequence would not see it")
    COLLECTOR.into = run.collections
    try:
        for _ in range(count):
            key, ready = press()
            figures = await timed_press(pilot, frames, key, ready, key, collector_running=True)
            run.presses.append(figures[1])
    finally:
        COLLECTOR.into = None


def there_and_back(key_back: str, key_forth: str, now: Callable[[], Any], home: Any) -> Press:
    """One step back when at `home`, else one step forth to it: every press a switch."""

    def press() -> tuple[str, Callable[[], bool]]:
        if now() == home:
            return key_back, lambda: now() < home
        return key_forth, lambda: now() == home

    return press


async def sequences_ours(path: Path, switches: int, runs: dict[str, Run]) -> None:
    """On the ABC screen: TICK_PRESSES ticks, `switches` day and moment switches; then
    `switches` week switches on the week ledger."""
    async with AsyncExitStack() as stack:
        app, pilot, frames = await started_ours(stack, path)
        await untimed_press(pilot, frames, "a", showing_in(app, AbcScreen), "the ABC screen")
        screen = app.screen
        assert isinstance(screen, AbcScreen)
        grid = screen.query_one(AbcGrid)

        def tick() -> tuple[str, Callable[[], bool]]:
            return TICK_KEY, tick_landed(grid)

        def next_moment() -> tuple[str, Callable[[], bool]]:
            after = MOMENTS[(MOMENTS.index(screen.moment) + 1) % len(MOMENTS)]
            return "m", lambda: screen.moment == after

        days = there_and_back(
            "left_square_bracket", "right_square_bracket", lambda: screen.day, screen.day
        )
        await sequence(pilot, frames, runs[SEQ_TICK], TICK_PRESSES, tick)
        await sequence(pilot, frames, runs[SEQ_DAY], switches, days)
        await sequence(pilot, frames, runs[SEQ_MOMENT], switches, next_moment)
        home = showing_in(app, HomeScreen)
        await untimed_press(pilot, frames, "escape", home, "the home screen")
        await untimed_press(pilot, frames, "w", showing_in(app, LedgerScreen), "the ledger")
        ledger = app.screen
        assert isinstance(ledger, LedgerScreen)
        weeks = there_and_back(
            "left_square_bracket", "right_square_bracket", lambda: ledger.monday, ledger.monday
        )
        await sequence(pilot, frames, runs[SEQ_WEEK], switches, weeks)


async def sequence_floor(presses: int, run: Run) -> None:
    async with AsyncExitStack() as stack:
        app = FloorApp()
        frames = Frames(app)
        frames.expect(floor_shows(app, None))
        pilot = await stack.enter_async_context(app.run_test(size=SIZE))
        await frames.settle(pilot, "the floor app")
        await sequence(pilot, frames, run, presses, lambda: floor_bump(app))


async def measure_sequences(path: Path, switches: int) -> dict[str, Run]:
    """The floor's sequence in two halves, before and after ours, so that drift on the
    machine hits both alike."""
    runs = {name: Run() for name in SEQUENCES}
    gc.collect()
    await sequence_floor(TICK_PRESSES // 2, runs[SEQ_FLOOR])
    gc.collect()
    await sequences_ours(path, switches, runs)
    gc.collect()
    await sequence_floor(TICK_PRESSES - TICK_PRESSES // 2, runs[SEQ_FLOOR])
    return runs


# -- the run ----------------------------------------------------------------------------

KINDS = ("1y", "10y", "floor")


@dataclass(frozen=True)
class Plan:
    rounds: int  # each: one full session of each kind, then the extra starts
    reps: int  # per full session: each screen opened this many times
    presses: int  # per full session: each ABC key pressed this many times
    starts: int  # per round: extra sessions of each kind that only start the app
    switches: int  # per sequence of day, moment and week switches


FULL = Plan(rounds=4, reps=2, presses=3, starts=1, switches=60)
QUICK = Plan(rounds=1, reps=1, presses=5, starts=0, switches=20)


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
    for round_number in range(plan.rounds):
        shift = round_number % len(KINDS)
        order = KINDS[shift:] + KINDS[:shift]
        for kind in order:
            COLLECTOR.into = None
            gc.collect()  # the garbage of the previous session is not this one's
            COLLECTOR.into = samples[kind].collections
            await session(kind, paths, plan.reps, plan.presses, samples[kind])
            samples[kind].sessions += 1
        COLLECTOR.into = None
        for _ in range(plan.starts):
            for kind in order:
                await session(kind, paths, 0, 0, samples[kind])
    return samples


async def measure_all(
    paths: dict[str, Path], plan: Plan
) -> tuple[dict[str, Samples], dict[str, Run]]:
    gc.callbacks.append(COLLECTOR)
    try:
        samples = await measure(paths, plan)
        runs = await measure_sequences(paths["10y"], plan.switches)
    finally:
        gc.callbacks.remove(COLLECTOR)
    return samples, runs


# -- the report -------------------------------------------------------------------------


def medians(found: dict[str, list[float]]) -> dict[str, float]:
    return {operation: statistics.median(values) for operation, values in found.items()}


def ms(seconds: float, width: int = 8) -> str:
    return f"{seconds * 1000:{width}.1f}"


def span(figures: dict[str, float], operations: list[str]) -> str:
    values = [figures[operation] for operation in operations]
    return f"{ms(min(values), 0)}-{ms(max(values), 0)}"


def report_rounds(samples: dict[str, Samples]) -> list[Target]:
    one, ten = medians(samples["1y"].last), medians(samples["10y"].last)
    floor = medians(samples["floor"].last)
    first = medians(samples["10y"].first)
    print("  median ms from the keypress to the last frame; p95 and '1st' (first frame with")
    print("  the content) on 10y; ours/floor = 10 years / the minimal app doing the same step;")
    print("  gc = the longest collection the step left due on 10y (paused during the step)\n")
    print(
        f"  {'operation':<30} {'1 year':>8} {'10 years':>8} {'p95':>6} {'10y/1y':>6}"
        f" {'floor':>6} {'ours/floor':>10} {'1st':>6} {'gc':>6} {'n':>3}"
    )
    for operation, floor_kind in OPERATIONS:
        a, b, f = one[operation], ten[operation], floor[floor_kind]
        n = min(len(samples["1y"].last[operation]), len(samples["10y"].last[operation]))
        pause = samples["10y"].longest_pause(operation)
        print(
            f"  {operation:<30} {ms(a)} {ms(b)} {ms(p95(samples['10y'].last[operation]), 6)}"
            f" {b / a:6.2f} {ms(f, 6)} {b / f:10.2f} {ms(first[operation], 6)}"
            f" {'-' if pause is None else ms(pause, 6):>6} {n:>3}"
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
        found = [c.seconds for c in samples[kind].collections if c.generation == 2]
        sessions = max(samples[kind].sessions, 1)
        summary = (
            f"median {ms(statistics.median(found), 0)} ms, longest {ms(max(found), 0)} ms"
            if found
            else "none"
        )
        print(f"      {kind:>5}: {len(found) / sessions:4.1f} per session, {summary}")
    print()
    return [
        Target(
            f"{operation} 10y / 1y",
            ten[operation] / one[operation],
            RATIO_LIMIT,
            value=ten[operation] * 1000,
            unit="ms",
            floor_name="1y",
            floor=one[operation] * 1000,
        )
        for operation, _ in OPERATIONS
    ]


def collections_summary(run: Run) -> str:
    by_generation = [sum(1 for c in run.collections if c.generation == g) for g in range(3)]
    total = sum(c.seconds for c in run.collections)
    generations = "/".join(map(str, by_generation))
    return f"{len(run.collections):>5} {generations:>11} {ms(run.longest_pause, 7)} {ms(total, 7)}"


def report_sequences(runs: dict[str, Run]) -> list[Target]:
    print(
        f"  Sequences with the collector running, on {YEARS} years ({CHILD_COUNT} children):"
        "\n  ms from each press to its last frame; the garbage collections during the"
        "\n  sequence: how many, of generation 0/1/2, the longest and their sum in ms\n"
    )
    print(
        f"  {'sequence':<32} {'n':>4} {'median':>7} {'p95':>7}   {'gc n':>5} {'0/1/2':>11}"
        f" {'longest':>7} {'sum':>7}"
    )
    for name in SEQUENCES:
        run = runs[name]
        print(
            f"  {name:<32} {len(run.presses):>4} {ms(statistics.median(run.presses), 7)}"
            f" {ms(p95(run.presses), 7)}   {collections_summary(run)}"
        )
    print()
    tick = p95(runs[SEQ_TICK].presses)

    def goal(name: str, value: float, floor_name: str, floor: float, limit: float) -> Target:
        return Target(
            name,
            value / floor,
            limit,
            value=value * 1000,
            unit="ms",
            floor_name=floor_name,
            floor=floor * 1000,
            issue=GOAL_ISSUE,
        )

    floor = p95(runs[SEQ_FLOOR].presses)
    switches = ((SEQ_DAY, "day switch"), (SEQ_MOMENT, "moment switch"), (SEQ_WEEK, "week switch"))
    return [
        goal("tick p95 / minimal app's p95", tick, "minimal app", floor, GOAL_RATIO),
        *(
            goal(f"{label} p95 / tick p95", p95(runs[name].presses), "tick", tick, GOAL_RATIO)
            for name, label in switches
        ),
        goal(
            "longest GC pause in the ticks / 50 ms",
            runs[SEQ_TICK].longest_pause,
            "the bound",
            GC_PAUSE_LIMIT_MS / 1000,
            1.0,
        ),
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
        samples, runs = asyncio.run(measure_all(paths, plan))
        print(f"  measured in {time.perf_counter() - started:.1f} s\n")

    targets = report_rounds(samples) + report_sequences(runs)
    return verdict(targets, 40)


if __name__ == "__main__":
    sys.exit(main())
