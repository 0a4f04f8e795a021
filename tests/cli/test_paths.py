"""Whatever the path, the app stays in its lane: where it writes, what it reads, how long a
name may be, which day it accepts, and the temp files a killed export leaves.

The commands run as the teacher runs them: `main([...])` in this process where nothing
can hang, `python -m companion` in a subprocess where it might (a pipe, /dev/zero) or
where the app itself would start.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import Cli, frozen_day_and_private_home, in_process, record_tui_starts
from cli_helpers import run_process as run_cli_process

from companion.domain.abc import AbcDay
from companion.domain.children import ChildDraft
from companion.domain.roster_import import MAX_FILE_BYTES
from companion.i18n import t
from companion.store import DataFileLocked, Store
from companion.store.errors import PathRefused
from companion.store.files import atomic_write, lock_path_for
from companion.store.paths import check_name_lengths, read_bounded

TODAY = "2026-11-25"
TODAY_DATE = date.fromisoformat(TODAY)
LAST_YEAR_DAY = date(2025, 11, 25)
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="devices, pipes and POSIX modes")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
_OPEN = "\x00open\x00"


@pytest.fixture(autouse=True)
def cli_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with frozen_day_and_private_home(monkeypatch, TODAY, tmp_path / "home"):
        yield


class DidNotReturn(Exception):
    """A command waited on a pipe or a device: what the rule is there to prevent."""


@pytest.fixture(autouse=True)
def returns(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every command here must return: should one block on a pipe or read a device for
    ever, the test fails instead of hanging the suite."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise DidNotReturn(request.node.name)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return in_process(capsys)


@pytest.fixture
def no_tui(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Starting the TUI must stop at the store: record it if the app would run."""
    return record_tui_starts(monkeypatch)


def run_process(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m companion ...` with no terminal at all (as from a desktop shortcut)."""
    return run_cli_process(*args, stdin=subprocess.DEVNULL, **env)


def refusal_text(key: str, path: Path | str, reason: str, params: Mapping[str, object]) -> str:
    reason_text = t(f"paths.reason.{reason}", "en", **params)
    return t(key, "en", path=str(path), reason=reason_text)


def assert_refused(
    err: str, path: Path | str, reason: str, *, reading: bool = False, **params: object
) -> None:
    """`err` is exactly the refusal sentence; an {owner} or a {limit} may be anything."""
    key = "paths.read_refused" if reading else "paths.write_refused"
    text = refusal_text(key, path, reason, {"owner": _OPEN, "limit": _OPEN, **params})
    pattern = ".+?".join(re.escape(part) for part in text.split(_OPEN))
    assert re.fullmatch(pattern, err.strip(), flags=re.DOTALL), f"{reason}: {err!r}"


def assert_no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr
    assert "Error:" not in done.stderr
    assert done.stdout == ""


def files_under(folder: Path) -> dict[str, bytes | str | None]:
    """Every path under `folder`: a file's bytes, a folder as None, anything else by kind."""
    found: dict[str, bytes | str | None] = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        name = str(path.relative_to(folder))
        if stat.S_ISLNK(mode):
            found[name] = f"link to {os.readlink(path)}"
        elif stat.S_ISDIR(mode):
            found[name] = None
        elif stat.S_ISREG(mode):
            found[name] = path.read_bytes()
        else:
            found[name] = f"special {stat.S_IFMT(mode):o}"
    return found


def full_class(folder: Path) -> Path:
    """A data file with a closed school year (so an archive) and a backup beside it."""
    path = folder / "companion.json"
    with Store.open(path, today=LAST_YEAR_DAY, backup=False) as store:
        (child,) = store.children.add_many([ChildDraft("Zoë", "D'hondt")])
        store.abc.save(AbcDay(child.id, LAST_YEAR_DAY).toggled("welcome", "smile"))
    with Store.open(path, today=TODAY_DATE) as store:  # makes today's backup
        store.school_years.close()
    assert any((folder / "companion.archive").iterdir())
    assert any((folder / "companion.backups").iterdir())
    return path


DEVICES = {"full": 7, "null": 3}  # minor numbers of the memory devices (major 1)


def a_device(folder: Path, name: str = "full") -> Path:
    """A character device like /dev/full (written to, it fails) or /dev/null (read, it is
    empty). As root, who could replace the real one should the rule break, it is made in
    the test's folder with the same numbers; else the real one, which an ordinary user
    cannot replace."""
    if not IS_ROOT:
        return Path(f"/dev/{name}")
    device = folder / name
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, DEVICES[name]))
    return device


def a_pipe(folder: Path) -> Path:
    pipe = folder / "pipe"
    os.mkfifo(pipe)
    return pipe


# -- writes: only to an ordinary file or a new name ----------------------------------------


def _out_target(case: str, tmp_path: Path, data: Path) -> Path:
    if case == "device":
        return a_device(tmp_path)
    if case == "pipe":
        return a_pipe(tmp_path)
    if case == "link to a device":
        link = tmp_path / "export.json"
        link.symlink_to(a_device(tmp_path))
        return link
    return {
        "data file": data,
        "data file by another name": tmp_path / "." / data.name,
        "its lock": lock_path_for(data),
        "in its archive": tmp_path / "companion.archive" / "2025-2026.json",
        "new in its archive": tmp_path / "companion.archive" / "export.json",
        "in its backups": next((tmp_path / "companion.backups").iterdir()),
        "a folder": tmp_path / "companion.archive",
    }[case]


WRITE_REFUSALS = {
    "device": "device",
    "link to a device": "device",
    "pipe": "pipe",
    "data file": "data_file",
    "data file by another name": "data_file",
    "its lock": "lock",
    "in its archive": "archive",
    "new in its archive": "archive",
    "in its backups": "backups",
    "a folder": "folder",
}


@POSIX_ONLY
@pytest.mark.parametrize("case", list(WRITE_REFUSALS))
def test_export_out_writes_nowhere_but_an_ordinary_file(
    cli: Cli, tmp_path: Path, case: str
) -> None:
    data = full_class(tmp_path)
    with Store.open(data, today=TODAY_DATE, backup=False):
        pass  # the lock file exists now, as it does while the app runs
    out = _out_target(case, tmp_path, data)
    before = files_under(tmp_path)
    result = cli("export", "--data", data, "--out", out)
    assert result.code == 1
    assert result.out == ""
    via = os.path.realpath(out) if out.is_symlink() else None
    shown = t("paths.via_link", "en", path=str(out), target=via) if via else out
    assert_refused(result.err, shown, WRITE_REFUSALS[case])
    assert files_under(tmp_path) == before  # the target untouched, no lock beside it


@POSIX_ONLY
@pytest.mark.skipif(IS_ROOT, reason="root could replace the real ones should the rule break")
def test_the_real_dev_null_and_dev_full_are_refused_untouched(cli: Cli, tmp_path: Path) -> None:
    data = full_class(tmp_path)
    for device in (Path("/dev/null"), Path("/dev/full")):
        before = device.stat()
        result = cli("export", "--data", data, "--out", device)
        assert result.code == 1
        assert_refused(result.err, device, "device")
        after = device.stat()
        assert stat.S_ISCHR(after.st_mode)
        assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@POSIX_ONLY
def test_export_out_onto_the_lock_keeps_the_second_window_out(cli: Cli, tmp_path: Path) -> None:
    """The case seen: an export over the lock let a second instance in, and its import was
    lost. The running instance keeps its lock whatever --out says."""
    data = full_class(tmp_path)
    with Store.open(data, today=TODAY_DATE, backup=False):
        result = cli("export", "--data", data, "--out", lock_path_for(data))
        assert result.code == 1
        assert_refused(result.err, lock_path_for(data), "lock")
        with pytest.raises(DataFileLocked):
            Store.open(data, today=TODAY_DATE)


def _data_target(case: str, tmp_path: Path) -> tuple[Path, str]:
    if case == "device":  # read, /dev/null ends at once: a regression cannot eat memory
        return a_device(tmp_path, "null"), "device"
    if case == "pipe":
        return a_pipe(tmp_path), "pipe"
    data = full_class(tmp_path)
    if case == "another file's lock":
        return lock_path_for(data), "lock"
    return tmp_path / "companion.archive" / "new.json", "archive"


DATA_CASES = ["device", "pipe", "another file's lock", "new in an archive"]
COMMANDS = {
    "export": ["export"],
    "roster import": ["roster", "import", "{csv}"],
    "demo": ["demo"],
    "tui": [],
}


def _command_argv(command: str, tmp_path: Path) -> list[str]:
    """The arguments of one of COMMANDS, with a class list written for `roster import`."""
    csv = tmp_path / "lijst.csv"
    csv.write_text("Voornaam;Naam\nZoë;D'hondt\n", encoding="utf-8")
    return [arg.format(csv=csv) for arg in COMMANDS[command]]


@POSIX_ONLY
@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", DATA_CASES)
def test_data_must_be_an_ordinary_file_or_a_new_one(
    cli: Cli, tmp_path: Path, no_tui: list[object], case: str, command: str
) -> None:
    argv = _command_argv(command, tmp_path)
    target, reason = _data_target(case, tmp_path)
    before = files_under(tmp_path)
    result = cli(*argv, "--data", target)
    assert result.code == 1, result.err
    assert_refused(result.err, target, reason)
    assert files_under(tmp_path) == before  # no lock beside a device, nothing made
    assert no_tui == []


@POSIX_ONLY
def test_data_on_dev_null_creates_no_lock_in_dev(cli: Cli, no_tui: list[object]) -> None:
    lock = Path("/dev/null.lock")
    had_lock = lock.exists()
    try:
        for argv in (["export"], []):
            result = cli(*argv, "--data", "/dev/null")
            assert result.code == 1
            assert_refused(result.err, "/dev/null", "device")
            assert lock.exists() == had_lock
    finally:
        if lock.exists() and not had_lock:
            lock.unlink()
    assert no_tui == []


# -- reads: ordinary files only, and never more than the limit ------------------------------


@POSIX_ONLY
@pytest.mark.parametrize("case", ["/dev/zero", "pipe", "folder"])
def test_import_reads_only_an_ordinary_file_and_returns(tmp_path: Path, case: str) -> None:
    source = {
        "/dev/zero": lambda: Path("/dev/zero"),
        "pipe": lambda: a_pipe(tmp_path),  # with nobody writing: opening it would wait
        "folder": lambda: tmp_path,
    }[case]()
    data = tmp_path / "companion.json"
    # A subprocess with a memory limit: before the bound, /dev/zero ate 4.5 GB in 8 s and
    # a pipe hung for ever; the timeout proves it returns.
    done = subprocess.run(
        [sys.executable, "-c", _LIMITED_RUN, "roster", "import", str(source), "--data", str(data)],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=30,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert_no_traceback(done)
    reason = {"/dev/zero": "device", "pipe": "pipe", "folder": "folder"}[case]
    assert_refused(done.stderr, source, reason, reading=True)
    assert not data.exists()


_LIMITED_RUN = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    from companion.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def test_a_file_larger_than_the_limit_is_refused_unread(cli: Cli, tmp_path: Path) -> None:
    big = tmp_path / "lijst.csv"
    with big.open("wb") as handle:
        handle.write(b"Voornaam;Naam\n")
        handle.truncate(MAX_FILE_BYTES + 1)
    data = tmp_path / "companion.json"
    result = cli("roster", "import", big, "--data", data)
    assert result.code == 1
    assert_refused(result.err, big, "too_big", reading=True, limit="2 MB")
    assert not data.exists()


def test_a_file_at_the_limit_is_read_whole(tmp_path: Path) -> None:
    exact = tmp_path / "lijst.csv"
    exact.write_bytes(b"x" * 1000)
    assert read_bounded(exact, 1000) == b"x" * 1000
    with pytest.raises(PathRefused) as refused:
        read_bounded(exact, 999)
    assert refused.value.reason == "too_big"


@pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="Linux /proc")
def test_a_file_that_hides_its_size_is_read_no_further_than_the_limit() -> None:
    """/proc files say they are empty; the bound is in the reading, not in the size."""
    source = Path("/proc/self/smaps")
    assert source.stat().st_size == 0
    with pytest.raises(PathRefused) as refused:
        read_bounded(source, 1000)
    assert refused.value.reason == "too_big"


# -- names too long for the computer --------------------------------------------------------


def _long_name(length: int) -> str:
    return "x" * (length - len(".json")) + ".json"


LENGTHS = [250, 255, 256, 300]


@POSIX_ONLY
@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("length", LENGTHS)
def test_a_name_too_long_for_the_computer_is_a_sentence(
    cli: Cli, tmp_path: Path, no_tui: list[object], command: str, length: int
) -> None:
    argv = _command_argv(command, tmp_path)
    data = tmp_path / _long_name(length)
    before = files_under(tmp_path)
    result = cli(*argv, "--data", data)
    assert result.code == 1, result.err
    assert_refused(result.err, data, "name_too_long", added=_OPEN)
    assert files_under(tmp_path) == before


@POSIX_ONLY
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_whole_path_too_long_for_the_computer_is_a_sentence(
    cli: Cli, tmp_path: Path, no_tui: list[object], command: str
) -> None:
    argv = _command_argv(command, tmp_path)
    folder = tmp_path.joinpath(*(["d" * 200] * 21))  # each name fits; the whole does not
    data = folder / "companion.json"
    assert len(str(data)) > 4096
    result = cli(*argv, "--data", data)
    assert result.code == 1, result.err
    assert_refused(result.err, data, "path_too_long", added=_OPEN)
    assert not (tmp_path / ("d" * 200)).exists()


@POSIX_ONLY
def test_export_out_with_a_name_too_long_is_a_sentence(cli: Cli, tmp_path: Path) -> None:
    data = full_class(tmp_path)
    before = files_under(tmp_path)
    for out in [tmp_path / _long_name(length) for length in LENGTHS]:
        result = cli("export", "--data", data, "--out", out)
        assert result.code == 1
        assert_refused(result.err, out, "name_too_long", added=_OPEN)
    deep = tmp_path.joinpath(*(["d" * 200] * 21), "export.json")
    result = cli("export", "--data", data, "--out", deep)
    assert result.code == 1
    assert_refused(result.err, deep, "path_too_long", added=_OPEN)
    assert files_under(tmp_path) == before


@POSIX_ONLY
def test_the_longest_name_accepted_gets_its_lock_backups_and_archive(
    cli: Cli, tmp_path: Path
) -> None:
    """The rule counts what the app adds: the longest name it accepts works fully, one
    character more is refused."""
    with pytest.raises(PathRefused) as refused:
        check_name_lengths(tmp_path / _long_name(300), data_file=True)
    longest = int(str(refused.value.params["limit"]))
    data = tmp_path / _long_name(longest)
    with Store.open(data, today=LAST_YEAR_DAY, backup=False) as store:
        (child,) = store.children.add_many([ChildDraft("Zoë", "D'hondt")])
        store.abc.save(AbcDay(child.id, LAST_YEAR_DAY).toggled("welcome", "smile"))
    with Store.open(data, today=TODAY_DATE) as store:  # a backup, an archive
        store.school_years.close()
        assert store.backups.all()
        assert store.school_years.is_closed(2025)
        assert store.abc.of_year(2025)
    out = tmp_path / _long_name(longest)
    out = out.with_name("e" + out.name[1:])
    assert cli("export", "--data", data, "--out", out).code == 0
    demo = out.with_name("d" + out.name[1:])
    result = cli("demo", "--data", demo, "--years", "2", "--children", "3")
    assert result.code == 0, result.err
    too_long = tmp_path / _long_name(longest + 1)
    result = cli("export", "--data", too_long)
    assert result.code == 1
    assert_refused(result.err, too_long, "name_too_long", added=_OPEN)


@POSIX_ONLY
@pytest.mark.parametrize("length", [256, 300])
def test_the_app_started_with_a_long_name_says_so(tmp_path: Path, length: int) -> None:
    data = tmp_path / _long_name(length)
    done = run_process("--data", data)
    assert done.returncode == 1
    assert_no_traceback(done)
    assert_refused(done.stderr, data, "name_too_long", added=_OPEN)


# -- the day --------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01"])
def test_the_app_refuses_a_day_it_cannot_use_before_it_starts(tmp_path: Path, day: str) -> None:
    data = tmp_path / "companion.json"
    done = run_process("--data", data, COMPANION_TODAY=day)
    assert done.returncode == 1
    assert_no_traceback(done)
    sentence = t("day.frozen_unusable", "en", given=day, first="1900-01-01", last="2999-12-31")
    assert sentence in done.stderr
    assert not data.exists()


def test_the_day_refusal_speaks_dutch(tmp_path: Path) -> None:
    done = run_process("--lang", "nl", "export", COMPANION_TODAY="9999-12-31")
    assert done.returncode == 1
    sentence = t(
        "day.frozen_unusable", "nl", given="9999-12-31", first="1900-01-01", last="2999-12-31"
    )
    assert sentence in done.stderr


# -- temp files a killed export left behind -------------------------------------------------


_KILLED_EXPORT = textwrap.dedent(
    """
    import os, signal, sys
    import companion.store.files as files

    def killed(source, target):  # the power goes, or the teacher kills it, mid-write
        os.kill(os.getpid(), signal.SIGKILL)

    files._replace = killed
    from companion.cli import main
    main(sys.argv[1:])
    """
)


@POSIX_ONLY
def test_a_killed_export_leaves_a_temp_the_next_export_removes(cli: Cli, tmp_path: Path) -> None:
    data = full_class(tmp_path)
    target_folder = tmp_path / "exports"
    target_folder.mkdir()
    out = target_folder / "export.json"
    others = {
        "export.json.bak": b"mine",
        ".other.json.abcd1234.tmp": b"another file's temp",
        ".export.json.notes": b"not a temp of ours",
        "export.json.abcd1234.tmp": b"no leading dot: not ours",
    }
    for name, payload in others.items():
        (target_folder / name).write_bytes(payload)
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_EXPORT, "export", "--data", str(data), "--out", str(out)],
        capture_output=True,
        env={**os.environ, "COMPANION_TODAY": TODAY},
        timeout=60,
        check=False,
    )
    assert done.returncode == -9
    stale = [p.name for p in target_folder.iterdir() if p.name.startswith(".export.json.")]
    stale = [name for name in stale if name.endswith(".tmp")]
    assert len(stale) == 1  # the killed export's temp, full of children's data
    assert (target_folder / stale[0]).stat().st_size > 0
    assert not out.exists()

    result = cli("export", "--data", data, "--out", out)
    assert result.code == 0, result.err
    assert out.exists()
    assert sorted(p.name for p in target_folder.iterdir()) == sorted([*others, "export.json"])
    for name, payload in others.items():
        assert (target_folder / name).read_bytes() == payload


@POSIX_ONLY
def test_a_temp_being_written_is_left_alone(cli: Cli, tmp_path: Path) -> None:
    """Only unlocked temps are stale: a write under way holds its temp's lock."""
    import fcntl

    data = full_class(tmp_path)
    out = tmp_path / "export.json"
    busy = tmp_path / ".export.json.busy1234.tmp"
    with busy.open("wb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        assert cli("export", "--data", data, "--out", out).code == 0
        assert busy.exists()
    assert cli("export", "--data", data, "--out", out).code == 0
    assert not busy.exists()


def test_atomic_write_leaves_no_temp_and_names_them_by_the_target(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]
    assert target.read_bytes() == b"two"


@POSIX_ONLY
def test_opening_the_store_removes_only_its_own_stale_temps(tmp_path: Path) -> None:
    """The store cleans its own file's temps; a temp of another file beside it (an export
    to companion.json.bak) is not its own, even though its name starts the same."""
    data = full_class(tmp_path)
    own = tmp_path / f".{data.name}.abcd1234.tmp"
    own.write_bytes(b"cut short")
    neighbour = tmp_path / f".{data.name}.bak.abcd1234.tmp"
    neighbour.write_bytes(b"an export being written")
    with Store.open(data, today=TODAY_DATE, backup=False):
        pass
    assert not own.exists()
    assert neighbour.read_bytes() == b"an export being written"
