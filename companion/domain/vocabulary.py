"""The stable data vocabulary: these keys are stored on disk and in every export.

Each word list is a `Literal` type, so a typo in a key (`item="smiel"`) fails the type
check; the tuples, in the deck's order, are read from the types, so the two never drift.
The store's schema validates the stored words against the same types.
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias, TypeGuard, get_args

# The ABC of Love in the deck's order: key 1 is touch ... key 7 is eye contact.
AbcItem: TypeAlias = Literal[
    "touch",
    "turn_taking",
    "closeness",
    "smile",
    "voice",
    "sharing_joy",
    "eye_contact",
]
Moment: TypeAlias = Literal["welcome", "day", "goodbye"]
RelationalNeed: TypeAlias = Literal["affection", "help", "listening_ear"]
ChildGroup: TypeAlias = Literal["all", "invisible", "hard_to_manage"]
StressDomain: TypeAlias = Literal["biological", "emotional", "cognitive", "social", "prosocial"]
# How clearly the teacher sees a relational need: not (yet), a little, clearly.
NeedClarity: TypeAlias = Literal["not", "a_little", "clearly"]
# The deck's signals of each need (a signal may also be written freely).
NeedSignal: TypeAlias = Literal[
    "hug",
    "hold_hand",
    "sit_on_lap",
    "says_cant",
    "gives_up",
    "angry_when_fails",
    "tells_home",
    "tells_playground",
    "tells_holiday",
]
# Sensitivity (sensitiviteit): the child's way with emotions and relational needs.
SensitivityTopic: TypeAlias = Literal["emotions", "alone_time", "talk", "solve_together"]
# Samen-Spel: Relatie-Spel (the child leads) and Regel-Spel (the teacher leads).
PlayComponent: TypeAlias = Literal["relationship_play", "rule_play"]
DoSkill: TypeAlias = Literal["observe", "imitate", "describe", "name_feelings", "respond_to_needs"]
DontSkill: TypeAlias = Literal["questions", "praise"]
# How the child was in class on a session's day, recorded apart from the session.
DayInClass: TypeAlias = Literal["easy", "ordinary", "hard"]
Weekday: TypeAlias = Literal["mon", "tue", "wed", "thu", "fri"]
# The rest corner (Self-Reg): where is she now, what a strategy does, for whom, where.
Energy: TypeAlias = Literal["too_much", "green", "too_little"]
Direction: TypeAlias = Literal["calming", "activating", "both"]
ForWhom: TypeAlias = Literal["child", "class", "teacher"]
Location: TypeAlias = Literal["rest_corner", "in_class", "outside"]
Outcome: TypeAlias = Literal["helped", "helped_a_bit", "not_helped"]
# The journal: its kinds of entries; step 1 of a Self-Reg analysis (not wanting to, or not
# being able to?); the teacher's own energy and tension.
EntryKind: TypeAlias = Literal["reflection", "prompt", "analysis"]
Reading: TypeAlias = Literal["misbehaviour", "stress_behaviour", "not_sure"]
Level: TypeAlias = Literal["low", "ok", "high"]

ABC_ITEMS: Final[tuple[AbcItem, ...]] = get_args(AbcItem)
MOMENTS: Final[tuple[Moment, ...]] = get_args(Moment)
RELATIONAL_NEEDS: Final[tuple[RelationalNeed, ...]] = get_args(RelationalNeed)
CHILD_GROUPS: Final[tuple[ChildGroup, ...]] = get_args(ChildGroup)
STRESS_DOMAINS: Final[tuple[StressDomain, ...]] = get_args(StressDomain)
NEED_CLARITIES: Final[tuple[NeedClarity, ...]] = get_args(NeedClarity)
NEED_SIGNALS: Final[tuple[NeedSignal, ...]] = get_args(NeedSignal)
SENSITIVITY_TOPICS: Final[tuple[SensitivityTopic, ...]] = get_args(SensitivityTopic)
PLAY_COMPONENTS: Final[tuple[PlayComponent, ...]] = get_args(PlayComponent)
DO_SKILLS: Final[tuple[DoSkill, ...]] = get_args(DoSkill)
DONT_SKILLS: Final[tuple[DontSkill, ...]] = get_args(DontSkill)
DAYS_IN_CLASS: Final[tuple[DayInClass, ...]] = get_args(DayInClass)
WEEKDAYS: Final[tuple[Weekday, ...]] = get_args(Weekday)
ENERGIES: Final[tuple[Energy, ...]] = get_args(Energy)
DIRECTIONS: Final[tuple[Direction, ...]] = get_args(Direction)
FOR_WHOM: Final[tuple[ForWhom, ...]] = get_args(ForWhom)
LOCATIONS: Final[tuple[Location, ...]] = get_args(Location)
OUTCOMES: Final[tuple[Outcome, ...]] = get_args(Outcome)
ENTRY_KINDS: Final[tuple[EntryKind, ...]] = get_args(EntryKind)
READINGS: Final[tuple[Reading, ...]] = get_args(Reading)
LEVELS: Final[tuple[Level, ...]] = get_args(Level)


def is_child_group(word: str) -> TypeGuard[ChildGroup]:
    """A group named by a form or a class list, known to the vocabulary."""
    return word in CHILD_GROUPS
