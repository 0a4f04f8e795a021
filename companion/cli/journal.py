"""`companion journal add|list`: the reflection journal from the terminal, in jrnl's spirit.

`add TEXT` keeps an entry now (`-` reads the text from stdin); `--child NAME` links a
child (accents and case aside; an ambiguous or unknown name says whom it could mean),
`--tag` adds tags (several words allowed), `--private` keeps it out of anything meant for
others. `list` finds entries of every school year: `--from`/`--to` whole days written the
Belgian way (25/11/2026, 25.11.2026) or as today/vandaag, several `--tag`s and the words
of `--search` all required (`-word` or `-@tag` leaves out), `--child`; as text, JSON or
Markdown. Private entries show in the text on her own screen; JSON and Markdown, made to
be passed on, leave them out unless `--with-private` is given.
"""

from __future__ import annotations

import argparse
import sys
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
from companion.i18n import t

if TYPE_CHECKING:
    from datetime import date

    from companion.clock import Clock
    from companion.domain.journal import JournalEntry, Query
    from companion.store import Store

FORMATS = ("text", "json", "md")


def register(commands: Subcommands) -> None:
    journal = command_group(commands, "journal", t("cli.journal_help"))
    add = command_of(journal, "add", t("cli.journal_add_help"))
    add.add_argument("text", nargs="+", metavar="TEXT", help=t("cli.journal_text_help"))
    add.add_argument("--title", help=t("cli.journal_title_help"))
    add.add_argument("--child", action="append", default=[], metavar="NAME")
    add.add_argument("--tag", action="append", default=[], metavar="TAG")
    add.add_argument("--private", action="store_true", help=t("cli.journal_private_help"))
    add.add_argument("--star", action="store_true", help=t("cli.journal_star_help"))
    data_option(add, t("cli.data_help"))
    add.set_defaults(run=run_add)

    listing = command_of(journal, "list", t("cli.journal_list_help"))
    listing.add_argument("--from", dest="first", metavar="DATE", help=t("cli.journal_from_help"))
    listing.add_argument("--to", dest="last", metavar="DATE", help=t("cli.journal_to_help"))
    listing.add_argument("--tag", action="append", default=[], metavar="TAG")
    listing.add_argument("--child", metavar="NAME")
    listing.add_argument("--search", metavar="WORDS", help=t("cli.journal_search_help"))
    listing.add_argument("--format", choices=FORMATS, default="text")
    listing.add_argument(
        "--with-private", action="store_true", help=t("cli.journal_with_private_help")
    )
    data_option(listing, t("cli.data_help"))
    listing.set_defaults(run=run_list)


def run_add(args: argparse.Namespace, clock: Clock) -> int:
    from dataclasses import replace

    from companion.cli.unlocking import open_store
    from companion.clock import today
    from companion.domain.journal import JournalEntry, JournalInputError
    from companion.store import default_data_path

    text = " ".join(args.text)
    if text == "-":
        try:  # bytes, read as UTF-8 whatever the console's code page
            text = sys.stdin.buffer.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UserError(t("cli.journal_not_utf8")) from error
    if any(not name.strip() for name in args.child):
        raise UserError(t("cli.journal_child_empty"))
    with open_store(args.data or default_data_path(), args, today=today(clock)) as store:
        warn_about_clock(store)
        children = frozenset(child_named(store, name).id for name in args.child)
        entry = JournalEntry(
            "",
            "reflection",
            clock().replace(second=0, microsecond=0),
            args.title or "",
            text,
            children,
            tuple(args.tag),
            starred=args.star,
            private=args.private,
        )
        try:
            kept = store.journal.save(entry)
        except JournalInputError as error:
            raise UserError(_refusal(error)) from error
    shown = replace(kept, text="")
    print(t("cli.journal_kept", title=kept.title, when=_when(shown)))
    return EXIT_OK


def run_list(args: argparse.Namespace, clock: Clock) -> int:
    from companion.cli.unlocking import open_store
    from companion.clock import today
    from companion.store import default_data_path

    path = args.data or default_data_path()
    require_data_file(path)
    with open_store(path, args, today=today(clock), backup=False) as store:
        warn_about_clock(store)
        query = _query(args, store, today(clock))
        found = store.journal.search(query)
        names = {c.id: c.full_name for c in store.children.all(include_archived=True)}
    if args.format != "text" and not args.with_private:
        found = [entry for entry in found if not entry.private]
    found.reverse()  # oldest first, as a journal reads
    if args.format == "json":
        sys.stdout.write(_json(found, names) + "\n")  # JSON escapes control characters
    elif args.format == "md":
        sys.stdout.write(_shown(_markdown(found, names)))
    else:
        sys.stdout.write(_shown(_text(found, names)))
    return EXIT_OK


def _query(args: argparse.Namespace, store: Store, today_: date) -> Query:
    from dataclasses import replace

    from companion.domain.journal import fold, parse_query, tag_label

    query = parse_query(args.search or "")
    first = day_option(args.first, today_, "--from")
    last = day_option(args.last, today_, "--to")
    if first and last and first > last:
        raise UserError(t("cli.journal_dates_reversed", first=args.first, last=args.last))
    if args.child is not None and not args.child.strip():
        raise UserError(t("cli.journal_child_empty"))
    if any(not tag_label(tag) for tag in args.tag):
        raise UserError(t("cli.journal_tag_empty"))
    tags = tuple(fold(tag_label(tag)) for tag in args.tag)
    children = frozenset({child_named(store, args.child).id}) if args.child else frozenset()
    return replace(query, tags=query.tags + tags, first=first, last=last, children=children)


def _refusal(error: Exception) -> str:
    from companion.domain.journal import JournalInputError

    assert isinstance(error, JournalInputError)
    return t(f"journal.error.{error.reason}", **error.params)


def _shown(text: str) -> str:
    """Text for the terminal: a control character (a hand-edited file may hold one) is
    shown as �, never sent to the terminal as a command."""
    from companion.domain.text import is_control

    return "".join("\ufffd" if is_control(char, lines=True) else char for char in text)


def _when(entry: JournalEntry) -> str:
    return entry.written_at.strftime("%d/%m/%Y %H:%M")


def _text(entries: list[JournalEntry], names: dict[str, str]) -> str:
    if not entries:
        return t("cli.journal_none") + "\n"
    blocks = []
    for entry in entries:
        marks = ("★ " if entry.starred else "") + (
            t("cli.journal_private_mark") if entry.private else ""
        )
        head = f"{_when(entry)}  {marks}{entry.title}"
        about = _about(entry, names)
        body = "\n".join(f"    {line}" for line in entry.text.splitlines())
        blocks.append("\n".join(part for part in (head, about, body) if part))
    return "\n\n".join(blocks) + "\n"


def _about(entry: JournalEntry, names: dict[str, str]) -> str:
    children = ", ".join(sorted(names.get(child, child) for child in entry.children))
    tags = " ".join(f"@{tag}" if " " not in tag else f'@"{tag}"' for tag in entry.all_tags())
    return "  ".join(part for part in (children, tags) if part)


def _json(entries: list[JournalEntry], names: dict[str, str]) -> str:
    from companion.store.codec import encode_export

    rows = [
        {
            "id": entry.id,
            "kind": entry.kind,
            "date": entry.day.isoformat(),
            "time": entry.written_at.strftime("%H:%M"),
            "title": entry.title,
            "text": entry.text,
            "tags": entry.all_tags(),
            "children": [names.get(child, child) for child in sorted(entry.children)],
            "starred": entry.starred,
            "private": entry.private,
            "prompt": entry.prompt,
        }
        for entry in entries
    ]
    return encode_export({"entries": rows}).decode("utf-8")


def _markdown(entries: list[JournalEntry], names: dict[str, str]) -> str:
    blocks = []
    for entry in entries:
        star = " ★" if entry.starred else ""
        lines = [f"## {_when(entry)} {entry.title}{star}", ""]
        about = _about(entry, names)
        if about:
            lines += [f"*{about}*", ""]
        lines += [entry.text, ""]
        blocks.append("\n".join(lines))
    return "\n".join(blocks)
