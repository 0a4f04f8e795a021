"""Check-ins and strategy uses in the real store on disk: kept when the call returns, an
outcome is one write, a child not in the class is refused, the export holds them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from companion.domain.children import ChildDraft
from companion.domain.rest_corner import CLASS, ME, CheckIn, StrategyUse, what_helps
from companion.store import Store

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
