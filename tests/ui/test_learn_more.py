"""Meer weten / Learn more: one section at a time, in the chosen language."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Markdown, OptionList
from ui_helpers import SIZE, make_app, press

from companion.content import learn_more_sections
from companion.screens.learn_more import LearnMoreScreen


def shown_text(screen: LearnMoreScreen) -> str:
    return screen.query_one(Markdown).source


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_sections_are_read_one_at_a_time(
    small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    sections = learn_more_sections(lang)
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "m")
        screen = app.screen
        assert isinstance(screen, LearnMoreScreen)
        assert shown_text(screen) == sections[0].markdown
        await press(pilot, "down", "down")
        assert shown_text(screen) == sections[2].markdown
        await press(pilot, "n")
        assert shown_text(screen) == sections[3].markdown
        await press(pilot, "p")
        assert shown_text(screen) == sections[2].markdown
        await press(pilot, "tab")
        assert screen.query_one("#learn-text").has_focus
        await press(pilot, "tab")
        assert screen.query_one(OptionList).has_focus
        await press(pilot, "escape")
        assert not isinstance(app.screen, LearnMoreScreen)
