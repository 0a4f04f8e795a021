"""The Self-Reg incident analysis: Shanker's five steps, as the deck walks them with Andy
and juf Jelke. The steps are a roundabout, not a ladder (self-reg.ca): she may start at
any of them and fill them in any order; the deck's order is the default path.

1. What happened, and reframe (herkaderen): misbehaviour or stress behaviour?
2. Recognise stressors (stressoren herkennen) in the five domains, for the child AND me.
3. Reduce stressors (short term): the child's need and what I can offer now.
4. Reflect (reflecteren): what helps the child, and me, to calm and become aware.
5. Respond (long term): what restores a good energy balance, and a follow-up day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Final, Literal, TypeAlias

from companion.domain.text import has_control, tidy
from companion.domain.vocabulary import Reading, RelationalNeed, StressDomain

Step: TypeAlias = Literal[1, 2, 3, 4, 5]
STEPS: Final[tuple[Step, ...]] = (1, 2, 3, 4, 5)
MAX_FIELD: Final = 5000


@dataclass(frozen=True, slots=True)
class Analysis:
    """One incident, analysed in five steps. Stressors are by domain, each with a note
    (a domain ticked without a note is a key with ""); `strategy` is a rest-corner
    strategy's key ("" none). It is finished when she says so, dropped when she lets it
    go; until then Today lists it."""

    id: str
    child: str  # a child's id, "" for the class
    started_at: datetime
    title: str = ""
    what_happened: str = ""
    reading: Reading | None = None
    not_seen: str = ""
    child_stressors: Mapping[StressDomain, str] = field(default_factory=dict)
    my_stressors: Mapping[StressDomain, str] = field(default_factory=dict)
    need: RelationalNeed | None = None
    offer_now: str = ""
    helps_child: str = ""
    helps_me: str = ""
    respond: str = ""
    strategy: str = ""
    follow_up: date | None = None
    followed_up: bool = False  # she came back to it on or after its follow-up day
    finished: bool = False
    dropped: bool = False

    @property
    def open(self) -> bool:
        return not self.finished and not self.dropped

    def step_done(self, step: Step) -> bool:
        """Whether she wrote something for the step."""
        if step == 1:
            return bool(self.what_happened or self.reading or self.not_seen)
        if step == 2:
            return bool(self.child_stressors or self.my_stressors)
        if step == 3:
            return bool(self.need or self.offer_now)
        if step == 4:
            return bool(self.helps_child or self.helps_me)
        return bool(self.respond or self.strategy or self.follow_up)

    def steps_done(self) -> list[Step]:
        return [step for step in STEPS if self.step_done(step)]

    def next_step(self) -> Step:
        """Where the default path goes on: the first step still empty (or the first)."""
        return next((step for step in STEPS if not self.step_done(step)), 1)


class AnalysisInputError(ValueError):
    """`field` names what cannot be kept, `reason` the sentence (journal.error.<reason>)."""

    def __init__(self, field_name: str, reason: str, **params: str) -> None:
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason
        self.params = params


def checked_analysis(analysis: Analysis) -> Analysis:
    """Texts tidied and checked (length, control characters), stressor notes too; a
    follow-up day not before the incident; finishing needs steps 1 and 5 and a title."""
    checked = replace(
        analysis,
        title=_checked("title", analysis.title),
        what_happened=_checked("what_happened", analysis.what_happened),
        not_seen=_checked("not_seen", analysis.not_seen),
        offer_now=_checked("offer_now", analysis.offer_now),
        helps_child=_checked("helps_child", analysis.helps_child),
        helps_me=_checked("helps_me", analysis.helps_me),
        respond=_checked("respond", analysis.respond),
        child_stressors=_stressors("child_stressors", analysis.child_stressors),
        my_stressors=_stressors("my_stressors", analysis.my_stressors),
    )
    if checked.follow_up is not None and checked.follow_up < analysis.started_at.date():
        raise AnalysisInputError("follow_up", "before_incident")
    if checked.finished:
        if not checked.title:
            raise AnalysisInputError("title", "empty")
        for step in (1, 5):
            if not checked.step_done(step):
                raise AnalysisInputError(f"step_{step}", "step_needed", step=str(step))
    return checked


def follow_ups_due(analyses: list[Analysis], today: date) -> list[Analysis]:
    """The analyses whose follow-up day has come (Today lists them), oldest first."""
    due = [
        a
        for a in analyses
        if a.follow_up is not None and a.follow_up <= today and not a.followed_up and not a.dropped
    ]
    return sorted(due, key=lambda a: (a.follow_up or today, a.id))


def unfinished(analyses: list[Analysis]) -> list[Analysis]:
    """The analyses neither finished nor dropped, oldest first."""
    return sorted((a for a in analyses if a.open), key=lambda a: a.started_at)


def _stressors(name: str, stressors: Mapping[StressDomain, str]) -> dict[StressDomain, str]:
    return {domain: _checked(name, note) for domain, note in stressors.items()}


def _checked(name: str, text: str) -> str:
    cleaned = tidy(text)
    if has_control(cleaned, lines=name != "title"):
        raise AnalysisInputError(name, "control_characters")
    if len(cleaned) > MAX_FIELD:
        raise AnalysisInputError(name, "too_long", limit=str(MAX_FIELD), length=str(len(cleaned)))
    return cleaned
