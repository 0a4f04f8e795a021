"""How the store's costs grow with years of history: ratios, never absolute times.

Run:  python benchmarks/bench_store.py [--quick] [--keep DIR]

Builds two stores for a class of 25 children with synthetic ABC of Love data on every
school day: one holding a single school year, one holding ten (closed years go to their
archive files by themselves). "Today" is 2026-11-25, inside the last school year. Each
figure is the median of several repetitions (time.perf_counter), 1y and 10y measured
alternately so that drift on the machine hits both alike. Every target is a ratio
against a floor measured in this same run. Exit code 1 when a target fails.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ratios import Target, parse_options, verdict
from tinydb import TinyDB  # the naive design: TinyDB's default JSONStorage

from companion.domain.abc import AbcDay
from companion.domain.calendar import (
    DayOff,
    SchoolCalendar,
    flemish_holidays,
    school_year_bounds,
)
from companion.domain.children import ChildDraft
from companion.domain.coverage import week_ledger
from companion.domain.dates import monday_of, week_days
from companion.domain.journal import JournalEntry, parse_query, search
from companion.domain.samen_spel import (
    SamenSpelPlan,
    SamenSpelSession,
    components_on,
    plan_weeks,
)
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS, AbcItem
from companion.store import Store
from companion.store.files import atomic_write

TODAY = date(2026, 11, 25)  # a Wednesday in school year 2026-2027
LAST_YEAR = 2026
CHILD_COUNT = 25
SEED = 20261125

FIRST_NAMES = (
    "Zoë", "Jérôme", "Anaïs", "Ilyas", "Lotte", "Wout", "Noor", "Seppe", "Fien", "Mohamed",
    "Lore", "Rayan", "Elise", "Kobe", "Amélie", "Finn", "Yasmina", "Lowie", "Hanne", "Matteo",
    "Ines", "Jules", "Marie", "Bilal", "Ella",
)  # fmt: skip
LAST_NAMES = ("D'hondt", "Van den Broeck", "Peeters", "Janssens", "El Amrani", "Çelik", "Maes")


# -- synthetic history ------------------------------------------------------------------


def days_off_of(year: int) -> list[DayOff]:
    return [
        DayOff(day, holiday.key) for holiday in flemish_holidays(year) for day in holiday.weekdays()
    ]


def school_days(year: int, until: date, calendar: SchoolCalendar) -> Iterator[date]:
    first, last = school_year_bounds(year)
    yield from calendar.school_days_between(first, min(last, until))


def history(child_ids: list[str], years: range) -> tuple[list[AbcDay], list[DayOff]]:
    """Uneven but realistic: most children get 1-4 ingredients on most school days.

    Each school year draws from its own seeded generator, so the current year holds the
    very same marks in the 1-year and the 10-year store: only the history differs.
    """
    entries: list[AbcDay] = []
    offs: list[DayOff] = []
    for year in years:
        rng = random.Random(SEED * 10_000 + year)
        year_off = days_off_of(year)
        offs.extend(year_off)
        calendar = SchoolCalendar(frozenset(off.day for off in year_off))
        for day in school_days(year, TODAY - timedelta(days=1), calendar):
            for child_id in child_ids:
                if rng.random() < 0.2:
                    continue
                marks = {moment: frozenset[AbcItem]() for moment in MOMENTS}
                for _ in range(rng.randint(1, 4)):
                    moment = rng.choice(MOMENTS)
                    marks[moment] = marks[moment] | {rng.choice(ABC_ITEMS)}
                entries.append(AbcDay(child_id, day, marks))
    return entries, offs


def samen_spel_history(
    child_id: str, years: range
) -> tuple[list[SamenSpelPlan], list[SamenSpelSession]]:
    """One target child a school year: a plan from the first Monday of October, two
    sessions in each of its school weeks up to yesterday."""
    plans: list[SamenSpelPlan] = []
    sessions: list[SamenSpelSession] = []
    for year in years:
        calendar = SchoolCalendar(frozenset(off.day for off in days_off_of(year)))
        start = monday_of(date(year, 10, 7))
        plan = SamenSpelPlan(f"plan-{year}", child_id, "Andy leidt, ik volg", start)
        plans.append(plan)
        for week in plan_weeks(plan, calendar):
            for day in week.school_days[1:4:2]:
                if day < TODAY:
                    sessions.append(
                        SamenSpelSession(
                            f"{plan.id}-{day.isoformat()}",
                            plan.id,
                            child_id,
                            day,
                            15,
                            frozenset(components_on(plan, [week], day)),
                            frozenset({"observe", "imitate", "describe"}),
                        )
                    )
    return plans, sessions


JOURNAL_WORDS = (
    "kring", "onthaal", "afscheid", "speeltijd", "rusthoek", "moe", "boos", "blij", "stil",
    "huilde", "lachte", "bouwhoek", "verhaal", "ouders", "mama", "papa", "baby", "ruzie",
    "samen", "spel", "rustig", "onrustig", "vandaag", "morgen", "turnen", "zingen", "tekenen",
    "knutselen", "buiten", "regen", "zon", "honger", "slaap", "vriendje", "alleen", "groep",
)  # fmt: skip
JOURNAL_TAGS = ("verbinding", "kring", "rust", "zelfzorg", "ouders", "samenspel", "herkaderen")


def journal_history(child_ids: list[str], years: range) -> list[JournalEntry]:
    """About one entry a school day, 20 to 80 words, a tag or two, a child now and then;
    each year from its own seeded generator (the current year alike in 1y and 10y)."""
    entries: list[JournalEntry] = []
    for year in years:
        rng = random.Random(SEED * 20_000 + year)
        calendar = SchoolCalendar(frozenset(off.day for off in days_off_of(year)))
        for day in school_days(year, TODAY - timedelta(days=1), calendar):
            words = rng.choices(JOURNAL_WORDS, k=rng.randint(20, 80))
            tags = [f"@{tag}" for tag in rng.sample(JOURNAL_TAGS, rng.randint(0, 2))]
            linked = frozenset(rng.sample(child_ids, rng.randint(0, 2)))
            at = datetime.combine(day, datetime.min.time()).replace(hour=16)
            text = " ".join([*words, *tags]) + f" ({year})"
            entries.append(
                JournalEntry(f"e{day.isoformat()}", "reflection", at, words[0], text, linked)
            )
    return entries


def build_store(folder: Path, years: int) -> tuple[Path, int]:
    path = folder / f"{years}y" / "companion.json"
    drafts = [
        ChildDraft(FIRST_NAMES[n], LAST_NAMES[n % len(LAST_NAMES)]) for n in range(CHILD_COUNT)
    ]
    with Store.open(path, today=TODAY) as store:
        children = store.children.add_many(drafts, added_on=date(LAST_YEAR - years + 1, 9, 1))
        entries, offs = history([c.id for c in children], range(LAST_YEAR - years + 1, 2027))
        count = store.school_years.load_history(entries, offs)
        plans, sessions = samen_spel_history(children[0].id, range(LAST_YEAR - years + 1, 2027))
        store.school_years.load(
            {
                store.samen_spel_plans.name: {(p.id, p.start): p for p in plans},
                store.samen_spel_sessions.name: {(s.id, s.day): s for s in sessions},
            }
        )
        journal = journal_history([c.id for c in children], range(LAST_YEAR - years + 1, 2027))
        store.school_years.load({store.journal_entries.name: {(e.id, e.day): e for e in journal}})
    return path, count


def build_naive(folder: Path, years_path: Path) -> tuple[Path, int]:
    """All ten years in one TinyDB table with the default JSONStorage (the naive design)."""
    path = folder / "naive.json"
    documents: list[dict[str, Any]] = []
    with Store.open(years_path, today=TODAY, backup=False) as store:
        child_ids = [c.id for c in store.children.all(include_archived=True)]
        for year in sorted(store.school_years.all()):
            for entry in store.abc.of_year(year):
                document: dict[str, Any] = {"child": entry.child_id, "date": entry.day.isoformat()}
                for moment in MOMENTS:
                    document[moment] = sorted(entry.items_at(moment))
                documents.append(document)
    with TinyDB(path) as db:
        db.table("children").insert_multiple({"id": child_id} for child_id in child_ids)
        db.table("abc").insert_multiple(documents)
    return path, len(documents)


# -- measuring --------------------------------------------------------------------------


def timed(action: Callable[[], object], batch: int = 1) -> float:
    started = time.perf_counter()
    for _ in range(batch):
        action()
    return (time.perf_counter() - started) / batch


def alternate(
    first: Callable[[], object], second: Callable[[], object], repeats: int, batch: int = 1
) -> tuple[float, float]:
    """Median seconds of each, measured ABAB... after one warm-up each."""
    first()
    second()
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeats):
        a.append(timed(first, batch))
        b.append(timed(second, batch))
    return statistics.median(a), statistics.median(b)


def toggler(store: Store, rng: random.Random) -> Callable[[], object]:
    """One toggle of a random cell in the current week: an insert, update or removal."""
    child_ids = [c.id for c in store.children.all()]
    days = [day for day in week_days(monday_of(TODAY)) if day <= TODAY]

    def toggle() -> object:
        return store.abc.save(
            store.abc.day(rng.choice(child_ids), rng.choice(days)).toggled(
                rng.choice(MOMENTS), rng.choice(ABC_ITEMS)
            )
        )

    return toggle


def session_logger(store: Store, rng: random.Random) -> Callable[[], object]:
    """One Samen-Spel session logged (checked against its plan), saved durably."""
    child_id = store.children.all()[0].id
    plan = store.samen_spel.active_plan(child_id)
    assert plan is not None
    days = list(store.days_off.calendar().school_days_between(plan.start, TODAY))

    def log() -> object:
        session = SamenSpelSession(
            "",
            plan.id,
            child_id,
            rng.choice(days),
            rng.choice((10, 15)),
            frozenset({"relationship_play"}),
            frozenset({"observe", "name_feelings"}),
        )
        return store.samen_spel.log(session)

    return log


QUERIES = ("kring @rust", "zoë boos -ruzie", '"samen spel" @verbinding', "onrustig NOT buiten")


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


def opener(path: Path) -> Callable[[], object]:
    def open_and_close() -> object:
        Store.open(path, today=TODAY).close()
        return None

    return open_and_close


def naive_updater(path: Path, rng: random.Random) -> tuple[TinyDB, Callable[[], object]]:
    db = TinyDB(path)
    table = db.table("abc")
    current = [doc.doc_id for doc in table.all() if doc["date"] >= f"{LAST_YEAR}-09-01"]

    def update() -> object:
        return table.update({"day": [rng.choice(ABC_ITEMS)]}, doc_ids=[rng.choice(current)])

    return db, update


def size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else 0


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.3f} ms"


def main(argv: list[str] | None = None) -> int:
    args = parse_options(__doc__, argv)
    scale = 1 if args.quick else 3

    with tempfile.TemporaryDirectory(prefix="companion-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print("Building the stores (25 children, synthetic ABC on every school day) ...")
        started = time.perf_counter()
        one_path, one_count = build_store(folder, 1)
        ten_path, ten_count = build_store(folder, 10)
        naive_path, naive_count = build_naive(folder, ten_path)
        print(f"  built in {time.perf_counter() - started:.1f} s\n")

        print(f"  {'':<28} {'ABC days':>9} {'live file':>11} {'archives':>11}")
        for label, path, count in (
            ("ours, 1 school year", one_path, one_count),
            ("ours, 10 school years", ten_path, ten_count),
        ):
            archives = size(path.parent / "companion.archive")
            print(f"  {label:<28} {count:>9} {size(path):>9} B {archives:>9} B")
        naive_label = "naive TinyDB, 10 years"
        print(f"  {naive_label:<28} {naive_count:>9} {size(naive_path):>9} B {'-':>11}")
        print()

        one = Store.open(one_path, today=TODAY, backup=False)
        ten = Store.open(ten_path, today=TODAY, backup=False)
        try:
            toggle_1, toggle_10 = alternate(
                toggler(one, random.Random(1)), toggler(ten, random.Random(1)), 20 * scale
            )
            session_1, session_10 = alternate(
                session_logger(one, random.Random(3)),
                session_logger(ten, random.Random(3)),
                20 * scale,
            )
            search_1, search_10 = alternate(
                journal_searcher(one), journal_searcher(ten), 15 * scale, batch=5
            )
            entries_1, entries_10 = len(one.journal.everything()), len(ten.journal.everything())
            scan_10 = statistics.median(timed(journal_scanner(ten)) for _ in range(3 * scale))
            ledger_1, ledger_10 = alternate(
                ledger_builder(one), ledger_builder(ten), 15 * scale, batch=20
            )
            payload = ten_path.read_bytes()
            floor_file = ten_path.with_name("floor.json")
            write_floor = statistics.median(
                timed(lambda: atomic_write(floor_file, payload)) for _ in range(10 * scale)
            )
        finally:
            one.close()
            ten.close()
        open_1, open_10 = alternate(opener(one_path), opener(ten_path), 7 * scale)

        naive_db, naive_update = naive_updater(naive_path, random.Random(2))
        try:
            naive_update()  # warm-up
            naive = statistics.median(timed(naive_update) for _ in range(3 + 2 * scale))
        finally:
            naive_db.close()

    print(f"  {'median of':<34} {'1 year':>12} {'10 years':>12}")
    print(f"  {'abc toggle + save (one save)':<34} {ms(toggle_1)} {ms(toggle_10)}")
    print(f"  {'Samen-Spel session logged + save':<34} {ms(session_1)} {ms(session_10)}")
    print(f"  {'week ledger (abc.days + ledger)':<34} {ms(ledger_1)} {ms(ledger_10)}")
    print(f"  {'journal search, 4 queries':<34} {ms(search_1)} {ms(search_10)}")
    print(f"  {'  (journal entries searched)':<34} {entries_1:>12} {entries_10:>12}")
    print(f"  {'journal search without the index':<34} {'':>12} {ms(scan_10)}")
    print(f"  {'Store.open + close':<34} {ms(open_1)} {ms(open_10)}")
    print(f"  {'naive TinyDB update, all years':<34} {'':>12} {ms(naive)}")
    print(f"  {'floor: atomic_write of live file':<34} {'':>12} {ms(write_floor)}")
    print()
    print(f"  toggle on 10y vs the bare atomic write it needs: {toggle_10 / write_floor:.2f}x")
    print()

    targets = [
        Target("toggle save 10y / 1y", toggle_10 / toggle_1, 1.5, at_most=True),
        Target("naive TinyDB update / our toggle", naive / toggle_10, 20, at_most=False),
        Target("session save 10y / 1y", session_10 / session_1, 1.5, at_most=True),
        Target("week ledger 10y / 1y", ledger_10 / ledger_1, 1.2, at_most=True),
        # 10y holds nine whole school years more than 1y (to 25 November): ~30x the entries.
        # The index keeps the search's growth at most half the entries' growth.
        Target(
            "search growth / entries growth",
            (search_10 / search_1) / (entries_10 / entries_1),
            0.5,
            at_most=True,
        ),
        Target("journal scan / indexed search", scan_10 / search_10, 5, at_most=False),
        Target("open 10y / 1y", open_10 / open_1, 1.5, at_most=True),
    ]
    return verdict(targets, 34)


if __name__ == "__main__":
    sys.exit(main())
