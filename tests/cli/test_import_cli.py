"""`companion import FILE [--merge]` through the installed command: the round trip of
everything (export, import into an empty data file, export again: the same), the
refusals in one sentence that leave the target as it was, and the merge."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import run_installed, teacher_environment

from companion.domain.children import ChildDraft
from companion.store import Store
from companion.store.codec import MAX_FILE_BYTES
from companion.store.schema import SCHEMA_VERSION

TODAY = "2026-11-25"


def companion(home: Path, *args: str | Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    environment = teacher_environment(home, lang=lang, today=TODAY)
    return run_installed(environment, "--lang", lang, *args, timeout=300)


def exported(home: Path, data: Path, out: Path) -> dict[str, Any]:
    result = companion(home, "export", "--data", data, "--out", out)
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


def everything_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A demo with every feature and three school years (two archived), exported."""
    home = tmp_path_factory.mktemp("demo")
    data = home / "demo.json"
    made = companion(home, "demo", "--years", "3", "--data", data)
    assert made.returncode == 0, made.stderr
    assert len(list((home / "demo.archive").glob("*.json"))) == 2
    out = home / "export.json"
    return out, exported(home, data, out)


def test_export_import_export_gives_the_same_content(
    tmp_path: Path, demo_export: tuple[Path, dict[str, Any]]
) -> None:
    source, before = demo_export
    # Every feature is there to be carried over.
    for table in (
        "children",
        "needs_profiles",
        "abc",
        "days_off",
        "samen_spel_plans",
        "samen_spel_sessions",
        "check_ins",
        "strategy_uses",
        "journal_entries",
        "analyses",
        "teacher_check_ins",
    ):
        assert before[table], table
    target = tmp_path / "new" / "companion.json"
    result = companion(tmp_path, "import", source, "--data", target)
    assert result.returncode == 0, result.stderr
    assert "3 school years" in result.stdout
    after = exported(tmp_path, target, tmp_path / "again.json")
    assert after == before
    # The closed years are archived again, and everything is owner-only.
    assert sorted(p.name for p in (tmp_path / "new" / "companion.archive").iterdir()) == [
        "2024-2025.json",
        "2025-2026.json",
    ]
    if os.name == "posix":
        for path in (target, *(tmp_path / "new" / "companion.archive").iterdir()):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert stat.S_IMODE((tmp_path / "new" / "companion.archive").stat().st_mode) == 0o700
    assert not [p for p in (tmp_path / "new").iterdir() if p.name.endswith(".staging")]


def test_a_class_is_not_overwritten_without_merge_and_merge_adds_what_is_new(
    tmp_path: Path, demo_export: tuple[Path, dict[str, Any]]
) -> None:
    source, before = demo_export
    target = tmp_path / "companion.json"
    with Store.open(target, today=date(2026, 11, 25)) as store:
        store.children.add(ChildDraft("Lotte", "Wouters"))
    as_it_was = everything_under(tmp_path)
    refused = companion(tmp_path, "import", source, "--data", target)
    assert refused.returncode == 1
    assert "--merge" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert everything_under(tmp_path) == as_it_was

    merged = companion(tmp_path, "import", source, "--data", target, "--merge")
    assert merged.returncode == 0, merged.stderr
    class_size = len(before["children"])
    assert f"added: children {class_size}," in merged.stdout
    after = exported(tmp_path, target, tmp_path / "merged.json")
    assert len(after["children"]) == len(before["children"]) + 1
    for table in ("abc", "journal_entries", "check_ins", "samen_spel_plans"):
        assert after[table] == before[table], table
    backups = list((tmp_path / "companion.backups").iterdir())
    assert [p.name for p in backups if p.name.endswith("-before-import.json")]

    again = companion(tmp_path, "import", source, "--data", target, "--merge")
    assert again.returncode == 0
    assert "nothing new" in again.stdout
    assert f"already there: children {class_size}," in again.stdout


def _export_with(source: Path, **changes: Any) -> bytes:
    document = json.loads(source.read_text(encoding="utf-8"))
    document.update(changes)
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("not json", "is not an export of Classroom Companion"),
        ("another app's json", "is not an export of Classroom Companion"),
        ("our data file, not an export", "is not an export of Classroom Companion"),
        ("a newer schema", "newer version of Classroom Companion"),
        ("the wrong shape", "cannot be imported"),
        ("a bad entry", "cannot be imported"),
        ("huge", "is not an export of Classroom Companion"),
        ("empty", "is not an export of Classroom Companion"),
    ],
)
def test_what_is_not_an_export_is_refused_in_one_sentence(
    tmp_path: Path, demo_export: tuple[Path, dict[str, Any]], what: str, expected: str
) -> None:
    source, _ = demo_export
    bad = tmp_path / "incoming.json"
    if what == "not json":
        bad.write_bytes(b"PK\x03\x04 a zip, not json")
    elif what == "another app's json":
        bad.write_text('{"version": 2, "notes": ["a", "b"]}')
    elif what == "our data file, not an export":
        bad.write_text('{"meta": {"1": {"app": "classroom-companion", "schema": 3}}}')
    elif what == "a newer schema":
        bad.write_bytes(_export_with(source, schema=SCHEMA_VERSION + 1))
    elif what == "the wrong shape":
        bad.write_bytes(_export_with(source, children={"id": "x"}))
    elif what == "a bad entry":
        document = json.loads(source.read_text(encoding="utf-8"))
        del document["children"][3]["first_name"]
        bad.write_bytes(json.dumps(document).encode())
    elif what == "huge":
        with bad.open("wb") as file:
            file.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    elif what == "empty":
        bad.write_bytes(b"")
    target = tmp_path / "data" / "companion.json"
    result = companion(tmp_path, "import", bad, "--data", target)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(bad) in result.stderr
    assert not target.exists() and not (tmp_path / "data" / "companion.archive").exists()


def test_a_refused_merge_leaves_the_target_as_it_was(
    tmp_path: Path, demo_export: tuple[Path, dict[str, Any]]
) -> None:
    source, _ = demo_export
    target = tmp_path / "companion.json"
    ok = companion(tmp_path, "import", source, "--data", target)
    assert ok.returncode == 0
    as_it_was = everything_under(tmp_path)
    document = json.loads(source.read_text(encoding="utf-8"))
    document["journal_entries"][0]["id"] = "new-id"
    document["journal_entries"][0]["kind"] = "not a kind"
    bad = tmp_path.parent / f"{tmp_path.name}-bad.json"
    bad.write_bytes(json.dumps(document).encode())
    result = companion(tmp_path, "import", bad, "--data", target, "--merge")
    assert result.returncode == 1
    assert "journal_entries" in result.stderr
    assert everything_under(tmp_path) == as_it_was
