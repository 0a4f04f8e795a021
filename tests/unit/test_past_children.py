"""The children who left live in the archive of their last school year, not in the live
file: closing moves them there (archive first), every read that found them before still
finds them (by id, by name, in the journal, a report, an export, a purge), the class is
read without the archives, a child made active again comes back, an export and an import
put each one where she belongs, and a file of an older version keeps its children who
left until the next close moves them. On real stores in tmp_path."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from companion.domain.children import ChildDraft, ShownNames
from companion.domain.journal import JournalEntry, parse_query
from companion.domain.needs import NeedsProfile
from companion.domain.report import Period
from companion.store import Store
from companion.store.codec import encode_export
from companion.store.codec.crypto import ARGON2ID, MAGIC, KdfParams, Keyring
from companion.store.encryption import encrypt
from companion.store.errors import DataFileError
from companion.store.files import archive_dir_for, backup_dir_for
from companion.store.importing import import_export
from companion.store.purge import apply_purge, plan_purge

OCTOBER_2024 = date(2024, 10, 7)  # school year 2024-2025
OCTOBER_2025 = date(2025, 10, 6)  # 2025-2026
TODAY = date(2026, 9, 7)  # 2026-2027: 2024 and 2025 can be closed
NEXT_YEAR = date(2027, 9, 6)  # 2027-2028
FAST = KdfParams(ARGON2ID, 1, 1, 8 * 1024)  # the tests stretch passphrases cheaply


def tick(store: Store, child_id: str, day: date) -> None:
    store.abc.save(store.abc.day(child_id, day).toggled("day", "smile"))


def make_class(path: Path) -> dict[str, str]:
    """Zoë stays in the class. Lotte joined in 2024 and left after it (her needs profile
    goes with her); Bram was there in 2024 and 2025 and left; Mila joined in 2025 and
    left this school year, ticked in it. 2024 is closed in 2025, 2025 is not yet."""
    with Store.open(path, today=OCTOBER_2024) as store:
        zoe, lotte, bram = store.children.add_many(
            [
                ChildDraft("Zoë", "Peeters"),
                ChildDraft("Lotte", "Wouters"),
                ChildDraft("Bram", "Aerts"),
            ]
        )
        for child in (zoe, lotte, bram):
            tick(store, child.id, OCTOBER_2024)
        store.needs.save(NeedsProfile(lotte.id, offers={"affection": "een knuffel"}))
    with Store.open(path, today=OCTOBER_2025) as store:
        assert store.school_years.close().years == (2024,)
        mila = store.children.add(ChildDraft("Mila", "Claes"))
        for child_id in (zoe.id, bram.id, mila.id):
            tick(store, child_id, OCTOBER_2025)
        store.children.set_archived(lotte.id, True)
        store.children.set_archived(bram.id, True)
    with Store.open(path, today=TODAY) as store:
        tick(store, mila.id, TODAY)
        store.children.set_archived(mila.id, True)
    return {"zoe": zoe.id, "lotte": lotte.id, "bram": bram.id, "mila": mila.id}


def live_children(path: Path) -> set[str]:
    return {child["id"] for child in orjson.loads(path.read_bytes())["children"].values()}


def archived_children(path: Path) -> dict[int, set[str]]:
    """The children each archive keeps, by its school year."""
    found = {}
    for archive in sorted(archive_dir_for(path).glob("*.json")):
        document = orjson.loads(archive.read_bytes())
        found[int(archive.stem[:4])] = {child["id"] for child in document.get("children", [])}
    return found


def places(path: Path) -> dict[str, list[str]]:
    """Every file each child's record is in: "live" or an archive's year."""
    where: dict[str, list[str]] = {}
    for child_id in live_children(path):
        where.setdefault(child_id, []).append("live")
    for year, ids in archived_children(path).items():
        for child_id in ids:
            where.setdefault(child_id, []).append(str(year))
    return where


def exported(store: Store) -> dict[str, Any]:
    document = store.export_document()
    document.pop("exported_at")
    return document


@pytest.fixture
def closed(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The class of `make_class`, its 2025 closed today."""
    path = tmp_path / "klas.json"
    ids = make_class(path)
    with Store.open(path, today=TODAY) as store:
        assert store.school_years.close().years == (2025,)
    return path, ids


# -- closing moves them -----------------------------------------------------------------


def test_closing_moves_the_children_who_left_with_their_last_year(
    closed: tuple[Path, dict[str, str]],
) -> None:
    path, ids = closed
    # Zoë is in the class; Mila left but was ticked this school year, which is open.
    assert live_children(path) == {ids["zoe"], ids["mila"]}
    assert archived_children(path) == {2024: {ids["lotte"]}, 2025: {ids["bram"]}}
    # Lotte's needs profile went with her, into the archive of 2024.
    live = orjson.loads(path.read_bytes())
    assert not live["needs_profiles"]
    archive = orjson.loads((archive_dir_for(path) / "2024-2025.json").read_bytes())
    assert [profile["child"] for profile in archive["needs_profiles"]] == [ids["lotte"]]
    with Store.open(path, today=TODAY) as store:
        assert [child.id for child in store.children.all()] == [ids["zoe"]]
        everyone = store.children.all(include_archived=True)
        assert {child.id for child in everyone} == set(ids.values())
        assert store.needs.get(ids["lotte"]).offers == {"affection": "een knuffel"}


def test_a_child_who_left_stays_while_an_open_year_names_her(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    ids = make_class(path)
    with Store.open(path, today=TODAY) as store:
        # A journal entry of this school year links Bram: he stays until it is closed.
        store.journal.save(
            JournalEntry(
                "",
                "reflection",
                datetime(2026, 9, 7, 15, 0),
                "Bram kwam langs",
                children=frozenset({ids["bram"]}),
            )
        )
        store.school_years.close()
    assert ids["bram"] in live_children(path)
    with Store.open(path, today=NEXT_YEAR) as store:
        store.school_years.close()  # 2026 closes: both go with it
    assert archived_children(path)[2026] == {ids["bram"], ids["mila"]}
    assert live_children(path) == {ids["zoe"]}


def test_the_class_is_read_without_the_archives(closed: tuple[Path, dict[str, str]]) -> None:
    """An archive that cannot be read stops only what needs it: the class, today's screen
    and the names with initials on do not read it; a child who left does."""
    path, ids = closed
    (archive_dir_for(path) / "2024-2025.json").write_bytes(b"{ damaged")
    with Store.open(path, today=TODAY) as store:
        assert [child.id for child in store.children.all()] == [ids["zoe"]]
        assert store.children.get(ids["zoe"]) is not None
        assert store.children.has_any()
        asked: list[int] = []

        def past() -> list[Any]:
            asked.append(1)
            return store.children.past()

        names = ShownNames.of(store.children.in_live_file(), initials=True, later=past)
        zoe = store.children.get(ids["zoe"])
        assert zoe is not None and names.full(zoe) == "Z.P."
        assert asked == []  # a child of the class is named without the archives
        with pytest.raises(DataFileError) as caught:
            store.children.get(ids["lotte"])
        assert caught.value.path == archive_dir_for(path) / "2024-2025.json"


# -- still found everywhere -------------------------------------------------------------


def test_a_child_who_left_is_found_by_id_and_name_everywhere(
    closed: tuple[Path, dict[str, str]],
) -> None:
    path, ids = closed
    with Store.open(path, today=TODAY) as store:
        bram = store.children.get(ids["bram"])
        assert bram is not None and bram.archived and bram.full_name == "Bram Aerts"
        store.journal.save(
            JournalEntry(
                "",
                "reflection",
                datetime(2026, 9, 7, 16, 0),
                "Een kaartje",
                text="Een kaartje gekregen.",
                children=frozenset({ids["lotte"]}),
            )
        )
    with Store.open(path, today=TODAY) as store:
        # The journal finds an entry by the name of the child it links.
        found = store.journal.search(parse_query("Lotte"))
        assert [entry.title for entry in found] == ["Een kaartje"]
        # Her report, of the year she was in.
        facts = store.report.child(ids["bram"], Period(date(2025, 9, 1), date(2026, 6, 30)))
        assert facts.child.id == ids["bram"] and facts.weeks
        # The class report of that year lists him beside the class.
        rows = store.report.class_period(Period(date(2025, 10, 6), date(2025, 10, 10))).rows
        assert {row.child.id for row in rows} == {ids["zoe"], ids["bram"], ids["mila"]}
        # The export names every child once, and each tick's child by name.
        document = exported(store)
        assert sorted(child["id"] for child in document["children"]) == sorted(ids.values())
        ticks = [row for row in document["abc"] if row["child"] == ids["lotte"]]
        assert ticks and {row["child_name"] for row in ticks} == {"Lotte Wouters"}
        assert [p["child"] for p in document["needs_profiles"]] == [ids["lotte"]]


def test_initials_number_the_class_first_and_those_who_left_after_it(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=OCTOBER_2024) as store:
        zara = store.children.add(ChildDraft("Zara", "Pauwels"))
        tick(store, zara.id, OCTOBER_2024)
        store.children.set_archived(zara.id, True)
    with Store.open(path, today=OCTOBER_2025) as store:
        store.school_years.close()
        zoe = store.children.add(ChildDraft("Zoë", "Peeters"))
        children = store.children
        names = ShownNames.of(children.in_live_file(), initials=True, later=children.past)
        assert names.full(zoe) == "Z.P."
        assert names.full(zara) == "Z.P.2"  # told apart, without renumbering Zoë


# -- coming back --------------------------------------------------------------------------


def test_a_child_made_active_again_comes_back_into_the_live_file(
    closed: tuple[Path, dict[str, str]],
) -> None:
    path, ids = closed
    with Store.open(path, today=TODAY) as store:
        bram = store.children.get(ids["bram"])
        assert bram is not None
        store.children.update(replace(bram, note="verhuisd naar Gent"))  # still left
    assert places(path)[ids["bram"]] == ["2025"]
    before_return = path.read_bytes()
    with Store.open(path, today=TODAY) as store:
        bram = store.children.get(ids["bram"])
        assert bram is not None and bram.note == "verhuisd naar Gent"
        store.children.set_archived(ids["lotte"], False)
        store.children.set_archived(ids["bram"], False)
        tick(store, ids["lotte"], TODAY)  # back in the class: she can be ticked again
    # Her archive keeps her record as she left that year; the live file's copy is read.
    assert places(path)[ids["lotte"]] == ["live", "2024"]
    assert places(path)[ids["bram"]] == ["live", "2025"]
    live = orjson.loads(path.read_bytes())
    assert [profile["child"] for profile in live["needs_profiles"].values()] == [ids["lotte"]]
    with Store.open(path, today=TODAY) as store:
        active = {child.id for child in store.children.all()}
        assert active == {ids["zoe"], ids["lotte"], ids["bram"]}
        assert store.needs.get(ids["lotte"]).offers == {"affection": "een knuffel"}
        # Her history stays with its years.
        assert store.abc.day(ids["lotte"], OCTOBER_2024).has("day", "smile")
    # A backup of the live file from before they came back, restored, still finds them.
    path.write_bytes(before_return)
    with Store.open(path, today=TODAY) as store:
        for name in ("lotte", "bram"):
            child = store.children.get(ids[name])
            assert child is not None and child.archived


# -- export and import ----------------------------------------------------------------------


def test_export_import_export_is_the_same_and_each_child_goes_where_she_belongs(
    closed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    path, ids = closed
    with Store.open(path, today=TODAY, backup=False) as store:
        before = exported(store)
    source = tmp_path / "export.json"
    source.write_bytes(encode_export(before))
    target = tmp_path / "nieuw" / "klas.json"
    assert import_export(target, source, today=TODAY).new_file
    with Store.open(target, today=TODAY, backup=False) as store:
        assert exported(store) == before
    assert places(target) == places(path)
    # A merge of the same export adds nothing: each child is still in one place.
    again = import_export(target, source, today=TODAY, merge=True)
    assert not again.added and again.already["children"] == len(ids)
    assert all(len(where) == 1 for where in places(target).values())


def test_a_merge_puts_a_new_child_who_left_into_her_archive(
    closed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    path, ids = closed
    with Store.open(path, today=TODAY, backup=False) as store:
        source = tmp_path / "export.json"
        source.write_bytes(encode_export(store.export_document()))
    target = tmp_path / "andere" / "klas.json"
    with Store.open(target, today=TODAY) as store:
        store.children.add(ChildDraft("Noor", "Janssens"))
    import_export(target, source, today=TODAY, merge=True)
    where = places(target)
    assert where[ids["lotte"]] == ["2024"] and where[ids["bram"]] == ["2025"]
    assert where[ids["zoe"]] == where[ids["mila"]] == ["live"]
    archive = orjson.loads((archive_dir_for(target) / "2024-2025.json").read_bytes())
    assert [profile["child"] for profile in archive["needs_profiles"]] == [ids["lotte"]]
    with Store.open(target, today=TODAY) as store:
        assert len(store.children.all(include_archived=True)) == len(ids) + 1


# -- erasure --------------------------------------------------------------------------------


def test_a_child_who_left_is_purged_from_her_archive_and_its_backups(
    closed: tuple[Path, dict[str, str]],
) -> None:
    path, ids = closed
    with Store.open(path, today=TODAY) as store:
        store.school_years.archived(2024)  # read whole: today's backup of it holds her
        plan = plan_purge(store, ids["lotte"])
        assert plan.counts["children"] == {"2024-2025": 1}
        assert plan.counts["needs_profiles"] == {"2024-2025": 1}
        assert plan.backups
        apply_purge(store, plan, backups=True)
        assert store.children.get(ids["lotte"]) is None
        assert len(store.children.all(include_archived=True)) == len(ids) - 1
    folder = path.parent
    holding = [
        file
        for file in folder.rglob("*.json")
        if ids["lotte"].encode() in file.read_bytes() or b"Lotte" in file.read_bytes()
    ]
    assert holding == []
    assert backup_dir_for(path).is_dir()


# -- an older version's file ---------------------------------------------------------------


def as_an_older_version_wrote_it(path: Path) -> None:
    """The children who left back in the live file (with their profiles), every file of
    schema 3, as the version before wrote them."""
    live = orjson.loads(path.read_bytes())
    for archive_path in archive_dir_for(path).glob("*.json"):
        archive = orjson.loads(archive_path.read_bytes())
        for table in ("children", "needs_profiles"):
            rows = live[table]
            for row in archive.pop(table, []):
                rows[str(max(map(int, rows), default=0) + 1)] = row
        archive["meta"]["schema"] = 3
        archive_path.write_bytes(orjson.dumps(archive))
    live["meta"]["1"]["schema"] = 3
    path.write_bytes(orjson.dumps(live))


def test_a_file_of_the_older_version_keeps_its_children_until_the_next_close(
    closed: tuple[Path, dict[str, str]],
) -> None:
    path, ids = closed
    as_an_older_version_wrote_it(path)
    assert live_children(path) == set(ids.values())
    with Store.open(path, today=TODAY) as store:
        assert {c.id for c in store.children.all(include_archived=True)} == set(ids.values())
        assert store.needs.get(ids["lotte"]).offers == {"affection": "een knuffel"}
        with pytest.raises(KeyError):
            store.children.check_known("nobody")
    # Migrated (the older file kept as a backup), the children who left still in it.
    assert orjson.loads(path.read_bytes())["meta"]["1"]["schema"] == 4
    assert any(p.name.endswith("-before-migration.json") for p in backup_dir_for(path).iterdir())
    assert live_children(path) == set(ids.values())
    with Store.open(path, today=TODAY) as store:
        tick(store, ids["zoe"], TODAY)
    with Store.open(path, today=NEXT_YEAR) as store:
        assert store.school_years.close().years == (2026,)
    # Each into the archive of her last school year, closed earlier or now.
    assert archived_children(path) == {
        2024: {ids["lotte"]},
        2025: {ids["bram"]},
        2026: {ids["mila"]},
    }
    assert live_children(path) == {ids["zoe"]}


def test_an_encrypted_archive_keeps_its_children_who_left_encrypted(
    closed: tuple[Path, dict[str, str]],
) -> None:
    path, ids = closed
    encrypt(path, Keyring.of("klaproos in de wind", FAST))
    for archive in archive_dir_for(path).glob("*.json"):
        assert b"Lotte" not in archive.read_bytes() and b"Bram" not in archive.read_bytes()
    ring = Keyring.of("klaproos in de wind", FAST)
    with Store.open(path, today=TODAY, keyring=ring) as store:
        lotte = store.children.get(ids["lotte"])
        assert lotte is not None and lotte.first_name == "Lotte"
        store.children.set_archived(ids["lotte"], False)
    # Her archive, written again without her, is sealed as it was.
    for archive in archive_dir_for(path).glob("*.json"):
        assert archive.read_bytes().startswith(MAGIC) and b"Bram" not in archive.read_bytes()
    with Store.open(path, today=TODAY, keyring=Keyring.of("klaproos in de wind", FAST)) as store:
        assert ids["lotte"] in {child.id for child in store.children.all()}
        assert store.children.get(ids["bram"]) is not None
