"""Where the shipped assets live, in a wheel and in a source checkout."""

from __future__ import annotations

import os
from functools import cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without typing's import (`companion --help`)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


@cache
def assets_root() -> str:
    """The `assets/` folder: inside the installed package, else beside it in a checkout.

    A plain path: the command line reads its strings with it before pathlib is imported
    (and without importlib.resources, whose files("companion") is this same folder)."""
    packaged = os.path.join(os.path.dirname(os.path.abspath(__file__)), "assets")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "assets")


@cache
def assets_dir() -> Path:
    """The `assets/` folder (assets_root), as a Path."""
    from pathlib import Path

    return Path(assets_root())


def load_toml(relative: str) -> dict[str, Any]:
    import tomllib

    with (assets_dir() / relative).open("rb") as handle:
        return tomllib.load(handle)
