"""`companion purge NAME|ID`, the installed command in a subprocess: it shows what will go
and the entries that name her, asks, and erases only after a yes; a name of two children
lists both."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest
from cli_helpers import run_installed, teacher_environment

from companion.demo import create_demo
from companion.store import Store

TODAY = "2026-12-07"


def purge(
    home: Path, *args: str | Path, stdin: str | None = None, lang: str = "en"
) -> subprocess.CompletedProcess[str]:
    environment = teacher_environment(home, lang=lang, today=TODAY)
    return run_installed(environment, "purge", *args, stdin=stdin)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    from datetime import date

    create_demo(folder / "class.json", date.fromisoformat(TODAY), years=3)
    return folder


@pytest.fixture
def data(tmp_path: Path, template: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    for source in template.rglob("*"):
        target = folder / source.relative_to(template)
        if source.is_dir():
            target.mkdir(mode=0o700, exist_ok=True)
        else:
            target.write_bytes(source.read_bytes())
            target.chmod(0o600)
    return folder / "class.json"


def everything(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def the_data(folder: Path) -> bytes:
    """The data file and the archives (opening makes a backup of the day)."""
    files = [folder / "class.json", *sorted((folder / "class.archive").glob("*"))]
    return b"".join(path.read_bytes() for path in files)


def test_a_name_of_two_children_lists_both_and_erases_nothing(tmp_path: Path, data: Path) -> None:
    before = the_data(data.parent)
    result = purge(tmp_path, "Zoë", "--data", data, "--yes")
    assert result.returncode == 1
    assert "Zoë Coppens" in result.stderr and "Zoë Michiels" in result.stderr
    assert the_data(data.parent) == before


def test_without_a_yes_nothing_goes_and_what_would_go_is_shown(tmp_path: Path, data: Path) -> None:
    before = the_data(data.parent)
    result = purge(tmp_path, "Zoë Coppens", "--data", data)  # no terminal: no answer
    assert result.returncode == 2
    assert "Erase all data of Zoë Coppens" in result.stdout
    assert "days of ABC ticks (archive 2025-2026)" in result.stdout
    assert "entries name this child" in result.stdout
    assert "--yes" in result.stderr
    assert the_data(data.parent) == before


def test_erased_with_the_backups_no_byte_of_her_is_left(tmp_path: Path, data: Path) -> None:
    from datetime import date

    with Store.open(data, today=date.fromisoformat(TODAY)) as store:  # a backup of today
        child = next(
            c for c in store.children.all(include_archived=True) if c.full_name == "Zoë Coppens"
        )
    folder = data.parent
    assert child.id.encode() in everything(folder)
    result = purge(tmp_path, child.id, "--data", data, "--backups", "--yes")
    assert result.returncode == 0, result.stderr
    assert "Zoë Coppens is erased" in result.stdout
    assert "backup rewritten without this child" in result.stdout
    payload = everything(folder)
    assert child.id.encode() not in payload
    assert b"Coppens" in payload  # Seppe Coppens, another child, stays
    # Her first name stays only where the other Zoë's entries name her (kept, as shown).
    assert "keep as it is" in result.stdout
    for path in folder.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
    again = purge(tmp_path, child.id, "--data", data, "--yes")
    assert again.returncode == 1  # she is no longer in the class list
    assert child.id in again.stderr


def test_the_dutch_teacher_is_asked_in_dutch(tmp_path: Path, data: Path) -> None:
    result = purge(tmp_path, "Zoë Michiels", "--data", data, lang="nl")
    assert result.returncode == 2
    assert "Alle gegevens van Zoë Michiels wissen" in result.stdout
    assert "--yes" in result.stderr
