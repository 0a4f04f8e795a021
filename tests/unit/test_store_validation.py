"""Files that parse but hold bad entries, and files that are no files: every entry of every
file is checked when it is read, and a bad one is a message naming the file and the entry.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from companion.domain.abc import AbcDay
from companion.domain.calendar import DayOff
from companion.domain.children import ChildDraft
from companion.domain.vocabulary import ABC_ITEMS, CHILD_GROUPS, MOMENTS, AbcItem, Moment
from companion.store import DataFileError, Store
from companion.store.codec import MAX_FILE_BYTES, encode_export
from companion.store.errors import (
    DataFileBadEntry,
    DataFileCorrupt,
    DataFileNotRegular,
    DataFileTooLarge,
)

TODAY = date(2026, 3, 2)  # a Monday in school year 2025-2026
LAST_YEAR = date(2025, 3, 3)  # a Monday in school year 2024-2025
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX pipes and devices")
LINUX_ONLY = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")


def make_class(folder: Path) -> Path:
    """A real data file with a class, ABC days, days off and settings, and an archive of
    the school year before."""
    path = folder / "companion.json"
    with Store.open(path, today=TODAY, backup=False) as store:
        zoe, jerome, anais = store.children.add_many(
            [
                ChildDraft("Zoë", "D'hondt", date(2021, 3, 14), "invisible", "Noten!"),
                ChildDraft("Jérôme", "Van den Broeck", group="hard_to_manage"),
                ChildDraft("Anaïs", "Çelik"),
            ],
            added_on=date(2024, 9, 1),
        )
        store.children.set_archived(anais.id, True)
        for offset in range(3):
            store.abc.save(
                store.abc.day(zoe.id, TODAY + timedelta(days=offset)).toggled("welcome", "smile")
            )
            store.abc.save(
                store.abc.day(jerome.id, TODAY + timedelta(days=offset)).toggled("day", "touch")
            )
        store.days_off.add([date(2026, 4, 6)], "paasvakantie")
        store.settings.set("lang", "nl")
        marks: dict[Moment, frozenset[AbcItem]] = {
            "welcome": frozenset({"voice", "eye_contact"}),
            "goodbye": frozenset({"touch"}),
        }
        store.school_years.load_history(
            [AbcDay(child.id, LAST_YEAR + timedelta(days=n), marks) for child in (zoe, anais)
             for n in range(3)],
            [DayOff(date(2024, 11, 1), "herfstvakantie"), DayOff(date(2024, 11, 11))],
        )  # fmt: skip
    return path


def archive_of(path: Path) -> Path:
    return path.parent / "companion.archive" / "2024-2025.json"


def read_everything(store: Store) -> None:
    """Every read the screens, the history and the export make, of every school year."""
    children = store.children.all(include_archived=True)
    store.days_off.of_year()
    store.abc.days(TODAY + timedelta(days=n) for n in range(-7, 7))
    for year in store.school_years.all():
        store.abc.of_year(year)
        store.days_off.calendar(year)
        for child in children:
            store.abc.history(child.id, year)
    encode_export(store.export_document())


def load(raw_bytes: bytes) -> Any:
    return json.loads(raw_bytes)


def first_doc_id(document: dict[str, Any], table: str) -> str:
    doc_ids: list[str] = sorted(document[table], key=int)
    return doc_ids[0]


# -- the reported cases ------------------------------------------------------------------


def _set(table: str, field: str, value: object) -> Callable[[dict[str, Any]], tuple[str, str]]:
    """A change of one field of the table's first entry, in the file's JSON."""

    def change(document: dict[str, Any]) -> tuple[str, str]:
        doc_id = first_doc_id(document, table)
        document[table][doc_id][field] = value
        return table, doc_id

    return change


def _set_child(field: str, value: object) -> Callable[[dict[str, Any]], tuple[str, str]]:
    return _set("children", field, value)


def _set_abc(field: str, value: object) -> Callable[[dict[str, Any]], tuple[str, str]]:
    return _set("abc", field, value)


LIVE_CASES: dict[str, tuple[Callable[[dict[str, Any]], tuple[str, str]], str]] = {
    "a first name that is a number": (_set_child("first_name", 123), "first_name"),
    "a first name that is null": (_set_child("first_name", None), "first_name"),
    "a group that is not one": (_set_child("group", "weird"), "group"),
    "a birth date that does not exist": (_set_child("birth_date", "2021-02-30"), "birth_date"),
    "archived as a word": (_set_child("archived", "yes"), "archived"),
    "a welcome that is a number": (_set_abc("welcome", 5), "welcome"),
    "an ingredient that is not one": (_set_abc("day", ["smile", "hug"]), "day[2]"),
    "a day in the year 1": (_set_abc("date", "0001-01-01"), "date"),
    "an entry for no child": (_set_abc("child", "nobody"), "child"),
}


@pytest.mark.parametrize("case", list(LIVE_CASES))
def test_a_bad_entry_in_the_live_file_names_the_file_and_the_entry(
    tmp_path: Path, case: str
) -> None:
    change, field = LIVE_CASES[case]
    path = make_class(tmp_path)
    document = load(path.read_bytes())
    table, doc_id = change(document)
    path.write_text(json.dumps(document))
    before = path.read_bytes()

    with pytest.raises(DataFileCorrupt) as caught:
        Store.open(path, today=TODAY)
    assert isinstance(caught.value, DataFileBadEntry)
    assert caught.value.path == path
    problem = caught.value.problem
    assert (problem.table, problem.entry, problem.field) == (table, doc_id, field)
    for lang in ("en", "nl"):
        message = caught.value.message(lang)
        assert str(path) in message
        assert f"“{table}”" in message and doc_id in message and f"“{field}”" in message
    assert "document" in caught.value.message("en") and "veld" in caught.value.message("nl")
    assert path.read_bytes() == before


def test_a_child_without_a_first_name_says_the_field_is_missing(tmp_path: Path) -> None:
    path = make_class(tmp_path)
    document = load(path.read_bytes())
    doc_id = first_doc_id(document, "children")
    del document["children"][doc_id]["first_name"]
    path.write_text(json.dumps(document))
    with pytest.raises(DataFileBadEntry) as caught:
        Store.open(path, today=TODAY)
    assert "“first_name”: this field is missing" in caught.value.message("en")
    assert "“first_name”: dit veld ontbreekt" in caught.value.message("nl")


def test_what_was_wrong_is_said_in_words(tmp_path: Path) -> None:
    path = make_class(tmp_path)
    document = load(path.read_bytes())
    doc_id = first_doc_id(document, "children")
    document["children"][doc_id]["group"] = "weird"
    path.write_text(json.dumps(document))
    with pytest.raises(DataFileBadEntry) as caught:
        Store.open(path, today=TODAY)
    allowed = ", ".join(f"“{group}”" for group in CHILD_GROUPS)
    assert f"“weird” is not one of {allowed}" in caught.value.message("en")
    assert f"“weird” is niet een van {allowed}" in caught.value.message("nl")

    document["children"][doc_id]["group"] = "all"
    document["children"][doc_id]["first_name"] = 123
    path.write_text(json.dumps(document))
    with pytest.raises(DataFileBadEntry) as caught:
        Store.open(path, today=TODAY)
    assert "a number where text belongs" in caught.value.message("en")
    assert "een getal waar tekst hoort" in caught.value.message("nl")


def _archive_set(list_name: str, field: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(archive: dict[str, Any]) -> None:
        archive[list_name][0][field] = value

    return change


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


ARCHIVE_CASES: dict[str, tuple[Callable[[dict[str, Any]], None], str, str]] = {
    "a welcome that is a number": (_archive_set("abc", "welcome", 5), "abc", "welcome"),
    "a day off with a list as reason": (
        _archive_set("days_off", "reason", [[["kerst"]]]),
        "days_off",
        "reason",
    ),
    "a day off with a date in another year": (
        _archive_set("days_off", "date", "2019-11-01"),
        "days_off",
        "date",
    ),
    "a second entry for the same child and day": (
        lambda archive: archive["abc"].append(dict(archive["abc"][0])),
        "abc",
        "",
    ),
}


@pytest.mark.parametrize("case", list(ARCHIVE_CASES))
def test_a_bad_entry_in_an_archive_names_the_archive_and_the_entry(
    tmp_path: Path, case: str
) -> None:
    change, list_name, field = ARCHIVE_CASES[case]
    path = make_class(tmp_path)
    archive = archive_of(path)
    raw = load(archive.read_bytes())
    change(raw)
    archive.write_text(json.dumps(raw))
    before = archive.read_bytes()

    with Store.open(path, today=TODAY) as store:
        store.children.all()  # the live file is fine and opens
        with pytest.raises(DataFileBadEntry) as caught:
            store.abc.of_year(2024)
        with pytest.raises(DataFileBadEntry):
            store.export_document()
    assert caught.value.path == archive
    assert (caught.value.problem.table, caught.value.problem.field) == (list_name, field)
    for lang in ("en", "nl"):
        message = caught.value.message(lang)
        assert str(archive) in message and f"“{list_name}”" in message
    assert archive.read_bytes() == before


def test_a_deeply_nested_day_off_in_an_archive_is_a_damaged_file(tmp_path: Path) -> None:
    path = make_class(tmp_path)
    archive = archive_of(path)
    for levels in (50, 100_000):
        text = archive.read_text().replace('"herfstvakantie"', _deep(levels))
        archive.write_text(text)
        with Store.open(path, today=TODAY) as store, pytest.raises(DataFileCorrupt) as caught:
            store.export_document()
        assert caught.value.path == archive
        for lang in ("en", "nl"):
            assert str(archive) in caught.value.message(lang)
        archive.write_text(text.replace(_deep(levels), '"herfstvakantie"'))


# -- random damage: never anything but a DataFileError -----------------------------------

DEEP = "\x00deep\x00"
JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.sampled_from(
        [
            "2026-02-30", "2026-3-2", "0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01",
            "2026-03-02", "2024-11-04", "20260302", "", "weird", "nl", "xx", DEEP,
            *ABC_ITEMS, *MOMENTS, *CHILD_GROUPS,
        ]
    )
)  # fmt: skip
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
KEYS = st.sampled_from(
    ["id", "first_name", "group", "date", "child", "welcome", "day", "reason", "1", "x", ""]
)


def _mutate(data: st.DataObject, node: Any) -> Any:
    """`node` with one change somewhere below it: a value replaced, a key dropped or
    added, a value wrapped in a list."""
    children = (
        list(node.items())
        if isinstance(node, dict)
        else list(enumerate(node))
        if isinstance(node, list)
        else []
    )
    go_deeper = children and data.draw(st.integers(0, 4)) > 0
    if go_deeper:
        key, child = children[data.draw(st.integers(0, len(children) - 1))]
        node[key] = _mutate(data, child)
        return node
    action = data.draw(st.sampled_from(["replace", "drop", "add", "wrap"]))
    if action == "replace" or not isinstance(node, dict | list):
        return data.draw(JSON_VALUES)
    if action == "wrap":
        return [node]
    if isinstance(node, list):
        if action == "drop" and node:
            del node[data.draw(st.integers(0, len(node) - 1))]
        else:
            node.append(data.draw(JSON_VALUES))
        return node
    if action == "drop" and node:
        del node[data.draw(st.sampled_from(sorted(node)))]
    else:
        node[data.draw(KEYS)] = data.draw(JSON_VALUES)
    return node  # fmt: skip


@pytest.fixture(scope="module")
def valid_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    path = make_class(tmp_path_factory.mktemp("valid"))
    return path.read_bytes(), archive_of(path).read_bytes()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_randomly_damaged_file_is_refused_or_fully_readable(
    valid_files: tuple[bytes, bytes], data: st.DataObject
) -> None:
    live, archived = valid_files
    damaged = data.draw(st.sampled_from(["live", "archive"]))
    document = load(live if damaged == "live" else archived)
    for _ in range(data.draw(st.integers(1, 3))):
        document = _mutate(data, document)
    payload = msgspec.json.encode(document)
    levels = data.draw(st.sampled_from([3, 200, 5000]))
    payload = payload.replace(b'"\\u0000deep\\u0000"', _deep(levels).encode())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "companion.json"
        archive = archive_of(path)
        archive.parent.mkdir()
        path.write_bytes(payload if damaged == "live" else live)
        archive.write_bytes(payload if damaged == "archive" else archived)
        try:
            store = Store.open(path, today=TODAY, backup=False)
        except DataFileError as error:
            event(f"{damaged}: refused, {type(error).__name__}")
            assert error.path in (path, archive)
            for lang in ("en", "nl"):
                assert str(error.path) in error.message(lang)
                assert not re.search(r"\{(entry|table|field|value|detail)\}", error.message(lang))
            return
        event(f"{damaged}: opened")
        with store:
            if damaged == "live":
                read_everything(store)  # a live file that opens is wholly readable
                child = store.children.in_live_file()  # (not those kept in the archive)
                if child:  # and can be saved to
                    store.abc.save(store.abc.day(child[0].id, TODAY).toggled("day", "voice"))
            else:
                try:
                    read_everything(store)
                except DataFileError as error:
                    event("archive: refused when read")
                    assert error.path == archive
                    assert str(archive) in error.message("nl")


# -- files that are no files -----------------------------------------------------------


def run_cli(*args: str | Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COMPANION_TODAY": TODAY.isoformat(), "LC_ALL": "C.UTF-8"}
    env.pop("LANG", None)
    env.pop("LANGUAGE", None)
    return subprocess.run(
        [sys.executable, "-m", "companion", *(str(arg) for arg in args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def assert_refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    for word in words:
        assert word in done.stderr, done.stderr
    assert "already open" not in done.stderr


@POSIX_ONLY
@pytest.mark.parametrize("command", [["export"], ["roster", "import", "CSV"], []])
def test_a_pipe_as_data_file_is_refused_without_waiting(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "companion.json"
    os.mkfifo(fifo)
    csv = tmp_path / "klas.csv"
    csv.write_text("Voornaam;Naam\nZoë;D'hondt\n", encoding="utf-8")
    argv = [csv if word == "CSV" else word for word in command]
    done = run_cli(*argv, "--data", fifo)
    assert_refused(done, str(fifo), "pipe")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["companion.json", "klas.csv"]


@POSIX_ONLY
def test_a_pipe_as_an_archive_is_refused_without_waiting(tmp_path: Path) -> None:
    path = make_class(tmp_path)
    archive = archive_of(path)
    archive.unlink()
    os.mkfifo(archive)
    done = run_cli("export", "--data", path)
    assert_refused(done, str(archive), "pipe")


@POSIX_ONLY
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_as_data_file_is_refused_and_nothing_made_beside_it(device: str) -> None:
    lock = Path(device + ".lock")
    had_lock = lock.exists()
    with pytest.raises(DataFileError) as caught:
        Store.open(Path(device), today=TODAY)
    assert "a device" in caught.value.message("en")
    assert "apparaat" in caught.value.message("nl")
    assert lock.exists() == had_lock
    assert_refused(run_cli("export", "--data", device), device, "a device")


def test_a_file_far_larger_than_ten_school_years_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk, no time
    with pytest.raises(DataFileTooLarge) as caught:
        Store.open(path, today=TODAY)
    assert caught.value.path == path
    assert "far too large" in caught.value.message("en")
    assert "veel te groot" in caught.value.message("nl")
    assert "80 MB" in caught.value.message("en")


def test_an_archive_far_too_large_is_refused_unread(tmp_path: Path) -> None:
    path = make_class(tmp_path)
    with archive_of(path).open("r+b") as handle:
        handle.truncate(8 * 1000**3)
    with Store.open(path, today=TODAY) as store, pytest.raises(DataFileTooLarge) as caught:
        store.abc.of_year(2024)
    assert caught.value.path == archive_of(path)


@LINUX_ONLY
def test_a_file_of_the_operating_system_names_the_real_cause() -> None:
    status = Path("/proc/self/status")
    with pytest.raises(DataFileNotRegular) as caught:
        Store.open(status, today=TODAY)
    assert "operating system" in caught.value.message("en")
    assert "besturingssysteem" in caught.value.message("nl")
    assert_refused(run_cli("export", "--data", status), str(status), "operating system")
    assert_refused(run_cli("--data", status), str(status), "operating system")


# -- the reported examples, as the teacher runs them ---------------------------------------


@pytest.mark.parametrize(
    ("command", "damaged"),
    # Only the export reads the closed years; the other commands read the live file.
    [("export", "live"), ("roster import", "live"), ("tui", "live"), ("export", "archive")],
)
def test_the_reported_bad_entries_give_a_sentence_in_every_command(
    tmp_path: Path, command: str, damaged: str
) -> None:
    path = make_class(tmp_path)
    csv = tmp_path / "klas.csv"
    csv.write_text("Voornaam;Naam\nLina;Peeters\n", encoding="utf-8")
    if damaged == "live":
        document = load(path.read_bytes())
        document["children"][first_doc_id(document, "children")]["first_name"] = 123
        path.write_text(json.dumps(document))
        target = path
    else:
        target = archive_of(path)
        raw = load(target.read_bytes())
        raw["abc"][0]["welcome"] = 5
        target.write_text(json.dumps(raw))
    argv_of: dict[str, list[str | Path]] = {
        "export": ["export", "--data", path],
        "roster import": ["roster", "import", csv, "--data", path],
        "tui": ["--data", path],
    }
    argv = argv_of[command]
    assert_refused(run_cli(*argv), str(target), "damaged")


def test_the_store_never_writes_an_entry_it_would_refuse_to_read(tmp_path: Path) -> None:
    """An ABC day of no child of the class makes the file refused when opened: so the
    store does not write one (a programming error, not a teacher's)."""
    path = make_class(tmp_path)
    before = path.read_bytes()
    with Store.open(path, today=TODAY) as store:
        with pytest.raises(KeyError):
            store.abc.save(store.abc.day("nobody", TODAY).toggled("day", "smile"))
        with pytest.raises(KeyError):
            store.school_years.load_history(
                [AbcDay("nobody", TODAY, {"day": frozenset({"smile"})})]
            )
    assert path.read_bytes() == before
    Store.open(path, today=TODAY).close()


def test_an_archive_that_holds_another_school_year_says_which(tmp_path: Path) -> None:
    path = make_class(tmp_path)
    archive = archive_of(path)
    raw = load(archive.read_bytes())
    raw["meta"]["school_year"] = 2023
    archive.write_text(json.dumps(raw))
    with Store.open(path, today=TODAY) as store, pytest.raises(DataFileBadEntry) as caught:
        store.abc.of_year(2024)
    assert "the school year 2023-2024, not 2024-2025" in caught.value.message("en")
    assert "het schooljaar 2023-2024, niet 2024-2025" in caught.value.message("nl")
