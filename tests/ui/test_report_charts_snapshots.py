"""The pictures of the app at 80x24 (issue 12, "Pictures in the app"), on the demo class
(seed 7) and the frozen day: one child's school year (weeks x ingredients), the class's
week per ingredient under the ledger, the fidelity trend and the "what helps" strips on
a child's page, and the teacher's own zones over the weeks.

Every picture carries its meaning in shape or character (blocks, shades, ○, ◂, ×, ✗,
▲ ● ▼) and the numbers beside it, so it reads in a monochrome terminal too.

Update after an intended change with
`pytest tests/ui/test_report_charts_snapshots.py --snapshot-update`, then look at the
new SVGs under __snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ui_helpers import SIZE, make_app

SnapCompare = Callable[..., bool]

# The demo's week ledger lists the class by first name: Adam, then Andy (a Samen-Spel
# target child with a "what helps" card).
ANDY = ["w", "down"]


def test_the_school_year_of_a_child_weeks_by_ingredients_in_dutch(
    snap_compare: SnapCompare, demo_path: Path
) -> None:
    # Andy's history: a row per week, a column per ingredient, the total and its shades,
    # the bar chart of the weeks on top.
    assert snap_compare(make_app(demo_path, "nl"), terminal_size=SIZE, press=[*ANDY, "enter"])


def test_the_class_week_per_ingredient_of_a_past_week_in_dutch(
    snap_compare: SnapCompare, demo_path: Path
) -> None:
    # Under the ledger: the bars of the week before, the rare ingredients marked ◂, and
    # the least given named (without "tomorrow": that week is over).
    assert snap_compare(
        make_app(demo_path, "nl"), terminal_size=SIZE, press=["w", "left_square_bracket"]
    )


def test_the_childs_page_with_her_week_strip(snap_compare: SnapCompare, demo_path: Path) -> None:
    # The top of Andy's page: the ABC of Love with his school year week by week.
    assert snap_compare(make_app(demo_path), terminal_size=SIZE, press=[*ANDY, "p"])


def test_the_childs_page_with_fidelity_and_what_helps(
    snap_compare: SnapCompare, demo_path: Path
) -> None:
    # A page down: the Samen-Spel fidelity trend and the "what helps" strips with their key.
    assert snap_compare(make_app(demo_path), terminal_size=SIZE, press=[*ANDY, "p", "pagedown"])


def test_the_childs_page_with_fidelity_and_what_helps_in_dutch(
    snap_compare: SnapCompare, demo_path: Path
) -> None:
    assert snap_compare(
        make_app(demo_path, "nl"), terminal_size=SIZE, press=[*ANDY, "p", "pagedown"]
    )


def test_her_own_zones_week_by_week(snap_compare: SnapCompare, demo_path: Path) -> None:
    # Today's i: her own check-in, her zones over the last weeks under it.
    assert snap_compare(make_app(demo_path), terminal_size=SIZE, press=["i"])
