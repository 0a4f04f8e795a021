"""Every benchmark, each in its own process, and one table of all their targets.

Run:  python benchmarks/run_all.py [--quick] [--markdown FILE] [NAME ...]

Runs each benchmarks/bench_*.py (or only those NAMEs: "store", "ui", ...) in a process of
its own, with --quick when given, and shows its output as it goes. Each writes its targets
as JSON (ratios.py: COMPANION_BENCH_JSON). Then prints the machine and one table: every
figure, its value, the floor it is set against, the ratio, the goal and PASS or FAIL; the
benchmark's own targets and the goals of an issue ("#15") alike. Exit code 1 when any of
them is missed, or when a benchmark does not finish. --markdown FILE writes the machine
and the table as Markdown too, for the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ratios import JSON_ENV, Target, figure, read_json

HERE = Path(__file__).resolve().parent
COLUMNS = ("benchmark", "figure", "value", "floor", "ratio", "goal", "result")


@dataclass(frozen=True)
class Outcome:
    script: Path
    targets: list[Target]
    exit_code: int
    seconds: float

    @property
    def finished(self) -> bool:
        """It wrote its targets, and exited with 1 at most for a missed target."""
        own_missed = any(not t.passed for t in self.targets if t.issue is None)
        return bool(self.targets) and (self.exit_code == 0 or (self.exit_code == 1 and own_missed))


def scripts(names: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if not names:
        return found
    wanted = {name.removeprefix("bench_").removesuffix(".py") for name in names}
    return [path for path in found if path.stem.removeprefix("bench_") in wanted]


def run(script: Path, quick: bool) -> Outcome:
    print(f"\n=== {script.name} {'--quick' if quick else ''}".rstrip(), flush=True)
    with tempfile.TemporaryDirectory(prefix="companion-run-all-") as folder:
        written = Path(folder) / "targets.json"
        command = [sys.executable, str(script), *(["--quick"] if quick else [])]
        started = time.perf_counter()
        process = subprocess.run(command, env={**os.environ, JSON_ENV: str(written)}, check=False)
        seconds = time.perf_counter() - started
        targets = read_json(written) if written.exists() else []
    print(f"=== {script.name}: exit code {process.returncode}, {seconds:.0f} s", flush=True)
    return Outcome(script, targets, process.returncode, seconds)


# -- the machine ------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def textual_version() -> str:
    try:
        return version("textual")
    except PackageNotFoundError:
        return "not installed"


def machine(quick: bool) -> list[tuple[str, str]]:
    load = " / ".join(f"{n:.2f}" for n in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        ("CPU", f"{cpu_model()}, {os.cpu_count()} cores"),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("Textual", textual_version()),
        ("date", datetime.now().strftime("%Y-%m-%d %H:%M")),
        ("run", f"{'--quick' if quick else 'full'}; load average {load} (1/5/15 min) at the end"),
    ]


# -- the table --------------------------------------------------------------------------


def rows_of(outcome: Outcome) -> list[tuple[str, ...]]:
    bench = outcome.script.stem.removeprefix("bench_")
    rows = [row_of(bench, target) for target in outcome.targets]
    if not outcome.finished:
        failed = f"FAIL (exit code {outcome.exit_code})"
        rows.append((bench, "the benchmark runs to its end", "", "", "", "finishes", failed))
    return rows


def row_of(bench: str, target: Target) -> tuple[str, ...]:
    value = "" if target.value is None else figure(target.value, target.unit)
    floor = ""
    if target.floor is not None:
        floor = f"{target.floor_name} {figure(target.floor, target.unit)}".strip()
    goal = target.goal if target.issue is None else f"{target.goal} (#{target.issue})"
    result = "PASS" if target.passed else "FAIL"
    return (bench, target.name, value, floor, f"{target.ratio:.2f}", goal, result)


def text_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    right = {"value", "floor", "ratio"}

    def line(row: tuple[str, ...]) -> str:
        cells = (
            cell.rjust(width) if name in right else cell.ljust(width)
            for name, cell, width in zip(COLUMNS, row, widths, strict=True)
        )
        return "  " + "  ".join(cells).rstrip()

    return "\n".join([line(COLUMNS), *(line(row) for row in rows)])


def markdown(about: list[tuple[str, str]], rows: list[tuple[str, ...]]) -> str:
    def line(row: tuple[str, ...]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"

    lines = ["Machine: " + "; ".join(f"{name} {value}" for name, value in about), ""]
    lines += [line(COLUMNS), "|" + "---|" * len(COLUMNS), *(line(row) for row in rows)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="each benchmark with --quick")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the table")
    parser.add_argument("names", nargs="*", metavar="NAME", help="only these (store, ui, ...)")
    args = parser.parse_args(argv)
    chosen = scripts(args.names)
    if not chosen:
        parser.error(f"no benchmark called {', '.join(args.names)} in {HERE}")
    outcomes = [run(script, args.quick) for script in chosen]

    about = machine(args.quick)
    rows = [row for outcome in outcomes for row in rows_of(outcome)]
    print("\n" + "\n".join(f"  {name:<8} {value}" for name, value in about) + "\n")
    print(text_table(rows))
    if args.markdown:
        args.markdown.write_text(markdown(about, rows), encoding="utf-8")
    failed = [row for row in rows if row[-1] != "PASS"]
    took = sum(outcome.seconds for outcome in outcomes)
    print(f"\n{len(rows) - len(failed)} of {len(rows)} met, in {took:.0f} s.", end=" ")
    print(f"Missed: {len(failed)}." if failed else "All met.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
