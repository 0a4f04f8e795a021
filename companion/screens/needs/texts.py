"""Words the needs screens share: a refusal of the domain, said as she reads it."""

from __future__ import annotations

from datetime import date

from companion.domain.needs import NeedsInputError
from companion.i18n import t
from companion.screens.form_rows import dmy

DATE_PARAMS = ("joined",)  # ISO in the error, dd/mm/yyyy on screen


def error_text(error: NeedsInputError) -> str:
    """needs.error.<reason>, its dates written as she writes them."""
    shown = dict(error.params)
    for name in DATE_PARAMS:
        if name in shown:
            shown[name] = dmy(date.fromisoformat(shown[name]))
    return t(f"needs.error.{error.reason}", **shown)
