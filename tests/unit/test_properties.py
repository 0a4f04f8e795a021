"""Whatever a teacher types or imports, the answer is a value or a reason, never a crash."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.domain.children import (
    ChildValidationError,
    collation_key,
    name_warnings,
    validate_child,
)
from companion.domain.roster_import import parse_roster, plan_import
from companion.reports.roster_import import format_report

TODAY = date(2026, 11, 25)


@settings(max_examples=200, deadline=None)
@given(first=st.text(), last=st.text(), born=st.text(max_size=20), note=st.text(max_size=50))
def test_any_form_input_is_a_draft_or_named_reasons(
    first: str, last: str, born: str, note: str
) -> None:
    try:
        draft = validate_child(
            first_name=first, last_name=last, birth_date=born, note=note, today=TODAY
        )
    except ChildValidationError as error:
        assert error.problems
        assert set(error.problems) <= {"first_name", "last_name", "birth_date", "note"}
    else:
        assert draft.first_name.strip() == draft.first_name != ""


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_plan_and_a_report(payload: bytes) -> None:
    plan = plan_import(parse_roster(payload, today=TODAY), [])
    for lang in ("nl", "en"):
        assert format_report(plan, lang)


CELL = st.text(
    alphabet=st.characters(blacklist_characters='\r\n;"\x00', blacklist_categories=["Cs"]),
    max_size=15,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(CELL, CELL), max_size=8))
def test_every_line_of_a_class_list_is_kept_or_refused(rows: list[tuple[str, str]]) -> None:
    lines = ["Voornaam;Naam"] + [f"{first};{last}" for first, last in rows]
    parsed = parse_roster("\r\n".join(lines).encode("utf-8"), today=TODAY)
    assert parsed.error is None
    blank = sum(1 for first, last in rows if not (first + last).strip())
    assert len(parsed.rows) + len(parsed.rejected) == len(rows) - blank


@given(st.text())
def test_collation_is_stable_and_case_blind(text: str) -> None:
    assert collation_key(text) == collation_key(collation_key(text))
    assert collation_key(text.upper()) == collation_key(text.lower()) or not text.isascii()


NAME_LETTERS = st.characters(categories=("Lu", "Ll", "Lt", "Lo", "Mn"))
NAMES = st.text(NAME_LETTERS | st.sampled_from(" -'’."), min_size=1, max_size=40).filter(
    lambda name: name.strip(" -'’.") != ""
)


@settings(max_examples=200, deadline=None)
@given(first=NAMES, last=NAMES)
def test_names_of_letters_are_never_questioned(first: str, last: str) -> None:
    try:
        draft = validate_child(first_name=first, last_name=last, today=TODAY)
    except ChildValidationError:
        return
    assert name_warnings(draft) == {}


@settings(max_examples=200, deadline=None)
@given(name=NAMES, digit=st.characters(categories=["Nd"]), at=st.integers(0, 40))
def test_a_name_with_a_digit_is_questioned(name: str, digit: str, at: int) -> None:
    odd = name[:at] + digit + name[at:]
    draft = validate_child(first_name=odd, last_name=name, today=TODAY)
    assert set(name_warnings(draft)) == {"first_name"}


@settings(max_examples=200, deadline=None)
@given(day=st.dates(), separator=st.sampled_from("/.-"))
def test_a_date_typed_as_a_name_is_questioned_as_a_date(day: date, separator: str) -> None:
    text = separator.join((f"{day.day:02d}", f"{day.month:02d}", f"{day.year}"))
    draft = validate_child(first_name="Anna", last_name=text, today=TODAY)
    assert name_warnings(draft) == {"last_name": "name_looks_like_date"}
