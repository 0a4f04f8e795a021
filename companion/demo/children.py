"""The demo's classes: Flemish names (some with diacritics), ages, groups, late arrivals."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final, NamedTuple

from companion.demo.model import DemoChild, YearContext
from companion.domain.calendar import school_year_bounds
from companion.domain.children import ChildDraft
from companion.domain.vocabulary import ChildGroup

# Flemish first names; the accented ones are drawn separately so every class shows
# that names with diacritics sort, search and display well.
ACCENTED_FIRST_NAMES: Final = (
    "Zoë", "Noémie", "Jérôme", "Anaïs", "Loïc", "Chloé", "Amélie", "Inès", "Maëlle",
    "Héloïse", "Léon", "Rémi", "Aurélie", "Renée", "Céline", "Thaïs", "Raphaël", "Mattéo",
    "Gaël", "Zeynep", "Noël", "Eloïse", "Andrés", "Émile",
)  # fmt: skip
PLAIN_FIRST_NAMES: Final = (
    "Elif", "Youssef", "Mila", "Noah", "Lotte", "Wout", "Febe", "Ilias", "Seppe",
    "Marie-Louise", "Liam", "Lou", "Nore", "Ella", "Olivia", "Louise", "Juliette", "Lena",
    "Fien", "Jules", "Lucas", "Arthur", "Victor", "Louis", "Finn", "Mats", "Vic", "Warre",
    "Rune", "Stan", "Lars", "Emma", "Hanne", "Marthe", "Linde", "Tuur", "Siebe", "Jasper",
    "Kobe", "Aya", "Amira", "Yasmina", "Rayan", "Hamza", "Emir", "Nour", "Sara", "Oona",
    "Nina", "Jan-Pieter", "Lien", "Ferre", "Roos",
)  # fmt: skip
LAST_NAMES: Final = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Dubois", "Vermeulen", "Van den Broeck", "D'hondt", "Van Damme",
    "El Amrani", "Lambrechts", "De Clercq", "Hermans", "Aerts", "Pauwels", "Verstraete",
    "De Backer", "Van de Velde", "Michiels", "Smets", "Cools", "Vandenberghe", "Verhoeven",
    "Bogaert", "De Wilde", "Coppens", "Van Acker", "Martens", "Stevens", "Van Hecke",
    "Yilmaz", "Öztürk", "Çelik", "Benali", "Nowak", "Van Looy", "Baert", "De Cock",
    "Segers", "Van Dyck", "Lemaître", "Boukhari",
)  # fmt: skip


class Example(NamedTuple):
    first_name: str
    group: ChildGroup
    note: str  # in Dutch, as the teacher would write it


# The deck's two example children (DIGEST §1), always in the current class.
ADAM: Final = Example("Adam", "invisible", "Speelt graag alleen in de bouwhoek; valt niet op.")
ANDY: Final = Example("Andy", "hard_to_manage", "Samen-Spel op dinsdag en donderdag.")

# The demo teacher has the second kindergarten class: children born four calendar years
# before the school year starts, so 3.7 to 4.7 years old on 1 September.
BIRTH_YEAR_OFFSET: Final = 4
ACCENTED_SHARE: Final = 0.3


def build_class(
    rng: random.Random, context: YearContext, size: int, used_names: set[tuple[str, str]]
) -> tuple[DemoChild, ...]:
    """`size` children with names not used before in the demo (`used_names` grows).

    The current class holds Adam and Andy first; past classes are archived.
    """
    year, is_current = context.year, context.is_current
    groups = _groups(rng, size, is_current)
    names = _names(rng, size, used_names, is_current)
    notes = [ADAM.note, ANDY.note] if is_current else []
    arrivals = _arrival_days(rng, groups, context.school_days)
    # In July and August the teacher enters next year's class before it starts.
    first_day = min(school_year_bounds(year)[0], context.today)
    klass = []
    for index, ((first, last), group) in enumerate(zip(names, groups, strict=True)):
        draft = ChildDraft(
            first_name=first,
            last_name=last,
            birth_date=_birth_date(rng, year),
            group=group,
            note=notes[index] if index < len(notes) else "",
        )
        added_on = arrivals.get(index, first_day)
        klass.append(DemoChild(f"{year}-{index:02d}", draft, added_on, not is_current))
    return tuple(klass)


def _groups(rng: random.Random, size: int, is_current: bool) -> list[ChildGroup]:
    """Adam and Andy first (current class only), then a few more of each, then the rest."""
    fixed = [ADAM.group, ANDY.group] if is_current else []
    room = size - len(fixed)
    invisible = min(rng.randint(2, 3), room // 6)
    hard = min(rng.randint(1, 2), room // 10)
    rest = room - invisible - hard
    return fixed + ["invisible"] * invisible + ["hard_to_manage"] * hard + ["all"] * rest


def _names(
    rng: random.Random, size: int, used: set[tuple[str, str]], is_current: bool
) -> list[tuple[str, str]]:
    """Distinct first names in a class, full names unique over the whole demo."""
    fixed = [ADAM.first_name, ANDY.first_name] if is_current else []
    room = size - len(fixed)
    accented = min(room, max(1, round(room * ACCENTED_SHARE)), len(ACCENTED_FIRST_NAMES))
    firsts = fixed + rng.sample(ACCENTED_FIRST_NAMES, accented)
    plain = [name for name in PLAIN_FIRST_NAMES if name not in firsts]
    firsts += rng.sample(plain, min(size - len(firsts), len(plain)))
    while len(firsts) < size:  # a class bigger than the name lists: repeat first names
        firsts.append(rng.choice(PLAIN_FIRST_NAMES))
    names = []
    for first in firsts:
        last = rng.choice(LAST_NAMES)
        for _ in range(50):  # bounded: a huge demo may repeat a full name, that is all
            if (first, last) not in used:
                break
            last = rng.choice(LAST_NAMES)
        used.add((first, last))
        names.append((first, last))
    return names


def _birth_date(rng: random.Random, year: int) -> date:
    born_in = year - BIRTH_YEAR_OFFSET
    return date(born_in, 1, 1) + timedelta(days=rng.randrange(365))


def _arrival_days(
    rng: random.Random, groups: Sequence[ChildGroup], school_days: Sequence[date]
) -> dict[int, date]:
    """One or two ordinary children who joined after 1 September (index -> day)."""
    late = school_days[10:-3]  # after the first weeks, and not just yesterday
    movers = [index for index, group in enumerate(groups) if group == "all"]
    if not late or len(movers) < 4:
        return {}
    chosen = rng.sample(movers, rng.randint(1, 2))
    return {index: rng.choice(late) for index in sorted(chosen)}
