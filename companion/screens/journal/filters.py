"""Narrow the timeline: a kind, a child, a tag, from and to (whole days, written the
Belgian way: 25/11/2026, 25.11.2026, vandaag, gisteren), only the starred ones. Enter in a
day field or ctrl+s applies; "Everything" clears them all."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from companion.domain.children import sort_key_first_name
from companion.domain.dates import ImpossibleDate, NotADate
from companion.domain.journal import parse_day
from companion.domain.vocabulary import ENTRY_KINDS
from companion.i18n import t
from companion.screens.base import FormDialog
from companion.screens.form_rows import field_errors, say_beside
from companion.screens.journal.timeline import Filters, day_text
from companion.screens.samen_spel.toggles import TickBox

ALL = ""


class FilterDialog(FormDialog[Filters]):
    CSS_PATH = "filters.tcss"
    AUTO_FOCUS = "#filter-kind"

    def __init__(self, filters: Filters, tags: Sequence[str]) -> None:
        super().__init__()
        self.filters = filters
        self.tags = list(tags)

    def compose(self) -> ComposeResult:
        filters = self.filters
        children = sorted(self.companion.store.children.all(), key=sort_key_first_name)
        with Vertical(id="filter-box"):
            with Horizontal(classes="form-row"):
                yield Label(t("journal.filter.kind"), classes="field-label")
                yield Select(
                    [(t("journal.filter.all_kinds"), ALL)]
                    + [(t(f"journal.entry.kind.{kind}"), kind) for kind in ENTRY_KINDS],
                    value=filters.kind or ALL,
                    allow_blank=False,
                    id="filter-kind",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label(t("journal.filter.child"), classes="field-label")
                yield Select(
                    [(t("journal.filter.all_children"), ALL)]
                    + [(self.companion.names.full(child), child.id) for child in children],
                    value=filters.child if filters.child in {c.id for c in children} else ALL,
                    allow_blank=False,
                    id="filter-child",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label(t("journal.filter.tag"), classes="field-label")
                yield Select(
                    [(t("journal.filter.all_tags"), ALL)] + [(f"@{tag}", tag) for tag in self.tags],
                    value=filters.tag if filters.tag in self.tags else ALL,
                    allow_blank=False,
                    id="filter-tag",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label(t("journal.filter.first"), classes="field-label")
                yield Input(
                    day_text(filters.first) if filters.first else "",
                    placeholder=t("journal.filter.day_placeholder"),
                    id="filter-first",
                    compact=True,
                )
                yield Label(t("journal.filter.last"), classes="inline-label")
                yield Input(
                    day_text(filters.last) if filters.last else "",
                    placeholder=t("journal.filter.day_placeholder"),
                    id="filter-last",
                    compact=True,
                )
            yield from field_errors("filter-days")
            with Horizontal(classes="form-row"):
                yield Label("", classes="field-label")
                yield TickBox(t("journal.filter.starred"), filters.starred, id="filter-starred")
            with Horizontal(id="form-buttons"):
                yield Button(t("journal.filter.everything"), id="clear", compact=True)
                yield Button(t("common.cancel"), id="cancel", compact=True)
                yield Button(t("journal.filter.apply"), id="save", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#filter-box").border_title = t("journal.filter.title")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # Textual calls FormDialog's handler too (save, cancel), unless prevented here.
        if event.button.id == "clear":
            event.prevent_default()
            self.dismiss(Filters())

    def _day(self, field: str) -> tuple[date | None, bool]:
        text = self.query_one(f"#{field}", Input).value.strip()
        if not text:
            return None, True
        try:
            return parse_day(text, self.companion.today), True
        except ImpossibleDate:
            say_beside(self, "filter-days", t("errors.field.date_impossible"))
        except NotADate:
            say_beside(self, "filter-days", t("journal.filter.day_format"))
        self.query_one(f"#{field}", Input).focus()
        return None, False

    def action_save(self) -> None:
        first, good = self._day("filter-first")
        if not good:
            return
        last, good = self._day("filter-last")
        if not good:
            return
        if first is not None and last is not None and last < first:
            say_beside(self, "filter-days", t("journal.filter.last_before_first"))
            return

        def chosen(select_id: str) -> str | None:
            value = self.query_one(f"#{select_id}", Select).value
            return value if isinstance(value, str) and value != ALL else None

        kind = chosen("filter-kind")
        self.dismiss(
            Filters(
                kind=kind if kind in ENTRY_KINDS else None,
                child=chosen("filter-child"),
                tag=chosen("filter-tag"),
                first=first,
                last=last,
                starred=self.query_one("#filter-starred", TickBox).value,
            )
        )
