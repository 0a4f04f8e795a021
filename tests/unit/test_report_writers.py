"""The report writers: Markdown for the preview, one self-contained printable HTML file,
one CSV of every table, inline SVG charts, and safe file names. Reports are built by hand
here with every kind of block, names that look like HTML, a cell that looks like a formula,
in Dutch and in English."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from companion.reports.csv_tables import report_csv
from companion.reports.document import (
    Bar,
    BarChart,
    Bullets,
    Cell,
    HeatGrid,
    Paragraph,
    Report,
    Section,
    Table,
)
from companion.reports.formats import FORMATS, file_name, rendered
from companion.reports.html import html
from companion.reports.markdown import escaped, markdown
from companion.reports.svg import bar_chart_svg, heat_grid_svg

TRICKY = "Zoë <b>&'\""
NOTICE_NL = "Bevat privénotities: niet doorgeven"
NOTICE_EN = "Holds private notes: do not pass on"
VOID = {"meta", "br", "rect", "line", "path", "circle", "img", "link", "input", "hr", "col"}


def sample(lang: str = "nl", private: bool = True) -> Report:
    """A report with every block type; Dutch or English words, the same tricky data."""
    dutch = lang == "nl"
    grid = HeatGrid(
        name="Ingrediënten per week" if dutch else "Ingredients per week",
        row_labels=("week 48", "week 49", "week 50"),
        column_labels=("Verbondenheid", "Ça va <ok>", TRICKY),
        values=((0, 3, 7), (1, None, 2), (5, 0, None)),
    )
    chart = BarChart(
        name="DOEN-vaardigheden" if dutch else "DO skills",
        bars=(Bar("Élise", 4, 1), Bar(TRICKY, 2), Bar("Jérôme François", 0, 12)),
        maximum=5,
        unit="van 5" if dutch else "of 5",
        mark_label="een NIET dat toch gebeurde" if dutch else "a DON'T that slipped in",
    )
    table = Table(
        name="Notities" if dutch else "Notes",
        headers=("Kind" if dutch else "Child", "Vinkjes" if dutch else "Ticks", "Notitie"),
        rows=(
            (TRICKY, 12, "hielp | een beetje\nen lachte"),
            ("Élise", None, "=1+1"),
            ("François", 3, None),
        ),
    )
    return Report(
        kind="child",
        lang=lang,
        title=f"Verslag {TRICKY}" if dutch else f"Report {TRICKY}",
        subtitle="1 september – 30 november 2026" if dutch else "1 September – 30 November 2026",
        made_on=date(2026, 12, 7),
        sections=(
            Section(
                "Overzicht" if dutch else "Overview",
                (Paragraph(f"{TRICKY} speelde met Élise en François.\n# geen titel"),),
            ),
            Section(
                "Wat lukte" if dutch else "What went well",
                (Bullets(("Ça marche", "*niet vet*", "1. geen lijst")), table),
                new_page=True,
            ),
            Section("Grafieken" if dutch else "Charts", (grid, chart), level=3),
        ),
        private_notice=(NOTICE_NL if dutch else NOTICE_EN) if private else "",
        footer="Blijft op deze laptop" if dutch else "Stays on this laptop",
    )


class Collector(HTMLParser):
    """Tags in order, the text outside <style>, and whether every tag closed where it
    should."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "style":
            self.in_style = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.text.append(data)


def parsed(page: str) -> Collector:
    collector = Collector()
    collector.feed(page)
    collector.close()
    return collector


def read_csv(payload: bytes) -> list[list[str]]:
    assert payload.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(payload.decode("utf-8-sig"), newline=""), delimiter=";"))


# Markdown


def test_markdown_holds_every_title_and_cell_and_the_notice_under_each_heading() -> None:
    report = sample()
    text = markdown(report)
    assert text.startswith("# Verslag Zoë \\<b\\>&'\"\n")
    assert text.count(f"> **{NOTICE_NL}**") == 1 + len(report.sections)
    for part in report.sections:
        assert f"{'#' * part.level} {part.title}\n\n> **{NOTICE_NL}**" in text
    assert "| Zoë \\<b\\>&'\" | 12 | hielp \\| een beetje en lachte |" in text
    assert "| Élise |  | =1+1 |" in text
    assert "| --- | ---: | --- |" in text  # numbers to the right
    for word in ("Ingrediënten per week", "Verbondenheid", "Ça va \\<ok\\>", "week 49"):
        assert word in text
    assert "| week 48 | · 0 | ▒ 3 | █ 7 |" in text
    assert "| week 49 | ░ 1 |  | ▒ 2 |" in text  # no value: an empty cell
    assert "\nÉlise            ▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▁▁▁▁ 4 ×\n" in text
    assert "\nJérôme François  ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁ 0 × 12\n" in text
    assert "× = een NIET dat toch gebeurde" in text
    assert "François.\\\n\\# geen titel" in text  # a line break stays one
    assert "\\# geen titel" in text and "\\*niet vet\\*" in text and "1\\. geen lijst" in text
    assert max(len(line) for line in text.splitlines()) < 100


def test_markdown_without_private_notes_has_no_quote() -> None:
    text = markdown(sample("en", private=False))
    assert not any(line.startswith(">") for line in text.splitlines())
    assert "## Overview" in text and "### Charts" in text and "Stays on this laptop" in text


def test_markdown_escapes_what_markdown_would_read_as_markup() -> None:
    assert escaped("*a* _b_ [c](d) <e> `f` |g| &amp;") == (
        "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\`f\\` \\|g\\| \\&amp;"
    )
    assert escaped("- no list\n+ no list\n> no quote\n12) no list") == (
        "\\- no list\n\\+ no list\n\\> no quote\n12\\) no list"
    )
    assert escaped("Zoë & Élise") == "Zoë & Élise"  # plain text stays plain


@given(st.text(max_size=30), st.text(max_size=30))
def test_any_cell_text_keeps_a_markdown_table_one_line_per_row(cell: str, header: str) -> None:
    text = markdown(
        Report(
            "class",
            "nl",
            "t",
            "",
            date(2026, 12, 7),
            (Section("s", (Table("", (header, "b"), ((cell, 1), (None, None))),)),),
        )
    )
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len(rows) == 4  # header, rule, two rows: no line break from the data
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row.replace("\\\\", ""))) == 3


# HTML


def test_html_is_one_well_formed_self_contained_printable_file() -> None:
    report = sample()
    page = html(report)
    tree = parsed(page)
    assert tree.errors == [] and tree.stack == []
    assert page.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert '<meta charset="utf-8">' in page
    assert page.count("<svg") == 2 == len([t for t, _ in tree.tags if t == "svg"])
    # Nothing from outside: no URL, no linked file, no script, no web font.
    assert not re.search(r"https?:|//[a-z]|url\(|@import|@font-face", page, re.IGNORECASE)
    assert {tag for tag, _ in tree.tags}.isdisjoint({"link", "script", "img", "iframe", "a"})
    assert all("src" not in attrs and "href" not in attrs for _, attrs in tree.tags)
    # Printed on A4; a section on a new page; rows never split; the frame on every page.
    assert "@page" in page and "A4" in page and "break-before: page" in page
    assert "break-inside: avoid" in page
    assert '<section class="level-2 new-page">' in page
    assert 'class="private-notice"' in page and "position: fixed" in page
    assert f'<div class="private-notice" role="note">{NOTICE_NL}</div>' in page
    assert '<div class="page-footer">Blijft op deze laptop</div>' in page
    assert f"<title>Verslag {escaped_html(TRICKY)}</title>" in page


def escaped_html(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def test_html_escapes_the_data_and_keeps_every_word() -> None:
    report = sample("en")
    page = html(report)
    assert "<b>" not in page and TRICKY not in page
    text = "".join(parsed(page).text)
    assert text.count(TRICKY) >= 4  # title, paragraph, table, heat grid, bar chart
    for word in ("Zoë", "Élise", "Ça va <ok>", "François", "=1+1", NOTICE_EN, "Overview"):
        assert word in text
    assert "hielp | een beetje" in text and "<br>en lachte" in page
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_html_without_private_notes_has_no_banner() -> None:
    page = html(sample(private=False))
    assert 'class="private-notice"' not in page and '<body class="report-child has-footer">' in page
    assert parsed(page).errors == []


def one_of_each(cell: str, raw_name: str) -> Report:
    """A report with the text in every place a text can be."""
    name = "n" + raw_name
    return Report(
        kind="class",
        lang="nl",
        title=name,
        subtitle="s" + cell,
        made_on=date(2026, 12, 7),
        sections=(
            Section(
                name,
                (
                    Paragraph(cell),
                    Bullets((cell,)),
                    Table(name, (cell,), ((cell, 1),)),
                    HeatGrid(name, (cell,), (cell,), ((1,),)),
                    BarChart(name, (Bar(cell, 1, 1),), mark_label="m" + cell),
                ),
            ),
        ),
        private_notice="p" + cell,
    )


def markup(page: str) -> int:
    """How many tags: a `<` the data brought in would count too."""
    return page.count("<") - page.count("<br>")


@given(st.text(max_size=40), st.text(max_size=40))
def test_any_text_in_any_cell_is_shown_as_text_never_as_markup(cell: str, name: str) -> None:
    page = html(one_of_each(cell, name))
    tree = parsed(page)
    assert tree.errors == [] and tree.stack == []
    assert markup(page) == markup(html(one_of_each("x", "t")))
    text = "".join(tree.text)
    for line in cell.splitlines():
        assert line in text


# SVG


def test_svg_charts_are_accessible_deterministic_and_show_every_number() -> None:
    report = sample()
    grid, chart = report.sections[2].blocks
    assert isinstance(grid, HeatGrid) and isinstance(chart, BarChart)
    drawn = heat_grid_svg(grid)
    assert drawn == heat_grid_svg(grid)  # same input, same bytes
    assert drawn.startswith('<svg class="chart" role="img" aria-label="Ingrediënten per week"')
    assert "<title>Ingrediënten per week</title>" in drawn
    assert drawn.count("<rect") == 9
    assert drawn.count('fill="none"') == 2  # the two cells without a value: outlines
    assert ">7</text>" in drawn and ">0</text>" in drawn
    assert "Zoë &lt;b&gt;&amp;&#x27;&quot;" in drawn and "<b>" not in drawn
    bars = bar_chart_svg(chart)
    assert bars == bar_chart_svg(chart)
    assert "<title>DOEN-vaardigheden</title>" in bars and 'role="img"' in bars
    assert ">4 ×</text>" in bars and ">0 × 12</text>" in bars and ">2</text>" in bars
    assert "http" not in drawn + bars


def test_a_bar_chart_without_maximum_scales_to_its_largest_bar() -> None:
    chart = BarChart("n", (Bar("a", 10), Bar("b", 5), Bar("c", 0)))
    drawn = bar_chart_svg(chart)
    widths = re.findall(r'width="([\d.]+)" height="14" fill="#595959"', drawn)
    assert widths == ["300", "150"]  # c has no bar at all
    assert bar_chart_svg(BarChart("empty", ())).startswith("<svg")


# CSV


def test_one_csv_holds_every_table_and_chart_stacked() -> None:
    rows = read_csv(report_csv(sample()))
    assert rows == [
        [f"Verslag {TRICKY}"],
        ["1 september – 30 november 2026"],
        [NOTICE_NL],
        [],
        ["Notities"],
        ["Kind", "Vinkjes", "Notitie"],
        [TRICKY, "12", "hielp | een beetje\nen lachte"],
        ["Élise", "", "'=1+1"],
        ["François", "3", ""],
        [],
        ["Ingrediënten per week"],
        ["", "Verbondenheid", "Ça va <ok>", TRICKY],
        ["week 48", "0", "3", "7"],
        ["week 49", "1", "", "2"],
        ["week 50", "5", "0", ""],
        [],
        ["DOEN-vaardigheden"],
        ["", "van 5", "een NIET dat toch gebeurde"],
        ["Élise", "4", "1"],
        [TRICKY, "2", "0"],
        ["Jérôme François", "0", "12"],
        [],
    ]


def test_a_bar_chart_without_marks_has_two_columns() -> None:
    report = Report(
        "class",
        "en",
        "t",
        "",
        date(2026, 12, 7),
        (Section("s", (BarChart("=cmd", (Bar("a", 1),), unit="times"),)),),
    )
    assert read_csv(report_csv(report)) == [["t"], [], ["'=cmd"], ["", "times"], ["a", "1"], []]


# Formats and file names


def test_every_format_is_bytes_with_diacritics_intact() -> None:
    report = sample()
    assert FORMATS == ("md", "html", "csv")
    for fmt in FORMATS:
        payload = rendered(report, fmt)
        text = payload.decode("utf-8-sig")
        for word in ("Zoë", "Élise", "Ça va", "François"):
            assert word in text, (fmt, word)
    assert rendered(report, "csv").startswith(b"\xef\xbb\xbf")
    assert not rendered(report, "md").startswith(b"\xef\xbb\xbf")
    assert not rendered(report, "html").startswith(b"\xef\xbb\xbf")


def test_a_file_name_keeps_accents_and_turns_spaces_into_dashes() -> None:
    made = date(2026, 12, 7)
    assert (
        file_name("verslag", "Zoë Peeters", made, "html") == "verslag-Zoë-Peeters-2026-12-07.html"
    )
    assert (
        file_name("report", "  ../../etc/passwd ", made, "md") == "report-etc-passwd-2026-12-07.md"
    )
    assert file_name("overdracht", "", made, "csv") == "overdracht-2026-12-07.csv"
    assert file_name("", ".hidden", made, "csv") == "hidden-2026-12-07.csv"
    assert file_name("a:b", 'c*?"<>|\x00\n\td', made, "md") == "a-b-c-d-2026-12-07.md"


UNSAFE = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')


@given(st.text(), st.text(), st.dates(), st.sampled_from(FORMATS))
def test_any_text_gives_a_safe_file_name(kind: str, subject: str, day: date, fmt: str) -> None:
    assert fmt in FORMATS
    name = file_name(kind, subject, day, fmt)
    assert name and not name.startswith(".") and not UNSAFE.search(name)
    assert name.endswith(f"{day.isoformat()}.{fmt}")
    assert len(name.encode("utf-8")) <= 200
    assert all(not char.isspace() for char in name)


def test_cells_of_every_kind_render_in_every_format() -> None:
    cells: tuple[Cell, ...] = ("", 0, None, -5, "x")
    report = Report(
        "class",
        "nl",
        "t",
        "",
        date(2026, 12, 7),
        (Section("s", (Table("t", ("a", "b", "c", "d", "e"), (cells,)),)),),
    )
    for fmt in FORMATS:
        assert rendered(report, fmt)
    assert read_csv(report_csv(report))[4] == ["", "0", "", "-5", "x"]
