"""`companion report child|class|handover`, the installed command in a subprocess in a
fresh folder, as a teacher types it: the file written where she is (0600) and its path
said, "Zoe" finds Zoë, a name of two children lists both, private notes only on request
and then said, the handover a folder without journal text, every wrong input one
sentence, never a traceback."""

from __future__ import annotations

import csv
import io
import stat
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from cli_helpers import run_installed, teacher_environment

from companion.domain.abc import AbcDay
from companion.domain.children import ChildDraft
from companion.domain.journal import JournalEntry
from companion.domain.rest_corner import StrategyUse
from companion.store import Store

PUBLIC = "Zoë bouwde een toren"
PRIVATE = "Thuis is er spanning"


def report(folder: Path, *args: str | Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    environment = teacher_environment(folder / "home", lang=lang)
    return run_installed(environment, "report", *args, cwd=folder)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "klas.json"
    with Store.open(path, today=date(2026, 9, 1)) as store:
        zoe = store.children.add(ChildDraft("Zoë", "Peeters")).id
        andy = store.children.add(ChildDraft("Andy", "Maes")).id
    with Store.open(path, today=date(2026, 11, 25)) as store:
        store.abc.save(AbcDay(zoe, date(2026, 11, 24)).toggled("day", "smile"))
        use = store.rest_corner.log_use(
            StrategyUse("", andy, "frog_rest", date(2026, 11, 23), "too_much")
        )
        store.rest_corner.record_outcome(use, "helped")
        for text, private in ((PUBLIC, False), (PRIVATE, True)):
            store.journal.save(
                JournalEntry(
                    "",
                    "reflection",
                    datetime(2026, 11, 24, 8, 0),
                    text[:12],
                    text,
                    frozenset({zoe, andy}),
                    private=private,
                )
            )
    return path


@pytest.fixture
def here(tmp_path: Path) -> Path:
    folder = tmp_path / "Documenten"
    folder.mkdir()
    return folder


def _private_file(path: Path) -> str:
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    return path.read_text(encoding="utf-8-sig")


def test_a_child_s_report_is_written_where_she_is_and_its_path_said(here: Path, data: Path) -> None:
    done = report(here, "child", "zoe", "--data", data, lang="nl")
    assert done.returncode == 0, done.stderr
    written = here / "verslag-Zoë-Peeters-2026-11-25.html"
    assert done.stdout.strip() == f"Verslag geschreven: {written}"
    text = _private_file(written)
    assert "Verslag: Zoë Peeters" in text and PUBLIC in text
    assert PRIVATE not in text
    assert "Traceback" not in done.stderr


def test_private_notes_only_on_request_and_then_said(here: Path, data: Path) -> None:
    out = here / "eigen.md"
    done = report(
        here, "child", "Zoë", "--with-private", "--format", "md", "--out", out, "--data", data
    )
    assert done.returncode == 0, done.stderr
    assert "private notes" in done.stderr
    text = _private_file(out)
    assert PRIVATE in text and "Holds private notes" in text


def test_a_report_on_stdout_and_a_period_of_whole_days(here: Path, data: Path) -> None:
    done = report(
        here,
        "child",
        "andy",
        "--from",
        "24/11/2026",
        "--to",
        "24.11.2026",
        "--format",
        "md",
        "--out",
        "-",
        "--data",
        data,
    )
    assert done.returncode == 0, done.stderr
    assert "# Report: Andy Maes" in done.stdout
    assert "24 November 2026 to 24 November 2026" in done.stdout
    assert "Little frog" not in done.stdout  # the strategy was used on the 23rd
    assert list(here.iterdir()) == []
    wider = report(here, "child", "andy", "--from", "23/11/2026", "--out", "-", "--data", data)
    assert "Little frog rests" in wider.stdout


def test_the_class_week_as_csv_opens_in_excel(here: Path, data: Path) -> None:
    done = report(here, "class", "--week", "25/11/2026", "--format", "csv", "--data", data)
    assert done.returncode == 0, done.stderr
    written = here / "class-report-week-48-2026-11-25.csv"
    raw = written.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    zoe = next(row for row in rows if row[:1] == ["Zoë Peeters"])
    assert zoe[4] == "1"  # one smile (the fourth ingredient)


def test_the_handover_is_a_folder_without_journal_text(here: Path, data: Path) -> None:
    done = report(
        here, "handover", "--out", "pack", "--leave-out", "andy", "--data", data, lang="nl"
    )
    assert done.returncode == 0, done.stderr
    files = sorted((here / "pack").iterdir())
    assert [f.name for f in files] == [
        "overdracht-2026-2027-2026-11-25.html",
        "overdracht-Zoë-Peeters-2026-11-25.html",
    ]
    assert stat.S_IMODE((here / "pack").stat().st_mode) == 0o700
    for file in files:
        text = _private_file(file)
        assert PUBLIC not in text and PRIVATE not in text and "Andy" not in text


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("child", "Xavier"), "No child called “Xavier” in the class list."),
        (("child", "  "), "Give the child's name"),
        (("child", "zoe", "--from", "31/02/2026"), "--from 31/02/2026: not a day."),
        (("child", "zoe", "--from", "20/11/2026", "--to", "1/11/2026"), "comes after --to"),
        (("class", "--week", "1/11/2026", "--from", "1/11/2026"), "not both"),
        (("handover", "--out", "-"), "give a folder with --out"),
    ],
)
def test_what_cannot_be_done_says_why_in_one_sentence(
    here: Path, data: Path, args: tuple[str, ...], said: str
) -> None:
    done = report(here, *args, "--data", data)
    assert done.returncode == 1
    assert said in done.stderr
    assert "Traceback" not in done.stderr
    assert list(here.iterdir()) == []


def test_a_name_of_two_children_lists_both(here: Path, data: Path) -> None:
    with Store.open(data, today=date(2026, 11, 25)) as store:
        store.children.add(ChildDraft("Zoe", "Bakker"))
    done = report(here, "child", "zoe", "--data", data)
    assert done.returncode == 1
    assert "Zoe Bakker" in done.stderr and "Zoë Peeters" in done.stderr


def test_without_a_data_file_it_says_so(here: Path) -> None:
    done = report(here, "class")
    assert done.returncode == 1
    assert "There is no data file" in done.stderr
