"""The installed `companion` in a subprocess: the demo fills needs profiles and Samen-Spel,
and the JSON export holds them in the stable vocabulary, archived years included."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import orjson
from cli_helpers import installed_command

NEEDS = {"affection", "help", "listening_ear"}
CLARITIES = {"not", "a_little", "clearly"}
DO_SKILLS = {"observe", "imitate", "describe", "name_feelings", "respond_to_needs"}
DONT_SKILLS = {"questions", "praise"}
COMPONENTS = {"relationship_play", "rule_play"}


def companion(home: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "LOCALAPPDATA": str(home / "appdata"),
        "COMPANION_TODAY": "2026-11-25",
        "LANG": "en_US.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    environment.pop("LC_ALL", None)
    environment.pop("LANGUAGE", None)
    return subprocess.run(
        [*installed_command(), *(str(arg) for arg in args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )


def test_the_demo_s_needs_plans_and_sessions_are_in_the_export(tmp_path: Path) -> None:
    data = tmp_path / "klas.json"
    made = companion(tmp_path / "home", "demo", "--data", data, "--years", "2")
    assert made.returncode == 0, made.stderr
    assert "Relational needs noted for" in made.stdout
    exported = companion(tmp_path / "home", "export", "--data", data)
    assert exported.returncode == 0, exported.stderr
    document = orjson.loads(exported.stdout)

    children = {child["id"] for child in document["children"]}
    profiles = document["needs_profiles"]
    assert len(profiles) >= 12
    for profile in profiles:
        assert profile["child"] in children
        assert set(profile["offers"]) <= NEEDS
        for signal in profile["signals"]:
            assert signal["need"] in NEEDS
            assert len(signal["seen"]) == 10  # yyyy-mm-dd
        assert {change["clarity"] for change in profile["changes"]} <= CLARITIES

    plans = document["samen_spel_plans"]
    assert {plan["start"][:4] for plan in plans} == {"2025", "2026"}  # last year's archived
    closed = [plan for plan in plans if plan["ended_on"]]
    assert closed and all(plan["end_note"] for plan in closed)
    assert all(1 <= plan["rule_play_week"] <= plan["weeks"] for plan in plans)
    sessions = document["samen_spel_sessions"]
    plan_ids = {plan["id"] for plan in plans}
    assert {session["plan"] for session in sessions} == plan_ids
    assert set().union(*(session["do_skills"] for session in sessions)) == DO_SKILLS
    assert set().union(*(session["dont_skills"] for session in sessions)) <= DONT_SKILLS
    assert set().union(*(session["components"] for session in sessions)) == COMPONENTS
    assert "hard" in {session["day_in_class"] for session in sessions}
