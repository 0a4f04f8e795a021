"""A backup in words, for `companion backup` and the Backups screen: when, why, how
large, what it holds (or why it cannot be read)."""

from __future__ import annotations

from pathlib import Path

from companion.domain.calendar import school_year_label
from companion.i18n import long_date, t
from companion.store.backups import REASONS, BackupInfo, Counts, target_of
from companion.store.errors import (
    DataFileEmpty,
    DataFileError,
    DataFileForeign,
    DataFilePassphraseNeeded,
    DataFileTooNew,
    DataFileUnreadable,
    DataFileWrongPassphrase,
)
from companion.store.files import archive_dir_for


def when_text(info: BackupInfo, lang: str | None = None) -> str:
    return t(
        "backup.when", lang, date=long_date(info.moment.date(), lang), time=f"{info.moment:%H:%M}"
    )


def reason_text(info: BackupInfo, lang: str | None = None) -> str:
    if info.reason in REASONS:
        reason = t(f"backup.reason.{info.reason}", lang)
    elif info.reason:
        reason = t("backup.reason.other", lang, reason=info.reason)
    else:
        reason = t("backup.daily", lang)
    if info.year is not None:
        return f"{t('backup.of_year', lang, year=school_year_label(info.year))}, {reason}"
    return reason


def size_text(size: int, lang: str | None = None) -> str:
    if size >= 1_000_000:
        return t("backup.size_mb", lang, size=f"{size / 1_000_000:.1f}")
    if size >= 1000:
        return t("backup.size_kb", lang, size=f"{size / 1000:.1f}")
    return t("backup.size_b", lang, size=size)


def counts_text(counts: Counts, lang: str | None = None) -> str:
    parts = []
    if counts.children is not None:
        parts.append(t("backup.children", lang, count=counts.children))
    parts.append(t("backup.ticks", lang, count=counts.ticks))
    parts.append(t("backup.journal_entries", lang, count=counts.journal_entries))
    return ", ".join(parts)


def problem_text(error: DataFileError, lang: str | None = None) -> str:
    """Why a backup cannot be read, in a few words."""
    for kind, key in (
        (DataFilePassphraseNeeded, "passphrase"),
        (DataFileWrongPassphrase, "passphrase"),
        (DataFileTooNew, "too_new"),
        (DataFileEmpty, "empty"),
        (DataFileForeign, "foreign"),
        (DataFileUnreadable, "unreadable"),
    ):
        if isinstance(error, kind):
            return t(f"backup.problem.{key}", lang)
    return t("backup.problem.damaged", lang)


def held_text(info: BackupInfo, lang: str | None = None) -> str:
    """What a backup holds, or why it cannot be read."""
    if info.counts is not None:
        return counts_text(info.counts, lang)
    reason = problem_text(info.problem, lang) if info.problem is not None else ""
    return t("backup.unreadable", lang, reason=reason)


def backup_line(
    number: int, info: BackupInfo, lang: str | None = None, *, two_lines: bool = False
) -> str:
    """One backup as the list shows it: number, when, why, size, what it holds (on a
    line of its own below, for a narrow screen)."""
    head = f"{number:>3}  {when_text(info, lang)}  ·  {reason_text(info, lang)}  ·  "
    head += size_text(info.size, lang)
    if two_lines:
        return f"{head}\n     {held_text(info, lang)}"
    return f"{head}  ·  {held_text(info, lang)}"


def replaces_text(data_path: Path, info: BackupInfo, lang: str | None = None) -> str:
    """What restoring `info` replaces: the data file (the closed years stay), or one
    closed year's archive (the data file stays)."""
    target = target_of(data_path, info)
    if info.year is None:
        return t(
            "backup.replaces_file", lang, path=str(target), archive=str(archive_dir_for(data_path))
        )
    return t("backup.replaces_archive", lang, year=school_year_label(info.year), path=str(target))
