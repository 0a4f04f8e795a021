"""A report as one self-contained HTML5 file she can open in any browser and print on A4:
the stylesheet inline (assets/report/print.css), charts as inline SVG, no URL of any kind,
so it shows the same offline and tells no server that it was opened. Every text from the
data is escaped. The private notice, when set, is a banner on every printed page, and so
is the footer; a section with `new_page` starts a new page (the handover: one per child).
The writer adds no words of its own: every word comes from the report.
"""

from __future__ import annotations

from functools import cache
from html import escape

from companion.reports.document import (
    BarChart,
    Block,
    Bullets,
    Cell,
    HeatGrid,
    Paragraph,
    Report,
    Section,
    Table,
)
from companion.reports.svg import bar_chart_svg, heat_grid_svg
from companion.resources import assets_dir


@cache
def stylesheet() -> str:
    """The report's CSS, made safe to stand inside a <style> element."""
    css = (assets_dir() / "report" / "print.css").read_text(encoding="utf-8")
    return css.replace("</", "<\\/")


def _text(value: str) -> str:
    return escape(value, quote=True)


def _lines(value: str) -> str:
    """Text whose line breaks stay line breaks."""
    return "<br>".join(_text(line) for line in value.splitlines())


def _cell(cell: Cell, header: bool = False) -> str:
    tag = "th" if header else "td"
    if cell is None:
        return f"<{tag}></{tag}>"
    if isinstance(cell, int):
        return f'<{tag} class="num">{cell}</{tag}>'
    scope = ' scope="col"' if header else ""
    return f"<{tag}{scope}>{_lines(cell)}</{tag}>"


def table(block: Table) -> str:
    parts = ['<table class="data">']
    if block.name:
        parts.append(f"<caption>{_text(block.name)}</caption>")
    if block.headers:
        head = "".join(_cell(header, header=True) for header in block.headers)
        parts.append(f"<thead><tr>{head}</tr></thead>")
    parts.append("<tbody>")
    parts.extend("<tr>" + "".join(_cell(cell) for cell in row) + "</tr>" for row in block.rows)
    parts.append("</tbody></table>")
    return "".join(parts)


def heat_grid(grid: HeatGrid) -> str:
    return (
        f'<figure class="chart"><figcaption>{_text(grid.name)}</figcaption>'
        f"{heat_grid_svg(grid)}</figure>"
    )


def bar_chart(chart: BarChart) -> str:
    name = chart.name + (f" ({chart.unit})" if chart.unit else "")
    note = ""
    if chart.mark_label and any(bar.mark for bar in chart.bars):
        note = f'<p class="mark-label">× = {_text(chart.mark_label)}</p>'
    return (
        f'<figure class="chart"><figcaption>{_text(name)}</figcaption>'
        f"{bar_chart_svg(chart)}{note}</figure>"
    )


def block(item: Block) -> str:
    if isinstance(item, Paragraph):
        return f"<p>{_lines(item.text)}</p>"
    if isinstance(item, Bullets):
        return "<ul>" + "".join(f"<li>{_text(text)}</li>" for text in item.items) + "</ul>"
    if isinstance(item, Table):
        return table(item)
    if isinstance(item, HeatGrid):
        return heat_grid(item)
    return bar_chart(item)


def section(part: Section) -> str:
    classes = f"level-{part.level}" + (" new-page" if part.new_page else "")
    heading = f"<h{part.level}>{_text(part.title)}</h{part.level}>"
    body = "\n".join(block(item) for item in part.blocks)
    return f'<section class="{classes}">\n{heading}\n{body}\n</section>'


def html(report: Report) -> str:
    """The whole report as the text of one .html file."""
    body_classes = [f"report-{report.kind}"]
    frame = []
    if report.private_notice:
        body_classes.append("has-notice")
        frame.append(
            f'<div class="private-notice" role="note">{_text(report.private_notice)}</div>'
        )
    if report.footer:
        body_classes.append("has-footer")
        frame.append(f'<div class="page-footer">{_text(report.footer)}</div>')
    cover = [f"<h1>{_text(report.title)}</h1>"]
    if report.subtitle:
        cover.append(f'<p class="subtitle">{_text(report.subtitle)}</p>')
    sections = "\n".join(section(part) for part in report.sections)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{_text(report.lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_text(report.title)}</title>",
            f"<style>\n{stylesheet()}</style>",
            "</head>",
            f'<body class="{" ".join(body_classes)}">',
            *frame,
            # The page frame: its empty head and foot repeat on every printed page and keep
            # the content clear of the banner and the footer.
            '<table class="page" role="presentation">',
            "<thead><tr><td></td></tr></thead>",
            "<tfoot><tr><td></td></tr></tfoot>",
            "<tbody><tr><td>",
            "<main>",
            '<header class="cover">',
            *cover,
            "</header>",
            sections,
            "</main>",
            "</td></tr></tbody>",
            "</table>",
            "</body>",
            "</html>",
            "",
        ]
    )
