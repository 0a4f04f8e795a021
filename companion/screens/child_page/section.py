"""What a section of a child's page is made of (page.py lists them in `SECTIONS`): a
feature's section lives in its own package and imports this module, never the page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Final, cast

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from companion.domain.calendar import SchoolCalendar
from companion.domain.children import Child, ShownNames
from companion.domain.samen_spel import SamenSpelPlan
from companion.i18n import t
from companion.store import Store

if TYPE_CHECKING:
    from companion.context import Companion
    from companion.screens.child_page.page import ChildPageScreen

LABEL_STYLE: Final = "bold"
Part = Content | str | tuple[str, str]


@dataclass(frozen=True, slots=True)
class Line:
    """A line of a section; an indented one wraps under its own beginning."""

    text: Content
    indented: bool = False


def line(*parts: Part, indented: bool = False) -> Line:
    return Line(Content.assemble(*parts), indented)


@dataclass(frozen=True, slots=True)
class SectionKey:
    """A key of the page that opens a section's own screen. `name` is the action's
    argument (`open_section('<name>')`) and names its description, child_page.key.<name>."""

    key: str
    name: str

    @property
    def description(self) -> str:
        return f"child_page.key.{self.name}"


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the sections read from: read once per refresh of the page."""

    child: Child
    store: Store
    today: date
    calendar: SchoolCalendar
    plan: SamenSpelPlan | None  # her Samen-Spel plan under way (or still to start)
    # Without one: her newest plan of this school year (closed out, or its weeks over).
    last_plan: SamenSpelPlan | None = None
    # Her plans of earlier school years (since she joined the class), per year; None
    # when an archive could not be read (the message was shown).
    earlier_plans: Mapping[int, int] | None = field(default_factory=dict)


class PageSection(Vertical):
    """One section of the page, a line a widget. `TITLE` keys its border title ("": no
    border, as the header); `KEYS` are the page's keys that open its own screen."""

    TITLE: ClassVar[str] = ""
    KEYS: ClassVar[tuple[SectionKey, ...]] = ()

    def __init__(self) -> None:
        super().__init__(classes="page-section" + (" page-panel" if self.TITLE else ""))
        if self.TITLE:
            self.border_title = t(self.TITLE)
        if self.KEYS:
            self.border_subtitle = "  ".join(f"{key.key} {t(key.description)}" for key in self.KEYS)

    @property
    def names(self) -> ShownNames:
        """How a child is named (her initials only, with the setting on)."""
        return cast("Companion", self.app).names

    def content(self, facts: PageFacts) -> list[Line] | None:
        """What the section says about her; None: nothing, and the section is not shown."""
        raise NotImplementedError

    async def open(self, name: str, page: ChildPageScreen) -> None:
        """Open the screen of the section's key `name` (one of its KEYS)."""

    def show(self, facts: PageFacts) -> None:
        """Say it again, in the line widgets it has (more or fewer as needed)."""
        lines = self.content(facts)
        self.display = lines is not None
        if lines is None:
            return
        shown = list(self.query_children(Static))
        for widget, said in zip(shown, lines, strict=False):
            widget.update(said.text)
            widget.set_class(said.indented, "indented")
        self.mount_all(
            Static(said.text, classes="page-line indented" if said.indented else "page-line")
            for said in lines[len(shown) :]
        )
        for widget in shown[len(lines) :]:
            widget.remove()
