"""`companion report child|class|handover`: a printable report, written as a private file
(0600) whose path is said; nothing leaves the machine.

`child NAME|ID` is one child's report for a parent talk or the care team (this school
year by default; `--from`/`--to` whole days written the Belgian way); her private journal
entries only with `--with-private`, and then every page says so. `class` is the class over
a week (`--week DATE`, this week by default) or a period. `handover` writes next year's
teacher's pack into a folder: the whole pack and a file per child, never journal text,
analysis notes or private entries; `--leave-out NAME` leaves a child out. `--out -` writes
a single report to stdout instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.cli.base import (
    EXIT_OK,
    Subcommands,
    UserError,
    command_group,
    command_of,
    data_option,
    require_data_file,
    warn_about_clock,
)
from companion.cli.finding import child_named, day_option
from companion.i18n import current_language, os_error_text, t

if TYPE_CHECKING:
    from datetime import date

    from companion.clock import Clock
    from companion.domain.report import Period
    from companion.reports.document import Report
    from companion.reports.formats import Format
    from companion.store import Store

FORMATS = ("md", "html", "csv")
STDOUT = "-"


def register(commands: Subcommands) -> None:
    report = command_group(commands, "report", t("cli.report_help"))
    child = command_of(report, "child", t("cli.report_child_help"))
    child.add_argument("name", metavar="NAME", help=t("cli.report_name_help"))
    _period_options(child)
    child.add_argument("--with-private", action="store_true", help=t("cli.report_private_help"))
    _output_options(child, "FILE", t("cli.report_out_help"))
    child.set_defaults(run=run_child)

    klass = command_of(report, "class", t("cli.report_class_help"))
    klass.add_argument("--week", metavar="DATE", help=t("cli.report_week_help"))
    _period_options(klass)
    _output_options(klass, "FILE", t("cli.report_out_help"))
    klass.set_defaults(run=run_class)

    handover = command_of(report, "handover", t("cli.report_handover_help"))
    handover.add_argument(
        "--leave-out", action="append", default=[], metavar="NAME", help=t("cli.report_leave_out")
    )
    _output_options(handover, "FOLDER", t("cli.report_folder_help"))
    handover.set_defaults(run=run_handover)


def _period_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="first", metavar="DATE", help=t("cli.journal_from_help"))
    parser.add_argument("--to", dest="last", metavar="DATE", help=t("cli.journal_to_help"))


def _output_options(parser: argparse.ArgumentParser, metavar: str, out_help: str) -> None:
    parser.add_argument("--format", choices=FORMATS, default="html", help=t("cli.report_format"))
    parser.add_argument("--out", type=Path, metavar=metavar, help=out_help)
    data_option(parser, t("cli.data_help"))


# -- the three reports -------------------------------------------------------------------


def run_child(args: argparse.Namespace, clock: Clock) -> int:
    from companion.clock import today
    from companion.reports.child import child_report

    day = today(clock)
    lang = current_language()
    if not args.name.strip():
        raise UserError(t("cli.report_name_empty"))
    with _opened(args, day) as store:
        child = child_named(store, args.name)
        period = _period(args.first, args.last, day)
        facts = store.report.child(child.id, period, with_private=args.with_private)
    report = child_report(facts, lang, day)
    _deliver(report, args, t("report.child.file_word", lang), child.full_name)
    if report.private_notice:
        print(t("cli.report_private_said"), file=sys.stderr)
    return EXIT_OK


def run_class(args: argparse.Namespace, clock: Clock) -> int:
    from companion.clock import today
    from companion.domain.report import Period
    from companion.reports.class_period import class_report

    day = today(clock)
    lang = current_language()
    if args.week and (args.first or args.last):
        raise UserError(t("cli.report_week_or_period"))
    week = not (args.first or args.last)
    if week:
        period = Period.week_of(day_option(args.week, day, "--week") or day)
    else:
        period = _period(args.first, args.last, day)
    with _opened(args, day) as store:
        facts = store.report.class_period(period)
    report = class_report(facts, lang, day, week=week)
    if week:
        subject = f"{t('report.class.week_word', lang)} {period.start.isocalendar().week}"
    else:
        subject = f"{period.start.isoformat()} {period.end.isoformat()}"
    _deliver(report, args, t("report.class.file_word", lang), subject)
    return EXIT_OK


def run_handover(args: argparse.Namespace, clock: Clock) -> int:
    from companion.clock import today
    from companion.domain.calendar import school_year_label, school_year_of
    from companion.reports.handover import handover_report, pack_files
    from companion.store.paths import write_user_file

    day = today(clock)
    lang = current_language()
    year = school_year_of(day)
    with _opened(args, day) as store:
        left_out = {child_named(store, name).id for name in args.leave_out}
        children = [facts for facts in store.report.handover() if facts.child.id not in left_out]
        data_path = store.core.path
    pack = handover_report(children, lang, day, year)
    files = pack_files(pack, args.format, year)
    if args.out is not None and str(args.out) == STDOUT:
        raise UserError(t("cli.report_folder_not_stdout"))
    folder: Path = args.out or Path(
        f"{t('report.handover.file_word', lang)}-{school_year_label(year)}"
    )
    for name, payload in files.items():
        target = folder / name
        try:
            write_user_file(target, payload, data_path=data_path)
        except OSError as error:
            raise UserError(
                t("cli.cannot_write", path=str(target), detail=os_error_text(error))
            ) from error
    print(t("cli.report_pack_done", files=len(files), folder=str(folder.resolve())))
    return EXIT_OK


# -- shared ------------------------------------------------------------------------------


def _opened(args: argparse.Namespace, day: date) -> Store:
    """The data file, opened to read (never rewritten, never backed up)."""
    from companion.cli.unlocking import open_store
    from companion.store import default_data_path
    from companion.store.paths import check_data_target

    path: Path = args.data or default_data_path()
    check_data_target(path)
    require_data_file(path)
    store = open_store(path, args, today=day, backup=False)
    warn_about_clock(store)
    return store


def _period(first: str | None, last: str | None, day: date) -> Period:
    from companion.domain.report import Period, ReportInputError

    start = day_option(first, day, "--from")
    end = day_option(last, day, "--to")
    try:
        return Period.between(start, end, day)
    except ReportInputError as error:
        raise UserError(t("cli.journal_dates_reversed", first=first, last=last)) from error


def _deliver(report: Report, args: argparse.Namespace, word: str, subject: str) -> None:
    """Into the file of --out, a new file named after the report in this folder, or on
    stdout with `--out -`; the path written is said."""
    from companion.reports.formats import file_name, rendered
    from companion.store import default_data_path
    from companion.store.paths import write_user_file

    fmt: Format = args.format
    payload = rendered(report, fmt)
    if args.out is not None and str(args.out) == STDOUT:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    target: Path = args.out or Path(file_name(word, subject, report.made_on, fmt))
    try:
        write_user_file(target, payload, data_path=args.data or default_data_path())
    except OSError as error:
        raise UserError(
            t("cli.cannot_write", path=str(target), detail=os_error_text(error))
        ) from error
    print(t("cli.report_done", path=str(target.resolve())))
