"""The layout is the architecture: these tests keep the layers and the strings honest."""

from __future__ import annotations

import ast
import importlib
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

from companion.i18n import LANGUAGES, catalog

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "companion"


def test_the_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    """The layer rules of pyproject.toml's [tool.importlinter] (also `lint-imports` in CI)."""
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


# One import that breaks each contract (the first is the one the old AST check missed).
RULE_BREAKERS = {
    "domain/abc.py": "import companion.store.errors",
    "widgets/heat.py": "import companion.screens.base",
    "widgets/marks.py": "import companion.store.files",
    "reports/school_year.py": "import textual",
    "i18n.py": "import tinydb",
    "clock.py": "import json",
    "store/store.py": "import msgspec",
    "store/school_years.py": "import cryptography",
}


def test_every_contract_fails_on_an_import_that_breaks_it(tmp_path: Path) -> None:
    """On a copy of the code with those imports added, every contract fails and names them."""
    shutil.copytree(PACKAGE, tmp_path / "companion", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for name, statement in RULE_BREAKERS.items():
        module = tmp_path / "companion" / name
        module.write_text(f"{statement}\n" + module.read_text(encoding="utf-8"))
    lint = "import sys, importlinter.cli as cli; sys.exit(cli.lint_imports(no_cache=True))"
    result = subprocess.run(
        [sys.executable, "-c", lint],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    count = len(contracts["tool"]["importlinter"]["contracts"])
    assert f"Contracts: 0 kept, {count} broken." in result.stdout, result.stdout + result.stderr
    for name, statement in RULE_BREAKERS.items():
        importer = "companion." + name.removesuffix(".py").replace("/", ".")
        assert f"{importer} -> {statement.removeprefix('import ')}" in result.stdout, name


@pytest.mark.parametrize("module", ["companion.__main__", "companion.cli"])
def test_the_cli_does_not_import_textual_until_the_app_starts(module: str) -> None:
    """A run-time rule the static contracts cannot see: the TUI's import waits in a function."""
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_both_languages_have_the_same_keys() -> None:
    keys = {lang: set(catalog(lang)) for lang in LANGUAGES}
    assert len(keys["en"]) > 100
    assert keys["en"] - keys["nl"] == set(), "missing in Dutch"
    assert keys["nl"] - keys["en"] == set(), "missing in English"


def test_placeholders_match_between_languages() -> None:
    field = re.compile(r"{(\w+)}")
    for key, english in catalog("en").items():
        assert set(field.findall(english)) == set(field.findall(catalog("nl")[key])), key


KEY_LITERAL = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[A-Za-z_]+)+)["']""")


def _binding_descriptions(tree: ast.AST) -> set[str]:
    """The description of every Binding(key, action, description, ...) and its group."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(
            node.func, "id", getattr(node.func, "attr", "")
        ) in (
            "Binding",
            "Group",
        ):
            position = 2 if getattr(node.func, "id", "") == "Binding" else 0
            argument = node.args[position] if len(node.args) > position else None
            if isinstance(argument, ast.Constant):
                found.add(str(argument.value))
            for keyword in node.keywords:
                if keyword.arg == "description" and isinstance(keyword.value, ast.Constant):
                    found.add(str(keyword.value.value))
    return found


def test_every_literal_key_in_the_code_exists() -> None:
    known = set(catalog("en"))
    used: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used.update(KEY_LITERAL.findall(text))
        used.update(_binding_descriptions(ast.parse(text)))
    assert len(used) > 50
    assert sorted(used - known) == []


def _screens_shown() -> set[str]:
    """The place of every CompanionScreen subclass at any depth, but for the bases other
    screens share (its help text is named after it)."""
    import companion.screens
    from companion.screens.base import CompanionScreen
    from companion.screens.places import place_of_class

    for module in pkgutil.walk_packages(companion.screens.__path__, "companion.screens."):
        importlib.import_module(module.name)
    below: list[type[CompanionScreen]] = [CompanionScreen]
    every: set[type[CompanionScreen]] = set()
    while below:
        subclasses = below.pop().__subclasses__()
        every.update(subclasses)
        below.extend(subclasses)
    return {place_of_class(screen) for screen in every if not screen.__subclasses__()}


def test_every_screen_explains_itself_in_the_help_in_both_languages() -> None:
    screens = _screens_shown()
    assert {"home", "abc", "ledger", "child_history"} <= screens
    for lang in LANGUAGES:
        missing = {name for name in screens if f"help.screen.{name}" not in catalog(lang)}
        assert missing == set(), (lang, missing)
