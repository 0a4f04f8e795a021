"""The import report: the same text in the CLI and in the TUI."""

from __future__ import annotations

from companion.domain.roster_import import ImportPlan, SkippedRow
from companion.i18n import t


def format_report(plan: ImportPlan, lang: str | None = None) -> str:
    """A summary line, then one line per refused row or skipped child, in file order."""
    if plan.error is not None:
        return t(plan.error.reason, lang, **plan.error.params)
    lines = [
        t(
            "roster_import.summary",
            lang,
            added=len(plan.to_add),
            skipped=len(plan.skipped),
            rejected=len(plan.rejected),
        )
    ]
    # One list in the order of the file, so the teacher can walk through it line by line.
    notes = [
        (
            item.line,
            t(
                "roster_import.rejected_line",
                lang,
                line=item.line,
                reason=t(item.reason, lang, **item.params),
            ),
        )
        for item in plan.rejected
    ]
    notes += [(item.line, _skip_line(item, lang)) for item in plan.skipped]
    lines += [text for _, text in sorted(notes, key=lambda note: note[0])]
    return "\n".join(lines)


def _skip_line(item: SkippedRow, lang: str | None) -> str:
    name = f"{item.draft.first_name} {item.draft.last_name}".strip()
    if item.earlier_line is None:
        return t("roster_import.skipped_existing", lang, line=item.line, name=name)
    return t(
        "roster_import.skipped_repeat", lang, line=item.line, name=name, earlier=item.earlier_line
    )
