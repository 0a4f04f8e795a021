"""The child's page: her Self-Reg analyses of this school year, newest first, each with
its state and, once finished, the need, the strategy and the follow-up day. `u` lists them
to open one, `n` begins a new one about her. Listed in child_page.page.SECTIONS."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from companion.domain.self_reg import Analysis
from companion.i18n import current_language, short_date, t
from companion.screens.child_page.section import (
    LABEL_STYLE,
    Line,
    PageFacts,
    PageSection,
    Part,
    SectionKey,
    line,
)
from companion.screens.journal.analysis import state_text, steps_line

if TYPE_CHECKING:
    from companion.screens.child_page.page import ChildPageScreen

SHOWN: Final = 3


class SelfRegSection(PageSection):
    TITLE = "journal.child_section.title"
    KEYS = (SectionKey("u", "self_reg"), SectionKey("n", "self_reg_new"))

    def content(self, facts: PageFacts) -> list[Line]:
        store = facts.store
        hers = sorted(
            store.self_reg.of_child(facts.child.id), key=lambda a: a.started_at, reverse=True
        )
        if not hers:
            return [line(t("journal.child_section.none"))]
        due = {a.id for a in store.self_reg.follow_ups_due(facts.today)}
        lines: list[Line] = []
        for analysis in hers[:SHOWN]:
            lines += self._lines(analysis, facts, analysis.id in due)
        if len(hers) > SHOWN:
            more = t("journal.child_section.more", count=len(hers) - SHOWN)
            lines.append(line((more, "dim")))
        return lines

    @staticmethod
    def _lines(analysis: Analysis, facts: PageFacts, due: bool) -> list[Line]:
        title = analysis.title or t("journal.analysis_page.untitled")
        head: list[Part] = [
            (short_date(analysis.started_at.date()), LABEL_STYLE),
            "  ",
            title,
            " ",
            steps_line(analysis),
            "  ",
            (state_text(analysis), "italic"),
        ]
        lines = [line(*head)]
        said: list[str] = []
        if analysis.need is not None:
            said.append(t(f"needs.need.{analysis.need}"))
        strategy = (
            facts.store.rest_corner.strategy(analysis.strategy) if analysis.strategy else None
        )
        if strategy is not None:
            said.append(strategy.name_in(current_language()))
        if said:
            lines.append(line("→ ", ", ".join(said), indented=True))
        if due:
            lines.append(
                line(("→ " + t("journal.analysis_page.follow_up_due"), "bold"), indented=True)
            )
        return lines

    async def open(self, name: str, page: ChildPageScreen) -> None:
        from companion.screens.journal.analysis_page import open_analysis, show_child_analyses

        if name == "self_reg_new":
            open_analysis(page.app, page.companion.store, "", page.child_id)
        else:
            show_child_analyses(page, page.child_id)
