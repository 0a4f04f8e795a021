"""Any class history (children joining, ticked and leaving in any school years; the years
closed one by one or all at once): after closing, each child is in exactly one place,
the class in the live file and each child who left in the archive of her last school
year, every child is found, and an export imported into a new file puts each one back in
the same place. Real stores in a temporary folder per example."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.domain.children import ChildDraft
from companion.domain.rest_corner import ME, CheckIn
from companion.store import Store
from companion.store.codec import encode_export
from companion.store.files import archive_dir_for
from companion.store.importing import import_export

YEARS = (2022, 2023, 2024, 2025)  # the history; today is in 2026-2027
TODAY = date(2026, 9, 7)


def in_year(year: int) -> date:
    return date(year, 10, 3)


@dataclass(frozen=True)
class Pupil:
    joined: int
    ticked: frozenset[int]  # school years with a tick (from the one she joined)
    left: int | None  # the school year she left in (archived), None: in the class

    @property
    def last_year(self) -> int:
        return max({self.joined, *self.ticked})


@st.composite
def pupils(draw: st.DrawFn) -> Pupil:
    joined = draw(st.sampled_from(YEARS))
    left = draw(st.none() | st.sampled_from([y for y in YEARS if y >= joined]))
    until = left if left is not None else YEARS[-1]
    ticked = draw(st.frozensets(st.sampled_from([y for y in YEARS if joined <= y <= until])))
    return Pupil(joined, ticked, left)


def live_ids(path: Path) -> list[str]:
    return [row["id"] for row in orjson.loads(path.read_bytes())["children"].values()]


def places(path: Path) -> dict[str, list[int | None]]:
    """Every file each child is in: None for the live file, else an archive's year."""
    where: dict[str, list[int | None]] = {}
    for child_id in live_ids(path):
        where.setdefault(child_id, []).append(None)
    for archive in sorted(archive_dir_for(path).glob("*.json")):
        for row in orjson.loads(archive.read_bytes()).get("children", []):
            where.setdefault(row["id"], []).append(int(archive.stem[:4]))
    return where


def live_through(path: Path, history: list[Pupil], *, close_each_year: bool) -> list[str]:
    """The history lived year by year (closing each past year as it goes, or none until
    today); returns the children's ids in `history`'s order."""
    ids: dict[int, str] = {}
    for year in YEARS:
        with Store.open(path, today=in_year(year), backup=False) as store:
            if close_each_year:
                store.school_years.close()
            # Her own check-in each year: the date is never in doubt, every year closes.
            store.rest_corner.check_in(CheckIn("", ME, in_year(year), "green"))
            for number, pupil in enumerate(history):
                if pupil.joined == year:
                    draft = ChildDraft(f"Kind{number}", "Test")
                    ids[number] = store.children.add(draft, added_on=in_year(year)).id
                if year in pupil.ticked:
                    day = store.abc.day(ids[number], in_year(year))
                    store.abc.save(day.toggled("day", "smile"))
                if pupil.left == year:
                    store.children.set_archived(ids[number], True)
    return [ids[number] for number in range(len(history))]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(history=st.lists(pupils(), min_size=1, max_size=6), close_each_year=st.booleans())
def test_after_closing_each_child_is_in_exactly_one_place(
    history: list[Pupil], close_each_year: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "klas.json"
        ids = live_through(path, history, close_each_year=close_each_year)
        with Store.open(path, today=TODAY, backup=False) as store:
            store.school_years.close()
            found = {child.id for child in store.children.all(include_archived=True)}
            assert found == set(ids)
            assert {child.id for child in store.children.all()} == {
                child_id for child_id, p in zip(ids, history, strict=True) if p.left is None
            }
            export = encode_export(store.export_document())
        where = places(path)
        for child_id, pupil in zip(ids, history, strict=True):
            expected: int | None = pupil.last_year if pupil.left is not None else None
            assert where[child_id] == [expected], (pupil, where[child_id])
        # An export read into a new file puts each child in the same place.
        source = Path(folder) / "export.json"
        source.write_bytes(export)
        target = Path(folder) / "nieuw" / "klas.json"
        import_export(target, source, today=TODAY)
        assert places(target) == where
