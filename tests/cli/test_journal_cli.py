"""`companion journal add|list`, the installed command in a subprocess, as a teacher who
writes from the terminal uses it: children and tags matched accent-blind, days read the
Belgian way with `--to` the whole day, AND-search with a NOT, three formats, private
entries kept from what is passed on, and every wrong input a clear sentence (exit 1 or 2),
never a traceback."""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest
from cli_helpers import installed_command, run_installed, teacher_environment

from companion.domain.children import ChildDraft
from companion.domain.journal import JournalEntry
from companion.store import Store


def journal(
    home: Path, *args: str | Path, stdin: str | None = None, lang: str = "en"
) -> subprocess.CompletedProcess[str]:
    return run_installed(teacher_environment(home, lang=lang), "journal", *args, stdin=stdin)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "klas.json"
    with Store.open(path, today=date(2026, 11, 25)) as store:
        zoe = store.children.add(ChildDraft("Zoë", "Peeters")).id
        store.children.add(ChildDraft("Zoe", "Bakker"))
        store.children.add(ChildDraft("Andy", "Maes"))
        store.journal.save(
            JournalEntry(
                "",
                "prompt",
                datetime(2026, 11, 24, 8, 0),
                "Gisteren",
                "Zoë stil @kring",
                frozenset({zoe}),
                prompt="an_andy",
            )
        )
        store.journal.save(
            JournalEntry("", "reflection", datetime(2026, 11, 2, 9, 0), "Oud", "@kring @boos")
        )
    return path


def test_an_entry_written_from_the_terminal_is_found_by_child_tag_and_words(
    tmp_path: Path, data: Path
) -> None:
    home = tmp_path / "home"
    added = journal(
        home,
        "add",
        "Andy was @boos,",
        "kikkertje rust hielp.",
        "--child",
        "andy",
        "--tag",
        "Kikkertje  rust",
        "--star",
        "--data",
        data,
    )
    assert added.returncode == 0, added.stderr
    assert (
        "Kept in your journal: “Andy was @boos, kikkertje rust hielp.” (25/11/2026 16:30)"
        in added.stdout
    )
    listed = journal(home, "list", "--tag", "BOOS", "--search", "kikkertje -oud", "--data", data)
    assert listed.returncode == 0, listed.stderr
    assert "★ Andy was @boos" in listed.stdout and "Andy Maes" in listed.stdout
    assert "Oud" not in listed.stdout
    by_tag = journal(
        home, "list", "--search", '@"kikkertje rust"', "--format", "json", "--data", data
    )
    (entry,) = orjson.loads(by_tag.stdout)["entries"]
    assert entry["children"] == ["Andy Maes"] and entry["starred"] is True
    assert entry["tags"] == ["Kikkertje rust", "boos"]


def test_days_are_read_the_belgian_way_and_to_is_the_whole_day(tmp_path: Path, data: Path) -> None:
    home = tmp_path / "home"
    journal(home, "add", "Vanavond nog", "--data", data)
    listed = journal(
        home, "list", "--from", "24.11.2026", "--to", "vandaag", "--format", "md", "--data", data
    )
    assert listed.returncode == 0, listed.stderr
    titles = [line for line in listed.stdout.splitlines() if line.startswith("## ")]
    assert titles == ["## 24/11/2026 08:00 Gisteren", "## 25/11/2026 16:30 Vanavond nog"]
    only_yesterday = journal(
        home, "list", "--to", "yesterday", "--from", "24/11/2026", "--data", data
    )
    assert "Gisteren" in only_yesterday.stdout and "Vanavond" not in only_yesterday.stdout


def test_a_child_found_accent_blind_and_a_private_entry_kept_from_what_is_passed_on(
    tmp_path: Path, data: Path
) -> None:
    home = tmp_path / "home"
    private = journal(
        home,
        "add",
        "-",
        "--private",
        "--child",
        "ZOË PEETERS",
        "--data",
        data,
        stdin="Alleen voor mij\nTweede regel 👩‍🏫 سلام",
    )
    assert private.returncode == 0, private.stderr
    mine = journal(home, "list", "--child", "zoe peeters", "--data", data)
    assert (
        "(private) Alleen voor mij" in mine.stdout and "    Tweede regel 👩‍🏫 سلام" in mine.stdout
    )
    passed_on = journal(home, "list", "--child", "zoe peeters", "--format", "json", "--data", data)
    assert [e["title"] for e in orjson.loads(passed_on.stdout)["entries"]] == ["Gisteren"]
    with_private = journal(home, "list", "--format", "md", "--with-private", "--data", data)
    assert "Alleen voor mij" in with_private.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("add", "x", "--child", "zoe"),
            "“zoe” could be more than one child: Zoe Bakker, Zoë Peeters",
        ),
        (
            ("add", "x", "--child", "Andi"),
            "No child called “Andi” in the class list. Did you mean: Andy Maes?",
        ),
        (("add", "x", "--child", "Bram"), "No child called “Bram” in the class list."),
        (("add", "boos\x1b[2J"), "invisible control characters"),
        (("add", "   "), "Give a title, or write something first."),
        (("list", "--from", "31/02/2026"), "--from 31/02/2026: not a day"),
        (("list", "--to", "volgende week"), "--to volgende week: not a day"),
        (
            ("list", "--from", "25/11/2026", "--to", "1/11/2026"),
            "--from 25/11/2026 comes after --to 1/11/2026",
        ),
        (("list", "--child", " "), "--child needs a name"),
        (("add", "x", "--child", ""), "--child needs a name"),
        (("list", "--tag", "@"), "--tag needs a word"),
    ],
)
def test_what_cannot_be_done_says_why_in_one_sentence(
    tmp_path: Path, data: Path, args: tuple[str, ...], said: str
) -> None:
    before = data.read_bytes()
    done = journal(tmp_path / "home", *args, "--data", data)
    assert done.returncode == 1 and said in done.stderr and "Traceback" not in done.stderr
    assert data.read_bytes() == before


def test_a_huge_entry_is_kept_and_one_too_long_refused(tmp_path: Path, data: Path) -> None:
    home = tmp_path / "home"
    kept = journal(home, "add", "-", "--title", "Lang", "--data", data, stdin="woord " * 16_000)
    assert kept.returncode == 0, kept.stderr
    refused = journal(home, "add", "-", "--data", data, stdin="x" * 100_001)
    assert refused.returncode == 1 and "too long: 100001 characters" in refused.stderr
    listed = journal(home, "list", "--search", "lang", "--format", "json", "--data", data)
    (entry,) = orjson.loads(listed.stdout)["entries"]
    assert len(entry["text"]) == len(("woord " * 16_000).strip())


def test_text_that_is_not_utf8_is_refused_with_how_to_mend_it(tmp_path: Path, data: Path) -> None:
    before = data.read_bytes()
    done = subprocess.run(
        [*installed_command(), "journal", "add", "-", "--data", str(data)],
        input="café".encode("latin-1"),
        capture_output=True,
        env={
            **os.environ,
            "HOME": str(tmp_path),
            "COMPANION_TODAY": "2026-11-25",
            "LANG": "en_US.UTF-8",
        },
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and b"not UTF-8" in done.stderr
    assert data.read_bytes() == before


def test_listing_without_a_data_file_says_so_and_makes_none(tmp_path: Path) -> None:
    missing = tmp_path / "nergens.json"
    done = journal(tmp_path / "home", "list", "--data", missing, lang="nl")
    assert done.returncode == 1 and "nergens.json" in done.stderr
    assert not missing.exists()


def test_the_dutch_teacher_gets_dutch_sentences(tmp_path: Path, data: Path) -> None:
    done = journal(tmp_path / "home", "add", "x", "--child", "zoe", "--data", data, lang="nl")
    assert "kan meer dan één kind zijn" in done.stderr
    listed = journal(
        tmp_path / "home", "list", "--search", "niets-te-vinden", "--data", data, lang="nl"
    )
    assert listed.stdout.strip() == "Geen stukken gevonden."


def test_listing_an_older_file_reads_it_without_rewriting_it(tmp_path: Path, data: Path) -> None:
    document = orjson.loads(data.read_bytes())
    document["meta"]["1"]["schema"] = 2
    for table in ("own_strategies", "hidden_strategies", "journal_drafts", "journal_prompts"):
        document.pop(table, None)
    document.pop("journal_entries")  # an older file had no journal
    older = orjson.dumps(document)
    data.write_bytes(older)
    listed = journal(tmp_path / "home", "list", "--format", "json", "--data", data)
    assert listed.returncode == 0, listed.stderr
    assert orjson.loads(listed.stdout)["entries"] == []
    assert data.read_bytes() == older  # read, never rewritten


def test_a_control_character_a_hand_edited_file_holds_never_reaches_the_terminal(
    tmp_path: Path, data: Path
) -> None:
    document = orjson.loads(data.read_bytes())
    first = next(iter(document["journal_entries"].values()))
    first["title"] = "Rood\x1b[31m"
    data.write_bytes(orjson.dumps(document))
    for form in ("text", "md"):
        listed = journal(tmp_path / "home", "list", "--format", form, "--data", data)
        assert listed.returncode == 0, listed.stderr
        assert "\x1b" not in listed.stdout and "Rood\ufffd[31m" in listed.stdout
    searched = journal(tmp_path / "home", "list", "--search=-rood", "--data", data)
    assert "Rood" not in searched.stdout and searched.returncode == 0
