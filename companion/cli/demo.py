"""`companion demo`: a demo class in a file of its own, never in an existing one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Final

from companion.cli.base import EXIT_OK, Subcommands, UserError, data_option, whole_number
from companion.i18n import children_count, t

if TYPE_CHECKING:
    from companion.clock import Clock
    from companion.demo import DemoSummary

# The demo's sizes: a demo holds the deck's Adam and Andy, so two children at least.
DEMO_YEARS: Final = (1, 12)
DEMO_CHILDREN: Final = (2, 40)


def register(commands: Subcommands) -> None:
    demo = commands.add_parser("demo", help=t("cli.demo_help"), description=t("cli.demo_help"))
    data_option(demo, t("cli.demo_data_help"), passphrase=False)
    demo.add_argument(
        "--years", type=whole_number(DEMO_YEARS), default=1, metavar="N", help=t("cli.years_help")
    )
    demo.add_argument(
        "--children",
        type=whole_number(DEMO_CHILDREN),
        default=24,
        metavar="N",
        help=t("cli.children_help"),
    )
    demo.add_argument(
        "--seed", type=whole_number(), default=7, metavar="S", help=t("cli.seed_help")
    )
    demo.set_defaults(run=run_demo)


def run_demo(args: argparse.Namespace, clock: Clock) -> int:
    from companion.clock import today
    from companion.demo import create_demo
    from companion.store import default_data_path
    from companion.store.files import demo_path_for
    from companion.store.staging import AlreadyHoldsData

    path: Path = args.data or demo_path_for(default_data_path())
    try:
        summary = create_demo(
            path, today(clock), years=args.years, children=args.children, seed=args.seed
        )
    except AlreadyHoldsData as error:
        raise UserError(t("cli.demo_refuses", path=str(path))) from error
    print(_demo_report(path, summary))
    if summary.needs_profiles or summary.samen_spel_sessions:
        profiles = children_count(summary.needs_profiles)
        sessions = t("cli.sessions", count=summary.samen_spel_sessions)
        print(t("cli.demo_needs", profiles=profiles, sessions=sessions))
    if summary.strategy_uses:
        uses = t("cli.strategy_uses", count=summary.strategy_uses)
        print(t("cli.demo_rest_corner", uses=uses, waiting=summary.waiting_outcomes))
    if summary.journal_entries:
        print(t("cli.demo_journal", entries=t("cli.entries", count=summary.journal_entries)))
    print(t("cli.demo_open", path=str(path)))
    return EXIT_OK


def _demo_report(path: Path, summary: DemoSummary) -> str:
    """How many children, and where they are: this year's class, and the earlier classes
    that the archive holds for the history screens."""
    current = children_count(summary.children - summary.archived)
    if summary.school_years == 1:
        return t("cli.demo_done", path=str(path), current=current)
    earlier = summary.school_years - 1
    key = "cli.demo_done_last_year" if earlier == 1 else "cli.demo_done_earlier_years"
    return t(key, path=str(path), current=current, archived=summary.archived, years=earlier)
