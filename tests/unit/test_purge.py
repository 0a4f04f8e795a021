"""Erasing a child: on a three-year demo (archives and a backup present), nothing of her is
left in any file of the data folder, every other child's data stays, every file stays
private and valid, a purge killed between its writes is finished by running it again,
and archives past the retention setting go only when asked."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from companion.demo import create_demo
from companion.domain.children import Child, collation_key
from companion.store import Store
from companion.store.purge import (
    apply_purge,
    archives_past_retention,
    delete_archives,
    plan_purge,
    retention_years,
    set_retention_years,
)

TODAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    create_demo(folder / "class.json", TODAY, years=3)
    return folder


@pytest.fixture
def data(tmp_path: Path, demo_template: Path) -> Path:
    """A copy of the demo, opened once and its archives read (so its backups folder holds
    her too, a child of an earlier class in the backups of her archive)."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    for source in demo_template.rglob("*"):
        target = folder / source.relative_to(demo_template)
        if source.is_dir():
            target.mkdir(mode=0o700, exist_ok=True)
        else:
            target.write_bytes(source.read_bytes())
            target.chmod(0o600)
    path = folder / "class.json"
    with Store.open(path, today=TODAY) as store:  # today's backup of the file as it opened
        for year in store.school_years.archived_years():
            store.school_years.archived(year)  # and of each archive as it was read
    return path


def files_of(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def forms_of(text: str) -> list[bytes]:
    """How a name can stand in a file: as typed, folded, JSON-escaped."""
    return sorted(
        {
            text.encode(),
            collation_key(text).encode(),
            json.dumps(text).strip('"').encode(),  # "Zo\u00eb"
        }
    )


def traces(folder: Path, child: Child, *, last_name: bool = True) -> list[str]:
    """Every place in every file where her id or a form of her names stands
    (`last_name`: False when a sibling of hers carries it too)."""
    found = []
    names = [child.first_name, child.full_name] + ([child.last_name] if last_name else [])
    for path in files_of(folder):
        payload = path.read_bytes()
        lowered = payload.lower()
        if child.id.encode() in payload:
            found.append(f"{path.name}: id")
        for name in names:
            for form in forms_of(name):
                # As a word: a prompt's key such as `an_andy` is not her name.
                pattern = rb"(?<![\w-])" + re.escape(form.lower()) + rb"(?![\w-])"
                if re.search(pattern, lowered):
                    found.append(f"{path.name}: {form!r}")
    return found


def unique_names(children: list[Child], child: Child, *, last_name: bool = True) -> bool:
    """No other child's name holds hers as a word (Marie-Louise holds Louise)."""
    own = [child.first_name] + ([child.last_name] if last_name else [])
    patterns = [re.compile(rf"(?<!\w){re.escape(collation_key(name))}(?!\w)") for name in own]
    return not any(
        pattern.search(collation_key(other.full_name))
        for pattern in patterns
        for other in children
        if other.id != child.id
    )


def pick(store: Store, *, earlier: bool, last_name: bool = True) -> Child:
    """A child of an earlier class (archived) or of this one, whose first name (and last
    name, `last_name`) no other child carries (so a trace found is hers)."""
    everyone = store.children.all(include_archived=True)
    for child in sorted(everyone, key=lambda c: c.id):
        if child.archived == earlier and unique_names(everyone, child, last_name=last_name):
            return child
    raise AssertionError("the demo has no such child")


def id_counts(folder: Path, ids: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in [folder / "class.json", *sorted((folder / "class.archive").glob("*.json"))]:
        payload = path.read_text(encoding="utf-8")
        for child_id in ids:
            counts[child_id] += payload.count(child_id)
    return counts


def assert_private(folder: Path) -> None:
    for path in folder.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


@pytest.mark.parametrize("earlier", [True, False], ids=["earlier_class", "this_class"])
def test_a_purged_child_leaves_no_trace_in_any_file(data: Path, earlier: bool) -> None:
    folder = data.parent
    # Every child of this class shares her last name with another child (a sibling in an
    # earlier class): hers is then looked for as part of her full name only.
    last_name = earlier
    with Store.open(data, today=TODAY) as store:
        child = pick(store, earlier=earlier, last_name=last_name)
        others = [c.id for c in store.children.all(include_archived=True) if c.id != child.id]
        assert traces(folder, child, last_name=last_name)  # she is there, backups too
        plan = plan_purge(store, child.id)
        assert plan.count("children") == 1
        assert plan.count("abc") > 0
        assert plan.backups
        before = id_counts(folder, others)
        result = apply_purge(store, plan, backups=True)
        assert result.counts["children"] == 1
        assert result.backups_rewritten == len(plan.backups)
        # The store is read anew: she is gone from every read, the others are there.
        assert store.children.get(child.id) is None
        assert len(store.children.all(include_archived=True)) == len(others)
    assert traces(folder, child, last_name=last_name) == []
    assert id_counts(folder, others) == before
    assert_private(folder)
    # Every file still opens and reads whole; a second purge finds nothing more.
    with Store.open(data, today=TODAY) as store:
        for year in store.school_years.archived_years():
            store.school_years.archived(year)
        assert len(store.children.all(include_archived=True)) == len(others)


def test_nothing_is_written_by_a_plan_and_backups_stay_unless_chosen(data: Path) -> None:
    folder = data.parent
    with Store.open(data, today=TODAY) as store:
        child = pick(store, earlier=True)
        snapshot = {path: path.read_bytes() for path in files_of(folder)}
        plan = plan_purge(store, child.id)
        assert {path: path.read_bytes() for path in files_of(folder)} == snapshot
        apply_purge(store, plan, backups=False)
    left = traces(folder, child)
    # Only in the backups (of the live file, and of the archive that keeps her).
    assert left and all(line.startswith(("class-", "class.archive-")) for line in left)
    backups = sorted((folder / "class.backups").glob("*.json"))
    assert any(child.id.encode() in path.read_bytes() for path in backups)


def test_her_choice_per_entry_that_names_her_is_followed(data: Path) -> None:
    with Store.open(data, today=TODAY) as store:
        child = pick(store, earlier=True)
        plan = plan_purge(store, child.id)
        journal = [m for m in plan.mentions if m.table == "journal_entries"]
        if not journal:
            pytest.skip("no journal entry names this child in the demo")
        kept = journal[0]
        result = apply_purge(store, plan, {kept.key: "keep"}, backups=False)
        assert result.entries_deleted + result.mentions_removed == len(plan.mentions) - 1
        year = store.school_years.all()
        found = [store.journal_entries.find(kept.entry, y) for y in year]
        entry = next(e for e in found if e is not None)
        assert collation_key(child.first_name) in collation_key(entry.text + entry.title)


WRITER = """
import os, signal, sys
from datetime import date
from pathlib import Path
from companion.store import Store
from companion.store.purge import apply_purge, plan_purge

store = Store.open(Path(sys.argv[1]), today=date.fromisoformat(sys.argv[2]))
plan = plan_purge(store, sys.argv[3])
print(len(plan.backups) + len(plan.archives) + 1, flush=True)

def stop(path):
    print(path, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

apply_purge(store, plan, backups=True, after_write=stop)
"""


@pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")
def test_a_purge_killed_after_its_first_file_is_finished_by_running_it_again(
    data: Path,
) -> None:
    folder = data.parent
    with Store.open(data, today=TODAY) as store:
        child = pick(store, earlier=True)
    run = subprocess.run(
        [sys.executable, "-c", WRITER, str(data), TODAY.isoformat(), child.id],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    files, written = run.stdout.split()
    assert int(files) >= 3  # a backup, an archive and the live file at least
    assert child.id.encode() not in Path(written).read_bytes()  # the first one is done
    # Her roster entry (in her archive: she left) is written last: she is still there.
    kept = [data, *sorted((folder / "class.archive").glob("*.json"))]
    assert any(child.id.encode() in path.read_bytes() for path in kept)
    # Every file reads whole; the second run (by her id) finishes what is left.
    with Store.open(data, today=TODAY) as store:
        assert store.children.get(child.id) is not None
        plan = plan_purge(store, child.id)
        apply_purge(store, plan, backups=True)
        assert store.children.get(child.id) is None
    assert traces(folder, child) == []
    assert_private(folder)


def test_archives_past_the_retention_setting_go_only_when_asked(data: Path) -> None:
    folder = data.parent
    archive = folder / "class.archive"
    with Store.open(data, today=TODAY) as store:
        assert retention_years(store) is None  # off: everything kept
        assert archives_past_retention(store) == []
        years = store.school_years.archived_years()
        assert years == [2024, 2025]
        store.school_years.archived(2024)  # read: its backup is made
        set_retention_years(store, 1)
        assert retention_years(store) == 1
        assert archives_past_retention(store) == [2024]
        assert (archive / "2024-2025.json").exists()  # listed, not deleted
        assert store.backups.of_year(2024)
    with Store.open(data, today=TODAY) as store:
        assert archives_past_retention(store) == [2024]
        gone = delete_archives(store, archives_past_retention(store))
        assert gone.years == (2024,)
        assert gone.backups >= 1
        assert not (archive / "2024-2025.json").exists()
        assert (archive / "2025-2026.json").exists()
        assert store.backups.of_year(2024) == []
        assert store.school_years.archived_years() == [2025]
        assert archives_past_retention(store) == []
        set_retention_years(store, None)
        assert retention_years(store) is None
    with pytest.raises(ValueError), Store.open(data, today=TODAY) as store:
        set_retention_years(store, 11)


def test_her_name_is_found_accents_and_case_aside_and_only_as_a_word() -> None:
    from companion.store.purge import REDACTED, NameFinder

    finder = NameFinder("Zoë", "De Smet")
    assert finder.names("zoe kwam binnen")
    assert finder.names("Met ZOË en Bram")
    assert finder.names("de  smet belde")
    assert not finder.names("Zoëtje en Zoeken")  # another word that starts alike
    assert (
        finder.redacted("Zoë De Smet en Zoe, dan zoë.")
        == f"{REDACTED} en {REDACTED}, dan {REDACTED}."
    )
    assert finder.redacted("Bram alleen") == "Bram alleen"


def test_a_backup_that_cannot_be_read_but_holds_her_is_deleted_when_chosen(data: Path) -> None:
    folder = data.parent / "class.backups"
    with Store.open(data, today=TODAY) as store:
        child = pick(store, earlier=True)
        broken = folder / "class-20261201-120000.json"
        broken.write_bytes(b'{"cut short ' + child.id.encode())
        broken.chmod(0o600)
        unrelated = folder / "class-20261130-120000.json"
        unrelated.write_bytes(b"{not ours")
        unrelated.chmod(0o600)
        plan = plan_purge(store, child.id)
        assert plan.unreadable_backups == (broken,)
        result = apply_purge(store, plan, backups=True)
        assert result.backups_deleted == 1
    assert not broken.exists()
    assert unrelated.exists()  # nothing of her in it: left alone
