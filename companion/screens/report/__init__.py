"""Reports from the app: a child's or the class's, previewed before it is written
(preview.py), the period and private-notes choice (period.py), where it goes
(pickers.py), and the year-end handover reviewed child by child (handover.py). These
functions are the ways in: the child's page, the week ledger and the palette."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from companion.domain.report import Period
from companion.i18n import t
from companion.screens.report.handover import HandoverReviewScreen
from companion.screens.report.period import PeriodChoice, PeriodDialog
from companion.screens.report.preview import ReportPreviewScreen, ReportRequest

if TYPE_CHECKING:
    from textual.app import App

    from companion.context import Companion

__all__ = [
    "HandoverReviewScreen",
    "ReportPreviewScreen",
    "ReportRequest",
    "child_report_asked",
    "class_report_shown",
    "handover_review_shown",
]


def child_report_asked(app: App[Any], child_id: str | None) -> None:
    """A child's report: whose first (when no child is meant), then which period and
    whether her private notes go in, then the preview."""
    companion = cast("Companion", app)
    if not child_id:
        from companion.screens.child_page.finder import ChildFinderDialog

        def found(chosen: str | None) -> None:
            if chosen:
                child_report_asked(app, chosen)

        app.push_screen(ChildFinderDialog(), found)
        return
    child = companion.store.children.get(child_id)
    if child is None:
        return
    today = companion.today

    def chosen(choice: PeriodChoice | None) -> None:
        if choice is not None:
            request = ReportRequest("child", choice.period, child_id, choice.with_private)
            app.push_screen(ReportPreviewScreen(request))

    title = t("report_ui.period.title_child", name=companion.names.full(child))
    dialog = PeriodDialog(title, Period.school_year_until(today), today, private=False)
    app.push_screen(dialog, chosen)


def class_report_shown(app: App[Any], period: Period | None = None) -> None:
    """The class's report previewed: of `period`, else this week (`p` changes it)."""
    today = cast("Companion", app).today
    app.push_screen(ReportPreviewScreen(ReportRequest("class", period or Period.week_of(today))))


def handover_review_shown(app: App[Any]) -> None:
    app.push_screen(HandoverReviewScreen())
