"""The layout is the architecture: these tests keep the layers and the strings honest."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from companion.i18n import LANGUAGES, catalog

PACKAGE = Path(__file__).resolve().parents[2] / "companion"
UI_PARTS = ("screens", "widgets", "commands", "app.py")


def _non_ui_modules() -> list[str]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent)
        if relative.parts[1] in UI_PARTS:
            continue
        name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
        if name != "companion.__main__":
            modules.append(name)
    return modules


def test_there_are_non_ui_modules_to_check() -> None:
    modules = _non_ui_modules()
    assert "companion.store.store" in modules
    assert "companion.domain.coverage" in modules
    assert not any(".screens" in name or ".widgets" in name for name in modules)


@pytest.mark.parametrize("module", _non_ui_modules())
def test_module_outside_the_ui_does_not_import_textual(module: str) -> None:
    # A fresh interpreter: an earlier test may have imported textual already.
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False", f"{module} pulls in textual"


def test_the_cli_module_does_not_import_textual_until_the_app_starts() -> None:
    code = "import sys, companion.__main__; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def _importers(libraries: set[str]) -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in libraries for name in names):
                found.add(path.relative_to(PACKAGE).as_posix())
    return found


def test_only_the_store_imports_tinydb() -> None:
    offenders = _importers({"tinydb"})
    assert offenders
    assert all(path.startswith("store/") for path in offenders), offenders


def test_only_the_codec_turns_bytes_into_data_and_back() -> None:
    """One decode-and-validate path: no other module parses or writes JSON itself; the
    schema's records are the only other users of the schema library."""
    assert _importers({"json", "orjson", "ujson", "simplejson"}) <= {"store/codec.py"}
    assert _importers({"msgspec"}) == {"store/codec.py", "store/schema.py"}


def test_domain_imports_nothing_of_ours_but_the_domain() -> None:
    for path in (PACKAGE / "domain").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("companion")
            ):
                assert node.module.startswith("companion.domain"), (path.name, node.module)


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
            if len(node.args) > position and isinstance(node.args[position], ast.Constant):
                found.add(str(node.args[position].value))
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


def test_widgets_do_not_reach_up_into_screens_or_the_app() -> None:
    for path in (PACKAGE / "widgets").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("companion.screens", "companion.app")), (
                    path.name,
                    node.module,
                )


def test_every_screen_explains_itself_in_the_help_in_both_languages() -> None:
    import importlib
    import pkgutil

    import companion.screens
    from companion.screens.base import CompanionScreen

    for module in pkgutil.iter_modules(companion.screens.__path__):
        importlib.import_module(f"companion.screens.{module.name}")
    screens = {cls.__name__ for cls in CompanionScreen.__subclasses__()}
    assert {"HomeScreen", "AbcScreen", "LedgerScreen"} <= screens
    for lang in LANGUAGES:
        missing = {name for name in screens if f"help.screen.{name}" not in catalog(lang)}
        assert missing == set(), (lang, missing)
