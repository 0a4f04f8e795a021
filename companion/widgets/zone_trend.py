"""The teacher's zones over the weeks (her own check-in): per week, oldest left, how many
days she was in each zone. Each zone has its own shape (● green, ▲ too much, ▼ too
little) and the count beside it, so it reads in monochrome; colour only helps, and no
colour says "bad". Given its weeks by the screen, it never reads the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from textual.content import Content
from textual.widgets import Static

from companion.domain.teacher_check_in import WeekOfZones
from companion.domain.vocabulary import ENERGIES, Energy
from companion.i18n import t

ZONE_MARKS: Final[dict[Energy, str]] = {"green": "●", "too_much": "▲", "too_little": "▼"}
ZONE_STYLES: Final[dict[Energy, str]] = {
    "green": "bold $text-success",
    "too_much": "bold $text-accent",
    "too_little": "bold $text-primary",
}
NONE_MARK: Final = "·"
CELL: Final = 6  # "12/10 " and "▲2" fit


def zone_mark(zone: Energy) -> Content:
    return Content.styled(ZONE_MARKS[zone], ZONE_STYLES[zone])


def count_of(week: WeekOfZones, zone: Energy) -> int:
    return {"green": week.green, "too_much": week.too_much, "too_little": week.too_little}[zone]


def trend_lines(weeks: Sequence[WeekOfZones]) -> Content:
    """A row of week starts (d/m of its Monday), then a row per zone: its mark and the
    days in it that week ("·" for none)."""
    labels = {zone: t(f"journal.zone_trend.zone.{zone}") for zone in ENERGIES}
    week_of = t("journal.zone_trend.week_of")
    width = max(max(len(label) for label in labels.values()) + 3, len(week_of) + 1)
    header: list[Content | str | tuple[str, str]] = [(week_of.ljust(width), "dim")]
    header += [(f"{w.monday.day}/{w.monday.month}".ljust(CELL), "dim") for w in weeks]
    rows: list[Content | str | tuple[str, str]] = header
    for zone in ENERGIES:
        rows += ["\n", zone_mark(zone), " ", labels[zone].ljust(width - 2)]
        for week in weeks:
            count = count_of(week, zone)
            if count:
                rows += [zone_mark(zone), (str(count).ljust(CELL - 1), "bold")]
            else:
                rows += [(NONE_MARK.ljust(CELL), "dim")]
    return Content.assemble(*rows)


class ZoneTrend(Static):
    """Four lines: the weeks, then a row per zone."""

    DEFAULT_CSS = """
    ZoneTrend { height: auto; width: 1fr; }
    """

    def show(self, weeks: Sequence[WeekOfZones]) -> None:
        if not any(week.days for week in weeks):
            self.update(Content.styled(t("journal.zone_trend.empty"), "dim italic"))
        else:
            self.update(trend_lines(weeks))
