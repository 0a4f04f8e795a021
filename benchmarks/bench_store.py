"""How the store's costs grow with years of history: ratios, never absolute times.

Run:  python benchmarks/bench_store.py [--quick] [--keep DIR] [--goals] [--json FILE]

Builds the demo's ten school years for a class of 25 (`build_demo` with its past classes,
written with `write_demo`: closed years go to their archive files by themselves), and
the current school year of that same demo alone, so that only the history differs.
"Today" is 2026-11-25, inside the last school year. Each figure is the median of several
repetitions (time.perf_counter), the figures compared measured alternately so that drift
on the machine hits them alike. Every target is a ratio against a floor measured in this
same run; exit code 1 when a target fails.

Beside them: the naive design (all years in one file, TinyDB's default JSONStorage) and
two fair floors of that design (TinyDB's CachingMiddleware; our own storage), and issue
15's goal, a save and an open in late June against December with a class of 40 (printed
and judged, in the exit code only with --goals). Every "open" is `Store.open`, what the
Today screen reads from the store, and `close` (see `opener`).
"""

from __future__ import annotations

import gc
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from ratios import Target, parse_options, verdict
from tinydb import TinyDB  # the naive design: TinyDB's default JSONStorage
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import JSONStorage

from companion.demo import DemoData, DemoSummary, build_demo, write_demo
from companion.domain.coverage import RANKING_DAYS, in_start_of_year, week_ledger, window_days
from companion.domain.dates import monday_of, week_days
from companion.domain.journal import parse_query, search
from companion.domain.samen_spel import SamenSpelSession
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS
from companion.store import Store
from companion.store.codec import decode_trusted
from companion.store.files import atomic_write
from companion.store.storage import AtomicJSONStorage

TODAY = date(2026, 11, 25)  # a Wednesday in school year 2026-2027
YEARS = 10
CHILD_COUNT = 25
SEED = 20261125
# Issue 15: a class of 40 on a school day in late June against one in December of the
# same school year. One school year: earlier classes would add the same to both.
BIG_CLASS = 40
DECEMBER = date(2026, 12, 9)
LATE_JUNE = date(2027, 6, 23)
GOAL_ISSUE = 15
# One update with all years in one file, even with TinyDB's cache or our own storage,
# costs at least this many of our saves (the live file holds the current year only).
FAIR_LIMIT = 5


# -- the data ---------------------------------------------------------------------------


class Built(NamedTuple):
    path: Path
    summary: DemoSummary
    today: date


def history_demos() -> dict[str, DemoData]:
    """The 10-year demo, and its current school year alone as the 1-year demo: the class,
    the marks and the days off of this year are the same in both."""
    ten = build_demo(TODAY, years=YEARS, children=CHILD_COUNT, seed=SEED)
    return {"1y": DemoData(ten.today, ten.years[-1:]), "10y": ten}


def one_year_demo() -> DemoData:
    return history_demos()["1y"]


def class_of_40_on(day: date) -> DemoData:
    """A one-year demo of BIG_CLASS on `day`, or on the school day before it when `day`
    is off in the demo's calendar."""
    while True:
        data = build_demo(day, years=1, children=BIG_CLASS, seed=SEED)
        days_off = {off.day for off in data.current.days_off}
        if day.weekday() < 5 and day not in days_off:
            return data
        day -= timedelta(days=1)


def build_store(folder: Path, data: DemoData) -> Built:
    path = folder / "companion.json"
    with Store.open(path, today=data.today, backup=False) as store:
        return Built(path, write_demo(store, data), data.today)


def build_naive(folder: Path, years_path: Path) -> tuple[Path, int]:
    """All ten years of ABC in one TinyDB table with the default JSONStorage (the naive
    design)."""
    path = folder / "naive.json"
    documents: list[dict[str, Any]] = []
    with Store.open(years_path, today=TODAY, backup=False) as store:
        for year in sorted(store.school_years.all()):
            for entry in store.abc.of_year(year):
                document: dict[str, Any] = {"child": entry.child_id, "date": entry.day.isoformat()}
                for moment in MOMENTS:
                    document[moment] = sorted(entry.items_at(moment))
                documents.append(document)
    child_ids = sorted({document["child"] for document in documents})
    with TinyDB(path) as db:
        db.table("children").insert_multiple({"id": child_id} for child_id in child_ids)
        db.table("abc").insert_multiple(documents)
    return path, len(documents)


# -- measuring --------------------------------------------------------------------------


def timed(
    action: Callable[[], object], batch: int = 1, clock: Callable[[], float] = time.perf_counter
) -> float:
    """Seconds per call of `action`, its own garbage collections included: the garbage
    of whatever ran before (say, the other store's open) is collected first, untimed.
    `clock`: wall time, or `time.process_time` for work that is CPU alone (a search in
    memory), which a busy machine then cannot stretch more for the longer of two."""
    gc.collect()
    started = clock()
    for _ in range(batch):
        action()
    return (clock() - started) / batch


def rotate(
    actions: Sequence[Callable[[], object]],
    repeats: int,
    batch: int = 1,
    clock: Callable[[], float] = time.perf_counter,
) -> list[float]:
    """Median seconds of each, measured in turn (ABCABC...) after one warm-up each."""
    for action in actions:
        action()
    found: list[list[float]] = [[] for _ in actions]
    for _ in range(repeats):
        for action, figures in zip(actions, found, strict=True):
            figures.append(timed(action, batch, clock))
    return [statistics.median(figures) for figures in found]


def alternate(
    first: Callable[[], object],
    second: Callable[[], object],
    repeats: int,
    batch: int = 1,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, float]:
    """Median seconds of each, measured ABAB... after one warm-up each."""
    a, b = rotate((first, second), repeats, batch, clock)
    return a, b


def toggler(store: Store, rng: random.Random, today: date = TODAY) -> Callable[[], object]:
    """One toggle of a random cell in the current week: an insert, update or removal."""
    child_ids = [c.id for c in store.children.all()]
    days = [day for day in week_days(monday_of(today)) if day <= today]

    def toggle() -> object:
        return store.abc.save(
            store.abc.day(rng.choice(child_ids), rng.choice(days)).toggled(
                rng.choice(MOMENTS), rng.choice(ABC_ITEMS)
            )
        )

    return toggle


def session_logger(store: Store, rng: random.Random) -> Callable[[], object]:
    """One Samen-Spel session logged (checked against its plan), saved durably."""
    plans = (store.samen_spel.active_plan(child.id) for child in store.children.all())
    plan = next(plan for plan in plans if plan is not None)
    days = list(store.days_off.calendar().school_days_between(plan.start, TODAY))

    def log() -> object:
        session = SamenSpelSession(
            "",
            plan.id,
            plan.child_id,
            rng.choice(days),
            rng.choice((10, 15)),
            frozenset({"relationship_play"}),
            frozenset({"observe", "name_feelings"}),
        )
        return store.samen_spel.log(session)

    return log


# Words, a negated tag, a phrase with a tag, a NOT: as she types them (the demo's texts).
QUERIES = ("kring @rust", "moe -@ouders", '"voor het eerst" @verbinding', "zelf NOT rusthoek")


def journal_searcher(store: Store) -> Callable[[], object]:
    """A search as the timeline asks it while she types: the newest 100 that match, in
    every school year (the index built by a first search)."""
    queries = [parse_query(text) for text in QUERIES]
    store.journal.search(queries[0])

    def find() -> object:
        return [store.journal.search(query, limit=100) for query in queries]

    return find


def journal_scanner(store: Store) -> Callable[[], object]:
    """The same searches without the index: every entry folded and read each time."""
    queries = [parse_query(text) for text in QUERIES]
    entries = store.journal.everything()
    names = {c.id: c.full_name for c in store.children.all(include_archived=True)}

    def scan() -> object:
        return [search(entries, query, names)[:100] for query in queries]

    return scan


def ledger_builder(store: Store) -> Callable[[], object]:
    days = week_days(monday_of(TODAY))

    def build() -> object:
        lookup = store.abc.days(days)
        return week_ledger(store.children.all(), lookup, store.days_off.calendar(), TODAY)

    return build


def first_screen(store: Store) -> None:
    """What Today asks the store as the app opens on it (screens/home.py: refresh_data and
    the texts it shows): the class, the calendar, the ABC days of the ranking window and
    today, the year's Samen-Spel plans (and sessions), the clock's doubt, the days off,
    what waits in the rest corner and in Self-Reg, and her own check-in of today."""
    today = store.today
    store.children.all()
    calendar = store.days_off.calendar()
    store.abc.days([*window_days(calendar, today, RANKING_DAYS), today])
    if store.samen_spel.plans_of_year():
        store.samen_spel.sessions.of_year(store.current_year)
    store.school_years.clock_doubt()
    store.days_off.of_year()
    store.rest_corner.waiting()
    store.self_reg.unfinished()
    store.self_reg.follow_ups_due()
    store.teacher_check_in.on()
    if in_start_of_year(today):
        store.abc.of_year(store.current_year)


def opener(path: Path, today: date = TODAY) -> Callable[[], object]:
    """`Store.open`, what Today reads (`first_screen`), `close`. The store makes each
    index when it is first read (store/lazy.py), so an open alone would leave part of
    its work to the first screen: timed together, nothing of it is out of sight."""

    def open_and_close() -> object:
        with Store.open(path, today=today) as store:
            first_screen(store)
        return None

    return open_and_close


def tinydb_updater(
    db: TinyDB, rng: random.Random, flush: Callable[[], None] | None = None
) -> Callable[[], object]:
    """One ABC document of this school year updated; `flush`: the CachingMiddleware's
    cache written at once, so that each update is on disk (fsynced) as our save is."""
    table = db.table("abc")
    current = [doc.doc_id for doc in table.all() if doc["date"] >= f"{TODAY.year}-09-01"]

    def update() -> object:
        table.update({"day": [rng.choice(ABC_ITEMS)]}, doc_ids=[rng.choice(current)])
        if flush is not None:
            flush()
        return None

    return update


class SingleFile(NamedTuple):
    """The three single-file designs: median seconds of one update each."""

    naive: float  # TinyDB's default JSONStorage: reads and parses the file every time
    cached: float  # TinyDB's CachingMiddleware(JSONStorage), flushed after each update
    ours: float  # our AtomicJSONStorage: reads from memory, writes atomically


def measure_single_file(naive_path: Path, repeats: int) -> SingleFile:
    """An update of one document with all ten years in one file, three ways, each on
    its own copy of the naive file, measured in turn."""
    cached_path = shutil.copy(naive_path, naive_path.with_name("cached.json"))
    ours_path = shutil.copy(naive_path, naive_path.with_name("ours-one-file.json"))
    naive_db = TinyDB(naive_path)
    cache = CachingMiddleware(JSONStorage)  # type: ignore[no-untyped-call]
    cached_db = TinyDB(cached_path, storage=cache)

    def flush() -> None:
        cache.flush()  # type: ignore[no-untyped-call]

    initial = decode_trusted(Path(ours_path).read_bytes())
    ours_db = TinyDB(Path(ours_path), initial, storage=AtomicJSONStorage)
    try:
        naive, cached, ours = rotate(
            (
                tinydb_updater(naive_db, random.Random(2)),
                tinydb_updater(cached_db, random.Random(2), flush),
                tinydb_updater(ours_db, random.Random(2)),
            ),
            repeats,
        )
    finally:
        for db in (naive_db, cached_db, ours_db):
            db.close()
    return SingleFile(naive, cached, ours)


def size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else 0


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.3f} ms"


# -- the run ----------------------------------------------------------------------------


class History(NamedTuple):
    """Median seconds on the 1-year and the 10-year store."""

    toggle: tuple[float, float]
    session: tuple[float, float]
    search: tuple[float, float]
    entries: tuple[int, int]
    scan_10: float
    ledger: tuple[float, float]
    write_floor: float
    open: tuple[float, float]


def measure_history(one_path: Path, ten_path: Path, scale: int) -> History:
    one = Store.open(one_path, today=TODAY, backup=False)
    ten = Store.open(ten_path, today=TODAY, backup=False)
    try:
        toggle = alternate(
            toggler(one, random.Random(1)), toggler(ten, random.Random(1)), 20 * scale
        )
        session = alternate(
            session_logger(one, random.Random(3)), session_logger(ten, random.Random(3)), 20 * scale
        )
        # Searches are CPU alone, in memory: timed in CPU time, since on a busy machine the
        # ten-year batch (about 25 ms) is preempted where the one-year one (2 ms) is not.
        search_ = alternate(
            journal_searcher(one), journal_searcher(ten), 45, batch=5, clock=time.process_time
        )
        entries = len(one.journal.everything()), len(ten.journal.everything())
        scan = journal_scanner(ten)
        scan_10 = statistics.median(timed(scan, clock=time.process_time) for _ in range(3 * scale))
        ledger = alternate(ledger_builder(one), ledger_builder(ten), 15 * scale, batch=20)
        payload = ten_path.read_bytes()
        floor_file = ten_path.with_name("floor.json")
        write_floor = statistics.median(
            timed(lambda: atomic_write(floor_file, payload)) for _ in range(10 * scale)
        )
    finally:
        one.close()
        ten.close()
    open_ = alternate(opener(one_path), opener(ten_path), 7 * scale)
    return History(toggle, session, search_, entries, scan_10, ledger, write_floor, open_)


class Season(NamedTuple):
    """Median seconds in December and in late June (a class of 40)."""

    save: tuple[float, float]
    open: tuple[float, float]


def measure_season(december: Built, june: Built, scale: int) -> Season:
    dec_store = Store.open(december.path, today=december.today, backup=False)
    june_store = Store.open(june.path, today=june.today, backup=False)
    try:
        save = alternate(
            toggler(dec_store, random.Random(4), december.today),
            toggler(june_store, random.Random(4), june.today),
            20 * scale,
        )
    finally:
        dec_store.close()
        june_store.close()
    open_ = alternate(
        opener(december.path, december.today), opener(june.path, june.today), 7 * scale
    )
    return Season(save, open_)


def build_all(folder: Path) -> tuple[dict[str, Built], tuple[Path, int]]:
    demos = history_demos()
    demos["december"] = class_of_40_on(DECEMBER)
    demos["june"] = class_of_40_on(LATE_JUNE)
    built = {label: build_store(folder / label, data) for label, data in demos.items()}
    return built, build_naive(folder, built["10y"].path)


def print_sizes(built: dict[str, Built], naive: tuple[Path, int]) -> None:
    print(f"  {'':<34} {'children':>8} {'ABC days':>9} {'live file':>11} {'archives':>11}")
    labels = {
        "1y": "ours, 1 school year",
        "10y": f"ours, {YEARS} school years",
        "december": f"class of {BIG_CLASS}, {built['december'].today}",
        "june": f"class of {BIG_CLASS}, {built['june'].today}",
    }
    for label, (path, summary, _) in built.items():
        archives = size(path.parent / "companion.archive")
        print(
            f"  {labels[label]:<34} {summary.children:>8} {summary.abc_days:>9}"
            f" {size(path):>9} B {archives:>9} B"
        )
    naive_path, naive_count = naive
    naive_label = f"naive TinyDB, {YEARS} years of ABC"
    print(f"  {naive_label:<34} {'':>8} {naive_count:>9} {size(naive_path):>9} B {'-':>11}")
    print()


def print_figures(history: History, single: SingleFile, season: Season) -> None:
    toggle_10, (open_1, open_10) = history.toggle[1], history.open
    print(f"  {'median of':<40} {'1 year':>12} {'10 years':>12}")
    for label, (one, ten) in (
        ("abc toggle + save (one save)", history.toggle),
        ("Samen-Spel session logged + save", history.session),
        ("week ledger (abc.days + ledger)", history.ledger),
        ("journal search, 4 queries", history.search),
    ):
        print(f"  {label:<40} {ms(one)} {ms(ten)}")
    entries_1, entries_10 = history.entries
    print(f"  {'  (journal entries searched)':<40} {entries_1:>12} {entries_10:>12}")
    print(f"  {'journal search without the index':<40} {'':>12} {ms(history.scan_10)}")
    print(f"  {'Store.open + Today + close':<40} {ms(open_1)} {ms(open_10)}")
    print(f"  {'floor: atomic_write of live file':<40} {'':>12} {ms(history.write_floor)}")
    print(f"\n  One update, all {YEARS} years of ABC in one file (against our toggle on 10y):")
    for label, seconds in (
        ("naive: TinyDB, default JSONStorage", single.naive),
        ("TinyDB + CachingMiddleware, flushed", single.cached),
        ("our AtomicJSONStorage, one file", single.ours),
    ):
        print(f"  {label:<40} {'':>12} {ms(seconds)}   {seconds / toggle_10:6.1f}x")
    print(f"\n  A class of {BIG_CLASS}, one school year: {'December':>12} {'late June':>12}")
    print(f"  {'abc toggle + save (one save)':<40} {ms(season.save[0])} {ms(season.save[1])}")
    print(f"  {'Store.open + Today + close':<40} {ms(season.open[0])} {ms(season.open[1])}")
    floor_ratio = toggle_10 / history.write_floor
    print(f"\n  toggle on 10y vs the bare atomic write it needs: {floor_ratio:.2f}x")
    print()


def targets_of(history: History, single: SingleFile, season: Season) -> list[Target]:
    toggle_10 = history.toggle[1]
    search_1, search_10 = history.search
    entries_1, entries_10 = history.entries

    def growth(name: str, pair: tuple[float, float], limit: float) -> Target:
        one, ten = pair
        return Target(
            name, ten / one, limit, value=ten * 1000, unit="ms", floor_name="1y", floor=one * 1000
        )

    def against_toggle(name: str, seconds: float, limit: float) -> Target:
        return Target(
            name,
            seconds / toggle_10,
            limit,
            at_most=False,
            value=seconds * 1000,
            unit="ms",
            floor_name="our toggle, 10y",
            floor=toggle_10 * 1000,
        )

    def season_goal(name: str, pair: tuple[float, float]) -> Target:
        december, june = pair
        return Target(
            name,
            june / december,
            1.5,
            value=june * 1000,
            unit="ms",
            floor_name="December",
            floor=december * 1000,
            issue=GOAL_ISSUE,
        )

    return [
        growth("toggle save 10y / 1y", history.toggle, 1.5),
        against_toggle("naive TinyDB update / our toggle", single.naive, 20),
        against_toggle("TinyDB cached+flushed / our toggle", single.cached, FAIR_LIMIT),
        against_toggle("ours in one file / our toggle", single.ours, FAIR_LIMIT),
        growth("session save 10y / 1y", history.session, 1.5),
        growth("week ledger 10y / 1y", history.ledger, 1.2),
        # 10y holds nine whole school years more than 1y (to 25 November): ~30x the
        # entries. The index keeps the search's growth at most half the entries' growth.
        Target(
            "search growth / entries growth",
            (search_10 / search_1) / (entries_10 / entries_1),
            0.5,
        ),
        Target(
            "journal scan / indexed search",
            history.scan_10 / search_10,
            5,
            at_most=False,
            value=history.scan_10 * 1000,
            unit="ms",
            floor_name="indexed",
            floor=search_10 * 1000,
        ),
        growth("open 10y / 1y", history.open, 1.5),
        season_goal(f"save late June / December ({BIG_CLASS})", season.save),
        season_goal(f"open late June / December ({BIG_CLASS})", season.open),
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_options(__doc__, argv)
    scale = 1 if args.quick else 3

    with tempfile.TemporaryDirectory(prefix="companion-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(
            f"Building the demo stores ({CHILD_COUNT} children, 1 and {YEARS} school years;"
            f" a class of {BIG_CLASS}) ..."
        )
        started = time.perf_counter()
        built, naive = build_all(folder)
        print(f"  built in {time.perf_counter() - started:.1f} s\n")
        print_sizes(built, naive)
        # As the app does after its start: what lives on is out of the collector's sight,
        # so that collecting before each repetition costs little.
        gc.collect()
        gc.freeze()
        history = measure_history(built["1y"].path, built["10y"].path, scale)
        single = measure_single_file(naive[0], 2 + scale)
        season = measure_season(built["december"], built["june"], scale)

    print_figures(history, single, season)
    return verdict(targets_of(history, single, season), 40)


if __name__ == "__main__":
    sys.exit(main())
