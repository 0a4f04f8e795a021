"""Pieces the dialogs with fields share: a date as she writes it (dd/mm/yyyy) and read
back with what is wrong with it, a labelled row with the line for its field's message
below it, and that message shown or hidden."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from companion.domain.dates import ImpossibleDate, NotADate, parse_date
from companion.i18n import t


def dmy(day: date) -> str:
    """dd/mm/yyyy, as she types dates in the forms."""
    return day.strftime("%d/%m/%Y")


def date_problem(text: str) -> tuple[date | None, str]:
    """The date written dd/mm/yyyy, or the message that says what is wrong with it."""
    try:
        return parse_date(text), ""
    except ImpossibleDate:
        return None, t("errors.field.date_impossible")
    except NotADate:
        return None, t("errors.field.date_format")


def date_input(field: str, day: date) -> Input:
    """The field `field` for a date, filled with `day`."""
    return Input(dmy(day), id=field, placeholder=t("form.date_placeholder"), compact=True)


def field_errors(*fields: str) -> ComposeResult:
    """The (hidden) line for each field's message: `#<field>-error`."""
    for field in fields:
        yield Static(classes="field-error", id=f"{field}-error")


def field_row(
    label: str,
    field: str,
    *widgets: Widget,
    row_id: str | None = None,
    label_id: str | None = None,
) -> ComposeResult:
    """A form row (`label`, then the widgets) and the line for `field`'s message below it."""
    with Horizontal(classes="form-row", id=row_id):
        yield Label(label, classes="field-label", id=label_id)
        yield from widgets
    yield from field_errors(field)


def say_beside(node: DOMNode, field: str, message: str, fallback: str = "") -> None:
    """The message on the line under `field`, shown; hidden when empty. A field without a
    line of its own has it said on the line `#<fallback>` (the dialog's)."""
    error = next(node.query(f"#{field}-error").results(Static), None)
    if error is None:
        error = node.query_one(f"#{fallback or field + '-error'}", Static)
    error.update(message)
    error.display = bool(message)
