"""Command line: `companion`, `demo`, `roster import`, `export`, `year close`.

Textual is imported only when the TUI starts, so the other commands stay quick.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from companion import __version__
from companion.clock import Clock, clock_from_environment, today
from companion.i18n import (
    LANGUAGES,
    children_count,
    language_from_environment,
    os_error_text,
    set_language,
    t,
)
from companion.store import DataFileError, Store, default_data_path
from companion.store.codec import encode_export
from companion.store.files import demo_path_for
from companion.store.paths import (
    check_data_target,
    check_writable_target,
    read_bounded,
    write_user_file,
)

if TYPE_CHECKING:
    from companion.demo import DemoSummary

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A problem the user can fix; printed as one sentence, exit 1."""


# argparse's English texts (its msgids) and our keys for them in assets/i18n/*/argparse.toml.
_ARGPARSE_KEYS = {
    "usage: ": "usage",
    "positional arguments": "positional",
    "options": "options",
    "show this help message and exit": "help",
    "%(prog)s: error: %(message)s\n": "error",
    "argument %(argument_name)s: %(message)s": "argument",
    "the following arguments are required: %s": "required",
    "unrecognized arguments: %s": "unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid_choice",
    "invalid %(type)s value: %(value)r": "invalid_value",
    "expected one argument": "expected_one",
    "ambiguous option: %(option)s could match %(matches)s": "ambiguous",
}


def _argparse_text(message: str) -> str:
    key = _ARGPARSE_KEYS.get(message)
    return t(f"argparse.{key}") if key else message


def _data_option(parser: argparse.ArgumentParser, default_help: str, top: bool = False) -> None:
    # SUPPRESS on subcommands, so `companion --data X export` keeps the X given before it.
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--data", type=Path, metavar="PATH", default=default, help=default_help)


# The demo's sizes: a demo holds the deck's Adam and Andy, so two children at least.
DEMO_YEARS = (1, 12)
DEMO_CHILDREN = (2, 40)


def whole_number(bounds: tuple[int, int] | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number, within `bounds` (both included) when given.

    Anything else is a usage error (exit 2) that says what is wanted, in the chosen
    language, as argparse says it for every other option.
    """

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if bounds is None:
            if value is None:
                raise argparse.ArgumentTypeError(t("cli.whole_number", value=text))
            return value
        low, high = bounds
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                t("cli.number_in_range", value=text, low=low, high=high)
            )
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="companion",
        description=t("cli.description"),
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help=t("cli.version_help")
    )
    _data_option(parser, t("cli.data_help"), top=True)
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang_help"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help=t("cli.demo_help"), description=t("cli.demo_help"))
    _data_option(demo, t("cli.demo_data_help"))
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

    roster = commands.add_parser("roster", help=t("cli.roster_help"))
    roster_commands = roster.add_subparsers(dest="roster_command", metavar="COMMAND", required=True)
    importer = roster_commands.add_parser(
        "import", help=t("cli.import_help"), description=t("cli.import_help")
    )
    importer.add_argument("file", type=Path, metavar="FILE")
    _data_option(importer, t("cli.data_help"))

    export = commands.add_parser(
        "export", help=t("cli.export_help"), description=t("cli.export_help")
    )
    _data_option(export, t("cli.data_help"))
    export.add_argument("--format", choices=("json",), default="json", help=t("cli.format_help"))
    export.add_argument("--out", type=Path, metavar="FILE", help=t("cli.out_help"))
    _add_year_commands(commands)
    return parser


def _add_year_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    year = commands.add_parser("year", help=t("year.cli_help"))
    year_commands = year.add_subparsers(dest="year_command", metavar="COMMAND", required=True)
    close = year_commands.add_parser(
        "close", help=t("year.cli_close_help"), description=t("year.cli_close_help")
    )
    _data_option(close, t("cli.data_help"))
    close.add_argument("--yes", action="store_true", help=t("year.cli_yes_help"))


def run_demo(args: argparse.Namespace, clock: Clock) -> int:
    from companion.demo import create_demo
    from companion.store.staging import AlreadyHoldsData

    path: Path = args.data or demo_path_for(default_data_path())
    try:
        summary = create_demo(
            path, today(clock), years=args.years, children=args.children, seed=args.seed
        )
    except AlreadyHoldsData as error:
        raise UserError(t("cli.demo_refuses", path=str(path))) from error
    print(_demo_report(path, summary))
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


def run_roster_import(args: argparse.Namespace, clock: Clock) -> int:
    from companion.domain.roster_import import MAX_FILE_BYTES, parse_roster, plan_import
    from companion.reports.roster_import import format_report

    source: Path = args.file
    try:
        payload = read_bounded(source, MAX_FILE_BYTES)
    except OSError as error:
        raise UserError(
            t("cli.cannot_read", path=str(source), detail=os_error_text(error))
        ) from error
    parsed = parse_roster(payload, today=today(clock))
    if parsed.error is not None:
        # A file that is no class list leaves the data file alone: not even created.
        raise UserError(format_report(plan_import(parsed, [])))
    with Store.open(args.data or default_data_path(), today=today(clock)) as store:
        warn_about_clock(store)
        plan = plan_import(parsed, store.children.all(include_archived=True))
        store.children.add_many(plan.to_add)
    print(format_report(plan))
    return EXIT_OK


def run_export(args: argparse.Namespace, clock: Clock) -> int:
    path: Path = args.data or default_data_path()
    out: Path | None = args.out
    # Both paths are judged before anything is opened, created or locked.
    check_data_target(path)
    if out is not None:
        check_writable_target(out, path)
    try:
        exists = path.exists() or path.is_symlink()  # a broken link gets its own message
    except OSError as error:
        raise UserError(
            t("cli.cannot_read", path=str(path), detail=os_error_text(error))
        ) from error
    if not exists:
        raise UserError(t("cli.no_data_file", path=str(path)))
    with Store.open(path, today=today(clock), backup=False) as store:
        warn_about_clock(store)
        payload = encode_export(store.export_document())
    if out is None:
        sys.stdout.write(payload.decode("utf-8") + "\n")
        return EXIT_OK
    try:
        write_user_file(out, payload + b"\n", data_path=path)
    except OSError as error:
        raise UserError(
            t("cli.cannot_write", path=str(out), detail=os_error_text(error))
        ) from error
    print(t("cli.export_done", path=str(out)), file=sys.stderr)
    return EXIT_OK


def warn_about_clock(store: Store) -> None:
    """A computer date that does not fit the data is said on stderr (nothing moves)."""
    from companion.reports.school_year import clock_doubt_text

    doubt = store.school_years.clock_doubt()
    if doubt is not None:
        print(f"{clock_doubt_text(doubt)} {t('year.clock_nothing_moved')}", file=sys.stderr)


def run_year_close(args: argparse.Namespace, clock: Clock) -> int:
    """`companion year close`: school years before today's move into the archive, after
    the teacher said yes (on a terminal, or with --yes)."""
    from companion.domain.calendar import school_year_label
    from companion.reports.school_year import closing_text, years_text

    path: Path = args.data or default_data_path()
    if not path.exists():
        raise UserError(t("cli.no_data_file", path=str(path)))
    # A backup of the file as it was (once a day) is made before anything moves.
    with Store.open(path, today=today(clock)) as store:
        summary = store.school_years.closing_summary()
        refusal = store.school_years.closing_refusal()
        if refusal is not None:
            raise refusal  # a doubtful date, a read-only file: said, exit 1
        if not summary.years:
            label = school_year_label(store.current_year)
            print(t("year.nothing_to_close", current=label))
            return EXIT_OK
        print(t("year.offer_question", years=years_text(summary.years)))
        print(closing_text(summary))
        print(t("year.archive_at", path=str(store.school_years.archive_dir)))
        if not args.yes and not _confirmed():
            return EXIT_USAGE if not sys.stdin.isatty() else EXIT_OK
        closed = store.school_years.close(summary.years)
    print(t("year.closed_done", years=years_text(closed.years)))
    return EXIT_OK


def _confirmed() -> bool:
    if not sys.stdin.isatty():
        print(t("year.cli_needs_yes"), file=sys.stderr)
        return False
    try:
        answer = input(t("year.cli_confirm")).strip().lower()
    except EOFError:
        answer = ""
    if answer in t("year.cli_yes_answers").split(","):
        return True
    print(t("year.cli_kept"))
    return False


def terminal_attached() -> bool:
    """True when the app can draw and read keys: Textual reads the keys from stdin and
    draws on stderr (stdout on Windows), so both must be a terminal."""
    screen = sys.__stdout__ if os.name == "nt" else sys.__stderr__
    return all(stream is not None and stream.isatty() for stream in (sys.__stdin__, screen))


def run_app(args: argparse.Namespace, clock: Clock) -> int:
    from companion.app import create_app

    # The data file first: a problem with it is what the teacher needs to hear most.
    app = create_app(args.data or default_data_path(), args.lang, clock=clock)
    if not terminal_attached():
        # Without a terminal the app would draw into a pipe and wait for keys forever.
        app.store.close()
        print(t("cli.no_terminal"), file=sys.stderr)
        return EXIT_USAGE
    app.run()
    return app.return_code or EXIT_OK


def _hold_for_reading(command: str | None) -> None:
    """Started from a desktop shortcut, the window would close before the message is read."""
    if command is None and sys.stdin.isatty() and sys.stderr.isatty():
        with contextlib.suppress(EOFError, KeyboardInterrupt):
            input(t("cli.press_enter"))


def requested_language(raw: Sequence[str]) -> str | None:
    """The language --lang asks for, read the way argparse reads it (`--lang nl`,
    `--lang=nl`, `--la nl`, nothing after `--`), before the full parse: whatever the
    words, an answer (None when --lang is absent, incomplete or unknown), never an error."""
    scout = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    scout.add_argument("--lang")
    try:
        known, _ = scout.parse_known_args(raw)
    except argparse.ArgumentError:
        return None
    lang: str | None = known.lang
    return lang if lang in LANGUAGES else None


def main(argv: Sequence[str] | None = None) -> int:
    set_language(language_from_environment())
    raw = list(sys.argv[1:] if argv is None else argv)
    # --lang also chooses the language of --help and of argparse's complaints.
    requested = requested_language(raw)
    if requested is not None:
        set_language(requested)
    # argparse looks its texts up through gettext; ours follow the chosen language.
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    args = build_parser().parse_args(raw)
    commands = {
        "demo": run_demo,
        "roster": run_roster_import,
        "export": run_export,
        "year": run_year_close,
    }
    try:
        clock = clock_from_environment()
        return commands.get(args.command, run_app)(args, clock)
    except DataFileError as error:
        print(error.message(), file=sys.stderr)
        _hold_for_reading(args.command)
    except UserError as error:
        print(error, file=sys.stderr)
    except ValueError as error:  # e.g. a malformed COMPANION_TODAY
        print(t("cli.bad_value", detail=str(error)), file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return EXIT_DATA


if __name__ == "__main__":
    sys.exit(main())
