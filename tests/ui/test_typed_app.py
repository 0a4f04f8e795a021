"""Screens see the app through the typed view of companion/context.py: no screen
declares `app` itself (which hid Textual's typed `self.app` behind Any), and every
attribute a screen reads through `self.companion` is one the view declares."""

from __future__ import annotations

import ast
from pathlib import Path

from companion.context import Companion

SCREENS = Path(__file__).resolve().parents[2] / "companion" / "screens"


def _modules() -> list[tuple[str, ast.Module]]:
    return [(p.name, ast.parse(p.read_text(encoding="utf-8"))) for p in SCREENS.glob("*.py")]


def test_no_screen_declares_the_app_itself() -> None:
    declared = [
        name
        for name, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for statement in node.body
        if isinstance(statement, ast.AnnAssign)
        and isinstance(statement.target, ast.Name)
        and statement.target.id == "app"
    ]
    assert declared == []


def test_screens_use_only_what_the_view_of_the_app_declares() -> None:
    used = {
        (name, node.attr)
        for name, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "companion"
        and isinstance(node.value.value, ast.Name)
        and node.value.value.id == "self"
    }
    assert {"store", "today", "open_place"} <= {attr for _, attr in used}
    assert {(name, attr) for name, attr in used if not hasattr(Companion, attr)} == set()
