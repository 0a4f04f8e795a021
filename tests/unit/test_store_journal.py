"""The journal, analyses and the teacher's own check-ins in the real store on disk: kept
when the call returns, searched across every school year (archives too), a delete undone,
drafts kept durably, bad input refused with nothing written, the export holding them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest

from companion.domain.children import ChildDraft
from companion.domain.journal import Draft, JournalEntry, JournalInputError, parse_query
from companion.domain.self_reg import Analysis, AnalysisInputError
from companion.domain.teacher_check_in import TeacherCheckIn
from companion.store import Store

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 16, 30)
LAST_YEAR = datetime(2026, 3, 2, 15, 0)


def entry(text: str, at: datetime = NOW, **fields: object) -> JournalEntry:
    return JournalEntry("", "reflection", at, "", text, **fields)  # type: ignore[arg-type]


def test_an_entry_is_kept_found_by_a_child_s_name_and_a_delete_is_undone(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=TODAY) as store:
        zoe = store.children.add(ChildDraft("Zoë", "Peeters")).id
        kept = store.journal.save(entry("Vandaag @boos in de kring", children=frozenset({zoe})))
        assert kept.id and kept.title == "Vandaag @boos in de kring"
    with Store.open(path, today=TODAY) as store:
        assert store.journal.search(parse_query("zoe @BOOS")) == [kept]
        assert store.journal.tag_counts() == [("boos", 1)]
        store.journal.delete(kept)
    with Store.open(path, today=TODAY) as store:
        assert store.journal.of_year() == []
        store.journal.save(kept)  # undo
    with Store.open(path, today=TODAY) as store:
        assert store.journal.find(kept.id) == kept


def test_last_year_s_entries_are_archived_with_it_and_still_found(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=date(2026, 3, 2)) as store:
        old = store.journal.save(entry("Eerste sneeuw, iedereen wild", LAST_YEAR))
    with Store.open(path, today=TODAY) as store:
        store.school_years.close()
        assert store.school_years.has_archive(2025)
        new = store.journal.save(entry("Rustige kring"))
        assert store.journal.search(parse_query("sneeuw")) == [old]
        assert [e.id for e in store.journal.everything()] == [old.id, new.id]
        exported = store.export_document()
        assert [e["title"] for e in exported["journal_entries"]] == [old.title, new.title]


def test_a_draft_is_on_disk_when_kept_and_gone_when_dropped(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    draft = Draft("new", "prompt", "Een Andy", "Half geschreven…", NOW, prompt="an_andy")
    with Store.open(path, today=TODAY) as store:
        store.journal.drafts.keep(draft)
        store.journal.drafts.keep(replace(draft, text="Half geschreven, en verder"))
    assert len(orjson.loads(path.read_bytes())["journal_drafts"]) == 1
    with Store.open(path, today=TODAY) as store:
        kept = store.journal.drafts.get("new")
        assert kept is not None and kept.text == "Half geschreven, en verder"
        store.journal.drafts.drop("new")
    with Store.open(path, today=TODAY) as store:
        assert store.journal.drafts.get("new") is None


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (entry("x" * 100_001), "text"),
        (entry("boos\x1b[2J"), "text"),
        (entry("   "), "title"),
        (entry("ok", children=frozenset({"nobody"})), "children"),
    ],
)
def test_what_cannot_be_kept_is_refused_and_nothing_written(
    tmp_path: Path, bad: JournalEntry, field: str
) -> None:
    with Store.open(tmp_path / "klas.json", today=TODAY) as store:
        before = store.revision
        with pytest.raises(JournalInputError) as refused:
            store.journal.save(bad)
        assert refused.value.field == field and store.revision == before


def test_her_prompts_follow_the_deck_s_seven(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=TODAY) as store:
        mine = store.journal.own_prompts.add("  Wat deed me vandaag glimlachen?  ")
        with pytest.raises(JournalInputError):
            store.journal.own_prompts.add("\x00")
    with Store.open(path, today=TODAY) as store:
        keys = [prompt.key for prompt in store.journal.prompts()]
        assert keys[:2] == ["like_jelke", "an_andy"] and keys[-1] == mine.key
        assert store.journal.prompts()[-1].text_in("en") == "Wat deed me vandaag glimlachen?"
        assert store.export_document()["journal_prompts"] == [
            {"key": mine.key, "text": "Wat deed me vandaag glimlachen?"}
        ]


def test_an_analysis_is_kept_as_far_as_she_got_and_finished_later(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=TODAY) as store:
        andy = store.children.add(ChildDraft("Andy", "Maes")).id
        started = store.self_reg.save(
            Analysis("", andy, NOW, my_stressors={"biological": "slecht geslapen"})
        )
        with pytest.raises(AnalysisInputError):
            store.self_reg.save(replace(started, finished=True))
    with Store.open(path, today=TODAY) as store:
        assert store.self_reg.unfinished() == [started]
        done = store.self_reg.save(
            replace(
                started,
                title="De blokken",
                what_happened="Hij gooide",
                respond="Samen-Spel",
                follow_up=TODAY,
                finished=True,
            )
        )
    with Store.open(path, today=TODAY) as store:
        assert store.self_reg.unfinished() == []
        assert store.self_reg.follow_ups_due() == [done]
        assert store.self_reg.of_child(andy) == [done]
        (exported,) = store.export_document()["analyses"]
        assert exported["my_stressors"] == {"biological": "slecht geslapen"}


def test_her_check_in_is_one_a_day_and_her_trend_follows(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=TODAY) as store:
        store.teacher_check_in.save(TeacherCheckIn(TODAY, "low", "high"))
        store.teacher_check_in.save(TeacherCheckIn(TODAY, "ok", "ok", recharges="wandelen"))
        for back in (1, 2, 3):
            store.teacher_check_in.save(TeacherCheckIn(date(2026, 11, 25 - back), "low", "ok"))
    with Store.open(path, today=TODAY) as store:
        today = store.teacher_check_in.on()
        assert today is not None and today.zone == "green" and today.recharges == "wandelen"
        assert len(store.teacher_check_in.of_year()) == 4
        assert store.teacher_check_in.suggest_care() is None
        week = store.teacher_check_in.trend(weeks=1)[0]
        assert (week.green, week.too_little) == (1, 2)
        assert len(store.export_document()["teacher_check_ins"]) == 4


def test_a_damaged_entry_is_named_where_it_is_even_after_samen_spel_plans(
    tmp_path: Path,
) -> None:
    """A plan's start is stored as "start": the message still points at the bad entry."""
    from companion.domain.samen_spel import SamenSpelPlan
    from companion.store.errors import DataFileError

    path = tmp_path / "klas.json"
    with Store.open(path, today=TODAY) as store:
        andy = store.children.add(ChildDraft("Andy", "Maes")).id
        store.samen_spel.add_plan(SamenSpelPlan("", andy, "Andy leidt", TODAY))
        store.journal.save(entry("Rustige dag"))
    document = orjson.loads(path.read_bytes())
    (kept,) = document["journal_entries"].values()
    kept["time"] = "25:99"
    path.write_bytes(orjson.dumps(document))
    with pytest.raises(DataFileError) as refused:
        Store.open(path, today=TODAY)
    said = str(refused.value.message("en"))
    assert "journal_entries" in said and "time" in said and "samen_spel_plans" not in said
    assert orjson.loads(path.read_bytes()) == document  # never overwritten


def test_an_entry_never_moves_to_another_school_year(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=date(2026, 3, 2)) as store:
        old = store.journal.save(entry("Eerste sneeuw", LAST_YEAR))
    with Store.open(path, today=TODAY) as store:
        moved = replace(old, written_at=NOW)
        with pytest.raises(JournalInputError) as refused:
            store.journal.save(moved)
        assert (refused.value.field, refused.value.reason) == ("date", "other_school_year")
        store.school_years.close()
        with pytest.raises(JournalInputError):
            store.journal.save(moved)
        assert [e.id for e in store.journal.everything()] == [old.id]
