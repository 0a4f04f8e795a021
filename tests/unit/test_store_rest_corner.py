"""Check-ins and strategy uses in the real store on disk: kept when the call returns, an
outcome is one write, a child not in the class is refused, the export holds them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest

from companion.domain.children import ChildDraft
from companion.domain.rest_corner import (
    CLASS,
    ME,
    OWN_PREFIX,
    CheckIn,
    RestCornerInputError,
    StrategyUse,
    own_strategy,
    what_helps,
)
from companion.store import Store
from companion.store.errors import DataFileBadEntry
from companion.store.schema import SCHEMA_VERSION, TABLES_OF_SCHEMA_3

TODAY = date(2026, 11, 25)


def test_a_check_in_and_a_use_with_its_outcome_are_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=TODAY) as store:
        andy = store.children.add(ChildDraft("Andy", "Maes")).id
        corner = store.rest_corner
        corner.check_in(CheckIn("", andy, TODAY, "too_much", frozenset({"emotional"})))
        corner.check_in(CheckIn("", ME, TODAY, "too_little"))
        use = corner.log_use(StrategyUse("", andy, "frog_rest", TODAY, "too_much"))
        before = store.revision
        helped = corner.record_outcome(use, "helped", " rustig na vijf minuten ")
        assert store.revision == before + 1
        on_disk = orjson.loads(path.read_bytes())
        (stored,) = on_disk["strategy_uses"].values()
        assert (stored["outcome"], stored["note"]) == ("helped", "rustig na vijf minuten")
        assert len(on_disk["check_ins"]) == 2
    with Store.open(path, today=TODAY) as store:
        assert store.rest_corner.uses_of_year() == [helped]
        assert [card.strategy for card in what_helps(andy, store.rest_corner.uses_of_year())] == [
            "frog_rest"
        ]
        exported = store.export_document()
        assert [u["strategy"] for u in exported["strategy_uses"]] == ["frog_rest"]
        assert {c["subject"] for c in exported["check_ins"]} == {andy, ME}


def test_a_check_in_of_a_child_not_in_the_class_is_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path / "klas.json", today=TODAY) as store:
        store.rest_corner.check_in(CheckIn("", CLASS, TODAY, "green"))
        with pytest.raises(KeyError):
            store.rest_corner.check_in(CheckIn("", "nobody", TODAY, "too_much"))


def test_her_own_strategy_is_kept_found_in_suggestions_and_exported(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=TODAY) as store:
        andy = store.children.add(ChildDraft("Andy", "Maes")).id
        mine = store.rest_corner.save_own(
            own_strategy(" Liedje van de slak ", "Zacht zingen.", direction="calming")
        )
        assert mine.key.startswith(OWN_PREFIX) and mine.name_in("en") == "Liedje van de slak"
        renamed = store.rest_corner.save_own(replace(mine, names={"": "Slakkenliedje"}))
    with Store.open(path, today=TODAY) as store:
        (kept,) = store.own_strategies.all()
        assert kept == renamed and store.rest_corner.strategy(kept.key) == renamed
        keys = [s.strategy.key for s in store.rest_corner.suggest(andy, "too_much")]
        assert kept.key in keys
        store.rest_corner.log_use(StrategyUse("", andy, kept.key, TODAY, "too_much"))
        exported = store.export_document()
        assert [s["name"] for s in exported["own_strategies"]] == ["Slakkenliedje"]
        assert [u["strategy"] for u in exported["strategy_uses"]] == [kept.key]


def test_a_hidden_strategy_leaves_the_suggestions_until_shown_again(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=TODAY) as store:
        store.rest_corner.set_hidden("frog_rest")
        store.rest_corner.set_hidden("frog_rest")  # twice is once
        assert "frog_rest" not in [
            s.strategy.key for s in store.rest_corner.suggest(ME, "too_much")
        ]
    with Store.open(path, today=TODAY) as store:
        assert store.rest_corner.hidden() == {"frog_rest"}
        assert store.export_document()["hidden_strategies"] == ["frog_rest"]
        store.rest_corner.set_hidden("frog_rest", hidden=False)
    with Store.open(path, today=TODAY) as store:
        assert store.rest_corner.hidden() == frozenset()
        kids = [s.strategy.key for s in store.rest_corner.suggest(CLASS, "too_much")]
        assert "frog_rest" not in kids  # a child's strategy, never the class's


@pytest.mark.parametrize(
    ("name", "how", "field", "reason"),
    [
        ("   ", "", "name", "name_needed"),
        ("x" * 10_000, "", "name", "too_long"),
        ("Slak\x1b[31m", "", "name", "control_characters"),
        ("Slak", "zing\x00", "how", "control_characters"),
        ("Slak", "y" * 10_000, "how", "too_long"),
    ],
)
def test_her_strategy_with_bad_input_is_refused_and_nothing_written(
    tmp_path: Path, name: str, how: str, field: str, reason: str
) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=TODAY) as store:
        before = store.revision
        with pytest.raises(RestCornerInputError) as refused:
            store.rest_corner.save_own(own_strategy(name, how, direction="both"))
        assert (refused.value.field, refused.value.reason) == (field, reason)
        assert store.revision == before and store.own_strategies.all() == []


def test_a_note_with_control_characters_is_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path / "klas.json", today=TODAY) as store:
        with pytest.raises(RestCornerInputError):
            store.rest_corner.check_in(CheckIn("", ME, TODAY, "too_much", note="moe\x07"))
        use = store.rest_corner.log_use(StrategyUse("", ME, "three_breaths", TODAY, "too_much"))
        with pytest.raises(RestCornerInputError):
            store.rest_corner.record_outcome(use, "helped", "n" * 501)
        assert store.rest_corner.waiting() == [use]


def test_a_file_with_an_own_strategy_under_a_shipped_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=TODAY) as store:
        store.rest_corner.save_own(own_strategy("Slak", "", direction="calming"))
    document = orjson.loads(path.read_bytes())
    (entry,) = document["own_strategies"].values()
    entry["key"] = "frog_rest"
    path.write_bytes(orjson.dumps(document))
    with pytest.raises(DataFileBadEntry) as refused:
        Store.open(path, today=TODAY)
    assert "frog_rest" in str(refused.value)
    assert orjson.loads(path.read_bytes())["own_strategies"] == document["own_strategies"]


def test_a_file_of_schema_2_gains_the_tables_of_schema_3(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=TODAY) as store:
        store.rest_corner.check_in(CheckIn("", ME, TODAY, "green"))
    document = orjson.loads(path.read_bytes())
    document["meta"]["1"]["schema"] = 2
    for table in TABLES_OF_SCHEMA_3:
        document.pop(table, None)
    path.write_bytes(orjson.dumps(document))
    with Store.open(path, today=TODAY) as store:
        assert len(store.rest_corner.check_ins_of_year()) == 1
        store.rest_corner.set_hidden("frog_rest")
    migrated = orjson.loads(path.read_bytes())
    assert migrated["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert list(migrated["hidden_strategies"].values()) == [{"key": "frog_rest"}]


def test_closing_says_what_moves_and_what_it_freezes_half_done(tmp_path: Path) -> None:
    from companion.domain.self_reg import Analysis
    from companion.reports.school_year import closing_text

    path = tmp_path / "klas.json"
    last_year = date(2026, 3, 2)
    with Store.open(path, today=last_year) as store:
        andy = store.children.add(ChildDraft("Andy", "Maes")).id
        store.rest_corner.log_use(StrategyUse("", andy, "frog_rest", last_year, "too_much"))
        store.self_reg.save(Analysis("", andy, datetime(2026, 3, 2, 10, 0), title="Blokken"))
    with Store.open(path, today=TODAY) as store:
        summary = store.school_years.closing_summary()
        assert (summary.strategy_uses, summary.uses_waiting) == (1, 1)
        assert (summary.analyses, summary.analyses_open) == (1, 1)
        said = closing_text(summary, "en")
        assert "1 strategy tried" in said and "1 Self-Reg analysis" in said
        assert "1 strategy still waiting for how it went, 1 analysis not finished" in said
