"""Reading what the teacher sees, for the TUI tests (no assertions in here)."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, OptionList

from companion.app import CompanionApp, create_app
from companion.clock import fixed_clock

TODAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime(2026, 11, 25, 9, 30)  # the welcome moment
SCHOOL_START = date(2026, 9, 1)
SIZE = (80, 24)


def make_app(path: Path, lang: str | None = "en") -> CompanionApp:
    """The real app on the real file, on the frozen day (lang None: the stored choice)."""
    return create_app(path, lang, clock=fixed_clock(NOW))


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys one by one (Pilot waits for the app to be idle after each), then let
    what they scheduled (screens pushed, callbacks) run."""
    await pilot.press(*keys)
    await pilot.pause()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


def screen_names(app: App[Any]) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack]


def text_of(widget: Widget) -> str:
    """The plain text a Static (or any simple widget) shows."""
    return str(widget.render())


def cells(table: DataTable[Any], row_key: str) -> list[str]:
    return [str(cell) for cell in table.get_row(row_key)]


def rows(table: DataTable[Any]) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


def screen_text(app: App[Any]) -> str:
    """Everything on the terminal, as text: the top screen over those it lets show through.

    Built as App.export_screenshot builds its SVG (Textual has no public text export).
    """
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def options(option_list: OptionList) -> list[str]:
    """The plain text of every option of an OptionList, in order."""
    return [
        str(option_list.get_option_at_index(index).prompt)
        for index in range(option_list.option_count)
    ]
