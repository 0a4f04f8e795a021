"""`companion purge NAME|ID`: erase all data of one child (the right to erasure), after
showing what will go and the teacher's yes (on a terminal, or with --yes)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.cli.base import (
    EXIT_OK,
    EXIT_USAGE,
    Subcommands,
    data_option,
    require_data_file,
)
from companion.i18n import t

if TYPE_CHECKING:
    from companion.clock import Clock
    from companion.store.purge import Choice, PurgePlan

MENTIONS = ("suggested", "remove", "delete", "keep")


def register(commands: Subcommands) -> None:
    purge = commands.add_parser("purge", help=t("purge.cli_help"), description=t("purge.cli_help"))
    purge.add_argument("name", metavar="NAME|ID", help=t("purge.cli_name_help"))
    data_option(purge, t("cli.data_help"))
    purge.add_argument("--backups", action="store_true", help=t("purge.cli_backups_help"))
    purge.add_argument(
        "--mentions", choices=MENTIONS, default="suggested", help=t("purge.cli_mentions_help")
    )
    purge.add_argument("--yes", action="store_true", help=t("purge.cli_yes_help"))
    purge.set_defaults(run=run_purge)


def run_purge(args: argparse.Namespace, clock: Clock) -> int:
    from companion.cli.finding import child_named
    from companion.cli.unlocking import open_store
    from companion.clock import today
    from companion.store import default_data_path
    from companion.store.purge import apply_purge, plan_purge, result_lines

    path: Path = args.data or default_data_path()
    require_data_file(path)
    with open_store(path, args, today=today(clock)) as store:
        if store.refusal is not None:
            raise store.refusal  # a read-only file: said, exit 1
        child = child_named(store, args.name)
        plan = plan_purge(store, child.id, backups=True)
        choices = _choices(plan, args.mentions)
        _show(plan, choices, backups=args.backups)
        if plan.is_empty() and not plan.backups:
            return EXIT_OK
        if not args.yes and not _confirmed():
            return EXIT_USAGE if not sys.stdin.isatty() else EXIT_OK
        result = apply_purge(store, plan, choices, backups=args.backups)
    for line in result_lines(plan, result):
        print(line)
    return EXIT_OK


def _choices(plan: PurgePlan, wanted: str) -> dict[tuple[str, str], Choice]:
    choices: dict[tuple[str, str], Choice] = {}
    for mention in plan.mentions:
        choice: Choice = mention.suggested
        if wanted == "remove":
            choice = "remove"
        elif wanted == "keep":
            choice = "keep"
        elif wanted == "delete":
            choice = "delete" if mention.deletable else "remove"
        choices[mention.key] = choice
    return choices


def _show(plan: PurgePlan, choices: dict[tuple[str, str], Choice], *, backups: bool) -> None:
    from companion.store.purge import mention_line, plan_lines

    print(t("purge.title", name=plan.full_name))
    lines = plan_lines(plan)
    if not lines and not plan.mentions:
        print(t("purge.nothing_found", name=plan.full_name))
    if lines:
        print(t("purge.will_go"))
        for line in lines:
            print(line)
    if plan.mentions:
        print(t("purge.mentions", count=len(plan.mentions)))
        for mention in plan.mentions:
            print(mention_line(mention, choices[mention.key]))
    if plan.backups:
        print(t("purge.backups_found", count=len(plan.backups)))
        print(t("purge.backups_rewrite") if backups else t("purge.backups_kept"))
    if plan.unreadable_backups and backups:
        print(t("purge.backups_unreadable", count=len(plan.unreadable_backups)))
    print(t("purge.elsewhere"))


def _confirmed() -> bool:
    if not sys.stdin.isatty():
        print(t("purge.needs_yes"), file=sys.stderr)
        return False
    try:
        answer = input(t("purge.confirm")).strip().lower()
    except EOFError:
        answer = ""
    if answer in t("purge.yes_answers").split(","):
        return True
    print(t("purge.kept"))
    return False
