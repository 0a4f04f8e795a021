"""`companion demo` killed at any moment: afterwards there is no demo or a whole one.

A demo is a data file and an archive folder with one file per closed school year. It is
built beside the target and moved into place in one step, so a kill (or a power cut)
leaves either nothing at the target or the complete demo, and the next `demo` builds it
or says that it is there. Two tests: kills at random moments of the real command, as the
teacher's laptop would, and kills at each step of the move into place, the moments a
random kill rarely hits.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from companion.app import create_app
from companion.clock import fixed_clock
from companion.demo import create_demo
from companion.i18n import t
from companion.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")

TODAY = date(2026, 11, 25)
GUARD = 60  # seconds: a hung process is killed and fails the test, it never hangs the run

Content = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[Any]]


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "COMPANION_TODAY": TODAY.isoformat(),
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }


def content(path: Path) -> Content:
    """Everything a demo holds, child ids (random) replaced by who the child is."""
    with Store.open(path, today=TODAY, backup=False) as store:
        document = store.export_document()
    who = {
        c["id"]: (c["first_name"], c["last_name"], c["birth_date"]) for c in document["children"]
    }
    children = sorted(tuple(v for k, v in c.items() if k != "id") for c in document["children"])
    abc = sorted((who[e["child"]], e["date"], e["moment"], e["item"]) for e in document["abc"])
    return children, abc, document["days_off"]


def leftovers(folder: Path) -> list[str]:
    """What a cut-short write may leave: staging folders and temp files, anywhere."""
    return [
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.name.endswith((".staging", ".tmp")) or ".staging" in p.parent.name
    ]


def assert_nothing_or_whole(path: Path, whole: Content) -> bool:
    """The target holds no demo or the complete one; True when it is there."""
    archive = path.with_name(f"{path.stem}.archive")
    if not path.exists():
        # No file, so no class: the archive folder alone is never all that is there.
        return False
    assert content(path) == whole, "a half demo was left behind"
    assert archive.is_dir()
    return True


def run_demo(path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", "demo", "--data", str(path), *options],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(),
        timeout=GUARD,
        check=False,
    )


def assert_demo_again_builds_or_says_it_is_there(
    path: Path, whole: Content, *options: str, built: bool | None = None
) -> None:
    """`demo` again: it builds the demo whole, or says that it is there (when it was, or
    when a complete build that the kill kept from its place has been put there);
    `built` says which one is due, when the test knows."""
    done = run_demo(path, *options)
    assert "Traceback" not in done.stderr
    if done.returncode == 0:
        assert built is not False, done.stdout
    else:
        assert done.returncode == 1, done.stderr
        assert done.stderr.strip() == t("cli.demo_refuses", "en", path=path)
        assert built is not True
    assert content(path) == whole
    assert leftovers(path.parent) == [], "what the cut-short demo left was not cleaned"


# -- kills at random moments of `companion demo --years 10` ----------------------------

YEARS_10 = ("--years", "10", "--children", "6")  # ten years, small classes: quicker
ROUNDS = 3


def test_a_demo_killed_at_any_moment_is_not_there_or_whole(tmp_path: Path) -> None:
    reference = tmp_path / "reference" / "demo.json"
    started = time.monotonic()
    assert run_demo(reference, *YEARS_10).returncode == 0
    duration = time.monotonic() - started  # only to spread the kills over a whole run
    whole = content(reference)
    assert len({row[1] for row in whole[1]}) > 1500  # ten school years of days

    rng = random.Random(20261125)
    folder = tmp_path / "class"
    target = folder / "demo-0.json"
    for round_ in range(ROUNDS):
        # One kill in each third of a run: start-up, building, writing.
        delay = duration * rng.uniform(round_, round_ + 1) / ROUNDS
        kill_demo_after(target, delay)
        if assert_nothing_or_whole(target, whole):
            # There and whole: `demo` says so; the next round starts on a new file.
            assert_demo_again_builds_or_says_it_is_there(target, whole, *YEARS_10, built=False)
            target = folder / f"demo-{round_ + 1}.json"
    # After the kills, `demo` builds the demo whole (or it is there already).
    assert_demo_again_builds_or_says_it_is_there(target, whole, *YEARS_10)


def kill_demo_after(path: Path, delay: float) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "companion", "demo", "--data", str(path), *YEARS_10],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment(),
    )
    watchdog = threading.Timer(GUARD, process.kill)
    watchdog.start()
    try:
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
            process.wait()


# -- kills at each step of the move into place -----------------------------------------

SMALL = ("--years", "3", "--children", "4")

# Runs `companion demo` and SIGKILLs itself just before the chosen step.
KILLER = """
import os, shutil, signal, sys
from pathlib import Path

target, step = Path(sys.argv[1]), sys.argv[2]
archive = target.with_name(target.stem + ".archive")
replace, rmtree = os.replace, shutil.rmtree

def kill():
    os.kill(os.getpid(), signal.SIGKILL)

def step_of(destination):
    destination = Path(destination)
    if destination == target:
        return "the file into place"
    if destination == archive:
        return "the archive into place"
    if destination.name == "complete":
        return "the build marked complete"
    if destination.parent.name == archive.name:
        return "an archive year in the build"
    return "the file in the build"

def checked_replace(source, destination, *args, **kwargs):
    if step_of(destination) == step:
        kill()
    return replace(source, destination, *args, **kwargs)

def checked_rmtree(folder, *args, **kwargs):
    if step == "the cleaning up" and Path(folder).name.endswith(".staging"):
        kill()
    return rmtree(folder, *args, **kwargs)

os.replace, shutil.rmtree = checked_replace, checked_rmtree
from companion.cli import main
sys.exit(main(["demo", "--data", str(target), *sys.argv[3:]]))
"""

# Kills in the middle of the build itself are the random test's part.
STEPS = [
    "an archive year in the build",
    "the build marked complete",
    "the archive into place",
    "the file into place",
    "the cleaning up",
]
# From here on the build was complete: the next `demo` puts it in place and says so.
COMPLETE_FROM = STEPS.index("the archive into place")


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Content:
    reference = tmp_path_factory.mktemp("reference") / "demo.json"
    create_demo(reference, TODAY, years=3, children=4, seed=7)
    return content(reference)


@pytest.mark.parametrize("step", STEPS)
def test_a_demo_killed_at_each_step_of_the_move_is_not_there_or_whole(
    tmp_path: Path, small_demo: Content, step: str
) -> None:
    target = tmp_path / "class" / "demo.json"
    kill_demo_at(target, step)
    there = assert_nothing_or_whole(target, small_demo)
    assert there == (step == "the cleaning up")
    complete = STEPS.index(step) >= COMPLETE_FROM
    assert_demo_again_builds_or_says_it_is_there(target, small_demo, *SMALL, built=not complete)


# -- the app's demo button takes the same route ----------------------------------------


def kill_demo_at(target: Path, step: str) -> None:
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, str(target), step, *SMALL],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=GUARD,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr


async def test_the_apps_demo_button_never_opens_a_demo_cut_short(
    tmp_path: Path, small_demo: Content
) -> None:
    """A demo cut short beside the teacher's file (here a `demo` killed just before its
    file went into place): the app's demo button finishes it and opens it whole, through
    the same route (a half build would be removed, as the test above shows)."""
    data = tmp_path / "class" / "companion.json"
    demo = data.with_name("companion-demo.json")
    kill_demo_at(demo, "the file into place")
    app = create_app(data, "en", clock=fixed_clock(datetime(2026, 11, 25, 9, 30)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")  # on the welcome screen: try a demo class
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.in_demo
        assert app.store.path == demo
    assert content(demo) == small_demo
    assert leftovers(demo.parent) == []
