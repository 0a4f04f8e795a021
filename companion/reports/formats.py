"""The formats a report is saved in, its bytes in each, and a file name that every file
system takes: `verslag-Zoë-Peeters-2026-12-07.html` (accents kept, spaces become dashes, no
path separator, no character Windows refuses, no control character, never hidden)."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Final, Literal

from companion.reports.csv_tables import report_csv
from companion.reports.document import Report
from companion.reports.html import html
from companion.reports.markdown import markdown

Format = Literal["md", "html", "csv"]
FORMATS: Final[tuple[Format, ...]] = ("md", "html", "csv")
FORBIDDEN: Final = frozenset('/\\:*?"<>|')
MAX_NAME_BYTES: Final = 180  # well under the 255 bytes most file systems allow


def rendered(report: Report, fmt: Format) -> bytes:
    """The report as the bytes of a file: UTF-8, the CSV with a byte-order mark (Excel)."""
    if fmt == "md":
        return markdown(report).encode("utf-8")
    if fmt == "html":
        return html(report).encode("utf-8")
    return report_csv(report)


def _word(text: str) -> str:
    """Text as part of a file name: safe characters only, runs of space as one dash."""
    kept = []
    for char in unicodedata.normalize("NFC", text):
        if char.isspace() or char in FORBIDDEN or unicodedata.category(char).startswith("C"):
            kept.append(" ")
        else:
            kept.append(char)
    return "-".join("".join(kept).split()).strip(".-")


def _cut(text: str, limit: int) -> str:
    """At most `limit` bytes of UTF-8, cut between characters."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore").rstrip(".-")


def file_name(report_kind_word: str, subject: str, made_on: date, fmt: Format) -> str:
    """The file's name: what kind of report, about whom or what, the day it was made."""
    room = MAX_NAME_BYTES // 2
    words = [_cut(_word(report_kind_word), room), _cut(_word(subject), room)]
    return "-".join([*(word for word in words if word), made_on.isoformat()]) + f".{fmt}"
