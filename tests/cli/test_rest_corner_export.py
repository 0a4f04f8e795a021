"""The installed `companion` in a subprocess: the demo fills the rest corner, and the JSON
export holds its check-ins, uses with outcomes and her own strategies in the stable
vocabulary, shipped strategies named by their keys, archived years included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
from test_samen_spel_export import companion

from companion.content.strategies import strategies
from companion.domain.rest_corner import CLASS, ME, own_strategy
from companion.store import Store

ENERGIES = {"too_much", "green", "too_little"}
DOMAINS = {"biological", "emotional", "cognitive", "social", "prosocial"}
OUTCOMES = {"helped", "helped_a_bit", "not_helped", None}


def test_the_demo_s_rest_corner_and_her_own_strategy_are_in_the_export(tmp_path: Path) -> None:
    data = tmp_path / "klas.json"
    made = companion(tmp_path / "home", "demo", "--data", data, "--years", "2")
    assert made.returncode == 0, made.stderr
    assert "Rest corner:" in made.stdout and "still waiting for how it went" in made.stdout
    with Store.open(data, today=date(2026, 11, 25)) as store:
        mine = store.rest_corner.save_own(
            own_strategy("Slakkenliedje", "Zacht zingen.", direction="calming")
        )
        store.rest_corner.set_hidden("weighted_cushion")
    exported = companion(tmp_path / "home", "export", "--data", data)
    assert exported.returncode == 0, exported.stderr
    document = orjson.loads(exported.stdout)

    children = {child["id"] for child in document["children"]}
    subjects = children | {CLASS, ME}
    check_ins = document["check_ins"]
    assert {c["date"][:4] for c in check_ins} >= {"2025", "2026"}  # last year's archived
    assert all(c["subject"] in subjects and c["energy"] in ENERGIES for c in check_ins)
    assert set().union(*(c["domains"] for c in check_ins)) <= DOMAINS
    uses = document["strategy_uses"]
    shipped = {strategy.key for strategy in strategies()}
    assert {use["strategy"] for use in uses} <= shipped
    assert {use["outcome"] for use in uses} == OUTCOMES
    assert {use["subject"] for use in uses} >= {CLASS, ME}
    assert document["own_strategies"] == [
        {
            "key": mine.key,
            "name": "Slakkenliedje",
            "direction": "calming",
            "for_whom": ["child"],
            "where": ["in_class"],
            "minutes": 5,
            "domains": [],
            "how": "Zacht zingen.",
            "needs": "",
        }
    ]
    assert document["hidden_strategies"] == ["weighted_cushion"]
