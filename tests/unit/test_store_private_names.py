"""The store's modules meet through public names only: an aggregate reaches the data file
through the core it is given (store/core.py), never through another object's `_names`."""

from __future__ import annotations

import ast
from pathlib import Path

import companion.store

STORE = Path(companion.store.__file__).parent


def _private_reaches(source: str) -> list[tuple[int, str]]:
    """Each `x._name` whose `x` is not `self` or `cls` (dunders are Python's own)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute):
            continue
        name = node.attr
        if not name.startswith("_") or (name.startswith("__") and name.endswith("__")):
            continue
        if isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"}:
            continue
        found.append((node.lineno, f"{ast.unparse(node.value)}.{name}"))
    return found


def test_no_module_of_the_store_uses_another_object_s_private_names() -> None:
    reaches = [
        f"{path.relative_to(STORE.parent)}:{line}: {reach}"
        for path in sorted(STORE.rglob("*.py"))
        for line, reach in _private_reaches(path.read_text(encoding="utf-8"))
    ]
    assert reaches == [], "use the object's public interface (e.g. Core) instead of:\n" + (
        "\n".join(reaches)
    )


def test_the_rule_sees_a_private_name_reached_through_another_object() -> None:
    source = "def f(store):\n    store._write(lambda: None)\n    self._core.write(1)\n"
    assert _private_reaches(source) == [(2, "store._write")]
    assert _private_reaches("self._lock.release()\ncls._open(1)\nx.__class__\n") == []
