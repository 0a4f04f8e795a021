"""`companion backup list|restore` through the installed command, and the start of a
damaged data file naming the newest good backup with the exact command to restore it."""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import run_installed, teacher_environment

from companion.domain.children import ChildDraft
from companion.i18n import t
from companion.store import Store

TODAY = date(2026, 11, 25)


def companion(
    home: Path, *args: str | Path, lang: str = "en", passphrase: str | None = None
) -> subprocess.CompletedProcess[str]:
    environment = teacher_environment(
        home, lang=lang, today=TODAY.isoformat(), passphrase=passphrase
    )
    return run_installed(environment, "--lang", lang, *args)


def a_class_with_a_backup(path: Path, children: int = 2) -> Path:
    """A class of `children`, one tick, and today's backup of it (the file as it opened)."""
    with Store.open(path, today=TODAY) as store:
        added = [store.children.add(ChildDraft(f"Kind{n}", "Peeters")) for n in range(children)]
        store.abc.save(store.abc.day(added[0].id, TODAY).toggled("day", "smile"))
    with Store.open(path, today=TODAY) as store:
        (backup,) = store.backups.all()
    return backup


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_list_shows_the_backups_newest_first_with_what_they_hold(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "companion.json"
    backup = a_class_with_a_backup(path)
    older = backup.with_name("companion-20200106-080000.json")
    older.write_bytes(b"{ not json")
    result = companion(tmp_path, "backup", "list", "--data", path, lang=lang)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()[:1].isdigit()]
    assert len(lines) == 2
    newest, damaged = lines
    assert newest.strip().startswith("1 ") and damaged.strip().startswith("2 ")
    assert t("backup.children", lang, count=2) in newest
    assert t("backup.ticks", lang, count=1) in newest
    assert t("backup.journal_entries", lang, count=0) in newest
    assert ("January 2020" if lang == "en" else "januari 2020") in damaged
    assert t("backup.unreadable", lang, reason=t("backup.problem.damaged", lang)) in damaged


def test_list_without_backups_says_so(tmp_path: Path) -> None:
    result = companion(tmp_path, "backup", "list", "--data", tmp_path / "companion.json")
    assert result.returncode == 0
    assert "no backups" in result.stdout
    assert not (tmp_path / "companion.json").exists()


def test_restore_says_what_is_replaced_restores_and_can_be_undone(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    a_class_with_a_backup(path, children=2)
    as_backed_up = path.read_bytes()
    with Store.open(path, today=TODAY, backup=False) as store:
        store.children.add(ChildDraft("Mila", "Janssens"))
    newer = path.read_bytes()

    asked = companion(tmp_path, "backup", "restore", "1", "--data", path)
    assert asked.returncode == 2  # no terminal and no --yes: nothing happens
    assert "--yes" in asked.stderr
    assert "children: 3 now, 2 in the backup" in asked.stdout
    assert "only the data file is put back" in asked.stdout
    assert path.read_bytes() == newer

    done = companion(tmp_path, "backup", "restore", "1", "--data", path, "--yes")
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    assert path.read_bytes() == as_backed_up
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "companion.backups").stat().st_mode) == 0o700
    # The undo command it prints puts back what was there.
    (undo_line,) = [line for line in done.stdout.splitlines() if "To undo:" in line]
    undo = shlex.split(undo_line.split("To undo:", 1)[1])
    assert undo[:3] == ["companion", "backup", "restore"]
    assert undo[3].endswith("-before-restore.json")
    again = companion(tmp_path, *undo[1:], "--yes")
    assert again.returncode == 0, again.stderr
    assert path.read_bytes() == newer


def test_a_bad_backup_is_refused_and_nothing_touched(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    backup = a_class_with_a_backup(path)
    bad = backup.with_name("companion-29990101-000000.json")
    bad.write_bytes(b'{"meta": {"1": {"app": "classroom-companion", "schema": 999}}}')
    before = path.read_bytes()
    folder_before = sorted(p.name for p in backup.parent.iterdir())
    result = companion(tmp_path, "backup", "restore", bad.name, "--data", path, "--yes")
    no_traceback(result)
    assert result.returncode == 1
    assert "newer version" in result.stderr and bad.name in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in backup.parent.iterdir()) == folder_before


def test_an_unknown_backup_is_named(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    a_class_with_a_backup(path)
    result = companion(tmp_path, "backup", "restore", "7", "--data", path, "--yes")
    assert result.returncode == 1
    assert "There is no backup 7" in result.stderr


def test_restore_is_refused_while_the_app_has_the_file_open(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    a_class_with_a_backup(path)
    with Store.open(path, today=TODAY, backup=False):
        before = path.read_bytes()
        result = companion(tmp_path, "backup", "restore", "1", "--data", path, "--yes")
        no_traceback(result)
        assert result.returncode == 1
        assert "already open" in result.stderr
        assert path.read_bytes() == before


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_damaged_data_file_names_the_newest_good_backup_and_the_command(
    tmp_path: Path, lang: str
) -> None:
    path = tmp_path / "companion.json"
    good = a_class_with_a_backup(path)
    good_bytes = good.read_bytes()
    # A newer backup that is damaged too is passed by.
    good.with_name("companion-29990101-000000.json").write_bytes(b"{")
    path.write_bytes(path.read_bytes()[:-30])  # the data file is damaged
    started = companion(tmp_path, "--data", path, lang=lang)
    no_traceback(started)
    assert started.returncode == 1
    command = f'companion backup restore {good.name} --data "{path}"'
    assert command in started.stderr
    assert "29990101" not in started.stderr
    # The command works as said.
    restored = companion(tmp_path, *shlex.split(command)[1:], "--yes", lang=lang)
    assert restored.returncode == 0, restored.stderr
    assert path.read_bytes() == good_bytes
    reopened = companion(tmp_path, "export", "--data", path)
    assert reopened.returncode == 0, reopened.stderr


def test_an_encrypted_backup_is_listed_and_restored_with_the_passphrase(tmp_path: Path) -> None:
    from companion.store.codec.crypto import is_sealed

    path = tmp_path / "companion.json"
    a_class_with_a_backup(path)
    for backup in (tmp_path / "companion.backups").iterdir():
        backup.unlink()  # only encrypted backups from here on
    secret = "a long passphrase for the class"
    encrypted = companion(tmp_path, "encrypt", "--data", path, passphrase=secret)
    assert encrypted.returncode == 0, encrypted.stderr
    added = companion(tmp_path, "journal", "add", "one", "--data", path, passphrase=secret)
    assert added.returncode == 0, added.stderr  # opened: today's (encrypted) backup made
    companion(tmp_path, "journal", "add", "two", "--data", path, passphrase=secret)
    listed = companion(tmp_path, "backup", "list", "--data", path, passphrase=secret)
    assert listed.returncode == 0, listed.stderr
    assert "0 journal entries" in listed.stdout  # the file as it opened, before "one"
    done = companion(tmp_path, "backup", "restore", "1", "--data", path, "--yes", passphrase=secret)
    assert done.returncode == 0, done.stderr
    assert "journal entries: 2 now, 0 in the backup" in done.stdout
    assert is_sealed(path.read_bytes())  # put back as it was: encrypted
    for backup in (tmp_path / "companion.backups").iterdir():
        assert is_sealed(backup.read_bytes()), backup
    wrong = companion(tmp_path, "backup", "list", "--data", path, passphrase="not it")
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
