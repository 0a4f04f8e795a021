"""UI strings in Dutch and English: `t("nav.home")`.

Catalogs live in `assets/i18n/<lang>/<section>.toml`; a key is `<section>.<name>`
(nested tables join with dots). Both languages must hold the same keys (a test checks).
A section's file is read when one of its strings is first asked for: `companion --help`
reads the command line's few files, not all forty.

One plural rule, for both languages: a string whose number is `{count}` has a sibling
`<key>_one` for a count of 1 ("1 kind", "24 kinderen"); `t()` picks it. A string with a
second number takes it as a phrase already counted (`t("common.school_days", count=6)`).
"""

from __future__ import annotations

import os
import re
from functools import cache

from companion.resources import assets_dir, assets_root, load_toml

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without typing's import (`companion --help`)
if TYPE_CHECKING:
    from datetime import date

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE

# One line of a catalog as nearly all of them are written: blank or a comment, a [table],
# or a key with a one-line string. Read with this (tomllib's import alone costs more than
# the CLI's help); a file with any other line (a multi-line string) goes to tomllib.
_LINE = re.compile(
    r"""[ \t]*(?:\#.*)?
    | [ \t]*\[[ \t]*(?P<table>[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)[ \t]*\][ \t]*(?:\#.*)?
    | [ \t]*(?P<key>[A-Za-z0-9_-]+)[ \t]*=[ \t]*
      (?:"(?P<basic>(?:[^"\\\x00-\x08\x0a-\x1f\x7f]++|\\["\\bfnrt])*+)"
        |'(?P<literal>[^'\x00-\x08\x0a-\x1f\x7f]*+)')
      [ \t]*(?:\#.*)?""",
    re.VERBOSE,
)
_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {'"': '"', "\\": "\\", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _flatten(prefix: str, table: dict[str, object], into: dict[str, str]) -> None:
    for name, value in table.items():
        key = f"{prefix}.{name}"
        if isinstance(value, dict):
            _flatten(key, value, into)
        else:
            into[key] = str(value)


def _plain_lines(text: str, section: str) -> dict[str, str] | None:
    """The strings of a catalog written in plain lines only (see _LINE), else None."""
    strings: dict[str, str] = {}
    prefix = section
    for line in text.split("\n"):
        match = _LINE.fullmatch(line.removesuffix("\r"))
        if match is None:
            return None
        if match["table"] is not None:
            prefix = f"{section}.{match['table']}"
        elif (basic := match["basic"]) is not None:
            strings[f"{prefix}.{match['key']}"] = (
                _ESCAPE.sub(_unescape, basic) if "\\" in basic else basic
            )
        elif match["literal"] is not None:
            strings[f"{prefix}.{match['key']}"] = match["literal"]
    return strings


def _unescape(escape: re.Match[str]) -> str:
    return _ESCAPED[escape[1]]


@cache
def section_strings(lang: str, section: str) -> dict[str, str]:
    """The strings of one file, `<section>.toml`, of a language (none when there is no
    such file): read once, when the first of them is asked for."""
    if not section.isidentifier():
        return {}
    try:
        with open(os.path.join(assets_root(), "i18n", lang, f"{section}.toml"), "rb") as file:
            data = file.read()
    except FileNotFoundError:
        return {}
    strings = _plain_lines(data.decode("utf-8"), section)
    if strings is None:
        strings = {}
        _flatten(section, load_toml(f"i18n/{lang}/{section}.toml"), strings)
    return strings


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every string of one language, flattened to dotted keys."""
    strings: dict[str, str] = {}
    for path in sorted((assets_dir() / "i18n" / lang).glob("*.toml")):
        strings.update(section_strings(lang, path.stem))
    return strings


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang


def current_language() -> str:
    return _current


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """Translate `key`; a missing key shows itself, so it is seen and fixed, not hidden.

    With `count=1`, the singular `<key>_one` is used where the catalog has one.
    """
    strings = section_strings(lang or _current, key.partition(".")[0])
    if params.get("count") == 1 and f"{key}_one" in strings:
        key = f"{key}_one"
    text = strings.get(key, key)
    return text.format(**params) if params else text


def language_from_environment() -> str:
    """nl for a Dutch OS locale (nl_BE, nl_NL, ...), else en."""
    # GNU gettext's order: LANGUAGE first, then LC_ALL, LC_MESSAGES and LANG.
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    import locale  # not before it is needed: `companion --help` does without

    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "nl" if code.lower().startswith(("nl", "dutch")) else "en"


def long_date(day: date, lang: str | None = None) -> str:
    """'woensdag 25 november 2026' / 'Wednesday 25 November 2026'."""
    weekday = t("common.weekdays", lang).split(",")[day.weekday()]
    month = t("common.months", lang).split(",")[day.month - 1]
    return t("common.long_date", lang, weekday=weekday, day=day.day, month=month, year=day.year)


def short_date(day: date, lang: str | None = None) -> str:
    """'wo 25/11' / 'Wed 25/11'."""
    weekday = t("common.weekdays_short", lang).split(",")[day.weekday()]
    return f"{weekday} {day.day:02d}/{day.month:02d}"


def day_header(day: date, lang: str | None = None) -> str:
    """'wo 25' / 'Wed 25': a column header for one day of a week."""
    weekday = t("common.weekdays_short", lang).split(",")[day.weekday()]
    return f"{weekday} {day.day}"


def children_count(count: int, lang: str | None = None) -> str:
    """'1 kind' / '24 kinderen'."""
    return t("common.children_count", lang, count=count)


# errno name -> key under `os_error.*`; several errors a teacher reads the same way.
_OS_ERRORS = {
    "ENOENT": "missing",
    "EACCES": "permission",
    "EPERM": "permission",
    "EISDIR": "is_folder",
    "ENOTDIR": "not_folder",
    "ENAMETOOLONG": "too_long",
    "ENOSPC": "disk_full",
    "EDQUOT": "disk_full",
    "EROFS": "read_only",
    "ELOOP": "link_loop",
    "EIO": "io",
    "EBUSY": "busy",
    "ETXTBSY": "busy",
    "EEXIST": "exists",
    "EMFILE": "too_many_open",
    "ENFILE": "too_many_open",
    "EINVAL": "invalid",
    "ENXIO": "no_device",
    "ENODEV": "no_device",
}


def os_error_text(error: OSError, lang: str | None = None) -> str:
    """What the OS said, in the chosen language: "dat bestand bestaat niet", not the C
    library's English "No such file or directory". For any unknown error, its number."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    key = _OS_ERRORS.get(name)
    if key is None:
        return t("os_error.other", lang, code=name or str(error.errno or "?"))
    return t(f"os_error.{key}", lang)
