"""The class over a week or a period: connection per child and per ingredient, the
'invisible' flags at its end, Samen-Spel held against planned, and what helped."""

from __future__ import annotations

from datetime import date

from companion.content import abc_items
from companion.domain.coverage import InvisibleFlag
from companion.domain.report import ClassFacts, held_in
from companion.i18n import children_count, t
from companion.reports.document import (
    Bar,
    BarChart,
    Block,
    Bullets,
    Cell,
    HeatGrid,
    Paragraph,
    Report,
    Section,
    Table,
)
from companion.reports.words import footer, listed, period_text, plain_date, strategy_name


def class_report(facts: ClassFacts, lang: str, made_on: date, *, week: bool = False) -> Report:
    """`week`: the period is one school week, and the title says which."""
    if week:
        title = t("report.class.title_week", lang, date=plain_date(facts.period.start, lang))
    else:
        title = t("report.class.title", lang)
    subtitle = t(
        "report.class.subtitle",
        lang,
        period=period_text(facts.period, lang),
        children=children_count(len(facts.rows), lang),
    )
    return Report(
        kind="class",
        lang=lang,
        title=title,
        subtitle=subtitle,
        made_on=made_on,
        sections=(
            _coverage(facts, lang),
            _items(facts, lang),
            _invisible(facts, lang),
            _samen_spel(facts, lang),
            _helps(facts, lang),
        ),
        footer=footer(made_on, lang),
    )


def _coverage(facts: ClassFacts, lang: str) -> Section:
    title = t("report.class.coverage", lang)
    if not facts.rows:
        return Section(title, (Paragraph(t("report.nothing", lang)),))
    items = abc_items()
    shorts = tuple(item.short(lang) for item in items)
    names = tuple(row.child.full_name for row in facts.rows)
    headers = (
        t("report.class.col_child", lang),
        *(item.name(lang) for item in items),
        t("report.class.col_total", lang),
        t("report.class.col_days", lang),
    )
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (name, *row.per_item, row.total, row.school_days)
        for name, row in zip(names, facts.rows, strict=True)
    )
    grid = HeatGrid(
        t("report.class.coverage_grid", lang),
        row_labels=names,
        column_labels=shorts,
        values=tuple(row.per_item for row in facts.rows),
    )
    table = Table(t("report.class.coverage_table", lang), headers, rows)
    return Section(title, (grid, table))


def _items(facts: ClassFacts, lang: str) -> Section:
    title = t("report.class.items", lang)
    totals = facts.item_totals
    if not sum(totals):
        return Section(title, (Paragraph(t("report.class.no_ticks", lang)),))
    items = abc_items()
    chart = BarChart(
        t("report.class.items_chart", lang),
        tuple(Bar(item.name(lang), count) for item, count in zip(items, totals, strict=True)),
    )
    least = totals.index(min(totals))
    said = t("report.class.least_used", lang, item=items[least].name(lang), times=totals[least])
    return Section(title, (chart, Paragraph(said)))


def _invisible(facts: ClassFacts, lang: str) -> Section:
    title = t("report.class.invisible", lang)
    day = plain_date(min(facts.period.end, facts.today), lang)
    if not facts.flags:
        return Section(title, (Paragraph(t("report.class.invisible_none", lang, date=day)),))
    lines = tuple(_flag(flag, lang) for flag in facts.flags)
    intro = Paragraph(t("report.class.invisible_intro", lang, date=day))
    return Section(title, (intro, Bullets(lines)))


def _flag(flag: InvisibleFlag, lang: str) -> str:
    name = flag.child.full_name
    if flag.reason == "no_connection":
        return t("report.class.flag_no_connection", lang, name=name, days=flag.days)
    return t(
        "report.class.flag_fewest", lang, name=name, connections=flag.connections, days=flag.days
    )


def _samen_spel(facts: ClassFacts, lang: str) -> Section:
    title = t("report.class.samen_spel", lang)
    if not facts.plans:
        return Section(title, (Paragraph(t("report.class.samen_spel_none", lang)),))
    names = {row.child.id: row.child.full_name for row in facts.rows}
    rows = []
    for plan_facts in facts.plans:
        plan = plan_facts.plan
        held = held_in(plan_facts, facts.period)
        planned = facts.planned_in_period[plan.id]
        rows.append((names.get(plan.child_id, plan.child_id), plan.goal, held, planned))
    held_total = sum(row[2] for row in rows)
    planned_total = sum(row[3] for row in rows)
    headers = tuple(
        t(f"report.class.col_{key}", lang) for key in ("child", "goal", "held", "planned")
    )
    blocks: list[Block] = [
        Paragraph(
            t("report.class.samen_spel_summary", lang, held=held_total, planned=planned_total)
        ),
        Table(t("report.class.samen_spel_table", lang), headers, tuple(rows)),
    ]
    return Section(title, tuple(blocks))


def _helps(facts: ClassFacts, lang: str) -> Section:
    title = t("report.class.helps", lang)
    blocks: list[Block] = []
    if facts.class_helps:
        headers = tuple(
            t(f"report.child.col_{key}", lang)
            for key in ("strategy", "helped", "helped_a_bit", "not_helped")
        )
        rows = tuple(
            (
                strategy_name(item.strategy, facts.strategies, lang),
                item.helped,
                item.helped_a_bit,
                item.not_helped,
            )
            for item in facts.class_helps
        )
        blocks.append(Table(t("report.class.class_helps", lang), headers, rows))
    lines = tuple(
        t(
            "report.class.child_helps_line",
            lang,
            name=row.child.full_name,
            names=listed((strategy_name(k, facts.strategies, lang) for k in row.helped), lang),
        )
        for row in facts.rows
        if row.helped
    )
    if lines:
        blocks.append(Paragraph(t("report.class.child_helps", lang)))
        blocks.append(Bullets(lines))
    if not blocks:
        blocks.append(Paragraph(t("report.nothing", lang)))
    return Section(title, tuple(blocks))
