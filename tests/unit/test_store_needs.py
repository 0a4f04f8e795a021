"""Needs profiles in the real store on disk: kept durably, checked when read, exported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from companion.domain.children import ChildDraft
from companion.domain.needs import ObservedSignal
from companion.store import Store
from companion.store.errors import DataFileBadEntry

TODAY = date(2026, 11, 25)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "klas.json"


def test_a_profile_saved_is_on_disk_and_read_back_whole(path: Path) -> None:
    with Store.open(path, today=TODAY) as store:
        zoe = store.children.add(ChildDraft("Zoë", "De Smet")).id
        assert store.needs.get(zoe).is_empty()
        profile = (
            store.needs.get(zoe)
            .with_clarity("listening_ear", "a_little", date(2026, 10, 5))
            .with_signal(ObservedSignal("listening_ear", date(2026, 10, 5), "tells_home"))
            .with_clarity("listening_ear", "clearly", TODAY)
            .with_signal(ObservedSignal("listening_ear", TODAY, None, "vertelt over haar kat"))
            .with_offer("listening_ear", "Een luistermoment na de speeltijd")
            .with_sensitivity("alone_time", "Zoekt de leeshoek op na het onthaal")
        )
        store.needs.save(profile)
        (stored,) = orjson.loads(path.read_bytes())["needs_profiles"].values()
        assert stored["offers"] == {"listening_ear": "Een luistermoment na de speeltijd"}
        assert [c["clarity"] for c in stored["changes"]] == ["a_little", "clearly"]
    with Store.open(path, today=TODAY) as store:
        again = store.needs.get(zoe)
        assert again == profile
        assert again.clearly_seen() == ["listening_ear"]
        assert again.history() == profile.history()
        store.needs.save(again.with_clarity("affection", "a_little", TODAY))
        assert store.export_document()["needs_profiles"][0]["child"] == zoe
    with Store.open(path, today=TODAY) as store:
        assert store.needs.get(zoe).clarity("affection") == "a_little"
        assert len(store.needs.all()) == 1


def test_a_profile_of_a_child_not_in_the_class_is_refused(path: Path) -> None:
    with Store.open(path, today=TODAY) as store:
        zoe = store.children.add(ChildDraft("Zoë", "De Smet")).id
        store.needs.save(store.needs.get(zoe).with_offer("help", "Een eerste stap samen"))
        with pytest.raises(KeyError):
            store.needs.save(store.needs.get("nobody").with_offer("help", "x"))
    document = orjson.loads(path.read_bytes())
    (entry,) = document["needs_profiles"].values()
    entry["child"] = "nobody"
    path.write_bytes(orjson.dumps(document))
    with pytest.raises(DataFileBadEntry) as caught:
        Store.open(path, today=TODAY)
    assert (caught.value.problem.reason, caught.value.problem.table) == (
        "unknown_child",
        "needs_profiles",
    )


@pytest.mark.parametrize(
    "change",
    [
        {"offers": {"hugs": "x"}},
        {"changes": [{"need": "affection", "date": "2026-11-25", "clarity": "very"}]},
        {"signals": [{"need": "help", "seen": "gisteren"}]},
    ],
)
def test_a_profile_with_words_the_schema_does_not_know_is_refused_and_kept(
    path: Path, change: dict[str, object]
) -> None:
    with Store.open(path, today=TODAY) as store:
        zoe = store.children.add(ChildDraft("Zoë", "De Smet")).id
        store.needs.save(store.needs.get(zoe).with_offer("help", "Een eerste stap samen"))
    document = orjson.loads(path.read_bytes())
    (entry,) = document["needs_profiles"].values()
    entry.update(change)
    path.write_bytes(orjson.dumps(document))
    bad = path.read_bytes()
    with pytest.raises(DataFileBadEntry) as caught:
        Store.open(path, today=TODAY)
    assert caught.value.problem.table == "needs_profiles"
    assert path.read_bytes() == bad


def test_two_profiles_for_one_child_are_refused(path: Path) -> None:
    with Store.open(path, today=TODAY) as store:
        zoe = store.children.add(ChildDraft("Zoë", "De Smet")).id
        store.needs.save(store.needs.get(zoe).with_offer("help", "Een eerste stap samen"))
    document = orjson.loads(path.read_bytes())
    (entry,) = document["needs_profiles"].values()
    document["needs_profiles"]["2"] = entry
    path.write_bytes(orjson.dumps(document))
    with pytest.raises(DataFileBadEntry) as caught:
        Store.open(path, today=TODAY)
    assert caught.value.problem.reason == "duplicate_profile"
