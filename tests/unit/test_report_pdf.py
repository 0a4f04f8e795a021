"""The printed report, checked in a real browser: headless Chromium prints the HTML file to
PDF, and pypdf reads it back. A handover with a cover and three children, one per page;
the private notice and the footer on every page; diacritics intact. Chromium runs with a
profile of its own in tmp_path and a host resolver that finds no host, so it could not
reach the network even if the file named a URL (it names none). Skipped, and said so,
where Chromium is not installed (.ci/run installs it when it can)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from companion.reports.document import (
    Bar,
    BarChart,
    Bullets,
    HeatGrid,
    Paragraph,
    Report,
    Section,
    Table,
)
from companion.reports.html import html

NOTICE = "Bevat privénotities: niet doorgeven"
FOOTER = "Overdracht – blijft op deze laptop"
CHILDREN = ("Zoë Peeters", "Élise D'hondt", "François <Ça> & co")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(
        "Chromium is not installed (apt install chromium): the printed report was not checked"
    )


def child_section(name: str, index: int) -> Section:
    return Section(
        name,
        (
            Paragraph(f"{name} speelt graag in de bouwhoek."),
            Bullets(("Verbondenheid", "Ça va")),
            Table(
                "Vinkjes", ("Week", "Vinkjes"), tuple((f"week {w}", w + index) for w in range(6))
            ),
            HeatGrid("Ingrediënten", ("week 48", "week 49"), ("A", "B"), ((index, 2), (None, 0))),
            BarChart("DOEN", (Bar("Taal", 3, 1), Bar("Spel", 5)), maximum=5),
        ),
        new_page=True,
    )


def handover(private: bool) -> Report:
    return Report(
        kind="handover",
        lang="nl",
        title="Overdracht klas 1A",
        subtitle="schooljaar 2026–2027",
        made_on=date(2026, 12, 7),
        sections=(
            Section("Inhoud", (Bullets(CHILDREN),)),
            *(child_section(name, index) for index, name in enumerate(CHILDREN)),
        ),
        private_notice=NOTICE if private else "",
        footer=FOOTER,
    )


def printed(report: Report, folder: Path) -> list[str]:
    """The text of every page of the report printed to PDF by Chromium."""
    browser = chromium()
    page = folder / "overdracht.html"
    page.write_text(html(report), encoding="utf-8")
    pdf = folder / "out.pdf"
    result = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={folder / 'profile'}",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert pdf.is_file() and pdf.stat().st_size > 0, result.stderr.decode(errors="replace")
    return [sheet.extract_text() for sheet in PdfReader(pdf).pages]


def squashed(text: str) -> str:
    """PDF text without its line breaks and spaces (a long line may wrap anywhere)."""
    return "".join(text.split())


def test_the_printed_handover_has_a_page_per_child_and_the_notice_on_every_page(
    tmp_path: Path,
) -> None:
    pages = printed(handover(private=True), tmp_path)
    assert len(pages) >= 1 + len(CHILDREN)
    assert "Overdracht klas 1A" in pages[0]
    # Each child starts on a page of its own, after the cover.
    first_pages = [
        next(i for i, text in enumerate(pages) if squashed(f"{name} speelt") in squashed(text))
        for name in CHILDREN
    ]
    assert 0 < first_pages[0] < first_pages[1] < first_pages[2]
    assert all(squashed(CHILDREN[0]) not in squashed(pages[i]) for i in first_pages[1:])
    for number, text in enumerate(pages, start=1):
        assert squashed(NOTICE) in squashed(text), f"page {number} lacks the private notice"
        assert squashed(FOOTER) in squashed(text), f"page {number} lacks the footer"
    everything = squashed("".join(pages))
    for word in ("Zoë", "Élise", "François", "Ça", "Ingrediënten", "<Ça>&co"):
        assert squashed(word) in everything


def test_without_private_notes_no_page_says_it_has_them(tmp_path: Path) -> None:
    pages = printed(handover(private=False), tmp_path)
    assert len(pages) >= 1 + len(CHILDREN)
    assert all(squashed(NOTICE) not in squashed(text) for text in pages)
    assert all(squashed(FOOTER) in squashed(text) for text in pages)
