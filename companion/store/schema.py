"""The shape of the data files: every entry's fields and types, the schema version and the
migrations between versions.

The records below are the schema itself: `codec.py` checks every entry of every file
against them when it is read (types, required fields, the allowed vocabulary, dates),
then checks what a type cannot say (ids that refer to a child, one entry per day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, TypeVar, cast

import msgspec

from companion.clock import FIRST_USABLE_DAY, LAST_USABLE_DAY
from companion.domain.vocabulary import (
    AbcItem,
    ChildGroup,
    DayInClass,
    Direction,
    DontSkill,
    DoSkill,
    Energy,
    EntryKind,
    ForWhom,
    Level,
    Location,
    NeedClarity,
    NeedSignal,
    Outcome,
    PlayComponent,
    Reading,
    RelationalNeed,
    SensitivityTopic,
    StressDomain,
    Weekday,
)
from companion.i18n import LANGUAGES, t

APP_ID = "classroom-companion"
# 2: relational-needs profiles and Samen-Spel plans and sessions (an older version must
# refuse such a file as newer, never call it damaged). 3: the teacher's own rest-corner
# strategies and the ones she hid; the journal, Self-Reg analyses, her own check-ins.
# 4: an archive may hold the children who left with its school year (`children`, and
# their `needs_profiles`): a version that does not know them refuses it as newer.
SCHEMA_VERSION = 4
META_TABLE = "meta"

# A stored day is one the app can work with (the one rule, clock.usable_day): any other
# is a damaged entry, and the calendar's arithmetic stays far from date's own limits.
FIRST_STORED_DAY = FIRST_USABLE_DAY
LAST_STORED_DAY = LAST_USABLE_DAY

Raw = dict[str, Any]
Migration = Callable[[Raw], Raw]


Text = str
NonEmptyText = Annotated[str, msgspec.Meta(min_length=1)]


class Record(msgspec.Struct, forbid_unknown_fields=True):
    """Every field is named here: a field the schema does not know is a damaged entry
    (and no value without a type, however deep, ever reaches the app)."""


class MetaRecord(Record):
    app: Text
    schema: int


class ChildRecord(Record):
    id: NonEmptyText
    first_name: NonEmptyText
    added_on: date
    last_name: Text = ""
    birth_date: date | None = None
    group: ChildGroup = "all"
    note: Text = ""
    archived: bool = False


class SignalRecord(Record):
    need: RelationalNeed
    seen: date
    signal: NeedSignal | None = None
    text: Text = ""


class ClarityRecord(Record):
    need: RelationalNeed
    date: date
    clarity: NeedClarity


class NeedsProfileRecord(Record):
    """One child's relational needs (not bound to a school year: they follow the child)."""

    child: NonEmptyText
    signals: list[SignalRecord] = []
    changes: list[ClarityRecord] = []
    offers: dict[RelationalNeed, Text] = {}
    sensitivity: dict[SensitivityTopic, Text] = {}


class OwnStrategyRecord(Record):
    """One of the teacher's own rest-corner strategies (not bound to a year), written once
    in her words; `key` starts with "own_"."""

    key: NonEmptyText
    name: NonEmptyText
    direction: Direction
    for_whom: list[ForWhom]
    where: list[Location]
    minutes: Annotated[int, msgspec.Meta(ge=1, le=60)]
    domains: list[StressDomain] = []
    how: Text = ""
    needs: Text = ""


class HiddenStrategyRecord(Record):
    """A strategy she hid from the suggestions (shipped or her own), by its key."""

    key: NonEmptyText


Clock = Annotated[str, msgspec.Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class DraftRecord(Record):
    """Journal typing not yet saved, kept while she writes (`editor`: "new", or the id of
    the entry or analysis she edits). `fields` holds an analysis form's other fields."""

    editor: NonEmptyText
    kind: EntryKind
    saved_on: date
    saved_at: Clock
    title: Text = ""
    text: Text = ""
    children: list[NonEmptyText] = []
    tags: list[NonEmptyText] = []
    prompt: Text = ""
    fields: dict[str, Text] = {}


class PromptRecord(Record):
    """A reflection prompt of her own; `key` starts with "own_"."""

    key: NonEmptyText
    text: NonEmptyText


class YearRecord(Record):
    """An entry that belongs to the school year of its `date` field: closing moves it
    into that year's archive. Every kind of them is declared in YEAR_BOUND."""

    # The problem (datafile.problem.*) when two entries of one file share a key.
    duplicate: ClassVar[str]
    # The fields no two entries of a file share, each with the name its message gives it.
    key_fields: ClassVar[Mapping[str, str]]
    # The field naming the child the entry is about (the class list must hold it).
    child_field: ClassVar[str | None] = None
    # Every field that holds child ids (hers, or a link to her): a child's last school
    # year is the latest one with an entry that names her (past_children.py).
    names_children: ClassVar[tuple[str, ...]] = ()
    if TYPE_CHECKING:  # a field of every year-bound record (each declares its own)
        date: dt.date


R = TypeVar("R", bound=YearRecord)


class AbcRecord(YearRecord):
    child: NonEmptyText
    date: date
    welcome: list[AbcItem] = []
    day: list[AbcItem] = []
    goodbye: list[AbcItem] = []

    duplicate: ClassVar[str] = "duplicate_day"
    key_fields: ClassVar[Mapping[str, str]] = {"child": "value", "date": "day"}
    child_field: ClassVar[str | None] = "child"
    names_children: ClassVar[tuple[str, ...]] = ("child",)


class DayOffRecord(YearRecord):
    date: date
    reason: Text = ""

    duplicate: ClassVar[str] = "duplicate_day_off"
    key_fields: ClassVar[Mapping[str, str]] = {"date": "day"}


Count = Annotated[int, msgspec.Meta(ge=1, le=600)]


class SamenSpelPlanRecord(YearRecord):
    """A Samen-Spel plan; it belongs to the school year it starts in (`start`)."""

    id: NonEmptyText
    child: NonEmptyText
    goal: NonEmptyText
    date: date = msgspec.field(name="start")
    weeks: Count = 12
    per_week: Count = 2
    minutes: Count = 15
    weekdays: list[Weekday] = []
    moment: Text = ""
    rule_play_week: Count = 7
    ended_on: dt.date | None = None  # `date` is the start here
    ended_early: bool = False
    end_note: Text = ""

    duplicate: ClassVar[str] = "duplicate_plan"
    key_fields: ClassVar[Mapping[str, str]] = {"id": "value"}
    child_field: ClassVar[str | None] = "child"
    names_children: ClassVar[tuple[str, ...]] = ("child",)


class SamenSpelSessionRecord(YearRecord):
    id: NonEmptyText
    plan: NonEmptyText
    child: NonEmptyText
    date: date
    minutes: Count
    components: list[PlayComponent]
    do_skills: list[DoSkill] = []
    dont_skills: list[DontSkill] = []
    day_in_class: DayInClass | None = None
    note: Text = ""

    duplicate: ClassVar[str] = "duplicate_session"
    key_fields: ClassVar[Mapping[str, str]] = {"id": "value"}
    child_field: ClassVar[str | None] = "child"
    names_children: ClassVar[tuple[str, ...]] = ("child",)


class CheckInRecord(YearRecord):
    """ "Waar bevind jij je nu?" for a child (her id), the class ("class") or me ("me")."""

    id: NonEmptyText
    subject: NonEmptyText
    date: date
    energy: Energy
    domains: list[StressDomain] = []
    note: Text = ""

    duplicate: ClassVar[str] = "duplicate_check_in"
    key_fields: ClassVar[Mapping[str, str]] = {"id": "value"}
    names_children: ClassVar[tuple[str, ...]] = ("subject",)


class StrategyUseRecord(YearRecord):
    """A strategy picked for someone in a state; its outcome may come later. A shipped
    strategy is named by its stable key."""

    id: NonEmptyText
    subject: NonEmptyText
    strategy: NonEmptyText
    date: date
    energy: Energy
    domains: list[StressDomain] = []
    outcome: Outcome | None = None
    note: Text = ""

    duplicate: ClassVar[str] = "duplicate_strategy_use"
    key_fields: ClassVar[Mapping[str, str]] = {"id": "value"}
    names_children: ClassVar[tuple[str, ...]] = ("subject",)


class JournalEntryRecord(YearRecord):
    """A journal entry: a free reflection, one on a prompt (its key), or the page of an
    analysis (its id). `children` are child ids."""

    id: NonEmptyText
    kind: EntryKind
    date: date
    time: Clock
    title: NonEmptyText
    text: Text = ""
    children: list[NonEmptyText] = []
    tags: list[NonEmptyText] = []
    starred: bool = False
    private: bool = False
    prompt: Text = ""
    analysis: Text = ""

    duplicate: ClassVar[str] = "duplicate_journal_entry"
    key_fields: ClassVar[Mapping[str, str]] = {"id": "value"}
    names_children: ClassVar[tuple[str, ...]] = ("children",)


class AnalysisRecord(YearRecord):
    """A Self-Reg incident analysis in five steps (it belongs to the day it began)."""

    id: NonEmptyText
    child: Text  # "": the class
    date: date
    time: Clock
    title: Text = ""
    what_happened: Text = ""
    reading: Reading | None = None
    not_seen: Text = ""
    child_stressors: dict[StressDomain, Text] = {}
    my_stressors: dict[StressDomain, Text] = {}
    need: RelationalNeed | None = None
    offer_now: Text = ""
    helps_child: Text = ""
    helps_me: Text = ""
    respond: Text = ""
    strategy: Text = ""
    follow_up: dt.date | None = None
    followed_up: bool = False
    finished: bool = False
    dropped: bool = False

    duplicate: ClassVar[str] = "duplicate_analysis"
    key_fields: ClassVar[Mapping[str, str]] = {"id": "value"}
    names_children: ClassVar[tuple[str, ...]] = ("child",)


class TeacherCheckInRecord(YearRecord):
    """The teacher's own check-in: one a day."""

    date: date
    energy: Level
    tension: Level
    drains: Text = ""
    recharges: Text = ""
    need_now: Text = ""
    need_later: Text = ""
    support: Text = ""

    duplicate: ClassVar[str] = "duplicate_teacher_check_in"
    key_fields: ClassVar[Mapping[str, str]] = {"date": "day"}


# The kinds whose entries belong to a school year, by their table in the live file and
# their list in an archive: the one declared list of them. The live file's and the
# archive's shapes, every file's checks and the store's kinds (school_years.kinds: the
# Store attribute named as each table) are made from it.
YEAR_BOUND: Mapping[str, type[YearRecord]] = {
    "abc": AbcRecord,
    "days_off": DayOffRecord,
    "samen_spel_plans": SamenSpelPlanRecord,
    "samen_spel_sessions": SamenSpelSessionRecord,
    "check_ins": CheckInRecord,
    "strategy_uses": StrategyUseRecord,
    "journal_entries": JournalEntryRecord,
    "analyses": AnalysisRecord,
    "teacher_check_ins": TeacherCheckInRecord,
}


# What each table of the live file (TinyDB's {table: {"<doc id>": {document}}}) holds.
# The settings are free text under free names (store.settings.set); "lang" is a language.
Settings = dict[str, Text]
SETTINGS_VOCABULARY: Mapping[str, tuple[str, ...]] = {"lang": LANGUAGES}

RECORDS: Mapping[str, type[Record] | type[Settings]] = {
    "meta": MetaRecord,
    "settings": Settings,
    "children": ChildRecord,
    "needs_profiles": NeedsProfileRecord,
    "own_strategies": OwnStrategyRecord,
    "hidden_strategies": HiddenStrategyRecord,
    "journal_drafts": DraftRecord,
    "journal_prompts": PromptRecord,
    **YEAR_BOUND,
}

_LIVE_FIELDS: list[tuple[str, Any, Any]] = [
    ("meta", dict[str, MetaRecord], msgspec.NODEFAULT),
    ("settings", dict[str, Settings], {}),
    ("children", dict[str, ChildRecord], {}),
    ("needs_profiles", dict[str, NeedsProfileRecord], {}),
    ("own_strategies", dict[str, OwnStrategyRecord], {}),
    ("hidden_strategies", dict[str, HiddenStrategyRecord], {}),
    ("journal_drafts", dict[str, DraftRecord], {}),
    ("journal_prompts", dict[str, PromptRecord], {}),
]

if TYPE_CHECKING:

    class LiveFile(Record):
        """The live file: its tables by document id; one table per kind of YEAR_BOUND
        (read them with `live_records` or `live_entries`)."""

        meta: dict[str, MetaRecord]
        settings: dict[str, Settings]
        children: dict[str, ChildRecord]
        needs_profiles: dict[str, NeedsProfileRecord]
        own_strategies: dict[str, OwnStrategyRecord]
        hidden_strategies: dict[str, HiddenStrategyRecord]
        journal_drafts: dict[str, DraftRecord]
        journal_prompts: dict[str, PromptRecord]

else:  # built from the declared list, so a year-bound kind added there has its table
    LiveFile = msgspec.defstruct(
        "LiveFile",
        [*_LIVE_FIELDS, *((name, dict[str, kind], {}) for name, kind in YEAR_BOUND.items())],
        bases=(Record,),
        module=__name__,
    )


class ArchiveMeta(Record):
    app: Text
    schema: int
    school_year: int


# What an archive holds beside its year-bound kinds: the children who left with its school
# year (their last one) and their needs profiles, as the live file's tables hold them.
PAST_CLASS: Mapping[str, type[Record]] = {
    "children": ChildRecord,
    "needs_profiles": NeedsProfileRecord,
}

if TYPE_CHECKING:

    class ArchiveFile(Record):
        """A closed school year: {"meta": {app, schema, school_year}, "abc": [...], ...}:
        one list per kind of YEAR_BOUND (read them with `archived_entries`), and the
        children who left with it (`children`, `needs_profiles`; schema 4)."""

        meta: ArchiveMeta
        children: list[ChildRecord]
        needs_profiles: list[NeedsProfileRecord]

else:  # built from the declared list, so a year-bound kind added there is allowed here
    ArchiveFile = msgspec.defstruct(
        "ArchiveFile",
        [
            ("meta", ArchiveMeta),
            *((name, list[kind], []) for name, kind in YEAR_BOUND.items()),
            *((name, list[record], []) for name, record in PAST_CLASS.items()),
        ],
        bases=(Record,),
        module=__name__,
    )


class ArchivedClass(msgspec.Struct):
    """An archive's header and its children who left, read alone: its other lists are
    skipped unread (they are checked when the year's entries are read)."""

    meta: ArchiveMeta
    children: list[ChildRecord] = []
    needs_profiles: list[NeedsProfileRecord] = []


def archived_entries(archive: ArchiveFile, kind: str) -> list[YearRecord]:
    """The entries of one year-bound kind in an archive, in the file's order."""
    entries: list[YearRecord] = getattr(archive, kind)
    return entries


def live_entries(live: LiveFile, kind: str) -> dict[str, YearRecord]:
    """The entries of one year-bound kind in the live file, by document id."""
    entries: dict[str, YearRecord] = getattr(live, kind)
    return entries


def live_records(live: LiveFile, record: type[R]) -> dict[str, R]:
    """The entries of the year-bound kind whose record is `record`, by document id."""
    (name,) = [name for name, declared in YEAR_BOUND.items() if declared is record]
    return cast("dict[str, R]", live_entries(live, name))


# The lists of an archive and what each entry holds.
ARCHIVE_RECORDS: Mapping[str, type[Record]] = {**YEAR_BOUND, **PAST_CLASS}


class ShapeError(ValueError):
    """The JSON parsed, but it is not shaped like our data file.

    `reason` names the sentence under `datafile.problem.*`; `params` fill it in.
    """

    def __init__(self, reason: str, **params: str) -> None:
        super().__init__(t(f"datafile.problem.{reason}", "en", **params))
        self.reason = reason
        self.params = params


class TooNewError(ValueError):
    def __init__(self, version: int) -> None:
        super().__init__(f"schema {version} is newer than {SCHEMA_VERSION}")
        self.version = version


class ForeignFileError(ValueError):
    """Valid JSON in TinyDB's shape, but not written by this app."""


def new_document() -> Raw:
    return {META_TABLE: {"1": {"app": APP_ID, "schema": SCHEMA_VERSION}}}


def _header_version(meta: object) -> int:
    if not isinstance(meta, dict) or meta.get("app") != APP_ID:
        raise ForeignFileError("no Classroom Companion header")
    version = meta.get("schema")
    if type(version) is not int or version < 1:
        raise ShapeError("schema_invalid")
    return version


def schema_version(raw: Raw) -> int:
    meta = raw.get(META_TABLE)
    return _header_version(meta.get("1") if isinstance(meta, dict) else None)


def archive_schema_version(raw: Raw) -> int:
    return _header_version(raw.get(META_TABLE))


# The tables schema 2 added (a migration stays as written: later tables are later steps).
TABLES_OF_SCHEMA_2 = (
    "needs_profiles",
    "samen_spel_plans",
    "samen_spel_sessions",
    "check_ins",
    "strategy_uses",
)


def _add_tables_of_schema_2(raw: Raw) -> Raw:
    """1 -> 2: the needs profiles, Samen-Spel and the rest corner, each an empty table."""
    for table in TABLES_OF_SCHEMA_2:
        raw.setdefault(table, {})
    return raw


TABLES_OF_SCHEMA_3 = (
    "own_strategies",
    "hidden_strategies",
    "journal_drafts",
    "journal_prompts",
    "journal_entries",
    "analyses",
    "teacher_check_ins",
)


def _add_tables_of_schema_3(raw: Raw) -> Raw:
    """2 -> 3: her own and hidden strategies, the journal (entries, drafts, her prompts),
    the analyses and her own check-ins, each an empty table."""
    for table in TABLES_OF_SCHEMA_3:
        raw.setdefault(table, {})
    return raw


def _archives_may_hold_past_children(raw: Raw) -> Raw:
    """3 -> 4: nothing changes in the live file. The children who left that it still
    holds move into the archive of their last school year at the next close (the move
    needs the archives, which a migration of this one file does not read)."""
    return raw


# version N -> function turning a version-N document into version N+1.
MIGRATIONS: Mapping[int, Migration] = {
    1: _add_tables_of_schema_2,
    2: _add_tables_of_schema_3,
    3: _archives_may_hold_past_children,
}


def migrate(
    raw: Raw, migrations: Mapping[int, Migration] = MIGRATIONS, target: int = SCHEMA_VERSION
) -> tuple[Raw, bool]:
    """Bring `raw` up to `target`, one step at a time; returns (document, changed)."""
    version = schema_version(raw)
    if version > target:
        raise TooNewError(version)
    changed = False
    while version < target:
        step = migrations.get(version)
        if step is None:
            raise ShapeError("no_migration", version=str(version))
        raw = step(raw)
        version += 1
        raw[META_TABLE]["1"]["schema"] = version
        changed = True
    return raw, changed
