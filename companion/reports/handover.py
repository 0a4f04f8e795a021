"""The year-end handover pack for next year's teacher: a cover page saying what is in it
and what deliberately is not, then a page per child: what helps and in which state, the
relational needs and what she offered to meet them, Samen-Spel in one sentence. Made from
HandoverFacts only, which hold no journal text, analysis note or private entry."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from companion.domain.calendar import school_year_label
from companion.domain.report import HandoverFacts, PlanFacts
from companion.domain.vocabulary import RELATIONAL_NEEDS
from companion.i18n import children_count, t
from companion.reports.document import Block, Bullets, Paragraph, Report, Section
from companion.reports.formats import Format, file_name, rendered
from companion.reports.words import footer, listed, plain_date, states, strategy_name


def handover_report(children: list[HandoverFacts], lang: str, made_on: date, year: int) -> Report:
    subtitle = t(
        "report.handover.subtitle",
        lang,
        year=school_year_label(year),
        children=children_count(len(children), lang),
    )
    return Report(
        kind="handover",
        lang=lang,
        title=t("report.handover.title", lang),
        subtitle=subtitle,
        made_on=made_on,
        sections=(_cover(children, lang), *(child_page(facts, lang) for facts in children)),
        footer=footer(made_on, lang),
    )


def _cover(children: list[HandoverFacts], lang: str) -> Section:
    def items(kind: str, count: int) -> Bullets:
        return Bullets(
            tuple(t(f"report.handover.cover_{kind}_items_{n}", lang) for n in range(1, count + 1))
        )

    names = tuple(facts.child.full_name for facts in children)
    return Section(
        t("report.handover.cover", lang),
        (
            Paragraph(t("report.handover.cover_intro", lang)),
            Paragraph(t("report.handover.cover_in", lang)),
            items("in", 3),
            Paragraph(t("report.handover.cover_not", lang)),
            items("not", 4),
            Paragraph(t("report.handover.cover_children", lang)),
            Bullets(names),
        ),
    )


def child_page(facts: HandoverFacts, lang: str) -> Section:
    """One child's page of the pack (also what she reviews before it is written)."""
    # No group: the deck's 'invisible' or 'difficult behaviour' is her working label for
    # this year, not a name that should follow a child into the next class.
    title = facts.child.full_name
    blocks: list[Block] = [
        Paragraph(t("report.handover.helps", lang)),
        *_helps(facts, lang),
        Paragraph(t("report.handover.needs", lang)),
        _needs(facts, lang),
        Paragraph(t("report.handover.samen_spel", lang)),
        Paragraph(_samen_spel(facts.plans, lang)),
    ]
    return Section(title, tuple(blocks), new_page=True)


def _helps(facts: HandoverFacts, lang: str) -> list[Block]:
    worked = [item for item in facts.helps if item.helped or item.helped_a_bit]
    if not facts.helps:
        return [Bullets((t("report.handover.helps_none", lang),))]
    lines = [
        t(
            "report.handover.helps_line",
            lang,
            name=strategy_name(item.strategy, facts.strategies, lang),
            helped=item.helped,
            a_bit=item.helped_a_bit,
            states=states(item, lang),
        )
        for item in worked
    ]
    failed = [
        strategy_name(item.strategy, facts.strategies, lang)
        for item in facts.helps
        if item not in worked
    ]
    if failed:
        lines.append(t("report.handover.helps_not_line", lang, names=listed(failed, lang)))
    return [Bullets(tuple(lines))]


def _needs(facts: HandoverFacts, lang: str) -> Bullets:
    profile = facts.needs
    lines = []
    for need in RELATIONAL_NEEDS:
        clarity = profile.clarity(need)
        if clarity == "not" and not profile.offer(need):
            continue
        name = t(f"needs.need.{need}", lang)
        lines.append(
            t(
                "report.handover.need_line",
                lang,
                need=name,
                clarity=t(f"needs.clarity.{clarity}", lang),
            )
        )
        if offer := profile.offer(need):
            lines.append(t("report.handover.offer", lang, offer=offer))
    return Bullets(tuple(lines) or (t("report.handover.needs_none", lang),))


def _samen_spel(plans: tuple[PlanFacts, ...], lang: str) -> str:
    if not plans:
        return t("report.handover.samen_spel_none", lang)
    sentences = []
    for facts in plans:
        plan, state = facts.plan, facts.progress
        if plan.ended_on is not None:
            key = "state_ended_early" if plan.ended_early else "state_ended"
            said = t(f"report.handover.{key}", lang, date=plain_date(plan.ended_on, lang))
        else:
            said = t("report.handover.state_running", lang)
        sentences.append(
            t(
                "report.handover.samen_spel_line",
                lang,
                start=plain_date(plan.start, lang),
                goal=plan.goal,
                done=state.sessions_done,
                planned=state.planned_total,
                state=said,
            )
        )
    return " ".join(sentences)


def pack_files(pack: Report, fmt: Format, year: int) -> dict[str, bytes]:
    """The files of the pack: the whole pack in one (to print), and a file per child
    holding the cover and that child's page (for a class split over several teachers)."""
    word = t("report.handover.file_word", pack.lang)
    label = school_year_label(year)
    files = {file_name(word, label, pack.made_on, fmt): rendered(pack, fmt)}
    cover, *pages = pack.sections
    for page in pages:
        one = replace(pack, subtitle=page.title, sections=(cover, page))
        name = file_name(word, page.title, pack.made_on, fmt)
        for number in range(2, len(pages) + 2):  # two children of one name: two files
            if name not in files:
                break
            name = file_name(word, f"{page.title} {number}", pack.made_on, fmt)
        files[name] = rendered(one, fmt)
    return files
