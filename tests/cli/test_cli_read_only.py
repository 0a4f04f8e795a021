"""The CLI on read-only files and media, on a file another process took over, and the
messages that name the real cause. Run as real processes: what the teacher sees."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest

from companion.domain.children import ChildDraft
from companion.i18n import t
from companion.store import Store

TODAY = "2026-11-25"
TODAY_DATE = date.fromisoformat(TODAY)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", *(str(arg) for arg in args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={
            **os.environ,
            "COMPANION_TODAY": TODAY,
            "LC_ALL": "C.UTF-8",
            "LANG": "",
            "LANGUAGE": "",
            "PYTHONIOENCODING": "utf-8",
        },
        timeout=60,
        check=False,
    )


def one_line(text: str) -> str:
    return " ".join(text.split())


def a_class(path: Path) -> None:
    with Store.open(path, today=TODAY_DATE, backup=False) as store:
        store.children.add_many([ChildDraft("Zoë", "D'hondt")])
    Path(f"{path}.lock").unlink()


def names(path: Path) -> list[str]:
    with Store.open(path, today=TODAY_DATE, backup=False) as store:
        return sorted(c.first_name for c in store.children.all(include_archived=True))


@pytest.fixture
def class_list(tmp_path: Path) -> Path:
    csv = tmp_path / "lijst.csv"
    csv.write_text("Voornaam;Naam\nJérôme;Van den Broeck\n", encoding="utf-8")
    return csv


def everything_under(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    return {
        str(p.relative_to(folder)): (None if p.is_dir() else p.read_bytes(), p.stat().st_mode)
        for p in sorted(folder.rglob("*"))
    }


@POSIX_ONLY
def test_a_read_only_file_exports_and_refuses_an_import(tmp_path: Path, class_list: Path) -> None:
    folder = tmp_path / "klas"
    path = folder / "companion.json"
    a_class(path)
    path.chmod(0o444)
    before = everything_under(folder)

    exported = run("export", "--data", path)
    assert exported.returncode == 0, exported.stderr
    assert orjson.loads(exported.stdout)["children"][0]["first_name"] == "Zoë"

    imported = run("roster", "import", class_list, "--data", path)
    assert imported.returncode == 1
    assert "Traceback" not in imported.stderr
    assert one_line(imported.stderr) == one_line(
        t("errors.file.read_only_file", "en", path=str(path))
    )
    assert everything_under(folder) == before


@POSIX_ONLY
@pytest.mark.skipif(not IS_ROOT, reason="mounting needs root")
def test_a_read_only_medium_exports(tmp_path: Path, class_list: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(usb)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mount is not permitted here (the folder-mode unit test covers it)")
    try:
        path = usb / "companion.json"
        a_class(path)
        subprocess.run(["mount", "-o", "remount,ro", str(usb)], check=True)
        exported = run("export", "--data", path)
        assert exported.returncode == 0, exported.stderr
        assert orjson.loads(exported.stdout)["children"][0]["first_name"] == "Zoë"
        out = tmp_path / "export.json"
        assert run("export", "--data", path, "--out", out).returncode == 0
        assert orjson.loads(out.read_bytes())["children"][0]["first_name"] == "Zoë"
        imported = run("roster", "import", class_list, "--data", path)
        assert imported.returncode == 1
        assert one_line(imported.stderr) == one_line(
            t("errors.file.read_only_folder", "en", path=str(path))
        )
        assert sorted(p.name for p in usb.iterdir()) == ["companion.json"]
    finally:
        subprocess.run(["umount", "-l", str(usb)], capture_output=True)


def test_a_second_process_let_in_by_a_deleted_lock_loses_nothing(
    tmp_path: Path, class_list: Path
) -> None:
    """One window is open; its lock file is deleted; a second process imports a class
    list. The first window's next save is refused, so the import stays."""
    path = tmp_path / "companion.json"
    a_class(path)
    with Store.open(path, today=TODAY_DATE) as first:
        Path(f"{path}.lock").unlink()
        imported = run("roster", "import", class_list, "--data", path)
        assert imported.returncode == 0, imported.stderr
        with pytest.raises(Exception) as caught:
            first.children.add(ChildDraft("Anaïs", ""))
        assert type(caught.value).__name__ == "DataFileLockLost"
    assert names(path) == ["Jérôme", "Zoë"]


@POSIX_ONLY
def test_a_link_loop_says_so(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.symlink_to(second)
    second.symlink_to(first)
    done = run("export", "--data", first)  # not "there is no data file yet"
    assert done.returncode == 1
    assert one_line(done.stderr) == one_line(t("errors.file.link_loop", "en", path=str(first)))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux /proc")
def test_a_system_file_is_not_said_to_be_open_in_another_window() -> None:
    done = run("export", "--data", "/proc/self/status")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    locked = t("errors.file.locked", "en", path="/proc/self/status")
    assert one_line(locked) not in one_line(done.stderr)
    assert "/proc/self/status" in done.stderr
