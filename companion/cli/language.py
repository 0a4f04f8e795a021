"""The language of the command line: chosen before the parser is built, so that --help
and argparse's own complaints speak it too."""

from __future__ import annotations

import argparse

from companion.cli.base import HelpFormatter
from companion.i18n import LANGUAGES, language_from_environment, set_language, t

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without typing's import (`companion --help`)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Final

# argparse's English texts (its msgids) and our keys for them in assets/i18n/*/argparse.toml.
_ARGPARSE_KEYS: Final = {
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


def choose_language(raw: Sequence[str]) -> None:
    """The computer's language, or the one --lang asks for; argparse follows it."""
    # argparse looks its texts up through gettext; ours follow the chosen language (from
    # the first parser on: gettext's own look-up reads the disk at every text).
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    set_language(language_from_environment())
    requested = requested_language(raw)
    if requested is not None:
        set_language(requested)


def requested_language(raw: Sequence[str]) -> str | None:
    """The language --lang asks for, read the way argparse reads it (`--lang nl`,
    `--lang=nl`, `--la nl`, nothing after `--`), before the full parse: whatever the
    words, an answer (None when --lang is absent, incomplete or unknown), never an error."""
    scout = argparse.ArgumentParser(
        add_help=False, exit_on_error=False, formatter_class=HelpFormatter
    )
    scout.add_argument("--lang")
    try:
        known, _ = scout.parse_known_args(raw)
    except argparse.ArgumentError:
        return None
    lang: str | None = known.lang
    return lang if lang in LANGUAGES else None


def _argparse_text(message: str) -> str:
    key = _ARGPARSE_KEYS.get(message)
    return t(f"argparse.{key}") if key else message
