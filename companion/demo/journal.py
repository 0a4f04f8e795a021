"""The demo's journal: some reflections a week, free and on the deck's prompts, with tags
and linked children, a few starred and one private; in the current school year one
finished Self-Reg analysis of an incident with Andy (as the deck walks it, with juf
Jelke) and one left halfway; and the teacher's own check-ins most school days, with a
harder stretch before the autumn break and a calmer one after it."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

from companion.demo.model import DemoChild, YearContext
from companion.domain.journal import JournalEntry
from companion.domain.self_reg import Analysis
from companion.domain.teacher_check_in import TeacherCheckIn
from companion.domain.vocabulary import EntryKind, Level

# (title, text) as a Flemish teacher writes them; {name} is a child of the class.
REFLECTIONS: Final = (
    ("Onthaal", "{name} kwam vandaag zelf naar mij toe bij het onthaal. @verbinding"),
    ("Kring", "Onrustige kring na de speeltijd; de dagelijkse mile hielp. @kring @rust"),
    ("Afscheid", "{name} zwaaide voor het eerst bij het afscheid. Klein, maar groot. @verbinding"),
    ("Moe", "Zelf erg moe vandaag. Ik merk dat de klas dat voelt. @zelfzorg"),
    ("Kikkertje rust", "{name} koos zelf voor de rusthoek en kwam rustig terug. @rusthoek"),
    ("Samen-Spel", "Tweede sessie met {name}: hij leidde het spel, ik volgde. @samenspel"),
    ("Ouders", "Kort gesprek met de mama van {name}; thuis is er een baby bij. @ouders"),
    ("Goed gevoel", "Een dag waarop alles liep. Wat deed ik anders? Rustiger gepraat. @zelfzorg"),
)
# A prompt's key -> (title, answer); Andy answers the deck's "an Andy in your class?".
ANSWERS: Final = {
    "an_andy": ("Een Andy in mijn klas", "Ja, {name}. Ik probeer te zien wat hij niet kán."),
    "small_moment": ("Een klein moment", "{name} die mij een tekening gaf, zomaar. @verbinding"),
    "my_stress_signs": ("Mijn stresssignalen", "Ik praat sneller en luider. @zelfzorg"),
    "what_do_i_need": ("Wat heb ik nodig", "Nu: water. Deze week: een avond zonder correctiewerk."),
    "different_child": ("Een ander kind", "{name}: geen koppigheid maar moeheid. @herkaderen"),
}
ENTRIES_PER_WEEK: Final = 2.5


@dataclass(frozen=True, slots=True)
class DemoJournal:
    entries: tuple[JournalEntry, ...] = ()
    analyses: tuple[Analysis, ...] = ()
    check_ins: tuple[TeacherCheckIn, ...] = ()


def build_journal(
    rng: random.Random, context: YearContext, klass: Sequence[DemoChild]
) -> DemoJournal:
    """One school year's journal (child ids are the demo's keys)."""
    days = context.school_days
    if not days or not klass:
        return DemoJournal()
    entries = [_entry(rng, day, klass) for day in days if rng.random() < ENTRIES_PER_WEEK / 5]
    if entries:
        private = rng.randrange(len(entries))
        entries[private] = _private(entries[private])
    analyses: tuple[Analysis, ...] = ()
    if context.is_current and len(klass) >= 2 and len(days) >= 3:
        analyses = _analyses(klass[1].key, days)
        entries.append(_analysis_page(analyses[0]))
    check_ins = tuple(_check_in(rng, day, days) for day in days if rng.random() < 0.7)
    return DemoJournal(tuple(entries), analyses, check_ins)


def _id(rng: random.Random) -> str:
    return f"{rng.getrandbits(48):012x}"


def _entry(rng: random.Random, day: date, klass: Sequence[DemoChild]) -> JournalEntry:
    child = rng.choice(klass)
    at = datetime.combine(day, time(rng.choice((12, 15, 16, 20)), rng.choice((0, 15, 30, 45))))
    kind: EntryKind = "reflection"
    prompt = ""
    if rng.random() < 0.4:
        kind, prompt = "prompt", rng.choice(list(ANSWERS))
        if prompt == "an_andy" and len(klass) > 1:
            child = klass[1]
        title, answer = ANSWERS[prompt]
        text = answer.format(name=child.draft.first_name)
    else:
        title, template = rng.choice(REFLECTIONS)
        text = template.format(name=child.draft.first_name)
    named = child.draft.first_name in text
    return JournalEntry(
        _id(rng),
        kind,
        at,
        title,
        text,
        frozenset({child.key}) if named else frozenset(),
        starred=rng.random() < 0.1,
        prompt=prompt,
    )


def _private(entry: JournalEntry) -> JournalEntry:
    return JournalEntry(
        entry.id,
        "reflection",
        entry.written_at,
        "Voor mezelf",
        "Vandaag twijfelde ik of ik dit werk nog aankan. Morgen praat ik met mijn duo. @zelfzorg",
        private=True,
    )


def _analyses(andy: str, days: Sequence[date]) -> tuple[Analysis, Analysis]:
    """The deck's incident, finished (a week or more ago), and a newer one left halfway."""
    first = days[max(0, len(days) - 8)]
    finished = Analysis(
        f"demo-analysis-{first.isoformat()}",
        andy,
        datetime.combine(first, time(10, 20)),
        title="Andy gooit de blokken",
        what_happened="In de bouwhoek gooide Andy de blokken toen een kind zijn toren raakte.",
        reading="stress_behaviour",
        not_seen="Hij had al de hele ochtend honger; het ontbijt was vergeten.",
        child_stressors={"biological": "honger, lawaai in de bouwhoek", "social": "toren geraakt"},
        my_stressors={"emotional": "gehaast voor de turnles", "cognitive": "drie dingen tegelijk"},
        need="help",
        offer_now="Naast hem gaan zitten, benoemen: je bent boos, je toren viel.",
        helps_child="Kikkertje rust, daarna samen terug naar de bouwhoek.",
        helps_me="Drie keer diep ademen voor ik naar hem toe stap.",
        respond="Twee keer per week Samen-Spel; een stuk fruit klaar in de klas.",
        strategy="frog_rest",
        follow_up=days[-1],
        finished=True,
    )
    halfway_day = days[-2]
    halfway = Analysis(
        f"demo-analysis-{halfway_day.isoformat()}",
        andy,
        datetime.combine(halfway_day, time(14, 5)),
        title="Onrust bij het afscheid",
        what_happened="Andy liep weg toen de mama te laat was.",
        my_stressors={"emotional": "bezorgd"},
    )
    return finished, halfway


def _analysis_page(analysis: Analysis) -> JournalEntry:
    """A finished analysis reads back as an entry of the timeline."""
    return JournalEntry(
        f"page-{analysis.id}",
        "analysis",
        analysis.started_at,
        analysis.title,
        analysis.what_happened,
        frozenset({analysis.child}),
        ("self-reg",),
        analysis=analysis.id,
    )


def _check_in(rng: random.Random, day: date, days: Sequence[date]) -> TeacherCheckIn:
    """Mostly green; a harder stretch in the weeks before a break (tired, tense)."""
    next_day = next((d for d in days if d > day), None)
    before_break = next_day is None or next_day - day > timedelta(days=3)
    hard = rng.random() < (0.55 if _weeks_before_break(day, days) or before_break else 0.2)
    energy: Level = rng.choice(("low", "low", "ok")) if hard else rng.choice(("ok", "ok", "high"))
    tension: Level = rng.choice(("high", "ok")) if hard else "ok"
    drains = rng.choice(("lawaai", "vergaderingen", "weinig slaap", "")) if hard else ""
    recharges = rng.choice(("wandelen", "een babbel met mijn duo", "muziek", ""))
    return TeacherCheckIn(day, energy, tension, drains=drains, recharges=recharges)


def _weeks_before_break(day: date, days: Sequence[date]) -> bool:
    later = [d for d in days if day < d <= day + timedelta(days=14)]
    gaps = [b - a for a, b in zip([day, *later], later, strict=False)]
    return any(gap > timedelta(days=3) for gap in gaps)
