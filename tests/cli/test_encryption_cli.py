"""`companion encrypt | decrypt | passphrase`, the installed command in a subprocess, on
the demo's three school years: once encrypted, no child's name is in any file of the data
folder (archives and backups included); every command that opens the data then takes the
passphrase from COMPANION_PASSPHRASE or --passphrase-file (0600 only); a SIGKILL in the
middle of a change leaves every file readable with the old or the new passphrase, the
data refused until the same command, run again, finishes it."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import installed_command

from companion.store import Store
from companion.store.codec import decode_live
from companion.store.codec.crypto import Keyring, is_sealed, parse_header, unseal
from companion.store.encryption import files_of, marker_path_for
from companion.store.errors import DataFileError

TODAY = "2026-11-25"
OLD = "klaproos in de wind"
NEW = "zonnebloem in de zomer"
GUARD = 120


def environment(**extra: str) -> dict[str, str]:
    found = {
        **os.environ,
        "COMPANION_TODAY": f"{TODAY}T10:00",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        **extra,
    }
    if "COMPANION_PASSPHRASE" not in extra:
        found.pop("COMPANION_PASSPHRASE", None)
    return found


def companion(*args: str | Path, stdin: str = "", **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*installed_command(), *(str(arg) for arg in args)],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(**extra),
        timeout=GUARD,
        check=False,
    )


def exported(data: Path, *args: str | Path) -> str:
    """The export's text but for the moment it was made."""
    done = companion("export", "--data", data, *args)
    assert done.returncode == 0, done.stderr
    return "\n".join(line for line in done.stdout.splitlines() if "exported_at" not in line)


def secret_file(folder: Path, name: str, text: str, mode: int = 0o600) -> Path:
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(mode)
    return path


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """The demo's three school years (archives), opened once so there are backups; the
    names of every child."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "klas.json"
    made = companion("demo", "--years", "3", "--data", path)
    assert made.returncode == 0, made.stderr
    with Store.open(path, today=date(2026, 11, 25)) as store:  # backups of each file
        for year in store.school_years.archived_years():
            store.school_years.archived(year)
        names = {
            part
            for child in store.children.all(include_archived=True)
            for part in (child.first_name, child.last_name)
        }
    return path, names


@pytest.fixture
def data(demo: tuple[Path, set[str]], tmp_path: Path) -> Path:
    """A fresh copy of the demo's folder, for one test."""
    source, _ = demo
    target = tmp_path / "data"
    target.mkdir(mode=0o700)
    for file in files_of(source):
        copy = target / file.relative_to(source.parent)
        copy.parent.mkdir(mode=0o700, exist_ok=True)
        copy.write_bytes(file.read_bytes())
        copy.chmod(0o600)
    return target / source.name


def every_file(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def test_once_encrypted_no_childs_name_is_in_any_file(
    data: Path, demo: tuple[Path, set[str]]
) -> None:
    _, names = demo
    assert len(names) > 20
    assert len(files_of(data)) >= 5  # the data file, two archives, their backups
    # Each name as the JSON holds it, quotes and all: a bare three-letter name turns up
    # by chance in half a megabyte of random bytes, a quoted one does not.
    quoted = {name: f'"{name}"'.encode() for name in names}
    plain = b"".join(path.read_bytes() for path in every_file(data.parent))
    assert all(text in plain for text in quoted.values())
    done = companion("encrypt", "--data", data, COMPANION_PASSPHRASE=OLD)
    assert done.returncode == 0, done.stderr
    assert "Encrypted" in done.stdout
    for path in every_file(data.parent):
        raw = path.read_bytes()
        found = [name for name, text in quoted.items() if text in raw]
        assert not found, f"{path.name} shows {found}"
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (data.parent, *[p for p in data.parent.iterdir() if p.is_dir()]):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_every_command_then_takes_the_passphrase(data: Path, tmp_path: Path) -> None:
    assert companion("encrypt", "--data", data, COMPANION_PASSPHRASE=OLD).returncode == 0
    exported = companion("export", "--data", data, COMPANION_PASSPHRASE=OLD)
    assert exported.returncode == 0, exported.stderr
    assert '"children"' in exported.stdout
    listed = companion("journal", "list", "--data", data, COMPANION_PASSPHRASE=OLD)
    assert listed.returncode == 0, listed.stderr
    from_file = secret_file(tmp_path, "pass", OLD)
    exported = companion("export", "--data", data, "--passphrase-file", from_file)
    assert exported.returncode == 0, exported.stderr
    wrong = companion("export", "--data", data, COMPANION_PASSPHRASE="not the passphrase")
    assert wrong.returncode == 1
    assert "not the passphrase" in wrong.stderr and "Traceback" not in wrong.stderr
    none = companion("export", "--data", data)
    assert none.returncode == 1
    assert "is encrypted" in none.stderr and "--passphrase-file" in none.stderr
    again = companion("encrypt", "--data", data, COMPANION_PASSPHRASE=OLD)
    assert again.returncode == 1 and "encrypted already" in again.stderr


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_passphrase_file_others_may_read_is_refused(data: Path, tmp_path: Path) -> None:
    assert companion("encrypt", "--data", data, COMPANION_PASSPHRASE=OLD).returncode == 0
    loose = secret_file(tmp_path, "pass", OLD, mode=0o644)
    refused = companion("export", "--data", data, "--passphrase-file", loose)
    assert refused.returncode == 1
    assert "chmod 600" in refused.stderr


def test_a_short_or_empty_passphrase_is_refused_and_nothing_changes(data: Path) -> None:
    before = {path: path.read_bytes() for path in every_file(data.parent)}
    short = companion("encrypt", "--data", data, COMPANION_PASSPHRASE="kort")
    assert short.returncode == 1 and "too short" in short.stderr
    dutch = companion("--lang", "nl", "encrypt", "--data", data, COMPANION_PASSPHRASE="kort")
    assert dutch.returncode == 1 and "te kort" in dutch.stderr
    no_terminal = companion("encrypt", "--data", data)
    assert no_terminal.returncode == 1 and "no terminal" in no_terminal.stderr
    assert {path: path.read_bytes() for path in every_file(data.parent)} == before


def test_passphrase_changes_everything_and_decrypt_gives_back_plaintext(
    data: Path, tmp_path: Path
) -> None:
    plain = exported(data)
    old, new = secret_file(tmp_path, "old", OLD), secret_file(tmp_path, "new", NEW)
    assert companion("encrypt", "--data", data, "--passphrase-file", old).returncode == 0
    changed = companion(
        "passphrase", "--data", data, "--passphrase-file", old, "--new-passphrase-file", new
    )
    assert changed.returncode == 0, changed.stderr
    refused = companion("export", "--data", data, "--passphrase-file", old)
    assert refused.returncode == 1 and "not the passphrase" in refused.stderr
    assert exported(data, "--passphrase-file", new) == plain
    wrong = companion("decrypt", "--data", data, "--passphrase-file", old)
    assert wrong.returncode == 1
    done = companion("decrypt", "--data", data, "--passphrase-file", new)
    assert done.returncode == 0, done.stderr
    for path in files_of(data):
        assert path.read_bytes().startswith(b"{"), path
    decode_live(data, data.read_bytes())
    assert exported(data) == plain


def _opens(path: Path, rings: list[Keyring | None]) -> int:
    """Which of `rings` opens the file (its index); fails the test when none does."""
    data = path.read_bytes()
    for index, ring in enumerate(rings):
        if ring is None and not is_sealed(data):
            return index
        if ring is not None and is_sealed(data) and ring.unlocks(parse_header(path, data)):
            unseal(path, data, ring)  # and the whole ciphertext checks out
            return index
    pytest.fail(f"{path.name} opens with none of the passphrases")


def _kill_in_the_middle(args: list[str | Path], data: Path, first: list[bytes]) -> None:
    """Run the command slowly (a pause after each file, for tests only) and SIGKILL it
    once some but not all files were written."""
    env = environment(COMPANION_TEST_SLOW_REKEY="0.4")
    process = subprocess.Popen(
        [*installed_command(), *(str(arg) for arg in args)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    files = files_of(data)
    deadline = time.monotonic() + GUARD
    try:
        while time.monotonic() < deadline:
            changed = sum(path.read_bytes() != old for path, old in zip(files, first, strict=True))
            if changed >= 2:
                break
            assert process.poll() is None, "the command ended before it could be killed"
            time.sleep(0.02)
        else:
            pytest.fail("no file changed in time")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=GUARD)
    assert 2 <= changed < len(files)


@pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")
def test_a_kill_during_a_change_of_passphrase_leaves_every_file_readable(
    data: Path, tmp_path: Path
) -> None:
    plain = exported(data)
    old, new = secret_file(tmp_path, "old", OLD), secret_file(tmp_path, "new", NEW)
    assert companion("encrypt", "--data", data, "--passphrase-file", old).returncode == 0
    files = files_of(data)
    first = [path.read_bytes() for path in files]
    _kill_in_the_middle(
        ["passphrase", "--data", data, "--passphrase-file", old, "--new-passphrase-file", new],
        data,
        first,
    )
    rings: list[Keyring | None] = [Keyring.of(OLD), Keyring.of(NEW)]
    opened = [_opens(path, rings) for path in files]
    assert set(opened) == {0, 1}  # some old, some new: each one readable
    assert marker_path_for(data).exists()
    refused = companion("export", "--data", data, "--passphrase-file", new)
    assert refused.returncode == 1 and "cut short" in refused.stderr
    refused_app = companion("--data", data, "--passphrase-file", new)
    assert refused_app.returncode == 1 and "cut short" in refused_app.stderr
    finished = companion(
        "passphrase", "--data", data, "--passphrase-file", old, "--new-passphrase-file", new
    )
    assert finished.returncode == 0, finished.stderr
    assert "Finishing" in finished.stderr
    assert not marker_path_for(data).exists()
    assert {_opens(path, [Keyring.of(NEW)]) for path in files_of(data)} == {0}
    assert exported(data, "--passphrase-file", new) == plain


@pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")
def test_a_kill_during_encrypt_leaves_plaintext_or_encrypted_files(
    data: Path, tmp_path: Path
) -> None:
    plain = exported(data)
    old = secret_file(tmp_path, "old", OLD)
    files = files_of(data)
    first = [path.read_bytes() for path in files]
    _kill_in_the_middle(["encrypt", "--data", data, "--passphrase-file", old], data, first)
    opened = [_opens(path, [None, Keyring.of(OLD)]) for path in files]
    assert set(opened) == {0, 1}
    try:
        Store.open(data, today=date(2026, 11, 25), keyring=Keyring.of(OLD))
    except DataFileError as error:
        assert "cut short" in error.message("en")
    else:
        pytest.fail("a store half encrypted was opened")
    other = secret_file(tmp_path, "other", NEW)
    mismatch = companion("encrypt", "--data", data, "--passphrase-file", other)
    assert mismatch.returncode == 1 and "not the passphrase" in mismatch.stderr
    finished = companion("encrypt", "--data", data, "--passphrase-file", old)
    assert finished.returncode == 0, finished.stderr
    assert exported(data, "--passphrase-file", old) == plain


def _typed(args: list[str | Path], answers: list[str]) -> tuple[int, str]:
    """The command on a terminal (a pty), answering each prompt in turn: its exit code
    and all it showed. What is typed is not echoed (getpass)."""
    import pty
    import select

    # Everything the child needs is made before the fork: a forked copy of a process
    # with threads may only exec (a lock held by another thread would never be freed).
    command = [*installed_command(), *(str(arg) for arg in args)]
    env = environment()
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the installed command, on the pty
        try:
            os.execve(command[0], command, env)
        finally:
            os._exit(127)
    shown, given, asked_from = b"", 0, 0
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([terminal], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(terminal, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
        # A new prompt: text ending in ":" since the last answer (only then: an answer
        # typed before getpass turns the echo off would be flushed away, and it waits).
        if shown[asked_from:].rstrip().endswith(b":") and given < len(answers):
            os.write(terminal, answers[given].encode() + b"\n")
            given += 1
            asked_from = len(shown)
    else:
        os.kill(pid, signal.SIGKILL)  # never left waiting: the test fails below
    _, status = os.waitpid(pid, 0)
    os.close(terminal)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")
def test_on_a_terminal_the_passphrase_is_asked_twice_and_three_tries_are_given(
    data: Path,
) -> None:
    before = {path: path.read_bytes() for path in every_file(data.parent)}
    code, shown = _typed(["encrypt", "--data", data], [OLD, OLD + "x"])
    assert code == 1 and "not the same" in shown, shown
    code, shown = _typed(["encrypt", "--data", data], [""])
    assert code == 1 and "empty passphrase" in shown
    assert {path: path.read_bytes() for path in every_file(data.parent)} == before
    code, shown = _typed(["encrypt", "--data", data], [OLD, OLD])
    assert code == 0 and "again" in shown and OLD not in shown, shown
    code, shown = _typed(
        ["export", "--data", data, "--out", data.with_name("x.json")], ["a", "b", "c"]
    )
    assert code == 1 and shown.count("Passphrase for") == 3 and "Three times" in shown
    assert not data.with_name("x.json").exists()
    code, shown = _typed(["export", "--data", data, "--out", data.with_name("x.json")], [OLD])
    assert code == 0 and data.with_name("x.json").exists()
