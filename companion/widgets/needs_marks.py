"""How clearly a relational need is seen, as a mark with its word: the shape says it as
well as the colour (○ not seen, ◐ a little, ● clearly), so it reads in monochrome."""

from __future__ import annotations

from typing import Final

from textual.content import Content

from companion.domain.vocabulary import NEED_CLARITIES, NeedClarity
from companion.i18n import t
from companion.widgets.marks import AMOUNT_STYLE, NOTHING_YET, NOTHING_YET_STYLE, TICK_STYLE

CLARITY_MARKS: Final[dict[NeedClarity, str]] = {
    "not": NOTHING_YET,
    "a_little": "◐",
    "clearly": "●",
}
CLARITY_STYLES: Final[dict[NeedClarity, str]] = {
    "not": NOTHING_YET_STYLE,
    "a_little": f"bold {AMOUNT_STYLE}",
    "clearly": TICK_STYLE,
}


def clarity_label(clarity: NeedClarity, lang: str | None = None) -> str:
    """'◐ a little': the mark and the word, plain."""
    return f"{CLARITY_MARKS[clarity]} {t(f'needs.clarity.{clarity}', lang)}"


def clarity_mark(clarity: NeedClarity) -> Content:
    """'◐ a little', the mark in its style and the word in the text colour."""
    return Content.assemble(
        (CLARITY_MARKS[clarity], CLARITY_STYLES[clarity]),
        " ",
        t(f"needs.clarity.{clarity}"),
    )


def clarity_scale(current: NeedClarity) -> Content:
    """The three steps in a row, the current one in brackets and bold:
    '○ not seen  [◐ a little]  ● clearly'."""
    parts: list[Content | str | tuple[str, str]] = []
    for clarity in NEED_CLARITIES:
        if parts:
            parts.append("  ")
        if clarity == current:
            parts += [("[", "bold"), clarity_mark(clarity).stylize("bold"), ("]", "bold")]
        else:
            parts.append(
                Content.assemble(
                    (CLARITY_MARKS[clarity], CLARITY_STYLES[clarity]),
                    (" " + t(f"needs.clarity.{clarity}"), "$foreground 70%"),
                )
            )
    return Content.assemble(*parts)


def clarity_width(lang: str | None = None) -> int:
    """The widest 'mark word' of the three, for a column."""
    return max(len(clarity_label(clarity, lang)) for clarity in NEED_CLARITIES)
