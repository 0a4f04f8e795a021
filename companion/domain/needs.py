"""Relational needs (relationele behoeften): what a child needs of her teacher.

The deck names three needs, each with signals a teacher sees: affection (wants to hug,
hold your hand, sit on your lap), help or encouragement (says "I can't", gives up fast,
gets angry when it fails) and a listening ear (often comes to tell about home, the
playground, the holidays). Per need the teacher notes how clearly she sees it, the signals
with the day she saw them, and what she offers; beside them, sensitivity notes. Every
change of how clearly a need is seen is kept with its day, so the year reads as a history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Final

from companion.domain.vocabulary import (
    RELATIONAL_NEEDS,
    NeedClarity,
    NeedSignal,
    RelationalNeed,
    SensitivityTopic,
)

# The deck's signals of each need, in its order.
SIGNALS_OF: Final[Mapping[RelationalNeed, tuple[NeedSignal, ...]]] = {
    "affection": ("hug", "hold_hand", "sit_on_lap"),
    "help": ("says_cant", "gives_up", "angry_when_fails"),
    "listening_ear": ("tells_home", "tells_playground", "tells_holiday"),
}

# What a teacher writes in one field; longer is refused with a message beside the field.
MAX_SIGNAL_TEXT: Final = 200
MAX_OFFER_TEXT: Final = 500
MAX_SENSITIVITY_TEXT: Final = 1000


class NeedsInputError(ValueError):
    """What the teacher typed cannot be kept; `reason` keys the message (needs.error.*)."""

    def __init__(self, reason: str, **params: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


@dataclass(frozen=True, slots=True)
class ObservedSignal:
    """A signal of a need seen on a day: one of the deck's (`signal`) or written freely
    (`text`); a deck signal may carry a few words too."""

    need: RelationalNeed
    seen: date
    signal: NeedSignal | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class ClarityChange:
    """From `day` on, the teacher saw `need` this clearly."""

    need: RelationalNeed
    day: date
    clarity: NeedClarity


@dataclass(frozen=True, slots=True)
class NeedsProfile:
    """One child's relational needs. Empty for a child the teacher has not looked at yet."""

    child_id: str
    signals: tuple[ObservedSignal, ...] = ()
    changes: tuple[ClarityChange, ...] = ()  # oldest first
    offers: Mapping[RelationalNeed, str] = field(default_factory=dict)
    sensitivity: Mapping[SensitivityTopic, str] = field(default_factory=dict)

    # -- reading --------------------------------------------------------------------------

    def clarity(self, need: RelationalNeed) -> NeedClarity:
        """How clearly the need is seen now: its latest change, else not (yet)."""
        latest: NeedClarity = "not"
        for change in self.changes:
            if change.need == need:
                latest = change.clarity
        return latest

    def offer(self, need: RelationalNeed) -> str:
        return self.offers.get(need, "")

    def signals_of(self, need: RelationalNeed) -> list[ObservedSignal]:
        """The need's signals, newest first."""
        found = [signal for signal in self.signals if signal.need == need]
        return sorted(found, key=lambda signal: signal.seen, reverse=True)

    def clearly_seen(self) -> list[RelationalNeed]:
        return [need for need in RELATIONAL_NEEDS if self.clarity(need) == "clearly"]

    def is_empty(self) -> bool:
        return not (
            self.signals
            or self.changes
            or any(self.offers.values())
            or any(self.sensitivity.values())
        )

    def history(self) -> list[ObservedSignal | ClarityChange]:
        """Signals and changes of clarity together, newest first (a change before a
        signal of the same day: she saw the signal, then judged)."""
        dated: list[tuple[date, int, ObservedSignal | ClarityChange]] = []
        dated.extend((signal.seen, 0, signal) for signal in self.signals)
        dated.extend((change.day, 1, change) for change in self.changes)
        dated.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return [entry for _, _, entry in dated]

    # -- changing (each returns a new profile) -------------------------------------------

    def with_clarity(self, need: RelationalNeed, clarity: NeedClarity, day: date) -> NeedsProfile:
        """The need seen `clarity` from `day` on; the same clarity again changes nothing,
        a second change on one day replaces that day's, and one that goes back to what
        was seen before that day removes it (a key pressed by mistake leaves no trace).
        A day before the need's last change (a clock gone back) counts as that day."""
        if self.clarity(need) == clarity:
            return self
        # A clock behind her last change dates the new one on that day, so it shows.
        day = max([day, *(c.day for c in self.changes if c.need == need)])
        kept = tuple(c for c in self.changes if not (c.need == need and c.day == day))
        if replace(self, changes=kept).clarity(need) == clarity:
            return replace(self, changes=kept)
        change = ClarityChange(need, day, clarity)
        changes = sorted((*kept, change), key=lambda c: c.day)
        return replace(self, changes=tuple(changes))

    def with_signal(self, signal: ObservedSignal) -> NeedsProfile:
        checked = checked_signal(signal)
        if checked in self.signals:
            return self
        return replace(self, signals=(*self.signals, checked))

    def without_signal(self, signal: ObservedSignal) -> NeedsProfile:
        return replace(self, signals=tuple(s for s in self.signals if s != signal))

    def with_offer(self, need: RelationalNeed, text: str) -> NeedsProfile:
        offer = checked_text(text, MAX_OFFER_TEXT)
        return replace(self, offers={**self.offers, need: offer})

    def with_sensitivity(self, topic: SensitivityTopic, text: str) -> NeedsProfile:
        note = checked_text(text, MAX_SENSITIVITY_TEXT)
        return replace(self, sensitivity={**self.sensitivity, topic: note})


def checked_text(text: str, limit: int) -> str:
    """The text as kept (trimmed), or NeedsInputError when it is too long."""
    cleaned = text.strip()
    if len(cleaned) > limit:
        raise NeedsInputError("too_long", limit=str(limit), length=str(len(cleaned)))
    return cleaned


def checked_seen(seen: date, *, joined: date | None, today: date) -> date:
    """The day a signal was seen: a day that came, and not before the child joined the
    class (`joined`, her added_on; None: not known). NeedsInputError otherwise, its
    dates ISO (the screen writes them as she does)."""
    if seen > today:
        raise NeedsInputError("seen_in_future")
    if joined is not None and seen < joined:
        raise NeedsInputError("seen_before_joined", joined=joined.isoformat())
    return seen


def checked_signal(
    signal: ObservedSignal, *, joined: date | None = None, today: date | None = None
) -> ObservedSignal:
    """A signal with a deck signal of its own need or some words, within the limits;
    given `today` (and `joined`), seen on a day that came since she joined the class."""
    if today is not None:
        checked_seen(signal.seen, joined=joined, today=today)
    text = checked_text(signal.text, MAX_SIGNAL_TEXT)
    if signal.signal is None and not text:
        raise NeedsInputError("signal_empty")
    if signal.signal is not None and signal.signal not in SIGNALS_OF[signal.need]:
        raise NeedsInputError("signal_of_other_need")
    return replace(signal, text=text)


@dataclass(frozen=True, slots=True)
class NeedOfChild:
    """In the class view: a child and how clearly one need is seen, with what she offers."""

    child_id: str
    clarity: NeedClarity
    offer: str
    last_seen: date | None


def class_needs(
    child_ids: Sequence[str], profiles: Mapping[str, NeedsProfile]
) -> dict[RelationalNeed, list[NeedOfChild]]:
    """Per need, the children who show it (clearly first, then a little), in the order
    of `child_ids` (the class list's): "who needs a listening ear this morning?"."""
    found: dict[RelationalNeed, list[NeedOfChild]] = {need: [] for need in RELATIONAL_NEEDS}
    for need in RELATIONAL_NEEDS:
        for clarity in ("clearly", "a_little"):
            for child_id in child_ids:
                profile = profiles.get(child_id)
                if profile is None or profile.clarity(need) != clarity:
                    continue
                signals = profile.signals_of(need)
                last = signals[0].seen if signals else None
                found[need].append(NeedOfChild(child_id, clarity, profile.offer(need), last))
    return found


def profiles_by_child(profiles: Iterable[NeedsProfile]) -> dict[str, NeedsProfile]:
    return {profile.child_id: profile for profile in profiles}
