"""The rules of a relational-needs profile: dated clarity, signals checked and kept once,
texts within their limits, the history newest first, the class view's order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.domain.needs import (
    MAX_OFFER_TEXT,
    MAX_SENSITIVITY_TEXT,
    MAX_SIGNAL_TEXT,
    SIGNALS_OF,
    ClarityChange,
    NeedOfChild,
    NeedsInputError,
    NeedsProfile,
    ObservedSignal,
    checked_seen,
    checked_signal,
    class_needs,
)
from companion.domain.vocabulary import (
    NEED_CLARITIES,
    NEED_SIGNALS,
    RELATIONAL_NEEDS,
    NeedClarity,
    NeedSignal,
    RelationalNeed,
)

MONDAY = date(2026, 11, 23)
TODAY = date(2026, 11, 25)

needs = st.sampled_from(RELATIONAL_NEEDS)
clarities = st.sampled_from(NEED_CLARITIES)


# -- how clearly, dated -------------------------------------------------------------------


def test_a_need_is_not_seen_until_she_says_so_and_then_as_her_latest_change() -> None:
    profile = NeedsProfile("zoe")
    assert [profile.clarity(need) for need in RELATIONAL_NEEDS] == ["not", "not", "not"]
    profile = profile.with_clarity("help", "a_little", MONDAY)
    profile = profile.with_clarity("help", "clearly", TODAY)
    assert profile.clarity("help") == "clearly"
    assert profile.clarity("affection") == "not"
    assert profile.clearly_seen() == ["help"]
    assert profile.changes == (
        ClarityChange("help", MONDAY, "a_little"),
        ClarityChange("help", TODAY, "clearly"),
    )


def test_the_same_clarity_again_changes_nothing() -> None:
    profile = NeedsProfile("zoe").with_clarity("affection", "a_little", MONDAY)
    assert profile.with_clarity("affection", "a_little", TODAY) is profile
    assert NeedsProfile("zoe").with_clarity("affection", "not", TODAY) == NeedsProfile("zoe")


def test_a_second_change_on_one_day_replaces_that_days() -> None:
    profile = (
        NeedsProfile("zoe")
        .with_clarity("listening_ear", "a_little", MONDAY)
        .with_clarity("listening_ear", "clearly", TODAY)
        .with_clarity("listening_ear", "not", TODAY)
    )
    assert profile.changes == (
        ClarityChange("listening_ear", MONDAY, "a_little"),
        ClarityChange("listening_ear", TODAY, "not"),
    )


def test_going_back_on_the_same_day_to_what_was_seen_before_leaves_no_trace() -> None:
    before = NeedsProfile("zoe").with_clarity("help", "a_little", MONDAY)
    slipped = before.with_clarity("help", "clearly", TODAY).with_clarity("help", "a_little", TODAY)
    assert slipped == before
    fresh = (
        NeedsProfile("zoe")
        .with_clarity("help", "a_little", TODAY)
        .with_clarity("help", "not", TODAY)
    )
    assert fresh.changes == ()
    assert fresh.history() == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(needs, clarities, st.integers(0, 30)), max_size=25))
def test_any_sequence_of_clarity_keeps_one_change_a_day_and_the_last_word(
    steps: list[tuple[RelationalNeed, NeedClarity, int]],
) -> None:
    """Days move forward (as the app's clock does); every need is seen as she last said,
    at most one change per need and day, and no change repeats the clarity before it."""
    profile = NeedsProfile("zoe")
    said: dict[RelationalNeed, NeedClarity] = {}
    day = MONDAY
    for need, clarity, days_later in sorted(steps, key=lambda step: step[2]):
        day = max(day, MONDAY + timedelta(days=days_later))
        profile = profile.with_clarity(need, clarity, day)
        said[need] = clarity
    for need in RELATIONAL_NEEDS:
        assert profile.clarity(need) == said.get(need, "not")
        mine = [change for change in profile.changes if change.need == need]
        assert len({change.day for change in mine}) == len(mine)
        assert [change.day for change in mine] == sorted(change.day for change in mine)
        seen: NeedClarity = "not"
        for change in mine:
            assert change.clarity != seen
            seen = change.clarity


# -- signals ------------------------------------------------------------------------------


def test_a_signal_is_one_of_the_decks_for_its_need_or_her_own_words() -> None:
    deck = ObservedSignal("affection", TODAY, "hug")
    own = ObservedSignal("listening_ear", MONDAY, None, "  vertelt over haar kat  ")
    profile = NeedsProfile("zoe").with_signal(deck).with_signal(own)
    assert profile.signals_of("affection") == [deck]
    assert profile.signals_of("listening_ear") == [
        ObservedSignal("listening_ear", MONDAY, None, "vertelt over haar kat")
    ]
    with pytest.raises(NeedsInputError) as empty:
        checked_signal(ObservedSignal("help", TODAY, None, "   "))
    assert empty.value.reason == "signal_empty"
    with pytest.raises(NeedsInputError) as other:
        checked_signal(ObservedSignal("help", TODAY, "hug"))
    assert other.value.reason == "signal_of_other_need"


JOINED = date(2026, 9, 1)


def test_a_signal_is_seen_on_a_day_that_came_since_she_joined_the_class() -> None:
    for day in (JOINED, MONDAY, TODAY):
        assert checked_seen(day, joined=JOINED, today=TODAY) == day
        signal = ObservedSignal("help", day, "gives_up")
        assert checked_signal(signal, joined=JOINED, today=TODAY) == signal
    for day, reason, params in (
        (date(2020, 1, 1), "seen_before_joined", {"joined": "2026-09-01"}),
        (JOINED - timedelta(days=1), "seen_before_joined", {"joined": "2026-09-01"}),
        (TODAY + timedelta(days=1), "seen_in_future", {}),
    ):
        with pytest.raises(NeedsInputError) as refused:
            checked_signal(ObservedSignal("help", day, "gives_up"), joined=JOINED, today=TODAY)
        assert (refused.value.reason, refused.value.params) == (reason, params), day
    # Her day of joining not known: only the future is refused.
    assert checked_seen(date(2020, 1, 1), joined=None, today=TODAY) == date(2020, 1, 1)


@settings(max_examples=200, deadline=None)
@given(seen=st.dates(), joined=st.dates(), today=st.dates())
def test_any_day_seen_is_kept_only_between_joining_and_today(
    seen: date, joined: date, today: date
) -> None:
    try:
        assert checked_seen(seen, joined=joined, today=today) == seen
    except NeedsInputError as error:
        assert seen > today if error.reason == "seen_in_future" else seen < joined
    else:
        assert joined <= seen <= today


def test_the_same_signal_on_the_same_day_is_kept_once_and_can_be_removed() -> None:
    hug = ObservedSignal("affection", TODAY, "hug")
    profile = NeedsProfile("zoe").with_signal(hug)
    assert profile.with_signal(hug) is profile
    assert profile.with_signal(ObservedSignal("affection", TODAY, "hug", " ")) is profile
    again = profile.with_signal(ObservedSignal("affection", MONDAY, "hug"))
    assert len(again.signals) == 2
    assert again.without_signal(hug).signals == (ObservedSignal("affection", MONDAY, "hug"),)


def test_signals_of_a_need_come_newest_first() -> None:
    days = [MONDAY, TODAY, MONDAY - timedelta(days=7)]
    profile = NeedsProfile("zoe")
    for day in days:
        profile = profile.with_signal(ObservedSignal("help", day, "gives_up"))
    assert [signal.seen for signal in profile.signals_of("help")] == sorted(days, reverse=True)


@settings(max_examples=200, deadline=None)
@given(
    need=needs,
    signal=st.one_of(st.none(), st.sampled_from(NEED_SIGNALS)),
    text=st.text(max_size=MAX_SIGNAL_TEXT + 20),
)
def test_any_signal_is_kept_trimmed_or_refused_with_a_reason(
    need: RelationalNeed, signal: NeedSignal | None, text: str
) -> None:
    observed = ObservedSignal(need, TODAY, signal, text)
    try:
        kept = checked_signal(observed)
    except NeedsInputError as error:
        assert error.reason in ("signal_empty", "signal_of_other_need", "too_long")
        if error.reason == "too_long":
            assert len(text.strip()) > MAX_SIGNAL_TEXT
            assert error.params == {"limit": str(MAX_SIGNAL_TEXT), "length": str(len(text.strip()))}
    else:
        assert kept.text == text.strip()
        assert len(kept.text) <= MAX_SIGNAL_TEXT
        assert kept.signal is None or kept.signal in SIGNALS_OF[need]
        assert kept.signal is not None or kept.text


# -- what she offers, sensitivity ----------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "change"),
    [
        (MAX_OFFER_TEXT, lambda profile, text: profile.with_offer("help", text)),
        (MAX_SENSITIVITY_TEXT, lambda profile, text: profile.with_sensitivity("talk", text)),
    ],
    ids=["offer", "sensitivity"],
)
def test_a_text_is_kept_trimmed_up_to_its_limit_and_refused_beyond(
    limit: int, change: Callable[[NeedsProfile, str], NeedsProfile]
) -> None:
    profile = NeedsProfile("zoe")
    kept = change(profile, "  " + "a" * limit + "  ")
    assert kept != profile
    assert not kept.is_empty()
    with pytest.raises(NeedsInputError) as refused:
        change(profile, "a" * 10_000)
    assert refused.value.reason == "too_long"
    assert refused.value.params == {"limit": str(limit), "length": "10000"}


def test_an_emptied_text_is_no_profile_worth_keeping() -> None:
    profile = NeedsProfile("zoe").with_offer("help", "Een eerste stap samen")
    assert not profile.is_empty()
    assert profile.with_offer("help", "   ").is_empty()
    assert NeedsProfile("zoe").with_sensitivity("alone_time", "").is_empty()


# -- the dated history ----------------------------------------------------------------------


def test_the_history_holds_signals_and_changes_newest_first_a_change_before_a_signal() -> None:
    early = ObservedSignal("help", MONDAY, "says_cant")
    late = ObservedSignal("help", TODAY, "gives_up")
    profile = (
        NeedsProfile("zoe")
        .with_signal(early)
        .with_clarity("help", "a_little", MONDAY)
        .with_signal(late)
        .with_clarity("help", "clearly", TODAY)
    )
    assert profile.history() == [
        ClarityChange("help", TODAY, "clearly"),
        late,
        ClarityChange("help", MONDAY, "a_little"),
        early,
    ]


# -- the class view ---------------------------------------------------------------------------


def test_the_class_view_lists_clearly_then_a_little_in_the_class_lists_order() -> None:
    anna = (
        NeedsProfile("anna")
        .with_clarity("listening_ear", "a_little", MONDAY)
        .with_signal(ObservedSignal("listening_ear", MONDAY, "tells_home"))
    )
    zoe = (
        NeedsProfile("zoe")
        .with_clarity("listening_ear", "clearly", TODAY)
        .with_offer("listening_ear", "Een luistermoment na de speeltijd")
    )
    bram = NeedsProfile("bram").with_clarity("listening_ear", "clearly", MONDAY)
    profiles = {"anna": anna, "zoe": zoe, "bram": bram}
    found = class_needs(["anna", "bram", "zoe", "adam"], profiles)
    assert found["listening_ear"] == [
        NeedOfChild("bram", "clearly", "", None),
        NeedOfChild("zoe", "clearly", "Een luistermoment na de speeltijd", None),
        NeedOfChild("anna", "a_little", "", MONDAY),
    ]
    assert found["affection"] == found["help"] == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dictionaries(needs, clarities), max_size=8))
def test_the_class_view_shows_each_child_once_per_need_seen_in_order(
    seen: list[dict[RelationalNeed, NeedClarity]],
) -> None:
    child_ids = [f"child{n}" for n in range(len(seen))]
    profiles: dict[str, NeedsProfile] = {}
    for child_id, clarities_of in zip(child_ids, seen, strict=True):
        profile = NeedsProfile(child_id)
        for need, clarity in clarities_of.items():
            profile = profile.with_clarity(need, clarity, TODAY)
        profiles[child_id] = profile
    found = class_needs(child_ids, profiles)
    rank = {"clearly": 0, "a_little": 1}
    for need in RELATIONAL_NEEDS:
        expected = [
            child_id
            for clarity in ("clearly", "a_little")
            for child_id, clarities_of in zip(child_ids, seen, strict=True)
            if clarities_of.get(need, "not") == clarity
        ]
        assert [entry.child_id for entry in found[need]] == expected
        order = [(rank[entry.clarity], child_ids.index(entry.child_id)) for entry in found[need]]
        assert order == sorted(order)
