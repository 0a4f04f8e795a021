"""Targets as ratios against floors measured in the same run, and their verdict."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path


def parse_options(doc: str | None, argv: list[str] | None) -> argparse.Namespace:
    """--quick and --keep, the same for every benchmark."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--keep", type=Path, help="build the files here and keep them")
    args = parser.parse_args(argv)
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error("--keep needs a new or empty folder")
    return args


@dataclass(frozen=True)
class Target:
    name: str
    ratio: float
    limit: float
    at_most: bool = True  # True: ratio <= limit passes; False: ratio >= limit passes

    @property
    def passed(self) -> bool:
        return self.ratio <= self.limit if self.at_most else self.ratio >= self.limit

    def line(self, width: int) -> str:
        sign = "<=" if self.at_most else ">="
        verdict = "PASS" if self.passed else "FAIL"
        return (
            f"  {self.name:<{width}} {self.ratio:8.2f}   target {sign} {self.limit:<5}  {verdict}"
        )


def verdict(targets: list[Target], width: int) -> int:
    """Print one line per target and the outcome; the process exit code (1: a miss)."""
    print(f"  {'ratio':<{width}} {'measured':>8}")
    for target in targets:
        print(target.line(width))
    failed = [target.name for target in targets if not target.passed]
    print()
    print("FAIL: " + ", ".join(failed) if failed else "All targets met.")
    return 1 if failed else 0
