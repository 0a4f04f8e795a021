"""UI strings in Dutch and English: `t("nav.home")`.

Catalogs live in `assets/i18n/<lang>/<section>.toml`; a key is `<section>.<name>`
(nested tables join with dots). Both languages must hold the same keys (a test checks).

One plural rule, for both languages: a string whose number is `{count}` has a sibling
`<key>_one` for a count of 1 ("1 kind", "24 kinderen"); `t()` picks it. A string with a
second number takes it as a phrase already counted (`t("common.school_days", count=6)`).
"""

from __future__ import annotations

import locale
import os
from datetime import date
from functools import cache

from companion.resources import assets_dir, load_toml

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE


def _flatten(prefix: str, table: dict[str, object], into: dict[str, str]) -> None:
    for name, value in table.items():
        key = f"{prefix}.{name}"
        if isinstance(value, dict):
            _flatten(key, value, into)
        else:
            into[key] = str(value)


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every string of one language, flattened to dotted keys."""
    strings: dict[str, str] = {}
    for path in sorted((assets_dir() / "i18n" / lang).glob("*.toml")):
        _flatten(path.stem, load_toml(f"i18n/{lang}/{path.name}"), strings)
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
    strings = catalog(lang or _current)
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
