"""Targets as ratios against floors measured in the same run, and their verdict.

A benchmark's own targets are design claims that CI checks: a miss is exit code 1. A
target with `issue=N` is a goal of that issue, not yet met everywhere: it is printed and
judged, but it sets the exit code only with `--goals` (and always in run_all.py).

With `--json FILE`, or the environment variable COMPANION_BENCH_JSON (which run_all.py
sets), `verdict` also writes every target to that file as JSON, for run_all.py's table.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from dataclasses import KW_ONLY, asdict, dataclass, fields
from pathlib import Path
from typing import Any

JSON_ENV = "COMPANION_BENCH_JSON"


@dataclass
class _RunOptions:
    """What parse_options read that verdict needs (verdict's signature stays as it was)."""

    goals: bool = False
    json: Path | None = None


_run = _RunOptions()


def parse_options(doc: str | None, argv: list[str] | None) -> argparse.Namespace:
    """--quick, --keep, --goals and --json, the same for every benchmark."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--keep", type=Path, help="build the files here and keep them")
    parser.add_argument(
        "--goals", action="store_true", help="a missed issue goal also sets exit code 1"
    )
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help=f"write the targets here (or ${JSON_ENV})"
    )
    args = parser.parse_args(argv)
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error("--keep needs a new or empty folder")
    _run.goals = args.goals
    _run.json = args.json
    return args


@dataclass(frozen=True)
class Target:
    name: str
    ratio: float
    limit: float
    at_most: bool = True  # True: ratio <= limit passes; False: ratio >= limit passes
    _: KW_ONLY
    # For the table of run_all.py: the figure the ratio is of, and the floor it is set
    # against, both in `unit` ("ms", "MiB"); None where the ratio is all there is.
    value: float | None = None
    unit: str = ""
    floor_name: str = ""
    floor: float | None = None
    issue: int | None = None  # a goal of this issue: judged with --goals only

    @property
    def passed(self) -> bool:
        return self.ratio <= self.limit if self.at_most else self.ratio >= self.limit

    @property
    def goal(self) -> str:
        return f"{'<=' if self.at_most else '>='} {self.limit:g}"

    def line(self, width: int) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        if self.issue is not None:
            verdict = f"goal {'met' if self.passed else 'MISSED'}"
        figures = ""
        if self.value is not None and self.floor is not None:
            value, floor = figure(self.value, self.unit), figure(self.floor, self.unit)
            figures = f"   ({value} against {self.floor_name or 'the floor'} {floor})"
        return (
            f"  {self.name:<{width}} {self.ratio:8.2f}   target {self.goal:<8} {verdict}{figures}"
        )


def figure(value: float, unit: str) -> str:
    """A value with three significant digits or so, and its unit."""
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return f"{value:.{digits}f} {unit}".strip()


def verdict(targets: list[Target], width: int) -> int:
    """Print one line per target and the outcome; the process exit code (1: a miss).

    An issue's goals are printed apart and set the exit code only with --goals.
    """
    claims = [target for target in targets if target.issue is None]
    goals = [target for target in targets if target.issue is not None]
    print(f"  {'ratio':<{width}} {'measured':>8}")
    for target in claims:
        print(target.line(width))
    if goals:
        judged = "judged" if _run.goals else "not judged by the exit code without --goals"
        print(f"\n  Goals of an issue ({judged}):")
        for target in goals:
            print(target.line(width))
    _write_json(targets)
    counted = targets if _run.goals else claims
    failed = [target.name for target in counted if not target.passed]
    missed = [target.name for target in goals if not target.passed and not _run.goals]
    print()
    print("FAIL: " + ", ".join(failed) if failed else "All targets met.")
    if missed:
        print("Goals missed (no effect on the exit code): " + ", ".join(missed))
    return 1 if failed else 0


def _write_json(targets: list[Target]) -> None:
    where = _run.json or (Path(os.environ[JSON_ENV]) if os.environ.get(JSON_ENV) else None)
    if where is None:
        return
    rows: list[dict[str, Any]] = [
        {**asdict(target), "goal": target.goal, "passed": target.passed} for target in targets
    ]
    document = {"script": Path(sys.argv[0]).name, "targets": rows}
    where.write_text(json.dumps(document, indent=1), encoding="utf-8")


def read_json(path: Path) -> list[Target]:
    """The targets a benchmark wrote with --json (for run_all.py)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    names = {field.name for field in fields(Target)}
    return [
        Target(**{key: value for key, value in row.items() if key in names})
        for row in document["targets"]
    ]


def p95(values: list[float]) -> float:
    """The 95th percentile, nearest rank: the value that 95% of the samples are at most
    (of 200 presses, the 190th; of a few samples, their largest or next to it)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
