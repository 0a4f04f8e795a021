"""Finding what the teacher typed on the command line: a child by name (accents and case
aside; an ambiguous or unknown name says whom it could mean) and a whole day written the
Belgian way. Shared by `journal` and `report`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.cli.base import UserError
from companion.i18n import t

if TYPE_CHECKING:
    from datetime import date

    from companion.domain.children import Child
    from companion.store import Store


def day_option(text: str | None, today_: date, option: str) -> date | None:
    """A day of --from or --to (the whole day), or a sentence saying how to write it."""
    from companion.domain.journal import parse_day

    if not text:
        return None
    try:
        return parse_day(text, today_)
    except ValueError as error:  # NotADate, ImpossibleDate
        raise UserError(t("cli.journal_bad_date", option=option, value=text)) from error


def child_named(store: Store, name: str) -> Child:
    """The one child a typed name (or id) means, or a sentence naming the candidates."""
    from companion.domain.children import children_named, collation_key, sort_key_first_name

    if (by_id := store.children.get(name.strip())) is not None:
        return by_id
    everyone = store.children.all(include_archived=True)
    found = children_named(everyone, name)
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(child.full_name for child in sorted(found, key=sort_key_first_name))
        raise UserError(t("cli.journal_child_ambiguous", name=name, candidates=listed))
    close = close_names(everyone, collation_key(name))
    if close:
        listed = ", ".join(child.full_name for child in close)
        raise UserError(t("cli.journal_child_unknown_close", name=name, candidates=listed))
    raise UserError(t("cli.journal_child_unknown", name=name))


def close_names(children: list[Child], typed: str) -> list[Child]:
    """Up to three children whose first or full name is close to what she typed."""
    from difflib import SequenceMatcher

    from companion.domain.children import collation_key

    def likeness(child: Child) -> float:
        names = (collation_key(child.first_name), collation_key(child.full_name))
        return max(SequenceMatcher(None, typed, name).ratio() for name in names)

    scored = sorted(children, key=lambda child: (-likeness(child), child.full_name))
    return [child for child in scored[:3] if likeness(child) >= 0.6]
