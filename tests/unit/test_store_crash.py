"""Kill a writing process at random moments: every acknowledged save must survive.

A writer subprocess toggles ABC cells from a plan it reads on stdin and prints the
plan index of each toggle once `toggle_abc` has returned (acknowledged). The parent
SIGKILLs it at a random moment, then opens the file itself: it must open, hold every
acknowledged toggle, and at most the one toggle that was in flight.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from companion.domain.children import ChildDraft
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS
from companion.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")

TODAY = date(2026, 3, 2)
WEEK = [TODAY + timedelta(days=n) for n in range(5)]
ROUNDS = 30
PLAN_LENGTH = 60

WRITER = """
import json, sys, time
from datetime import date
from pathlib import Path
from companion.store import Store

plan = json.loads(sys.stdin.readline())
store = Store.open(Path(sys.argv[1]), today=date.fromisoformat(sys.argv[2]))
print("open", flush=True)
for index, (child, day, moment, item) in enumerate(plan):
    store.abc.save(store.abc.day(child, date.fromisoformat(day)).toggled(moment, item))
    print(index, flush=True)
time.sleep(60)  # wait to be killed, still holding the lock
"""

Toggle = tuple[str, str, str, str]
State = dict[tuple[str, str], dict[str, frozenset[str]]]


def apply(state: State, toggle: Toggle) -> State:
    child, day, moment, item = toggle
    new = {key: dict(marks) for key, marks in state.items()}
    marks = new.setdefault((child, day), {m: frozenset() for m in MOMENTS})
    marks[moment] = marks[moment] ^ {item}
    if not any(marks.values()):
        del new[(child, day)]
    return new


def read_state(path: Path) -> State:
    with Store.open(path, today=TODAY) as store:
        return {
            (child, day.isoformat()): {m: entry.items_at(m) for m in MOMENTS}
            for (child, day), entry in store.abc.days(WEEK).items()
        }


def test_killed_writers_never_lose_an_acknowledged_toggle(tmp_path: Path) -> None:
    path = tmp_path / "class" / "companion.json"
    with Store.open(path, today=TODAY) as store:
        children = [
            c.id
            for c in store.children.add_many(
                [ChildDraft("Zoë", "D'hondt"), ChildDraft("Jérôme", "Van den Broeck")]
            )
        ]
    rng = random.Random(20260302)
    state: State = {}
    total_acknowledged = 0
    started = time.monotonic()
    for _ in range(ROUNDS):
        plan: list[Toggle] = [
            (
                rng.choice(children),
                rng.choice(WEEK).isoformat(),
                rng.choice(MOMENTS),
                rng.choice(ABC_ITEMS),
            )
            for _ in range(PLAN_LENGTH)
        ]
        acknowledged = run_writer(path, plan, rng)
        assert acknowledged == list(range(len(acknowledged)))
        for index in acknowledged:
            state = apply(state, plan[index])
        total_acknowledged += len(acknowledged)

        found = read_state(path)  # opens without error, with a stale lock file present
        if found != state:
            assert len(acknowledged) < PLAN_LENGTH
            state = apply(state, plan[len(acknowledged)])
            assert found == state, "an acknowledged toggle was lost"
        assert not list(path.parent.glob(".*.tmp")), "leftover temp files were not cleaned"
    assert total_acknowledged > ROUNDS  # the rounds really wrote something
    assert time.monotonic() - started < 60
    # Every day's document is there once: a reopen finds no duplicates in the file.
    with Store.open(path, today=TODAY) as store:
        assert len(store.abc.of_year(2025)) == len(state)


def run_writer(path: Path, plan: list[Toggle], rng: random.Random) -> list[int]:
    """Run one round and return every index the writer acknowledged, in order."""
    lines: list[str] = []
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), TODAY.isoformat()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(20, writer.kill)  # never hang the test run
    watchdog.start()
    try:
        assert writer.stdin is not None and writer.stdout is not None
        writer.stdin.write(json.dumps(plan) + "\n")
        writer.stdin.flush()
        if rng.random() < 0.2:
            time.sleep(rng.uniform(0, 0.15))  # often during start-up or Store.open
        else:
            wanted = rng.randrange(0, PLAN_LENGTH - 5)
            while len(lines) <= wanted:  # "open", then `wanted` acknowledgements
                line = writer.stdout.readline()
                if not line:
                    break
                lines.append(line)
            time.sleep(rng.uniform(0, 0.003))  # somewhere inside the next toggle
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        # Read through the same buffered reader as readline(), so no line is skipped.
        rest, errors = writer.stdout.read(), writer.stderr.read() if writer.stderr else ""
    finally:
        watchdog.cancel()
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == -signal.SIGKILL, errors
    lines.extend(rest.splitlines())
    return [int(line) for line in lines if line.strip() not in ("", "open")]
