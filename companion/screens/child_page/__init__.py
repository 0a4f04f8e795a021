"""A child's page (page.py) and the way to it from the screens that show children:
`show_page` opens the page of the child under the cursor, or asks whose page first."""

from __future__ import annotations

from companion.screens.child_page.finder import ChildFinderDialog, show_page
from companion.screens.child_page.page import SECTIONS, ChildPageScreen
from companion.screens.child_page.section import PageSection

__all__ = ["SECTIONS", "ChildFinderDialog", "ChildPageScreen", "PageSection", "show_page"]
