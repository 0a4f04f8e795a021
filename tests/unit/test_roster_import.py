"""CSV class-list import: decoding, columns, validation with line numbers, duplicates, report."""

from __future__ import annotations

import codecs
import csv
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.domain.children import Child, ChildDraft
from companion.domain.roster_import import (
    MAX_FILE_BYTES,
    FileProblem,
    ImportPlan,
    ParsedRoster,
    Rejection,
    parse_roster,
    plan_import,
)
from companion.i18n import catalog
from companion.reports.roster_import import format_report

TODAY = date(2024, 9, 1)


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return "\r\n".join(lines).encode(encoding) + b"\r\n"


def names(parsed: ParsedRoster) -> list[tuple[int, str, str]]:
    return [(row.line, row.draft.first_name, row.draft.last_name) for row in parsed.rows]


def reasons(parsed: ParsedRoster) -> list[tuple[int, str]]:
    return [(item.line, item.reason) for item in parsed.rejected]


def child(first: str, last: str, born: date | None, id_: str = "c1") -> Child:
    return Child(id=id_, first_name=first, last_name=last, birth_date=born, added_on=TODAY)


# --- Delimiters, encodings, headers -------------------------------------------------------


def test_comma_file_with_english_headers() -> None:
    parsed = parse_roster(
        csv_bytes("First name,Last name,Birth date", "Zoë,Peeters,14/03/2021", "Lars,Maes,"),
        today=TODAY,
    )
    assert parsed.error is None
    assert parsed.rejected == []
    assert [row.draft for row in parsed.rows] == [
        ChildDraft("Zoë", "Peeters", date(2021, 3, 14)),
        ChildDraft("Lars", "Maes", None),
    ]


def test_semicolon_file_with_dutch_headers() -> None:
    parsed = parse_roster(
        csv_bytes("Voornaam;Naam;Geboortedatum", "Jérôme;Van den Broeck;02/11/2020"),
        today=TODAY,
    )
    assert [row.draft for row in parsed.rows] == [
        ChildDraft("Jérôme", "Van den Broeck", date(2020, 11, 2))
    ]


def test_tab_separated_file() -> None:
    parsed = parse_roster(
        csv_bytes("voornaam\tachternaam\tgeboortedatum", "Noémie\tDe Smet\t2021-01-05"),
        today=TODAY,
    )
    assert names(parsed) == [(2, "Noémie", "De Smet")]


@pytest.mark.parametrize(
    ("first", "last", "born"),
    [
        ("FIRSTNAME", "LASTNAME", "BIRTHDATE"),
        ("Given name", "Surname", "Date of birth"),
        ("first_name", "family name", "birth-date"),
        ("Voornaam", "Familienaam", "Geboorte datum"),
        (" voornaam ", "Achternaam", "geboortedatum"),
    ],
)
def test_header_names_are_case_space_and_punctuation_blind(
    first: str, last: str, born: str
) -> None:
    parsed = parse_roster(
        csv_bytes(f"{first};{last};{born}", "Zoë;Peeters;14/03/2021"), today=TODAY
    )
    assert [row.draft for row in parsed.rows] == [ChildDraft("Zoë", "Peeters", date(2021, 3, 14))]


def test_utf8_with_bom() -> None:
    data = codecs.BOM_UTF8 + csv_bytes("Voornaam;Naam;Geboortedatum", "Zoë;Peeters;14/03/2021")
    parsed = parse_roster(data, today=TODAY)
    assert names(parsed) == [(2, "Zoë", "Peeters")]


def test_cp1252_file_is_decoded() -> None:
    data = csv_bytes(
        "Voornaam;Naam;Geboortedatum",
        "Zoë;D'hondt;14/03/2021",
        "Jérôme;Peeters;02/11/2020",
        "Noémie;Claes;05/01/2021",
        "Anaïs;D’hondt;06/01/2021",
        encoding="cp1252",
    )
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    parsed = parse_roster(data, today=TODAY)
    assert names(parsed) == [
        (2, "Zoë", "D'hondt"),
        (3, "Jérôme", "Peeters"),
        (4, "Noémie", "Claes"),
        (5, "Anaïs", "D’hondt"),
    ]


def test_utf16_export_with_bom_is_decoded() -> None:
    data = codecs.BOM_UTF16_LE + "Voornaam\tNaam\nZoë\tPeeters\n".encode("utf-16-le")
    assert names(parse_roster(data, today=TODAY)) == [(2, "Zoë", "Peeters")]


def test_title_line_above_the_header_is_passed_over() -> None:
    parsed = parse_roster(
        csv_bytes("Klaslijst K3A, schooljaar 2024-2025", "Voornaam;Naam", "Zoë;Peeters"),
        today=TODAY,
    )
    assert names(parsed) == [(3, "Zoë", "Peeters")]


def test_sniffer_is_overruled_when_its_delimiter_finds_no_header() -> None:
    text = "Voornaam;Naam\r\nZoë;D'hondt, 't Kindje, 'x'\r\nLars;'Maes', 'y'\r\n"
    assert csv.Sniffer().sniff(text, delimiters=",;\t").delimiter == ","
    parsed = parse_roster(text.encode(), today=TODAY)
    # Read with ';' (its header names the columns); a comma inside a name is then a row
    # written with another delimiter, refused by line rather than imported as a name.
    assert parsed.error is None
    assert reasons(parsed) == [
        (2, "roster_import.reason.other_delimiter.comma"),
        (3, "roster_import.reason.other_delimiter.comma"),
    ]


def test_single_column_file() -> None:
    assert names(parse_roster(csv_bytes("Voornaam", "Zoë", "Lars"), today=TODAY)) == [
        (2, "Zoë", ""),
        (3, "Lars", ""),
    ]


# --- Dates, groups, notes, layout ------------------------------------------------------


def test_all_date_formats() -> None:
    parsed = parse_roster(
        csv_bytes(
            "Voornaam;Naam;Geboortedatum",
            "A;X;14/03/2021",
            "B;X;14-03-2021",
            "C;X;14.03.2021",
            "D;X;2021-03-14",
            "E;X;4/3/2021",
        ),
        today=TODAY,
    )
    assert parsed.rejected == []
    assert [row.draft.birth_date for row in parsed.rows] == [date(2021, 3, 14)] * 4 + [
        date(2021, 3, 4)
    ]


def test_groups_in_english_keys_and_dutch_words() -> None:
    parsed = parse_roster(
        csv_bytes(
            "Voornaam,Groep",
            "A,",
            "B,alle",
            "C,Onzichtbaar",
            "D,moeilijk hanteerbaar",
            "E,hard_to_manage",
            "F,invisible",
            "G,sterren",
        ),
        today=TODAY,
    )
    assert [row.draft.group for row in parsed.rows] == [
        "all",
        "all",
        "invisible",
        "hard_to_manage",
        "hard_to_manage",
        "invisible",
    ]
    assert reasons(parsed) == [(8, "roster_import.reason.group_unknown")]


def test_blank_lines_delimiter_only_lines_and_extra_columns_are_ignored() -> None:
    parsed = parse_roster(
        csv_bytes(
            "Klas;Voornaam;Naam;Geboortedatum;Schoolbus",
            "",
            "K3A;Zoë;Peeters;14/03/2021;ja",
            ";;;;",
            "   ",
            "K3A;Lars;Maes;01/02/2021;nee",
        ),
        today=TODAY,
    )
    assert reasons(parsed) == []
    assert names(parsed) == [(3, "Zoë", "Peeters"), (6, "Lars", "Maes")]


def test_quoted_field_holding_the_delimiter_and_a_quote() -> None:
    parsed = parse_roster(
        csv_bytes(
            "Voornaam,Naam,Geboortedatum,Notitie",
            'Zoë,Peeters,14/03/2021,"Houdt van rood, blauw en ""Nijntje"""',
            "Lars,Van den Broeck,01/02/2021,",
        ),
        today=TODAY,
    )
    assert [(row.draft.last_name, row.draft.note) for row in parsed.rows] == [
        ("Peeters", 'Houdt van rood, blauw en "Nijntje"'),
        ("Van den Broeck", ""),
    ]


def test_multi_line_note_keeps_physical_line_numbers() -> None:
    parsed = parse_roster(
        csv_bytes(
            "Voornaam;Naam;Notitie",
            'Zoë;Peeters;"eerste lijn',
            'tweede lijn"',
            "Lars;Maes;",
            ";;",
            "Mona;;",
        ),
        today=TODAY,
    )
    assert names(parsed) == [(2, "Zoë", "Peeters"), (4, "Lars", "Maes"), (6, "Mona", "")]
    assert parsed.rows[0].draft.note == "eerste lijn\ntweede lijn"


@pytest.mark.parametrize(
    "bad_row", ['Lars;"Maes;01/02/2021', 'Lars;Maes;01/02/2021;"houdt van rood']
)
def test_unclosed_quote_is_reported_instead_of_swallowing_the_file_silently(bad_row: str) -> None:
    parsed = parse_roster(
        csv_bytes(
            "Voornaam;Naam;Geboortedatum;Notitie",
            "Zoë;Peeters;14/03/2021;",
            bad_row,
            "Mona;Claes;03/03/2021;",
            "Tuur;Wouters;04/03/2021;",
        ),
        today=TODAY,
    )
    assert names(parsed) == [(2, "Zoë", "Peeters")]
    assert parsed.rejected == [Rejection(3, "roster_import.reason.unclosed_quote", {"end": 5})]


@pytest.mark.parametrize(
    ("header", "good", "bad", "word"),
    [
        # Excel pads the row with empty cells, so the column count alone does not show it.
        ("Voornaam;Naam;Geboortedatum", "Anna;Peeters;01/02/2021", "Tim,Maes;;", "comma"),
        ("Voornaam;Naam;Geboortedatum", "Anna;Peeters;01/02/2021", "Tim,Maes;;02/03/2021", "comma"),
        ("First name,Last name,Group", "Anna,Peeters,", "Tim;Maes;invisible,,", "semicolon"),
        ("Voornaam;Naam", "Anna;Peeters", "Tim\tMaes;", "tab"),
    ],
)
def test_a_row_separated_by_another_delimiter_is_rejected_by_line(
    header: str, good: str, bad: str, word: str
) -> None:
    parsed = parse_roster(csv_bytes(header, good, bad), today=TODAY)
    assert names(parsed) == [(2, "Anna", "Peeters")]
    assert reasons(parsed) == [(3, f"roster_import.reason.other_delimiter.{word}")]
    report = format_report(plan_import(parsed, []), "nl")
    assert "geweigerd: 1" in report
    assert 'lijn 3: De cel "Tim' in report


def test_the_other_delimiter_in_a_note_is_just_text() -> None:
    parsed = parse_roster(
        csv_bytes("Voornaam;Naam;Notitie", "Anna;Peeters;speelt graag, lacht veel"), today=TODAY
    )
    assert reasons(parsed) == []
    assert [row.draft.note for row in parsed.rows] == ["speelt graag, lacht veel"]


def test_a_row_with_more_filled_cells_than_the_header_names_is_rejected() -> None:
    parsed = parse_roster(
        csv_bytes("Voornaam;Naam;;", "Anna;Peeters;;", "Tim;Maes;02/03/2021;", "Lars;Maes"),
        today=TODAY,
    )
    assert names(parsed) == [(2, "Anna", "Peeters"), (4, "Lars", "Maes")]
    assert parsed.rejected == [
        Rejection(3, "roster_import.reason.too_many_columns", {"found": 3, "expected": 2})
    ]


NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëAZ -'", min_size=1, max_size=12).filter(
    lambda text: text.strip() != ""
)


@settings(max_examples=100, deadline=None)
@given(
    delimiter=st.sampled_from(",;\t"),
    rows=st.lists(
        st.tuples(NAME, NAME, st.sampled_from(",;\t"), st.integers(0, 3)), min_size=1, max_size=8
    ),
)
def test_every_row_written_with_another_delimiter_is_rejected_on_its_line(
    delimiter: str, rows: list[tuple[str, str, str, int]]
) -> None:
    lines = [delimiter.join(["Voornaam", "Naam", "Groep"])]
    mixed: list[int] = []
    for line, (first, last, used, padding) in enumerate(rows, start=2):
        lines.append(used.join([first, last]) + delimiter * padding)
        if used != delimiter:
            mixed.append(line)
    parsed = parse_roster(csv_bytes(*lines), today=TODAY)
    assert parsed.error is None
    assert [item.line for item in parsed.rejected] == mixed
    assert all(
        item.reason.startswith("roster_import.reason.other_delimiter.") for item in parsed.rejected
    )
    assert len(parsed.rows) == len(rows) - len(mixed)
    for row in parsed.rows:
        assert not any(other in row.draft.first_name + row.draft.last_name for other in ",;\t")


def test_missing_trailing_optional_column_is_empty_but_missing_core_column_is_rejected() -> None:
    parsed = parse_roster(
        csv_bytes("Voornaam;Naam;Geboortedatum;Notitie", "Zoë;Peeters;14/03/2021", "Lars;Maes"),
        today=TODAY,
    )
    assert names(parsed) == [(2, "Zoë", "Peeters")]
    assert parsed.rejected == [
        Rejection(3, "roster_import.reason.too_few_columns", {"found": 2, "expected": 3})
    ]


# --- Bad rows --------------------------------------------------------------------------


def test_bad_rows_are_rejected_with_their_line_and_good_rows_kept() -> None:
    parsed = parse_roster(
        csv_bytes(
            "Voornaam;Naam;Geboortedatum",  # 1
            "Zoë;Peeters;14/03/2021",  # 2
            ";Maes;01/02/2021",  # 3
            "",  # 4
            "Lars;Claes;01/01/2030",  # 5
            "Mona;Janssens;01/01/1900",  # 6
            "Tuur;Wouters;31/02/2021",  # 7
            f"{'A' * 10_000};Goossens;01/01/2021",  # 8
            "Ro\x07bin;Jacobs;01/01/2021",  # 9
            "Nina;De\x1bWolf;01/01/2021",  # 10
            "Jef;Mertens;maart 2021",  # 11
            "Noémie;Van den Broeck;05/01/2021",  # 12
        ),
        today=TODAY,
    )
    assert names(parsed) == [(2, "Zoë", "Peeters"), (12, "Noémie", "Van den Broeck")]
    assert reasons(parsed) == [
        (3, "errors.field.name_required"),
        (5, "errors.field.birth_date_future"),
        (6, "errors.field.birth_date_too_old"),
        (7, "errors.field.date_impossible"),
        (8, "errors.field.name_too_long"),
        (9, "errors.field.name_control_characters"),
        (10, "errors.field.name_control_characters"),
        (11, "errors.field.birth_date_format"),
    ]


def test_undefined_cp1252_byte_rejects_only_its_row() -> None:
    data = csv_bytes("Voornaam;Naam", "Zoë;Peeters", encoding="cp1252") + b"Lars;Ma\x81es\r\n"
    parsed = parse_roster(data, today=TODAY)
    assert names(parsed) == [(2, "Zoë", "Peeters")]
    assert reasons(parsed) == [(3, "errors.field.name_control_characters")]


# --- File-level problems -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "roster_import.file.empty"),
        (codecs.BOM_UTF8, "roster_import.file.empty"),
        (b"\r\n  \r\n;;;\r\n", "roster_import.file.empty"),
        (b"Voornaam;Naam\x00\x00\x01\x02", "roster_import.file.binary"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "roster_import.file.binary"),
        (
            b"Zo\xc3\xab;Peeters;14/03/2021\r\nLars;Maes;01/02/2021\r\n",
            "roster_import.file.no_header",
        ),
        (b"Naam;Geboortedatum\r\nPeeters;14/03/2021\r\n", "roster_import.file.no_header"),
    ],
)
def test_file_level_problems(data: bytes, reason: str) -> None:
    parsed = parse_roster(data, today=TODAY)
    assert parsed == ParsedRoster(error=FileProblem(reason))


def test_file_over_two_megabytes_is_refused() -> None:
    header = b"Voornaam;Naam\r\n"
    filler = b"Zoe;Peeters\r\n" * (MAX_FILE_BYTES // 13 + 1)
    parsed = parse_roster(header + filler, today=TODAY)
    assert parsed.error == FileProblem("roster_import.file.too_large", {"limit": 2})
    assert parsed.rows == []


def test_file_of_exactly_two_megabytes_is_read() -> None:
    data = b"Voornaam;Naam\r\nZoe;Peeters\r\n"
    data += b" " * (MAX_FILE_BYTES - len(data))
    assert names(parse_roster(data, today=TODAY)) == [(2, "Zoe", "Peeters")]


def test_cell_beyond_the_csv_field_limit_is_a_file_problem() -> None:
    data = b'Voornaam;Naam\r\nZoe;"' + b"x" * 200_000 + b'"\r\n'
    parsed = parse_roster(data, today=TODAY)
    assert parsed.error is not None
    assert parsed.error.reason == "roster_import.file.malformed"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    parsed = parse_roster(b"Voornaam;Naam;Geboortedatum;Groep\n" + data, today=TODAY)
    assert isinstance(format_report(plan_import(parsed, []), "nl"), str)


# --- Planning ------------------------------------------------------------------------------


def test_duplicates_within_the_file_and_against_the_class_are_skipped() -> None:
    parsed = parse_roster(
        csv_bytes(
            "Voornaam;Naam;Geboortedatum",
            "Zoë;Peeters;14/03/2021",  # 2: already in the class
            "Lars;Maes;01/02/2021",  # 3: new
            "LARS;maes;01-02-2021",  # 4: repeats line 3
            "Lars;Maes;02/02/2021",  # 5: other birth date, so another child
            "Noemie;Claes;05/01/2021",  # 6: already in the class as Noémie
            ";;",
            "Tuur;;",  # 8: new
        ),
        today=TODAY,
    )
    existing = [
        child("Zoe", "PEETERS", date(2021, 3, 14), "c1"),
        child("Noémie", "Claes", date(2021, 1, 5), "c2"),
        child("Zoë", "Peeters", date(2020, 3, 14), "c3"),
    ]
    plan = plan_import(parsed, existing)
    assert [(draft.first_name, draft.birth_date) for draft in plan.to_add] == [
        ("Lars", date(2021, 2, 1)),
        ("Lars", date(2021, 2, 2)),
        ("Tuur", None),
    ]
    assert [(item.line, item.draft.first_name, item.earlier_line) for item in plan.skipped] == [
        (2, "Zoë", None),
        (4, "LARS", 3),
        (6, "Noemie", None),
    ]


def test_plan_carries_rejections_and_file_problems() -> None:
    parsed = parse_roster(csv_bytes("Voornaam;Naam", ";Peeters", "Zoë;Peeters"), today=TODAY)
    plan = plan_import(parsed, [])
    assert plan.rejected == [Rejection(2, "errors.field.name_required")]
    assert plan.to_add == [ChildDraft("Zoë", "Peeters")]
    empty = plan_import(parse_roster(b"", today=TODAY), [])
    assert empty == ImportPlan(error=FileProblem("roster_import.file.empty"))


# --- Report ---------------------------------------------------------------------------------


def _sample_plan() -> ImportPlan:
    parsed = parse_roster(
        csv_bytes(
            "Voornaam;Naam;Geboortedatum",
            "Zoë;Peeters;14/03/2021",
            "Lars;Maes;01/02/2021",
            "Lars;Maes;01/02/2021",
            "Tuur;Wouters;01/01/2030",
            "Mona",
        ),
        today=TODAY,
    )
    return plan_import(parsed, [child("Zoë", "Peeters", date(2021, 3, 14))])


def test_report_in_english() -> None:
    assert format_report(_sample_plan(), "en") == (
        "Added 1, skipped 2 (already in the class), rejected 2.\n"
        "line 2: Zoë Peeters is already in the class, so this line was skipped.\n"
        "line 4: Lars Maes is already on line 3 of this file, so this line was skipped.\n"
        "line 5: That birth date lies in the future.\n"
        "line 6: This line has only 1 of the 3 columns."
    )


def test_report_in_dutch() -> None:
    assert format_report(_sample_plan(), "nl") == (
        "Toegevoegd: 1, overgeslagen: 2 (zitten al in de klas), geweigerd: 2.\n"
        "lijn 2: Zoë Peeters zit al in de klas, dus deze lijn werd overgeslagen.\n"
        "lijn 4: Lars Maes staat al op lijn 3 van dit bestand, dus deze lijn werd overgeslagen.\n"
        "lijn 5: Die geboortedatum ligt in de toekomst.\n"
        "lijn 6: Deze lijn heeft maar 1 van de 3 kolommen."
    )


def test_report_of_a_refused_file_is_the_translated_reason() -> None:
    plan = plan_import(parse_roster(b"\x00\x01", today=TODAY), [])
    assert format_report(plan, "en").startswith("This is not a text file.")
    assert format_report(plan, "nl").startswith("Dit is geen tekstbestand.")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_reason_the_import_can_give_is_translated(lang: str) -> None:
    strings = catalog(lang)
    keys = [key for key in catalog("en") if key.startswith("roster_import.")]
    assert keys and all(key in strings for key in keys)
    assert set(keys) == {key for key in strings if key.startswith("roster_import.")}
    used = [
        "roster_import.file.empty",
        "roster_import.file.too_large",
        "roster_import.file.binary",
        "roster_import.file.no_header",
        "roster_import.file.malformed",
        "roster_import.reason.too_few_columns",
        "roster_import.reason.unclosed_quote",
        "roster_import.reason.group_unknown",
        "roster_import.reason.too_many_columns",
        "roster_import.reason.other_delimiter.comma",
        "roster_import.reason.other_delimiter.semicolon",
        "roster_import.reason.other_delimiter.tab",
        "roster_import.summary",
        "roster_import.rejected_line",
        "roster_import.skipped_existing",
        "roster_import.skipped_repeat",
    ]
    assert [key for key in used if key not in strings] == []
