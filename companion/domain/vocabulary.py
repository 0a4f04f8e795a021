"""The stable data vocabulary: these keys are stored on disk and in every export."""

from __future__ import annotations

from typing import Final

# The ABC of Love in the deck's order: key 1 is touch ... key 7 is eye contact.
ABC_ITEMS: Final = (
    "touch",
    "turn_taking",
    "closeness",
    "smile",
    "voice",
    "sharing_joy",
    "eye_contact",
)
MOMENTS: Final = ("welcome", "day", "goodbye")
RELATIONAL_NEEDS: Final = ("affection", "help", "listening_ear")
CHILD_GROUPS: Final = ("all", "invisible", "hard_to_manage")
STRESS_DOMAINS: Final = ("biological", "emotional", "cognitive", "social", "prosocial")
