"""What Today says of the rest corner and the Self-Reg part, kept short: a line for the
strategies still waiting for how they went (`o`), a line for the analyses waiting (`u`),
each only when something waits, and her own check-in in the panel's lower border (`i`)."""

from __future__ import annotations

from textual.content import Content

from companion.i18n import t
from companion.store import Store
from companion.widgets.zone_trend import zone_mark

Part = Content | str | tuple[str, str]


def check_in_subtitle(store: Store) -> Content:
    """ "i Me: ● In the green zone", or "i Me: no check-in yet today"."""
    today = store.teacher_check_in.on()
    parts: list[Part] = [("i ", "bold"), t("journal.self_reg_today.me_title"), " "]
    if today is None:
        parts.append((t("journal.self_reg_today.me_not_yet"), "italic"))
    else:
        parts += [zone_mark(today.zone), " ", t(f"journal.my_check_in.zone.{today.zone}")]
    return Content.assemble(*parts)


def _line(title: str, said: str, key: str) -> list[Part]:
    return [(title, "bold"), " ", said, " ", (key, "dim")]


def waiting_lines(store: Store) -> list[list[Part]]:
    """ "Rest corner: 2 waiting (o)" and "Self-Reg: 2 waiting (u)", when some wait."""
    lines = []
    uses = len(store.rest_corner.waiting())
    if uses:
        said = t("rest_corner.today.waiting", count=uses)
        lines.append(_line(t("rest_corner.today.waiting_title"), said, "(o)"))
    analyses = len(store.self_reg.unfinished()) + len(store.self_reg.follow_ups_due())
    if analyses:
        said = t("journal.self_reg_today.waiting", count=analyses)
        lines.append(_line(t("journal.self_reg_today.open_title"), said, "(u)"))
    return lines
