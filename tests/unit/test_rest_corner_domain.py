"""The rest corner's rules: which strategies fit, how they rank for one child, her card;
and the shipped library, checked field by field and for coverage."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from companion.content.strategies import strategies
from companion.domain.rest_corner import (
    CLASS,
    MAX_OWN_NAME,
    ME,
    RestCornerInputError,
    Strategy,
    StrategyUse,
    Suggestion,
    checked_own_strategy,
    own_strategy,
    suggestions,
    what_helps,
    who_of,
    without_outcome,
)
from companion.domain.vocabulary import (
    ENERGIES,
    STRESS_DOMAINS,
    Energy,
    Outcome,
    StressDomain,
)
from companion.i18n import LANGUAGES

DAY = date(2026, 11, 25)
ANDY = "andy"


def strategy(key: str, **changes: Any) -> Strategy:
    base = Strategy(
        key,
        "calming",
        frozenset({"emotional"}),
        frozenset({"child"}),
        frozenset({"rest_corner"}),
        5,
    )
    return replace(base, **changes)


def use(
    key: str, outcome: Outcome | None, subject: str = ANDY, energy: Energy = "too_much"
) -> StrategyUse:
    return StrategyUse(f"{key}-{subject}-{outcome}", subject, key, DAY, energy, outcome=outcome)


def keys(found: list[Suggestion]) -> list[str]:
    return [s.strategy.key for s in found]


LIBRARY = [
    strategy("frog_rest"),
    strategy("squeeze_ball", domains=frozenset({"biological", "emotional"})),
    strategy("animal_walk", direction="activating", domains=frozenset({"biological"})),
    strategy("breathe_together", direction="both", for_whom=frozenset({"child", "class"})),
    strategy("three_breaths", for_whom=frozenset({"teacher"})),
    strategy("daily_mile", direction="both", for_whom=frozenset({"class"}), minutes=15),
]


def test_too_much_asks_for_calming_for_whom_it_is() -> None:
    assert keys(suggestions(LIBRARY, ANDY, "too_much")) == [
        "breathe_together",
        "frog_rest",
        "squeeze_ball",
    ]
    assert keys(suggestions(LIBRARY, ANDY, "too_little")) == ["animal_walk", "breathe_together"]
    assert keys(suggestions(LIBRARY, CLASS, "too_much")) == ["breathe_together", "daily_mile"]
    assert keys(suggestions(LIBRARY, ME, "too_much")) == ["three_breaths"]


def test_the_suspected_domains_rank_the_better_fit_first() -> None:
    found = suggestions(LIBRARY, ANDY, "too_much", domains=["biological", "emotional"])
    assert keys(found)[0] == "squeeze_ball"


def test_what_helped_her_twice_outranks_an_untried_better_fit() -> None:
    uses = [use("frog_rest", "helped"), use("frog_rest", "helped")]
    found = suggestions(LIBRARY, ANDY, "too_much", domains=["biological"], uses=uses)
    assert keys(found)[0] == "frog_rest"
    assert found[0].helped == 4 and found[0].uses == 2


def test_one_that_never_helped_her_sinks_below_the_untried() -> None:
    uses = [use("frog_rest", "not_helped"), use("frog_rest", None)]
    found = suggestions(LIBRARY, ANDY, "too_much", uses=uses)
    assert keys(found)[-1] == "frog_rest"
    assert found[-1].never_helped


def test_a_use_with_the_whole_class_or_another_child_says_nothing_about_her() -> None:
    uses = [
        use("breathe_together", "helped", subject=CLASS),
        use("breathe_together", "helped", subject=CLASS),
        use("squeeze_ball", "not_helped", subject="zoe"),
    ]
    for_andy = suggestions(LIBRARY, ANDY, "too_much", uses=uses)
    assert all(s.helped == 0 and not s.never_helped for s in for_andy)
    assert keys(suggestions(LIBRARY, CLASS, "too_much", uses=uses))[0] == "breathe_together"


def test_hidden_strategies_never_appear() -> None:
    found = suggestions(
        LIBRARY, ANDY, "too_much", uses=[use("frog_rest", "helped")], hidden={"frog_rest"}
    )
    assert "frog_rest" not in keys(found)


@given(
    energy=st.sampled_from(ENERGIES),
    subject=st.sampled_from([ANDY, CLASS, ME]),
    domains=st.sets(st.sampled_from(STRESS_DOMAINS)),
    outcomes=st.lists(
        st.tuples(
            st.sampled_from([s.key for s in LIBRARY]),
            st.sampled_from(["helped", "helped_a_bit", "not_helped", None]),
        ),
        max_size=12,
    ),
)
def test_every_suggestion_fits_and_the_never_helped_come_last(
    energy: Energy,
    subject: str,
    domains: set[StressDomain],
    outcomes: list[tuple[str, Outcome | None]],
) -> None:
    uses = [use(key, outcome, subject=subject) for key, outcome in outcomes]
    found = suggestions(LIBRARY, subject, energy, domains, uses)
    sunk = [s.never_helped for s in found]
    assert sunk == sorted(sunk)
    assert all(s.strategy.fits(energy, who_of(subject)) for s in found)
    helped = [s.helped for s in found if not s.never_helped]
    assert helped == sorted(helped, reverse=True)


def test_her_card_lists_what_helped_first_and_in_which_states() -> None:
    uses = [
        use("frog_rest", "helped"),
        use("frog_rest", "helped_a_bit", energy="too_little"),
        use("squeeze_ball", "not_helped"),
        use("animal_walk", None),
        use("daily_mile", "helped", subject=CLASS),
    ]
    card = what_helps(ANDY, uses)
    assert [entry.strategy for entry in card] == ["frog_rest", "squeeze_ball"]
    assert card[0].energies == frozenset({"too_much", "too_little"})
    assert (card[1].not_helped, card[1].helped) == (1, 0)
    assert [u.strategy for u in without_outcome(uses)] == ["animal_walk"]


# -- the shipped library ----------------------------------------------------------------


def test_the_library_has_forty_strategies_each_whole_in_both_languages() -> None:
    library = strategies()
    assert len(library) >= 40
    for item in library:
        for lang in LANGUAGES:
            assert item.names[lang].strip() and item.hows[lang].strip(), (item.key, lang)
            assert lang in item.needs
        assert item.domains and item.for_whom and item.locations


def test_every_stress_domain_has_a_way_to_calm_and_a_way_to_activate() -> None:
    library = strategies()
    for domain in STRESS_DOMAINS:
        for energy in ("too_much", "too_little"):
            assert any(
                domain in item.domains and item.fits(energy, who)
                for item in library
                for who in item.for_whom
            ), (domain, energy)


def test_the_library_covers_the_rest_corner_the_class_and_the_teacher() -> None:
    library = strategies()
    assert any("rest_corner" in item.locations for item in library)
    assert any("class" in item.for_whom for item in library)
    assert any(item.for_whom == {"teacher"} for item in library)
    assert any(item.direction == "both" for item in library)


def _breaks_a_line(char: str) -> bool:
    """A control character (bar the tab and the format ones) or a line break."""
    category = unicodedata.category(char)
    return category in ("Zl", "Zp", "Cc", "Cs", "Co", "Cn") and char != "\t"


@given(st.text(max_size=MAX_OWN_NAME + 5))
def test_her_strategy_name_is_kept_tidied_or_refused_with_its_reason(name: str) -> None:
    try:
        kept = checked_own_strategy(own_strategy(name, "", direction="calming"))
    except RestCornerInputError as refused:
        assert refused.field == "name"
        cleaned = unicodedata.normalize("NFC", name).strip()
        if refused.reason == "name_needed":
            assert not cleaned
        elif refused.reason == "too_long":
            assert len(cleaned) > MAX_OWN_NAME
        else:
            assert refused.reason == "control_characters"
            assert any(_breaks_a_line(c) for c in cleaned)
    else:
        shown = kept.name_in("nl")
        assert shown == kept.name_in("en") and 0 < len(shown) <= MAX_OWN_NAME
        assert shown == shown.strip() and not any(_breaks_a_line(c) for c in shown)
        assert kept.own


def test_her_strategy_needs_someone_and_somewhere_and_sane_minutes() -> None:
    base = own_strategy("Slak", "", direction="calming")
    for changes, field_name in (
        ({"for_whom": frozenset()}, "for_whom"),
        ({"locations": frozenset()}, "locations"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 61}, "minutes"),
    ):
        try:
            checked_own_strategy(replace(base, **changes))
        except RestCornerInputError as refused:
            assert refused.field == field_name
        else:
            raise AssertionError(f"{changes} was kept")


def test_her_strategy_name_may_hold_emoji_and_right_to_left_text() -> None:
    for name in ("Juf 👩‍🏫 zingt", "سلام rustig", "Zoë\u200fs hoekje"):
        kept = checked_own_strategy(own_strategy(name, "", direction="both"))
        assert kept.name_in("nl") == name
