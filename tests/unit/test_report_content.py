"""What goes into a report and what never does, on hand-built data in the real store:
every section present, the date range whole days, private entries out unless she asks for
her own copy (and then said), the handover without journal text, analysis notes, private
entries or the words of signals and sensitivity notes, in every format; diacritics intact
in every format."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest

from companion.domain.abc import AbcDay
from companion.domain.children import ChildDraft
from companion.domain.journal import JournalEntry
from companion.domain.needs import ObservedSignal
from companion.domain.report import Period, ReportInputError
from companion.domain.rest_corner import CLASS, StrategyUse
from companion.domain.samen_spel import SamenSpelPlan, SamenSpelSession
from companion.domain.self_reg import Analysis
from companion.domain.vocabulary import AbcItem
from companion.reports.child import child_report
from companion.reports.class_period import class_report
from companion.reports.document import Report
from companion.reports.formats import FORMATS, rendered
from companion.reports.handover import handover_report, pack_files
from companion.store import Store

TODAY = date(2026, 11, 25)
PERIOD = Period(date(2026, 11, 2), date(2026, 11, 20))

# Words that may appear only where the rules allow; each is unique in the data.
PUBLIC_TEXT = "Zoë bouwde een toren met Élise"
PRIVATE_TEXT = "Thuis is er spanning, zei mama"
BEFORE_TEXT = "Eerste schooldag van Zoë"
AFTER_TEXT = "Na de periode geschreven"
OTHER_CHILD_TEXT = "Andy hielp opruimen"
ANALYSIS_NOTE = "Zoë werd stil toen het lawaai groeide"
SIGNAL_WORDS = "vertelt over haar kat"
SENSITIVITY_NOTE = "Wil alleen zijn na een ruzie"
OFFER = "Een luistermoment na de speeltijd"


def _entry(
    at: datetime, title: str, text: str, children: frozenset[str], **more: bool
) -> JournalEntry:
    return JournalEntry("", "reflection", at, title, text, children, **more)  # type: ignore[arg-type]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Zoë Peeters and Andy, with everything a report reads, some of it outside PERIOD."""
    path = tmp_path / "klas.json"
    with Store.open(path, today=date(2026, 9, 1)) as store:
        zoe = store.children.add(ChildDraft("Zoë", "Peeters", group="invisible")).id
        andy = store.children.add(ChildDraft("Andy", "Hermans")).id
    with Store.open(path, today=TODAY) as store:
        ticks: tuple[tuple[date, AbcItem], ...] = (
            (date(2026, 11, 2), "touch"),
            (date(2026, 11, 20), "smile"),
        )
        for day, item in ticks:
            store.abc.save(AbcDay(zoe, day).toggled("day", item).toggled("goodbye", "eye_contact"))
        store.abc.save(AbcDay(zoe, date(2026, 11, 23)).toggled("day", "voice"))  # after
        store.abc.save(AbcDay(andy, date(2026, 11, 3)).toggled("day", "turn_taking"))
        profile = (
            store.needs.get(zoe)
            .with_clarity("listening_ear", "clearly", date(2026, 11, 5))
            .with_signal(ObservedSignal("listening_ear", date(2026, 11, 5), "tells_home"))
            .with_signal(ObservedSignal("listening_ear", date(2026, 11, 6), None, SIGNAL_WORDS))
            .with_signal(ObservedSignal("affection", date(2026, 10, 1), "hug"))  # before
            .with_offer("listening_ear", OFFER)
            .with_sensitivity("alone_time", SENSITIVITY_NOTE)
        )
        store.needs.save(profile)
        plan = store.samen_spel.add_plan(
            SamenSpelPlan("", zoe, "Zoë neemt de leiding in het spel", date(2026, 11, 2))
        )
        for day, dos in ((date(2026, 11, 3), 3), (date(2026, 11, 5), 4)):
            skills = ("observe", "imitate", "describe", "name_feelings")[:dos]
            store.samen_spel.log(
                SamenSpelSession(
                    "",
                    plan.id,
                    zoe,
                    day,
                    15,
                    frozenset({"relationship_play"}),
                    frozenset(skills),  # type: ignore[arg-type]
                    frozenset({"praise"}) if dos == 3 else frozenset(),
                    day_in_class="hard" if dos == 4 else None,
                )
            )
        corner = store.rest_corner
        for day, outcome in ((date(2026, 11, 4), "helped"), (date(2026, 11, 12), "helped")):
            use = corner.log_use(StrategyUse("", zoe, "frog_rest", day, "too_much"))
            corner.record_outcome(use, outcome)  # type: ignore[arg-type]
        use = corner.log_use(
            StrategyUse("", zoe, "weighted_cushion", date(2026, 11, 9), "too_much")
        )
        corner.record_outcome(use, "not_helped")
        use = corner.log_use(StrategyUse("", CLASS, "daily_mile", date(2026, 11, 10), "too_much"))
        corner.record_outcome(use, "helped")
        store.self_reg.save(
            Analysis(
                "",
                zoe,
                datetime(2026, 11, 10, 10, 0),
                title="Stil in de kring",
                what_happened=ANALYSIS_NOTE,
                reading="stress_behaviour",
                child_stressors={"biological": "lawaai"},
                need="listening_ear",
                helps_child="Een rustige plek naast mij",
                strategy="frog_rest",
                finished=True,
            )
        )
        store.self_reg.save(Analysis("", zoe, datetime(2026, 11, 12, 9, 0), title="Half af"))
        both = frozenset({zoe})
        journal = store.journal
        journal.save(_entry(datetime(2026, 11, 2, 0, 0), "Toren", PUBLIC_TEXT, both))
        journal.save(
            _entry(datetime(2026, 11, 20, 23, 59), "Thuis", PRIVATE_TEXT, both, private=True)
        )
        journal.save(_entry(datetime(2026, 11, 1, 23, 59), "Begin", BEFORE_TEXT, both))
        journal.save(_entry(datetime(2026, 11, 21, 0, 0), "Later", AFTER_TEXT, both))
        journal.save(
            _entry(datetime(2026, 11, 10, 12, 0), "Andy", OTHER_CHILD_TEXT, frozenset({andy}))
        )
    return path


def _child(
    path: Path, lang: str = "nl", *, with_private: bool = False, period: Period = PERIOD
) -> Report:
    with Store.open(path, today=TODAY, backup=False) as store:
        zoe = next(child.id for child in store.children.all() if child.first_name == "Zoë")
        facts = store.report.child(zoe, period, with_private=with_private)
    return child_report(facts, lang, TODAY)


def _every_format(report: Report) -> dict[str, str]:
    return {fmt: rendered(report, fmt).decode("utf-8-sig") for fmt in FORMATS}


def test_a_child_report_has_every_section_in_both_languages(data: Path) -> None:
    dutch = _child(data, "nl")
    assert dutch.title == "Verslag: Zoë Peeters"
    assert [s.title for s in dutch.sections if s.level == 2] == [
        "Over",
        "Relationele behoeften",
        "ABC of Love",
        "Samen-Spel",
        "Wat helpt (rusthoek)",
        "Self-Reg-analyses",
        "Dagboek",
    ]
    english = _child(data, "en")
    assert [s.title for s in english.sections][1:3] == ["Relational needs", "ABC of Love"]
    subsections = [s.title for s in dutch.sections if s.level == 3]
    assert subsections == ["10 november 2026: Stil in de kring", "2 november 2026: Toren"]
    text = rendered(dutch, "md").decode()
    for expected in (
        "2 november 2026 tot en met 20 november 2026",
        "Een luisterend oor: duidelijk (sinds 5 november 2026)",
        f"Wat ik bied: {OFFER}",
        SIGNAL_WORDS,
        SENSITIVITY_NOTE,
        "Zoë neemt de leiding in het spel",
        "1 sessies op een moeilijke dag",
        "Kikkertje rust",
        "Hielp niet: Zwaar kussen of dekentje.",
        "Stil in de kring",
        ANALYSIS_NOTE,
        PUBLIC_TEXT,
    ):
        assert expected in text, expected


def test_the_period_is_whole_days_on_both_ends(data: Path) -> None:
    text = rendered(_child(data), "md").decode()
    assert PUBLIC_TEXT in text  # written at 00:00 on the first day
    assert BEFORE_TEXT not in text and AFTER_TEXT not in text  # a minute outside
    assert "hug" not in text and "wil knuffelen" not in text  # a signal before the period
    abc = next(s for s in _child(data).sections if s.title == "ABC of Love")
    summary = abc.blocks[0]
    # 2 Nov and 20 Nov (the last day) count, two ticks each; 23 Nov is after.
    assert "4 momenten van verbinding in 3 schoolweken" in str(summary)


def test_an_unfinished_analysis_and_another_child_s_entry_stay_out(data: Path) -> None:
    text = rendered(_child(data), "md").decode()
    assert "Half af" not in text
    assert OTHER_CHILD_TEXT not in text


def test_private_entries_only_in_her_own_copy_and_then_said_on_every_page(data: Path) -> None:
    shared = _child(data)
    assert not shared.private_notice
    for fmt, text in _every_format(shared).items():
        assert PRIVATE_TEXT not in text and "Thuis" not in text, fmt
    own = _child(data, with_private=True)
    assert own.private_notice.startswith("Bevat privénotities")
    texts = _every_format(own)
    assert PRIVATE_TEXT in texts["md"] and PRIVATE_TEXT in texts["html"]
    assert "(privé)" in texts["md"]
    # Markdown: at the top and under every section; HTML: the banner printed on each page.
    assert texts["md"].count(own.private_notice) >= len(own.sections)
    assert own.private_notice in texts["html"]


def test_diacritics_survive_every_format(data: Path) -> None:
    for fmt, text in _every_format(_child(data)).items():
        assert "Zoë Peeters" in text, fmt


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ReportInputError):
        Period(date(2026, 11, 20), date(2026, 11, 2))


def test_the_class_report_counts_per_child_and_ingredient_and_samen_spel_against_plan(
    data: Path,
) -> None:
    with Store.open(data, today=TODAY, backup=False) as store:
        facts = store.report.class_period(PERIOD)
    rows = {row.child.first_name: row for row in facts.rows}
    assert rows["Zoë"].total == 4 and rows["Andy"].total == 1
    assert rows["Zoë"].helped == ("frog_rest",)
    assert facts.item_totals[0] == 1  # one touch, for Zoë on 2 Nov
    plan_facts = facts.plans[0]
    assert len(plan_facts.sessions) == 2
    assert facts.planned_in_period[plan_facts.plan.id] == 6  # 3 weeks x 2
    report = class_report(facts, "en", TODAY)
    text = rendered(report, "md").decode()
    assert "2 of 6 planned sessions held." in text
    assert "Daily mile" in text or "daily mile" in text.lower()
    assert "Used least:" in text
    rows_back = list(
        csv.reader(io.StringIO(rendered(report, "csv").decode("utf-8-sig")), delimiter=";")
    )
    assert any(row[:1] == ["Zoë Peeters"] for row in rows_back)


def test_the_week_report_is_monday_to_friday() -> None:
    week = Period.week_of(date(2026, 11, 25))
    assert (week.start, week.end) == (date(2026, 11, 23), date(2026, 11, 27))


def test_the_handover_holds_what_helps_and_never_journal_analysis_or_private_words(
    data: Path,
) -> None:
    with Store.open(data, today=TODAY, backup=False) as store:
        children = store.report.handover()
    pack = handover_report(children, "nl", TODAY, 2026)
    assert [s.title for s in pack.sections] == [
        "Over deze overdracht",
        "Zoë Peeters",
        "Andy Hermans",
    ]
    assert all(section.new_page for section in pack.sections[1:])
    for fmt in FORMATS:
        files = pack_files(pack, fmt, 2026)
        assert len(files) == 3, fmt  # the whole pack and one per child
        for name, payload in files.items():
            text = payload.decode("utf-8-sig")
            for secret in (
                PUBLIC_TEXT,
                PRIVATE_TEXT,
                ANALYSIS_NOTE,
                "Stil in de kring",
                SIGNAL_WORDS,
                SENSITIVITY_NOTE,
                OTHER_CHILD_TEXT,
            ):
                assert secret not in text, (fmt, name, secret)
    text = rendered(pack, "md").decode()
    assert "Kikkertje rust: hielp 2×, een beetje 0× (toestand: te veel energie)" in text
    assert f"Wat hielp om eraan tegemoet te komen: {OFFER}" in text
    assert "Samen-Spel vanaf 2 november 2026" in text
    assert "Geen dagboektekst" in text and "Geen privénotities" in text
    # Her working label for the child ('invisible') does not follow the child.
    assert "Onzichtbaar" not in text
