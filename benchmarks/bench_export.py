"""Exporting ten school years against a plain script that writes the same JSON (issue 15).

Run:  python benchmarks/bench_export.py [--quick] [--keep DIR] [--goals] [--json FILE]

Builds the demo of ten school years for a class of 40 children (`build_demo`, written with
`write_demo`: nine closed years in their archives), "today" 2026-12-07. Then measures
`companion export --out FILE` against floors measured in the same run, taking turns so
that drift on the machine hits them alike:

- the plain scripts (FLOOR_SCRIPT below, run as a file of their own): read the live file
  and every archive, build the same document and write it with an fsync, trusting the
  files as they are (no checks, no lock, no temp file). "msgspec" reads and writes with
  msgspec, the fastest plain way and the floor the goals are judged against; "json"
  reads with the standard library's json and writes with msgspec; "json only" does both
  with json (its indented writing is pure Python, so it is printed, never judged).
  Before anything is timed, each floor's file must equal ours byte for byte (the time
  of export aside): a floor that writes something else would measure nothing.
- the whole process, from outside: `companion export` and `python floor.py`,
  each started, run and waited for (wall time), and its peak resident memory (ru_maxrss
  from wait4). The bytecode is compiled first (a warm-up run, PYTHONPYCACHEPREFIX in the
  folder), as in an installed copy.
- in process: the command's function (`companion.cli.main`, which opens the store, reads
  every archive and writes the file) against the plain script's function, alternately
  in this process (this process leaves the garbage collector on; the command pauses it
  while it exports, see cli/export.py).

Memory: a process's peak RSS includes the interpreter and every module it imported, the
same for an export of 40 children or none. So two figures are judged against the size of
the file written: the peak RSS above that of the same command exporting an empty data
file (measured the same way: the memory the data takes), and the whole peak RSS. The
plain script's are printed beside them, and a tracemalloc peak (Python's allocations
during one in-process export) of both.

Goals of issue 15 (printed and judged; in the exit code only with --goals): the export
at most 1.3 times the plain script, whole process and in process (the median of each
round's ratio, ours and the floor run side by side); the memory at most twice the file's
size.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ratios import Target, parse_options, verdict

from companion.cli import main as companion_main
from companion.demo import build_demo, write_demo
from companion.store import Store

TODAY = date(2026, 12, 7)
NOW = "2026-12-07T10:00"  # COMPANION_TODAY: a school day
YEARS = 10
CHILD_COUNT = 40
SEED = 7
ISSUE = 15
MiB = 1 << 20


@dataclass(frozen=True)
class Plan:
    process_rounds: int
    process_rounds_json_only: int
    inprocess_rounds: int


FULL = Plan(process_rounds=11, process_rounds_json_only=3, inprocess_rounds=7)
QUICK = Plan(process_rounds=3, process_rounds_json_only=1, inprocess_rounds=2)

# The plain script: what someone would write to get the same file, given the format.
FLOOR_SCRIPT = '''\
"""Read the live file and its archives, build the export, write it with an fsync."""
import datetime, json, os, sys
from pathlib import Path

KINDS = ("abc", "days_off", "samen_spel_plans", "samen_spel_sessions", "check_ins",
         "strategy_uses", "journal_entries", "analyses", "teacher_check_ins")
DAY_FIELD = {"samen_spel_plans": "start"}
MOMENTS = ("welcome", "day", "goodbye")


def school_year(day):
    return int(day[:4]) - (int(day[5:7]) < 7)


def export(data, out, way):
    if way == "msgspec":
        import msgspec
        load, dump = msgspec.json.decode, lambda doc: msgspec.json.format(
            msgspec.json.encode(doc), indent=2)
    elif way == "json":
        import msgspec
        load, dump = json.loads, lambda doc: msgspec.json.format(
            msgspec.json.encode(doc), indent=2)
    else:
        load = json.loads
        dump = lambda doc: json.dumps(doc, indent=2, ensure_ascii=False).encode()
    live = load(Path(data).read_bytes())
    folder = Path(data).with_name(Path(data).stem + ".archive")
    archives = {int(f.name[:4]): load(f.read_bytes()) for f in sorted(folder.glob("*.json"))}
    table = lambda name: list(live.get(name, {}).values())
    # The class in the live file, the children who left in their last year's archive.
    kept = lambda name, key: {row[key]: row for rows in (
        *(archive.get(name, []) for archive in archives.values()), table(name)) for row in rows}
    children = sorted(kept("children", "id").values(), key=lambda c: (c["added_on"], c["id"]))
    document = {
        "format": "classroom-companion-export",
        "schema": live["meta"]["1"]["schema"],
        "exported_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "settings": live.get("settings", {}).get("1", {}),
        "children": children,
        "needs_profiles": [p for _, p in sorted(kept("needs_profiles", "child").items())],
        "own_strategies": table("own_strategies"),
        "hidden_strategies": sorted(row["key"] for row in table("hidden_strategies")),
        "journal_prompts": table("journal_prompts"),
        "journal_drafts": table("journal_drafts"),
    }
    names = {c["id"]: f"{c['first_name']} {c['last_name']}".strip() for c in document["children"]}
    for kind in KINDS:
        day = DAY_FIELD.get(kind, "date")
        years = {year: list(archive.get(kind, [])) for year, archive in archives.items()}
        for row in table(kind):
            years.setdefault(school_year(row[day]), []).append(row)
        rows = document[kind] = []
        for year in sorted(years):
            if kind != "abc":
                rows += sorted(years[year], key=lambda row: (row[day], row.get("id", "")))
                continue
            for row in sorted(years[year], key=lambda row: (row["date"], row["child"])):
                name = names.get(row["child"], "")
                rows += ({"child": row["child"], "child_name": name, "date": row["date"],
                          "moment": moment, "item": item}
                         for moment in MOMENTS for item in row.get(moment, ()))
    with open(out, "wb") as file:
        file.write(dump(document) + b"\\n")
        file.flush()
        os.fsync(file.fileno())


if __name__ == "__main__":
    export(*sys.argv[1:4])
'''
FLOORS = ("msgspec", "json", "json only")
JUDGED_FLOOR = "msgspec"


# -- the data ---------------------------------------------------------------------------


def build_files(folder: Path) -> tuple[Path, Path]:
    """The 10-year demo, and an empty data file (for the memory every export takes)."""
    demo = folder / "ten" / "companion.json"
    with Store.open(demo, today=TODAY, backup=False) as store:
        write_demo(store, build_demo(TODAY, years=YEARS, children=CHILD_COUNT, seed=SEED))
    empty = folder / "empty" / "companion.json"
    with Store.open(empty, today=TODAY, backup=False):
        pass
    return demo, empty


def size(path: Path) -> int:
    if path.is_dir():
        return sum(size(child) for child in path.iterdir())
    return path.stat().st_size


# -- running a process ------------------------------------------------------------------


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)

    @property
    def time_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def peak_mib(self) -> float:
        return statistics.median(self.peak_kib) / 1024


# Starts the command and waits for it: its wall time and peak RSS. A small process of its
# own, since a child's ru_maxrss counts the memory of the process it was forked from (the
# high-water mark survives exec), and this one holds the demo's data.
LAUNCHER = """
import os, sys, time
started = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ)
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - started, os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def measured_run(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time of the whole process, and its peak RSS in KiB (wait4's ru_maxrss)."""
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command],
        env=env,
        capture_output=True,
        check=False,
    )
    seconds, code, peak = done.stdout.split()[-3:]
    if done.returncode != 0 or code != b"0":
        complaint = done.stderr.decode(errors="replace")
        raise RuntimeError(f"{' '.join(command)} failed ({code.decode()}): {complaint}")
    return float(seconds), int(peak)


def process_env(folder: Path) -> dict[str, str]:
    env = {**os.environ, "COMPANION_TODAY": NOW, "PYTHONPYCACHEPREFIX": str(folder / "pyc")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once, as an installed copy is
    return env


def ours_command(data: Path, out: Path) -> list[str]:
    """The installed `companion` command, as the teacher runs it (`python -m companion`
    where it is not installed beside this Python)."""
    script = Path(sys.executable).with_name("companion")
    start = [str(script)] if script.is_file() else [sys.executable, "-m", "companion"]
    return [*start, "--data", str(data), "export", "--out", str(out)]


def floor_command(script: Path, data: Path, out: Path, way: str) -> list[str]:
    return [sys.executable, str(script), str(data), str(out), way]


# -- the same file --------------------------------------------------------------------------

_EXPORTED_AT = re.compile(rb'"exported_at": "[^"]*"')


def same_export(first: Path, second: Path) -> bool:
    """The same bytes, the moment of the export aside."""
    return _EXPORTED_AT.sub(b"", first.read_bytes()) == _EXPORTED_AT.sub(b"", second.read_bytes())


# -- in process -----------------------------------------------------------------------------


def in_process_ours(data: Path, out: Path) -> Callable[[], None]:
    def run() -> None:
        with contextlib.redirect_stderr(io.StringIO()):  # "Export written to ..."
            code = companion_main(["--data", str(data), "export", "--out", str(out)])
        if code != 0:
            raise RuntimeError(f"companion export failed in process ({code})")

    return run


def in_process_floor(script: Path, data: Path, out: Path) -> Callable[[], None]:
    namespace: dict[str, object] = {"__name__": "floor"}
    exec(compile(script.read_text(encoding="utf-8"), str(script), "exec"), namespace)
    export = namespace["export"]
    assert callable(export)
    return lambda: export(str(data), str(out), JUDGED_FLOOR)


def timed(action: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def traced_peak(action: Callable[[], None]) -> int:
    """Python's allocations at their peak during `action`, in bytes (tracemalloc)."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- the run --------------------------------------------------------------------------------


@dataclass
class Figures:
    output_bytes: int
    process: dict[str, Runs]  # ours and each floor, whole process
    empty: dict[str, Runs]  # the same on an empty data file (memory only)
    in_process: dict[str, list[float]]
    traced: dict[str, int]


EMPTY = "empty: "  # the same command on the empty data file


def measure(folder: Path, data: Path, empty: Path, plan: Plan) -> Figures:
    script = folder / "floor.py"
    script.write_text(FLOOR_SCRIPT, encoding="utf-8")
    env = process_env(folder)
    out = folder / "out"
    out.mkdir(exist_ok=True)
    commands = {"ours": ours_command(data, out / "ours.json")}
    commands |= {way: floor_command(script, data, out / f"{way}.json", way) for way in FLOORS}
    commands[EMPTY + "ours"] = ours_command(empty, out / "empty-ours.json")
    commands[EMPTY + JUDGED_FLOOR] = floor_command(
        script, empty, out / "empty-floor.json", JUDGED_FLOOR
    )

    print("Warm-up (bytecode compiled), and the files compared ...")
    for command in commands.values():
        measured_run(command, env)
    for way in FLOORS:
        if not same_export(out / "ours.json", out / f"{way}.json"):
            raise SystemExit(f"the floor {way!r} does not write the same export as ours")

    print(f"Whole processes, {plan.process_rounds} rounds ...")
    runs = process_rounds(commands, env, plan)
    process = {name: r for name, r in runs.items() if not name.startswith(EMPTY)}
    empties = {name.removeprefix(EMPTY): r for name, r in runs.items() if name.startswith(EMPTY)}

    print(f"In process, {plan.inprocess_rounds} rounds ...")
    actions = {
        "ours": in_process_ours(data, out / "in-ours.json"),
        JUDGED_FLOOR: in_process_floor(script, data, out / "in-floor.json"),
    }
    in_process = in_process_rounds(actions, plan)
    traced = {name: traced_peak(action) for name, action in actions.items()}
    return Figures(size(out / "ours.json"), process, empties, in_process, traced)


def process_rounds(
    commands: dict[str, list[str]], env: dict[str, str], plan: Plan
) -> dict[str, Runs]:
    """Every command once per round, in a rotating order ("json only", slow, in the
    first rounds only)."""
    runs = {name: Runs() for name in commands}
    names = list(commands)
    for number in range(plan.process_rounds):
        turn = number % len(names)
        for name in names[turn:] + names[:turn]:
            if name == "json only" and number >= plan.process_rounds_json_only:
                continue
            seconds, peak = measured_run(commands[name], env)
            runs[name].seconds.append(seconds)
            runs[name].peak_kib.append(peak)
    return runs


def in_process_rounds(actions: dict[str, Callable[[], None]], plan: Plan) -> dict[str, list[float]]:
    """Each action once per round, after a warm-up, in turns."""
    os.environ["COMPANION_TODAY"] = NOW
    for action in actions.values():
        action()
    seconds: dict[str, list[float]] = {name: [] for name in actions}
    for number in range(plan.inprocess_rounds):
        for name in sorted(actions, reverse=number % 2 == 1):
            seconds[name].append(timed(actions[name]))
    return seconds


def label(name: str) -> str:
    return "ours" if name == "ours" else f"floor: {name}"


def print_processes(figures: Figures) -> None:
    print(
        f"  {'whole process':<20} {'median':>9} {'peak RSS':>10}"
        f"   {'empty data file: time':>22} {'peak RSS':>10} {'RSS above it':>13}"
    )
    for name, runs in figures.process.items():
        line = f"  {label(name):<20} {runs.time_ms:6.0f} ms {runs.peak_mib:6.1f} MiB"
        base = figures.empty.get(name)
        if base is not None:
            line += (
                f"   {base.time_ms:19.0f} ms {base.peak_mib:6.1f} MiB"
                f" {runs.peak_mib - base.peak_mib:9.1f} MiB"
            )
        print(f"{line}   (n={len(runs.seconds)})")


def print_in_process(figures: Figures) -> None:
    print(f"  {'in process':<20} {'median':>9} {'tracemalloc peak':>17}")
    for name, seconds in figures.in_process.items():
        traced = figures.traced[name] / MiB
        print(
            f"  {label(name):<20} {statistics.median(seconds) * 1000:6.0f} ms"
            f" {traced:13.1f} MiB   (n={len(seconds)})"
        )


def paired(ours: list[float], floors: list[float]) -> float:
    """The median of ours / floor over the rounds, each pair measured side by side: steadier
    than the ratio of two medians when the machine's load drifts during the run."""
    return statistics.median(o / f for o, f in zip(ours, floors, strict=True))


def report(figures: Figures) -> list[Target]:
    output_mib = figures.output_bytes / MiB
    process, empty = figures.process, figures.empty
    print(f"\nThe export file: {output_mib:.1f} MiB\n")
    print_processes(figures)
    print()
    print_in_process(figures)
    data_ours = process["ours"].time_ms - empty["ours"].time_ms
    data_floor = process[JUDGED_FLOOR].time_ms - empty[JUDGED_FLOOR].time_ms
    print(
        f"\n  For context: with the time of an empty export taken off both (start-up,"
        f" imports, opening), ours {data_ours:.0f} ms against the plain script's"
        f" {data_floor:.0f} ms: {data_ours / data_floor:.2f}x.\n"
    )

    ours, floor = process["ours"], process[JUDGED_FLOOR]
    whole = paired(ours.seconds, floor.seconds)
    ours_in = statistics.median(figures.in_process["ours"]) * 1000
    floor_in = statistics.median(figures.in_process[JUDGED_FLOOR]) * 1000
    inside = paired(figures.in_process["ours"], figures.in_process[JUDGED_FLOOR])
    print(
        f"  Ours / plain script, the median of each round's ratio: whole process {whole:.2f}"
        f" (of the medians {ours.time_ms / floor.time_ms:.2f}), in process {inside:.2f}"
        f" (of the medians {ours_in / floor_in:.2f}).\n"
    )
    above = ours.peak_mib - empty["ours"].peak_mib
    return [
        Target(
            "export, whole process / plain script",
            whole,
            1.3,
            value=ours.time_ms,
            unit="ms",
            floor_name="plain script",
            floor=floor.time_ms,
            issue=ISSUE,
        ),
        Target(
            "export, in process / plain script",
            inside,
            1.3,
            value=ours_in,
            unit="ms",
            floor_name="plain script",
            floor=floor_in,
            issue=ISSUE,
        ),
        Target(
            "export peak RSS above empty / file size",
            above / output_mib,
            2.0,
            value=above,
            unit="MiB",
            floor_name="file",
            floor=output_mib,
            issue=ISSUE,
        ),
        Target(
            "export peak RSS, all of it / file size",
            ours.peak_mib / output_mib,
            2.0,
            value=ours.peak_mib,
            unit="MiB",
            floor_name="file",
            floor=output_mib,
            issue=ISSUE,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_options(__doc__, argv)
    plan = QUICK if args.quick else FULL
    if not hasattr(os, "wait4"):
        print("This benchmark needs os.wait4 (a POSIX system) for each process's peak memory.")
        return 1
    with tempfile.TemporaryDirectory(prefix="companion-bench-export-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"Building the demo ({CHILD_COUNT} children, {YEARS} school years) ...")
        started = time.perf_counter()
        # In a process of its own: this one stays as small as the plain script's.
        with ProcessPoolExecutor(1) as builder:
            data, empty = builder.submit(build_files, folder).result()
        archives = size(data.parent / "companion.archive")
        print(
            f"  built in {time.perf_counter() - started:.1f} s: live file {size(data)} B,"
            f" archives {archives} B"
        )
        figures = measure(folder, data, empty, plan)
    return verdict(report(figures), 42)


if __name__ == "__main__":
    sys.exit(main())
