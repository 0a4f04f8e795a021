"""One child's report, for a parent conversation (oudercontact) or the care team (MDO):
the relational needs, the ABC of Love over the period, Samen-Spel, what helps, the
finished Self-Reg analyses and the journal entries that link the child."""

from __future__ import annotations

from datetime import date

from companion.content import abc_items, group_name
from companion.domain.coverage import rarely_given
from companion.domain.report import ChildFacts, PlanFacts
from companion.domain.rest_corner import WhatHelps
from companion.domain.samen_spel import fidelity_trend, sessions_by_day_in_class
from companion.domain.self_reg import Analysis
from companion.domain.vocabulary import ABC_ITEMS, RELATIONAL_NEEDS, SENSITIVITY_TOPICS
from companion.i18n import t
from companion.reports.document import (
    Bar,
    BarChart,
    Block,
    Bullets,
    HeatGrid,
    Paragraph,
    Report,
    Section,
    Table,
)
from companion.reports.words import (
    footer,
    listed,
    period_text,
    plain_date,
    states,
    strategy_name,
)


def child_report(facts: ChildFacts, lang: str, made_on: date) -> Report:
    child = facts.child
    period = period_text(facts.period, lang)
    return Report(
        kind="child",
        lang=lang,
        title=t("report.child.title", lang, name=child.full_name),
        subtitle=t(
            "report.child.subtitle", lang, group=group_name(child.group, lang), period=period
        ),
        made_on=made_on,
        sections=(
            _about(facts, lang),
            _needs(facts, lang),
            _abc(facts, lang),
            _samen_spel(facts, lang),
            _helps(facts, lang),
            *_analyses(facts, lang),
            *_journal(facts, lang),
        ),
        private_notice=t("report.private_notice", lang) if facts.holds_private else "",
        footer=footer(made_on, lang),
    )


def _nothing(lang: str) -> Paragraph:
    return Paragraph(t("report.nothing", lang))


def _about(facts: ChildFacts, lang: str) -> Section:
    child = facts.child
    lines = [t("report.child.about", lang, date=plain_date(child.added_on, lang))]
    if child.group != "all":  # her working label, said only where there is one
        lines.append(t("report.child.group", lang, group=group_name(child.group, lang)))
    if child.birth_date is not None:
        lines.append(t("report.child.born", lang, date=plain_date(child.birth_date, lang)))
    return Section(t("report.child.about_title", lang), tuple(Paragraph(line) for line in lines))


# -- relational needs -------------------------------------------------------------------


def _needs(facts: ChildFacts, lang: str) -> Section:
    profile = facts.needs
    lines = []
    for need in RELATIONAL_NEEDS:
        clarity = t(f"needs.clarity.{profile.clarity(need)}", lang)
        name = t(f"needs.need.{need}", lang)
        changes = [change.day for change in profile.changes if change.need == need]
        if changes:
            since = plain_date(changes[-1], lang)
            lines.append(t("report.child.need_since", lang, need=name, clarity=clarity, date=since))
        else:
            lines.append(t("report.child.need_line", lang, need=name, clarity=clarity))
        if offer := profile.offer(need):
            lines.append(t("report.child.offer", lang, offer=offer))
    blocks: list[Block] = [Bullets(tuple(lines))]
    signals = facts.signals
    if signals:
        rows = tuple(
            (
                plain_date(signal.seen, lang),
                t(f"needs.need.{signal.need}", lang),
                _signal_words(signal.signal, signal.text, lang),
            )
            for signal in signals
        )
        headers = tuple(t(f"report.child.col_{key}", lang) for key in ("day", "need", "signal"))
        blocks.append(Table(t("report.child.signals_table", lang), headers, rows))
    notes = [
        f"{t(f'needs.sensitivity.{topic}', lang)}: {profile.sensitivity[topic]}"
        for topic in SENSITIVITY_TOPICS
        if profile.sensitivity.get(topic)
    ]
    if notes:
        blocks.append(Paragraph(t("report.child.sensitivity", lang)))
        blocks.append(Bullets(tuple(notes)))
    return Section(t("report.child.needs", lang), tuple(blocks))


def _signal_words(signal: str | None, text: str, lang: str) -> str:
    said = t(f"needs.signal.{signal}", lang) if signal else ""
    return " · ".join(part for part in (said, text) if part)


# -- the ABC of Love --------------------------------------------------------------------


def _abc(facts: ChildFacts, lang: str) -> Section:
    title = t("report.child.abc", lang)
    weeks = facts.weeks
    total = sum(week.total for week in weeks)
    if not total:
        return Section(title, (_nothing(lang),))
    items = abc_items()
    per_item = [sum(week.per_item[i] for week in weeks) for i in range(len(ABC_ITEMS))]
    blocks: list[Block] = [Paragraph(_abc_summary(total, len(weeks), lang))]
    most = max(per_item)
    blocks.append(
        Paragraph(
            t(
                "report.child.abc_most",
                lang,
                items=listed(
                    (items[i].name(lang) for i, n in enumerate(per_item) if n == most), lang
                ),
            )
        )
    )
    rare = rarely_given(per_item)
    names = {item.key: item.name(lang) for item in items}
    if rare:
        rarely = listed((f"{names[key]} ({count})" for key, count in rare), lang)
        blocks.append(Paragraph(t("report.child.abc_rarely", lang, items=rarely)))
    else:
        blocks.append(Paragraph(t("report.child.abc_even", lang)))
    week_labels = tuple(t("report.week_of", lang, date=plain_date(w.monday, lang)) for w in weeks)
    blocks.append(
        HeatGrid(
            t("report.child.abc_grid", lang),
            row_labels=week_labels,
            column_labels=tuple(item.short(lang) for item in items),
            values=tuple(week.per_item for week in weeks),
        )
    )
    blocks.append(
        BarChart(
            t("report.child.abc_trend", lang),
            tuple(Bar(label, week.total) for label, week in zip(week_labels, weeks, strict=True)),
        )
    )
    return Section(title, tuple(blocks))


def _abc_summary(total: int, weeks: int, lang: str) -> str:
    if total == 1:
        return t("report.child.abc_summary_one", lang, weeks=weeks)
    average = f"{total / max(weeks, 1):.1f}"
    if lang == "nl":
        average = average.replace(".", ",")
    return t("report.child.abc_summary", lang, total=total, weeks=weeks, average=average)


# -- Samen-Spel -------------------------------------------------------------------------


def _samen_spel(facts: ChildFacts, lang: str) -> Section:
    title = t("report.child.samen_spel", lang)
    if not facts.plans:
        return Section(title, (_nothing(lang),))
    blocks: list[Block] = []
    for plan_facts in facts.plans:
        blocks.extend(_plan(plan_facts, lang))
    return Section(title, tuple(blocks))


def _plan(facts: PlanFacts, lang: str) -> list[Block]:
    plan, state = facts.plan, facts.progress
    lines = [
        t("report.child.plan_goal", lang, goal=plan.goal),
        t(
            "report.child.plan_line",
            lang,
            start=plain_date(plan.start, lang),
            weeks=plan.weeks,
            per_week=plan.per_week,
            minutes=plan.minutes,
        ),
        t(
            "report.child.plan_held",
            lang,
            held=len(facts.sessions),
            done=state.sessions_done,
            planned=state.planned_total,
        ),
    ]
    if plan.ended_on is not None:
        ended = plain_date(plan.ended_on, lang)
        if plan.ended_early:
            lines.append(t("report.child.plan_ended_early", lang, date=ended, note=plan.end_note))
        else:
            lines.append(t("report.child.plan_ended", lang, date=ended))
    if state.weeks_behind:
        lines.append(t("report.child.plan_behind", lang, weeks=state.weeks_behind))
    if hard := sessions_by_day_in_class(facts.sessions)["hard"]:
        lines.append(t("report.child.plan_hard_days", lang, hard=hard))
    blocks: list[Block] = [Bullets(tuple(lines))]
    points = fidelity_trend(facts.sessions)
    if points:
        bars = tuple(Bar(plain_date(p.day, lang), p.do_used, p.donts) for p in points)
        blocks.append(
            BarChart(
                t("report.child.fidelity", lang),
                bars,
                maximum=5,
                unit=t("report.child.fidelity_unit", lang),
                mark_label=t("report.child.fidelity_marks", lang),
            )
        )
    return blocks


# -- what helps (the rest corner) -------------------------------------------------------


def _helps(facts: ChildFacts, lang: str) -> Section:
    title = t("report.child.helps", lang)
    if not facts.helps:
        return Section(title, (_nothing(lang),))
    name = {
        item.strategy: strategy_name(item.strategy, facts.strategies, lang) for item in facts.helps
    }
    blocks: list[Block] = []
    best = [name[item.strategy] for item in facts.helps if _balance(item) > 0]
    if best:
        blocks.append(Paragraph(t("report.child.helps_best", lang, names=listed(best, lang))))
    worse = [name[item.strategy] for item in facts.helps if _balance(item) < 0]
    if worse:
        blocks.append(Paragraph(t("report.child.helps_not", lang, names=listed(worse, lang))))
    headers = tuple(
        t(f"report.child.col_{key}", lang)
        for key in ("strategy", "helped", "helped_a_bit", "not_helped", "states")
    )
    rows = tuple(
        (name[item.strategy], item.helped, item.helped_a_bit, item.not_helped, states(item, lang))
        for item in facts.helps
    )
    blocks.append(Table(t("report.child.helps_table", lang), headers, rows))
    return Section(title, tuple(blocks))


def _balance(item: WhatHelps) -> int:
    """More help than not (> 0), or more not than help (< 0): 'a bit' counts half."""
    return 2 * item.helped + item.helped_a_bit - 2 * item.not_helped


# -- Self-Reg analyses and the journal ---------------------------------------------------


def _analyses(facts: ChildFacts, lang: str) -> tuple[Section, ...]:
    """A heading, then a subsection per finished analysis."""
    title = t("report.child.analyses", lang)
    if not facts.analyses:
        return (Section(title, (_nothing(lang),)),)
    sections = [Section(title, ())]
    for analysis in facts.analyses:
        heading = t(
            "report.child.analysis_title",
            lang,
            date=plain_date(analysis.started_at.date(), lang),
            title=analysis.title or t("report.child.analysis_untitled", lang),
        )
        lines = Bullets(tuple(_analysis_lines(analysis, facts, lang)))
        sections.append(Section(heading, (lines,), level=3))
    return tuple(sections)


def _analysis_lines(analysis: Analysis, facts: ChildFacts, lang: str) -> list[str]:
    lines = []
    if analysis.what_happened:
        lines.append(analysis.what_happened)
    if analysis.reading:
        reading = t(f"journal.analysis.reading_is.{analysis.reading}", lang)
        lines.append(t("report.child.analysis_reading", lang, reading=reading))
    if analysis.child_stressors:
        domains = ", ".join(
            f"{t(f'rest_corner.domain.{domain}', lang)}{f' ({note})' if note else ''}"
            for domain, note in analysis.child_stressors.items()
        )
        lines.append(t("report.child.analysis_child_stressors", lang, domains=domains))
    if analysis.need:
        need = t(f"needs.need.{analysis.need}", lang)
        lines.append(t("report.child.analysis_need", lang, need=need))
    said = (
        ("analysis_offer", analysis.offer_now),
        ("analysis_helps", analysis.helps_child),
        ("analysis_respond", analysis.respond),
    )
    lines.extend(t(f"report.child.{key}", lang, text=text) for key, text in said if text)
    if analysis.strategy:
        name = strategy_name(analysis.strategy, facts.strategies, lang)
        lines.append(t("report.child.analysis_strategy", lang, name=name))
    return lines


def _journal(facts: ChildFacts, lang: str) -> tuple[Section, ...]:
    """A heading, then a subsection per entry (a private one says so in its title)."""
    title = t("report.child.journal", lang)
    if not facts.entries:
        return (Section(title, (_nothing(lang),)),)
    sections = [Section(title, ())]
    for entry in facts.entries:
        key = "entry_private" if entry.private else "entry_title"
        named = entry.title or t("report.child.entry_untitled", lang)
        heading = t(f"report.child.{key}", lang, date=plain_date(entry.day, lang), title=named)
        text = entry.text.strip()
        sections.append(Section(heading, (Paragraph(text),) if text else (), level=3))
    return tuple(sections)
