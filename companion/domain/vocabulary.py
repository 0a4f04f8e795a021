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

ABC_ITEMS: Final[tuple[AbcItem, ...]] = get_args(AbcItem)
MOMENTS: Final[tuple[Moment, ...]] = get_args(Moment)
RELATIONAL_NEEDS: Final[tuple[RelationalNeed, ...]] = get_args(RelationalNeed)
CHILD_GROUPS: Final[tuple[ChildGroup, ...]] = get_args(ChildGroup)
STRESS_DOMAINS: Final[tuple[StressDomain, ...]] = get_args(StressDomain)


def is_child_group(word: str) -> TypeGuard[ChildGroup]:
    """A group named by a form or a class list, known to the vocabulary."""
    return word in CHILD_GROUPS
