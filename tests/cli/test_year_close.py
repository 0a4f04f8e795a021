"""The clock never loses or hides data, from the command line: `export` on a wrong date
moves nothing, `year close` is the one way a school year closes, and asks first."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from companion.domain.calendar import ClosingSummary
from companion.domain.children import ChildDraft
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS, AbcItem
from companion.i18n import t
from companion.reports.school_year import closing_text
from companion.store import Store

REAL_DAY = "2026-11-25"
GIVEN: tuple[AbcItem, ...] = ("closeness", "voice", "smile")


def run(
    *args: str | Path, today: str = REAL_DAY, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """`python -m companion ...` as the teacher runs it (no terminal: stdin is a pipe)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COMPANION_TODAY": today}
    env.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": ""})
    return subprocess.run(
        [sys.executable, "-m", "companion", *(str(arg) for arg in args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        input=stdin,
        timeout=60,
        check=False,
    )


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A demo class of this school year (and last year's, closed in its archive)."""
    path = tmp_path / "F.json"
    done = run("demo", "--data", path, "--years", "2", "--children", "8")
    assert done.returncode == 0, done.stderr
    return path


def _export(path: Path, today: str) -> tuple[dict[str, Any], str]:
    done = run("export", "--data", path, today=today)
    assert done.returncode == 0, done.stderr
    document = orjson.loads(done.stdout)
    document.pop("exported_at")
    return document, done.stderr


def test_an_export_on_a_far_date_moves_nothing_and_says_the_date_is_in_doubt(demo: Path) -> None:
    archive = demo.with_name("F.archive")
    archived_before = sorted(p.name for p in archive.iterdir())
    live_before = demo.read_bytes()
    before, _ = _export(demo, REAL_DAY)
    after_far, said = _export(demo, "2100-12-31")
    # Nothing moved: the live file and the archives are as they were ...
    assert demo.read_bytes() == live_before
    assert sorted(p.name for p in archive.iterdir()) == archived_before == ["2025-2026.json"]
    # ... and the doubtful date was said, in one sentence on stderr.
    assert "31 December 2100" in said and t("year.clock_nothing_moved", "en") in said
    assert after_far == before
    # Back on the real date the app reads this school year in full, and a tick on a day
    # keeps what was given that day.
    with Store.open(demo, today=date.fromisoformat(REAL_DAY), backup=False) as store:
        live = store.abc.of_year(2026)
        assert sum(entry.total for entry in live) == sum(
            1 for entry in before["abc"] if str(entry["date"]) >= "2026-07-01"
        )
        assert len(store.days_off.of_year()) == sum(
            1 for off in before["days_off"] if str(off["date"]) >= "2026-07-01"
        )
        entry = max(live, key=lambda e: (e.total, e.day))
        moment = next(m for m in MOMENTS if entry.items_at(m))
        item = next(i for i in ABC_ITEMS[:2] if i not in entry.items_at(moment))
        after = store.abc.save(store.abc.day(entry.child_id, entry.day).toggled(moment, item))
        assert after.items_at(moment) == entry.items_at(moment) | {item}


def _last_year_in_the_live_file(tmp_path: Path) -> Path:
    """A class ticked in 2025-2026, opened again in September 2026: not closed yet."""
    path = tmp_path / "klas.json"
    with Store.open(path, today=date(2026, 3, 2), backup=False) as store:
        zoe = store.children.add(ChildDraft("Zoë", "D'hondt")).id
        for item in GIVEN:
            store.abc.save(store.abc.day(zoe, date(2026, 3, 2)).toggled("day", item))
        store.days_off.add([date(2025, 11, 11)], "Wapenstilstand")
    return path


def test_year_close_without_a_terminal_asks_for_yes_and_moves_nothing(tmp_path: Path) -> None:
    path = _last_year_in_the_live_file(tmp_path)
    before = path.read_bytes()
    done = run("year", "close", "--data", path, today="2026-09-03")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert t("year.cli_needs_yes", "en") in done.stderr
    assert path.read_bytes() == before and not path.with_name("klas.archive").exists()


def test_year_close_yes_closes_last_year_and_says_what_moved(tmp_path: Path) -> None:
    path = _last_year_in_the_live_file(tmp_path)
    done = run("--lang", "nl", "year", "close", "--data", path, "--yes", today="2026-09-03")
    assert done.returncode == 0, done.stderr
    summary = ClosingSummary((2025,), marks=3, days=1, days_off=1)
    assert " ".join(closing_text(summary, "nl").split()) in " ".join(done.stdout.split())
    assert t("year.closed_done", "nl", years="2025-2026") in done.stdout
    assert (tmp_path / "klas.archive" / "2025-2026.json").is_file()
    assert orjson.loads(path.read_bytes())["abc"] == {}
    # A second time there is nothing left to close.
    again = run("year", "close", "--data", path, "--yes", today="2026-09-03")
    assert again.returncode == 0
    assert again.stdout.strip() == t("year.nothing_to_close", "en", current="2026-2027")


@pytest.mark.parametrize("today", ["2026-03-01", "2100-12-31"])
def test_year_close_on_a_doubtful_date_is_refused_with_a_sentence(
    tmp_path: Path, today: str
) -> None:
    path = _last_year_in_the_live_file(tmp_path)
    before = path.read_bytes()
    done = run("year", "close", "--data", path, "--yes", today=today)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert t("year.clock_refuses_close", "en") in done.stderr
    assert path.read_bytes() == before and not path.with_name("klas.archive").exists()


def test_year_close_of_a_missing_data_file_creates_nothing(tmp_path: Path) -> None:
    done = run("year", "close", "--data", tmp_path / "none.json", "--yes")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and list(tmp_path.iterdir()) == []


def test_year_close_is_in_the_help(tmp_path: Path) -> None:
    top = run("--help")
    assert top.returncode == 0 and "year" in top.stdout
    done = run("year", "close", "--help")
    assert done.returncode == 0
    assert " ".join(t("year.cli_close_help", "en").split()) in " ".join(done.stdout.split())
    assert "--yes" in done.stdout and "--data" in done.stdout


def test_year_close_with_no_options_looks_at_the_default_data_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = subprocess.run(
        [sys.executable, "-m", "companion", "year", "close"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")},
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "companion.json" in done.stderr
    assert not (home / "data" / "classroom-companion" / "companion.json").exists()


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("answer", "closed"), [("j\n", True), ("\n", False)])
def test_year_close_on_a_terminal_asks_and_does_what_the_answer_says(
    tmp_path: Path, answer: str, closed: bool
) -> None:
    import pty

    path = _last_year_in_the_live_file(tmp_path)
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COMPANION_TODAY": "2026-09-03"}
    process = subprocess.Popen(
        [sys.executable, "-m", "companion", "--lang", "nl", "year", "close", "--data", str(path)],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(follower)
    os.write(leader, answer.encode())
    out, err = process.communicate(timeout=60)
    os.close(leader)
    assert process.returncode == 0, err
    text = out.decode("utf-8")
    assert t("year.offer_question", "nl", years="2025-2026") in text
    assert t("year.cli_confirm", "nl").strip() in text
    assert (tmp_path / "klas.archive" / "2025-2026.json").exists() == closed
    assert (t("year.closed_done", "nl", years="2025-2026") in text) == closed


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_year_close_on_a_read_only_file_is_refused_before_asking(tmp_path: Path) -> None:
    path = _last_year_in_the_live_file(tmp_path)
    path.chmod(0o444)
    before = path.read_bytes()
    done = run("year", "close", "--data", path, "--yes", today="2026-09-03")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr.strip()
    assert t("year.offer_question", "en", years="2025-2026") not in done.stdout
    assert path.read_bytes() == before and not path.with_name("klas.archive").exists()
