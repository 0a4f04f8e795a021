"""`companion export` writes as it reads, year by year: what it leaves when that goes wrong
half-way (a damaged archive, a disk that takes no more), and that it still writes the
whole export, the same on the screen as in the file."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import Cli, frozen_day_and_private_home, in_process

from companion.i18n import t

TODAY = "2026-11-25"
EXPORTED_AT = re.compile(rb'"exported_at": "[^"]*"')


@pytest.fixture(autouse=True)
def cli_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with frozen_day_and_private_home(monkeypatch, TODAY, tmp_path / "home"):
        yield


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return in_process(capsys)


@pytest.fixture
def demo_file(cli: Cli, tmp_path: Path) -> Path:
    """A demo class with three school years: two of them in archive files."""
    path = tmp_path / "data" / "demo.json"
    result = cli("demo", "--data", path, "--years", "3", "--children", "4")
    assert result.code == 0, result.err
    return path


def leftovers(folder: Path) -> list[str]:
    """Temp files an interrupted write would leave (atomic_write's names end in .tmp)."""
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def test_the_file_and_the_screen_get_the_same_bytes(
    cli: Cli, demo_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export.json"
    assert cli("export", "--data", demo_file, "--out", out).code == 0
    result = subprocess.run(
        [sys.executable, "-m", "companion", "--data", str(demo_file), "export"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert EXPORTED_AT.sub(b"", result.stdout) == EXPORTED_AT.sub(b"", out.read_bytes())
    assert result.stdout.endswith(b"\n}\n")


def test_a_damaged_archive_leaves_no_export_behind(
    cli: Cli, demo_file: Path, tmp_path: Path
) -> None:
    archive = demo_file.parent / "demo.archive" / "2025-2026.json"
    archive.write_bytes(archive.read_bytes()[:-200])  # cut short, as by a full disk
    out = tmp_path / "export.json"
    out.write_bytes(b"the export of last week\n")

    to_file = cli("export", "--data", demo_file, "--out", out)
    assert to_file.code == 1
    assert "2025-2026.json" in to_file.err
    assert out.read_bytes() == b"the export of last week\n"
    assert leftovers(tmp_path) == []

    on_screen = cli("export", "--data", demo_file)
    assert on_screen.code == 1
    assert on_screen.out == ""  # not half an export
    assert "2025-2026.json" in on_screen.err


def _small_files_only(limit: int) -> None:
    """In the child: no file may grow past `limit` bytes. A write past it fails with
    EFBIG (SIGXFSZ ignored, as it would otherwise end the process), as on a full disk."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="file size limits are POSIX")
def test_a_write_that_fails_half_way_leaves_the_old_export(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    command = [sys.executable, "-m", "companion", "--data", str(demo_file), "export"]
    whole = subprocess.run([*command, "--out", str(out)], capture_output=True, timeout=120)
    assert whole.returncode == 0, whole.stderr
    size = out.stat().st_size
    out.write_bytes(b"the export of last week\n")

    cut = subprocess.run(
        [*command, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: _small_files_only(size // 2),
        check=False,
    )
    assert cut.returncode == 1
    said = t("cli.cannot_write", "en", path=str(out), detail="DETAIL").split("DETAIL")
    assert cut.stderr.startswith(said[0]) and cut.stderr.rstrip().endswith(said[1])
    assert out.read_bytes() == b"the export of last week\n"
    assert leftovers(tmp_path) == []
