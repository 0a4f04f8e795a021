"""What a teacher installs: a wheel that holds the translations, the content and the styles.

In a checkout the app finds `assets/` beside the package, so a wheel that forgot them
would pass every other test and still fail on the first start after `pip install`.
Building needs the hatchling backend (in the `test` extra, so CI has it); without it the
wheel tests skip, unless CI is set. Deselect them with `-m "not packaging"`.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "companion"
SCRIPT = "companion.cli:main"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    missing = [name for name in ("pip", "hatchling") if importlib.util.find_spec(name) is None]
    if missing:
        reason = f"cannot build a wheel without {', '.join(missing)}: pip install hatchling"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "--quiet",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PIP_NO_INPUT": "1"},
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (path,) = out.glob("classroom_companion-*.whl")
    with zipfile.ZipFile(path) as archive:
        yield archive


def _names(wheel: zipfile.ZipFile) -> set[str]:
    return set(wheel.namelist())


def _stylesheets() -> set[str]:
    """Every `CSS_PATH` a class in the package names, as a path inside the wheel."""
    found: set[str] = set()
    for module in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            for statement in node.body:
                if isinstance(statement, ast.Assign):
                    targets, value = statement.targets, statement.value
                elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                    targets, value = [statement.target], statement.value
                else:
                    continue
                if not any(getattr(target, "id", None) == "CSS_PATH" for target in targets):
                    continue
                paths = ast.literal_eval(value)
                for css in [paths] if isinstance(paths, str) else paths:
                    path = (module.parent / css).resolve()  # Textual: beside the module
                    found.add(path.relative_to(ROOT).as_posix())
    return found


@pytest.mark.packaging
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_wheel_holds_every_translation(wheel: zipfile.ZipFile, lang: str) -> None:
    catalogs = sorted((ROOT / "assets" / "i18n" / lang).glob("*.toml"))
    assert {"cli.toml", "errors.toml"} <= {p.name for p in catalogs}
    missing = {f"companion/assets/i18n/{lang}/{p.name}" for p in catalogs} - _names(wheel)
    assert not missing


@pytest.mark.packaging
def test_the_wheel_holds_the_content(wheel: zipfile.ZipFile) -> None:
    expected = {
        "companion/assets/content/abc.toml",
        "companion/assets/content/learn_more.nl.md",
        "companion/assets/content/learn_more.en.md",
        "companion/assets/report/print.css",  # the printed report's stylesheet
    }
    expected |= {
        f"companion/assets/content/{p.name}" for p in (ROOT / "assets" / "content").iterdir()
    }
    assert not expected - _names(wheel)


@pytest.mark.packaging
def test_the_wheel_holds_every_stylesheet_a_screen_uses(wheel: zipfile.ZipFile) -> None:
    referenced = _stylesheets()
    # The scan itself must work: these are known to exist.
    assert {"companion/app/app.tcss", "companion/screens/home.tcss"} <= referenced
    assert not referenced - _names(wheel)
    shipped = {p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.tcss")}
    assert not shipped - _names(wheel)


@pytest.mark.packaging
def test_the_wheel_declares_the_console_script(wheel: zipfile.ZipFile) -> None:
    (name,) = [n for n in _names(wheel) if n.endswith(".dist-info/entry_points.txt")]
    declared = wheel.read(name).decode("utf-8")
    assert "[console_scripts]" in declared
    assert f"companion = {SCRIPT}" in declared.splitlines()


@pytest.mark.packaging
def test_the_unpacked_wheel_finds_its_own_assets(wheel: zipfile.ZipFile, tmp_path: Path) -> None:
    """Without the checkout beside it, the installed package still speaks Dutch."""
    site = tmp_path / "site"
    wheel.extractall(site)
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import companion\n"
        "from companion.resources import assets_dir\n"
        "from companion.i18n import t\n"
        "print(companion.__file__)\n"
        "print(assets_dir())\n"
        "print(t('cli.description', 'nl'))\n"
        "print(t('errors.file.locked', 'nl', path='X'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(site)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    module, assets, description, locked = done.stdout.splitlines()
    assert Path(module).is_relative_to(site)
    assert Path(assets) == site / "companion" / "assets"
    # A catalog missing from the wheel would show the key itself instead.
    cli = tomllib.loads((ROOT / "assets/i18n/nl/cli.toml").read_text(encoding="utf-8"))
    errors = tomllib.loads((ROOT / "assets/i18n/nl/errors.toml").read_text(encoding="utf-8"))
    assert description == cli["description"]
    assert locked == errors["file"]["locked"].format(path="X")


def test_the_console_script_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["companion"] == SCRIPT


def test_the_installed_console_script_runs_main() -> None:
    from companion.cli import main

    (script,) = entry_points(group="console_scripts", name="companion")
    assert script.value == SCRIPT
    assert script.load() is main
