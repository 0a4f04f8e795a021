"""Where the shipped assets live, in a wheel and in a source checkout."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any


@cache
def assets_dir() -> Path:
    """The `assets/` folder: inside the installed package, else beside it in a checkout."""
    packaged = Path(str(files("companion"))) / "assets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "assets"


def load_toml(relative: str) -> dict[str, Any]:
    with (assets_dir() / relative).open("rb") as handle:
        return tomllib.load(handle)
