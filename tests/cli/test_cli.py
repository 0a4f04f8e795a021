"""The command line: every command, every way it can be used wrongly, and the exit codes.

Most tests call `main([...])` in this process (fast); a few run `python -m companion` to
prove what the teacher sees: the right exit code and never a Python traceback.
Exit codes: 0 ok, 2 a usage error (argparse), 1 a problem with a file or a value.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import orjson
import pytest
from cli_helpers import Cli, frozen_day_and_private_home, in_process, record_tui_starts, run_process
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from companion import __version__
from companion.cli import build_parser
from companion.cli.language import requested_language
from companion.domain.children import ChildDraft
from companion.i18n import LANGUAGES, children_count, t
from companion.store import Store, default_data_path

TODAY = "2026-11-25"
TODAY_DATE = date.fromisoformat(TODAY)
ROOT = Path(__file__).resolve().parents[2]
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

# The stable vocabulary of the export, spelled out here so that a rename fails a test.
ITEMS = ("touch", "turn_taking", "closeness", "smile", "voice", "sharing_joy", "eye_contact")
MOMENTS = ("welcome", "day", "goodbye")


# -- running the CLI -------------------------------------------------------------------


@pytest.fixture(autouse=True)
def cli_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A frozen day, English, a private HOME (and its Windows folders), wide help text."""
    home = tmp_path / "home"
    with frozen_day_and_private_home(monkeypatch, TODAY, home):
        monkeypatch.setenv("APPDATA", str(home / "appdata"))
        monkeypatch.setenv("LOCALAPPDATA", str(home / "appdata"))
        monkeypatch.setenv("COLUMNS", "200")  # argparse does not wrap help text mid-sentence
        yield


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return in_process(capsys)


@pytest.fixture
def no_tui(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Starting the TUI in a test must stop at the store: fail loudly if the app would run."""
    started = record_tui_starts(monkeypatch)
    # pytest's stdin is no terminal: here the app would otherwise refuse before run().
    monkeypatch.setattr("companion.cli.start.terminal_attached", lambda: True)
    return started


# -- checking what it said and what it touched -------------------------------------------

_OPEN = "\x00open\x00"


def assert_message(err: str, key: str, lang: str = "en", **params: object) -> None:
    """`err` is exactly the message `key`; {detail} (an OS or parser text) may be anything."""
    path = Path(str(params.get("path", "")))
    backups = str(path.parent / f"{path.stem}.backups")
    text = t(key, lang, **{"detail": _OPEN, "backups": backups, **params})
    pattern = ".+?".join(re.escape(part) for part in text.split(_OPEN))
    assert re.fullmatch(pattern, err.strip(), flags=re.DOTALL), f"{key}: {err!r}"


def files_under(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` with its bytes (None for a folder); lock files left out."""
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if not p.name.endswith(".lock")
    }


def one_line(text: str) -> str:
    return " ".join(text.split())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def school_year(day: str) -> int:
    parsed = date.fromisoformat(day)
    return parsed.year if parsed.month >= 9 else parsed.year - 1


def class_file(path: Path, *names: tuple[str, str]) -> Path:
    """A real data file holding the named children."""
    with Store.open(path, today=TODAY_DATE, backup=False) as store:
        store.children.add_many([ChildDraft(first, last) for first, last in names])
    return path


def stored_names(path: Path) -> list[str]:
    with Store.open(path, today=TODAY_DATE, backup=False) as store:
        return sorted(c.full_name for c in store.children.all(include_archived=True))


# -- --help, --version, usage errors, language ---------------------------------------------


def test_help_shows_every_command(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    assert result.out.startswith("usage: companion")
    text = one_line(result.out)
    assert one_line(t("cli.description", "en")) in text
    for command in ("demo", "roster", "export", "--data", "--lang", "--version"):
        assert command in text


@pytest.mark.parametrize(
    ("argv", "key"),
    [
        (["demo", "--help"], "cli.demo_help"),
        (["roster", "import", "--help"], "cli.import_help"),
        (["export", "--help"], "cli.export_help"),
    ],
)
def test_each_command_has_its_help(cli: Cli, argv: list[str], key: str) -> None:
    result = cli(*argv)
    assert result.code == 0
    assert one_line(t(key, "en")) in one_line(result.out)


def test_version_is_the_project_version(cli: Cli) -> None:
    result = cli("--version")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert result.code == 0
    assert result.out == f"companion {project['version']}\n"
    assert __version__ == project["version"]


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["bogus"], "invalid choice: 'bogus'"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["export", "--bogus"], "unrecognized arguments: --bogus"),
        (["roster"], "the following arguments are required: COMMAND"),
        (["roster", "import"], "the following arguments are required: FILE"),
        (["roster", "delete"], "invalid choice: 'delete'"),
        (["demo", "--years", "many"], "argument --years: must be a whole number from 1 to 12"),
        (["--lang", "fr"], "invalid choice: 'fr'"),
        (["export", "--format", "csv"], "invalid choice: 'csv'"),
        (["export", "--format", "xml"], "invalid choice: 'xml'"),
    ],
)
def test_usage_errors_exit_2_with_the_usage_line(
    cli: Cli, tmp_path: Path, argv: list[str], complaint: str
) -> None:
    result = cli(*argv)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("usage: companion")
    assert complaint in result.err
    assert not list(tmp_path.rglob("*.json"))


@pytest.mark.parametrize("argv", [["--lang", "nl", "--help"], ["--lang=nl", "--help"]])
def test_lang_nl_makes_the_help_dutch(cli: Cli, argv: list[str]) -> None:
    result = cli(*argv)
    assert result.code == 0
    assert one_line(t("cli.description", "nl")) in one_line(result.out)
    assert one_line(t("cli.export_help", "nl")) in one_line(result.out)
    assert t("cli.export_help", "en") not in one_line(result.out)
    # argparse's own words follow too.
    assert result.out.startswith("gebruik: companion")
    assert "opties:" in result.out and "options:" not in result.out
    assert t("cli.version_help", "nl") in one_line(result.out)


def test_lang_nl_makes_argparse_complaints_dutch(cli: Cli) -> None:
    result = cli("--lang", "nl", "--bogus")
    assert result.code == 2
    assert result.err.startswith("gebruik: companion")
    assert "fout: onbekende argumenten: --bogus" in result.err


def test_lang_nl_makes_the_messages_dutch(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    for argv in (["--lang", "nl"], ["--lang=nl"]):
        result = cli(*argv, "export", "--data", missing)
        assert result.code == 1
        assert_message(result.err, "cli.no_data_file", "nl", path=missing)
    result = cli("--lang", "nl", "--lang", "en", "export", "--data", missing)
    assert_message(result.err, "cli.no_data_file", "en", path=missing)  # the last one wins


def test_a_dutch_locale_makes_the_messages_dutch(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "nl_BE.UTF-8")
    missing = tmp_path / "missing.json"
    assert_message(cli("export", "--data", missing).err, "cli.no_data_file", "nl", path=missing)
    result = cli("--lang", "en", "export", "--data", missing)
    assert_message(result.err, "cli.no_data_file", "en", path=missing)


# Words a command line is made of, --lang's spellings and neighbours included.
_WORDS = st.sampled_from(
    [
        "--lang", "--lang=nl", "--lang=en", "--lang=", "--lan", "--la=en", "--l", "nl", "en",
        "fr", "--", "-", "=", "--data", "x.json", "demo", "export", "roster", "import",
        "--years", "3", "--out", "--format", "json", "--bogus", "-x",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS | st.text(max_size=8), max_size=7))
def test_the_early_language_choice_reads_argv_as_argparse_does(argv: list[str]) -> None:
    """Any words at all (none included) give an answer; and whenever the full parser
    accepts them, the language chosen early is the one it reads."""
    early = requested_language(argv)
    assert early is None or early in LANGUAGES
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            args = build_parser().parse_args(argv)
    except SystemExit:
        return  # a usage error: the early choice only picks the language to say it in
    assert early == args.lang


def test_a_malformed_companion_today_is_a_clear_error(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_TODAY", "25/11/2026")
    path = class_file(tmp_path / "class.json", ("Zoë", "D'hondt"))
    before = files_under(tmp_path)
    result = cli("export", "--data", path)
    assert result.code == 1
    assert result.out == ""
    assert_message(result.err, "cli.bad_value")
    assert "25/11/2026" in result.err
    assert files_under(tmp_path) == before


# -- demo ------------------------------------------------------------------------------


def test_demo_writes_a_private_class_with_years_of_history(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "demo" / "class.json"
    result = cli("demo", "--data", path, "--years", "3", "--children", "6", "--seed", "3")
    assert result.code == 0, result.err
    assert result.err == ""
    with Store.open(path, today=TODAY_DATE, backup=False) as store:
        assert len(store.children.all()) == 6  # the current class
        everyone = store.children.all(include_archived=True)
        assert len(everyone) > 6  # and the children of the closed years
        assert store.school_years.all() == [2026, 2025, 2024]
        for year in store.school_years.all():
            assert store.abc.of_year(year), year
        profiles = len(store.needs.all())
        sessions = sum(
            len(store.samen_spel.sessions_of(plan))
            for year in store.school_years.all()
            for plan in store.samen_spel.plans_of_year(year)
        )
        years = store.school_years.all()
        uses = [use for year in years for use in store.rest_corner.uses_of_year(year)]
        entries = len(store.journal.everything())
    assert profiles and sessions and uses and entries
    # The count says which children are this year's class and which are earlier ones.
    archived = len(everyone) - 6
    assert result.out.splitlines() == [
        t(
            "cli.demo_done_earlier_years",
            "en",
            path=path,
            current="6 children",
            archived=archived,
            years=2,
        ),
        t(
            "cli.demo_needs",
            "en",
            profiles=children_count(profiles, "en"),
            sessions=t("cli.sessions", "en", count=sessions),
        ),
        t(
            "cli.demo_rest_corner",
            "en",
            uses=t("cli.strategy_uses", "en", count=len(uses)),
            waiting=sum(1 for use in uses if use.outcome is None),
        ),
        t("cli.demo_journal", "en", entries=t("cli.entries", "en", count=entries)),
        t("cli.demo_open", "en", path=path),
    ]
    if os.name == "posix":
        assert mode(path) == 0o600
        assert mode(path.parent) == 0o700
        assert all(mode(p) == 0o600 for p in (tmp_path / "demo" / "class.archive").iterdir())


def test_the_same_seed_gives_the_same_class(cli: Cli, tmp_path: Path) -> None:
    for name in ("a.json", "b.json", "c.json"):
        seed = "9" if name == "c.json" else "8"
        assert cli("demo", "--data", tmp_path / name, "--children", "5", "--seed", seed).code == 0
    first, second, other = (stored_names(tmp_path / n) for n in ("a.json", "b.json", "c.json"))
    assert first == second
    assert first != other


def test_demo_without_data_goes_beside_the_default_data_file(cli: Cli, tmp_path: Path) -> None:
    result = cli("demo", "--children", "3")
    assert result.code == 0, result.err
    written = list((tmp_path / "home").rglob("*.json"))
    assert [p.name for p in written] == ["companion-demo.json"]
    assert len(stored_names(written[0])) == 3
    assert not list((tmp_path / "home").rglob("companion.json"))


def _corrupt(path: Path) -> None:
    path.write_bytes(b'{"meta": {"1": {"app": "classroom-')


@pytest.mark.parametrize("existing", ["a class", "a damaged file", "an empty file"])
def test_demo_never_touches_an_existing_data_file(cli: Cli, tmp_path: Path, existing: str) -> None:
    path = tmp_path / "companion.json"
    if existing == "a class":
        class_file(path, ("Zoë", "D'hondt"))
    elif existing == "a damaged file":
        _corrupt(path)
    else:
        path.write_bytes(b"")
    before = files_under(tmp_path)
    result = cli("demo", "--data", path)
    assert result.code == 1
    assert result.out == ""
    assert_message(result.err, "cli.demo_refuses", path=path)
    assert files_under(tmp_path) == before


def test_demo_fills_a_data_file_that_holds_no_class_yet(cli: Cli, tmp_path: Path) -> None:
    path = class_file(tmp_path / "companion.json")  # what a first start of the app leaves
    assert cli("demo", "--data", path, "--children", "4").code == 0
    assert len(stored_names(path)) == 4


def test_demo_never_mixes_into_an_archive_folder_left_without_its_file(
    cli: Cli, tmp_path: Path
) -> None:
    """Archives of closed years whose data file is gone (moved, deleted) are someone's
    history: a demo on that name would merge its years into them."""
    path = tmp_path / "companion.json"
    archive = tmp_path / "companion.archive"
    archive.mkdir()
    (archive / "2024-2025.json").write_bytes(b'{"meta": {"app": "classroom-companion"}}')
    before = files_under(tmp_path)
    result = cli("demo", "--data", path, "--years", "3", "--children", "4")
    assert result.code == 1
    assert_message(result.err, "cli.demo_refuses", path=path)
    assert files_under(tmp_path) == before


@pytest.mark.parametrize(
    ("option", "value", "bounds"),
    [
        ("--years", "0", (1, 12)),
        ("--years", "13", (1, 12)),
        ("--years", "-1", (1, 12)),
        ("--years", "many", (1, 12)),
        ("--years", "1.5", (1, 12)),
        ("--years", "", (1, 12)),
        ("--years", "9" * 5000, (1, 12)),  # more digits than Python turns into a number
        ("--children", "1", (2, 40)),  # a demo always holds the deck's Adam and Andy
        ("--children", "41", (2, 40)),
        ("--children", "0", (2, 40)),
        ("--children", "twee", (2, 40)),
        ("--seed", "x", None),
        ("--seed", "1.5", None),
        ("--seed", "", None),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else None,
)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_demo_numbers_out_of_range_are_usage_errors(
    cli: Cli, tmp_path: Path, option: str, value: str, bounds: tuple[int, int] | None, lang: str
) -> None:
    path = tmp_path / "demo.json"
    result = cli("--lang", lang, "demo", "--data", path, f"{option}={value}")
    assert result.code == 2
    assert result.out == ""
    usage, complaint = result.err.strip().splitlines()
    assert usage.startswith(t("argparse.usage", lang) + "companion demo")
    if bounds is None:
        expected = t("cli.whole_number", lang, value=value)
    else:
        expected = t("cli.number_in_range", lang, value=value, low=bounds[0], high=bounds[1])
    assert complaint.endswith(f"argument {option}: {expected}")
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("years", "children"), [("1", "2"), ("12", "2"), ("1", "40")], ids=["low", "years", "class"]
)
def test_demo_sizes_at_the_limits_are_accepted(
    cli: Cli, tmp_path: Path, years: str, children: str
) -> None:
    path = tmp_path / "demo.json"
    result = cli("demo", "--data", path, "--years", years, "--children", children)
    assert result.code == 0, result.err
    with Store.open(path, today=TODAY_DATE, backup=False) as store:
        assert len(store.children.all()) == int(children)
        assert len(store.school_years.all()) == int(years)


def test_demo_into_a_folder_that_is_a_file_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine\n")
    path = blocker / "sub" / "demo.json"
    result = cli("demo", "--data", path)
    assert result.code == 1
    assert result.out == ""
    assert_message(result.err, "errors.file.unwritable", path=path)
    assert blocker.read_text() == "mine\n"


# -- roster import ----------------------------------------------------------------------

# What the school administration's Excel gives: UTF-8 with a BOM, semicolons, Dutch
# headers, Windows line ends, and some rows that need the teacher's eye.
GOOD_CSV = (
    "\ufeffVoornaam;Naam;Geboortedatum;Groep\r\n"
    "Zoë;D'hondt;14/03/2021;\r\n"  # 2: added
    "Jérôme;Van den Broeck;31/02/2021;\r\n"  # 3: no such date
    ";Peeters;01/01/2021;\r\n"  # 4: no first name
    "Zoë;D'hondt;14/03/2021;\r\n"  # 5: line 2 again
    "Lotte;Maes;;onzichtbaar\r\n"  # 6: added, invisible
    "Wout;Claes;02/02/2021;paars\r\n"  # 7: no such group
).encode()


def _rejected(line: int, reason: str, lang: str = "en") -> str:
    return t("roster_import.rejected_line", lang, line=line, reason=t(reason, lang))


@pytest.fixture
def good_csv(tmp_path: Path) -> Path:
    path = tmp_path / "klaslijst.csv"
    path.write_bytes(GOOD_CSV)
    return path


def test_import_reports_added_skipped_and_rejected_lines(
    cli: Cli, tmp_path: Path, good_csv: Path
) -> None:
    path = tmp_path / "companion.json"
    result = cli("roster", "import", good_csv, "--data", path)
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out.splitlines() == [
        t("roster_import.summary", "en", added=2, skipped=1, rejected=3),
        _rejected(3, "errors.field.date_impossible"),
        _rejected(4, "errors.field.name_required"),
        t("roster_import.skipped_repeat", "en", line=5, name="Zoë D'hondt", earlier=2),
        _rejected(7, "roster_import.reason.group_unknown"),
    ]
    with Store.open(path, today=TODAY_DATE, backup=False) as store:
        children = {c.full_name: c for c in store.children.all()}
    assert sorted(children) == ["Lotte Maes", "Zoë D'hondt"]
    assert children["Zoë D'hondt"].birth_date == date(2021, 3, 14)
    assert children["Lotte Maes"].group == "invisible"
    assert children["Zoë D'hondt"].added_on == TODAY_DATE


def test_a_second_import_skips_the_children_already_in_the_class(
    cli: Cli, tmp_path: Path, good_csv: Path
) -> None:
    path = tmp_path / "companion.json"
    assert cli("roster", "import", good_csv, "--data", path).code == 0
    result = cli("--lang", "nl", "roster", "import", good_csv, "--data", path)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == t("roster_import.summary", "nl", added=0, skipped=3, rejected=3)
    for line, name in ((2, "Zoë D'hondt"), (5, "Zoë D'hondt"), (6, "Lotte Maes")):
        assert t("roster_import.skipped_existing", "nl", line=line, name=name) in lines
    assert _rejected(4, "errors.field.name_required", "nl") in lines
    assert stored_names(path) == ["Lotte Maes", "Zoë D'hondt"]


@pytest.mark.parametrize("data_first", [True, False], ids=["data-before", "data-after"])
def test_data_may_come_before_or_after_the_subcommand(
    cli: Cli, tmp_path: Path, good_csv: Path, data_first: bool
) -> None:
    path = tmp_path / "elsewhere" / "klas.json"
    argv = (
        ["--data", path, "roster", "import", good_csv]
        if data_first
        else ["roster", "import", good_csv, "--data", path]
    )
    assert cli(*argv).code == 0
    assert stored_names(path) == ["Lotte Maes", "Zoë D'hondt"]
    assert not list((tmp_path / "home").rglob("*.json"))  # the default file stays untouched


def test_import_without_data_goes_to_the_default_data_file(
    cli: Cli, tmp_path: Path, good_csv: Path
) -> None:
    assert cli("roster", "import", good_csv).code == 0
    written = list((tmp_path / "home").rglob("*.json"))
    assert [p.name for p in written] == ["companion.json"]
    assert stored_names(written[0]) == ["Lotte Maes", "Zoë D'hondt"]


def test_import_of_a_missing_file_names_it(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "klaslijst 2026.csv"
    path = tmp_path / "companion.json"
    result = cli("roster", "import", missing, "--data", path)
    assert result.code == 1
    assert result.out == ""
    assert_message(result.err, "cli.cannot_read", path=missing)
    assert str(missing) in result.err
    assert not path.exists()


def test_an_os_error_is_told_in_the_chosen_language(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "nergens.csv"
    result = cli("--lang", "nl", "roster", "import", missing, "--data", tmp_path / "klas.json")
    assert result.code == 1
    detail = t("os_error.missing", "nl")
    assert result.err.strip() == t("cli.cannot_read", "nl", path=str(missing), detail=detail)
    assert "No such file" not in result.err


def test_import_of_a_folder_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("roster", "import", tmp_path, "--data", tmp_path / "companion.json")
    assert result.code == 1
    reason = t("paths.reason.folder", "en")
    assert_message(result.err, "paths.read_refused", path=tmp_path, reason=reason)


NOT_A_CLASS_LIST = {
    "empty": (b"", "roster_import.file.empty"),
    "only separators": (b"\xef\xbb\xbf;;;\r\n;;\r\n", "roster_import.file.empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "roster_import.file.binary"),
    "no header": (
        b"Zo\xc3\xab;D'hondt;14/03/2021\r\nLotte;Maes;\r\n",
        "roster_import.file.no_header",
    ),
}


@pytest.mark.parametrize("data_exists", [True, False], ids=["class", "no-data-file"])
@pytest.mark.parametrize("case", list(NOT_A_CLASS_LIST))
def test_a_file_that_is_no_class_list_adds_nothing(
    cli: Cli, tmp_path: Path, case: str, data_exists: bool
) -> None:
    content, key = NOT_A_CLASS_LIST[case]
    source = tmp_path / "lijst.csv"
    source.write_bytes(content)
    path = tmp_path / "companion.json"
    if data_exists:
        class_file(path, ("Adam", "Peeters"))
    before = files_under(tmp_path)
    result = cli("roster", "import", source, "--data", path)
    assert result.code == 1
    assert result.out == ""
    assert_message(result.err, key)
    # Nothing added, no backup made, and a data file that was not there is not created.
    assert files_under(tmp_path) == before
    assert path.exists() == data_exists


# -- export -----------------------------------------------------------------------------


@pytest.fixture
def demo_file(cli: Cli, tmp_path: Path) -> Path:
    """A demo class with three school years: two of them in archive files."""
    path = tmp_path / "demo.json"
    result = cli("demo", "--data", path, "--years", "3", "--children", "6")
    assert result.code == 0, result.err
    return path


def _abc_on_disk(path: Path) -> set[tuple[str, str, str, str]]:
    """Every (child, date, moment, item) in the live file and its archives, read raw."""
    documents = list(orjson.loads(path.read_bytes()).get("abc", {}).values())
    archives = sorted((path.parent / f"{path.stem}.archive").glob("*.json"))
    assert len(archives) == 2  # the two closed school years
    for archive in archives:
        documents += orjson.loads(archive.read_bytes())["abc"]
    return {
        (doc["child"], doc["date"], moment, item)
        for doc in documents
        for moment in MOMENTS
        for item in doc.get(moment, [])
    }


def test_export_holds_every_child_and_every_abc_entry_of_every_year(
    cli: Cli, demo_file: Path
) -> None:
    before = files_under(demo_file.parent)
    result = cli("export", "--data", demo_file)
    assert result.code == 0, result.err
    assert result.err == ""
    exported = orjson.loads(result.out)

    # The class in the live file, the children who left in their last year's archive.
    live = orjson.loads(demo_file.read_bytes())
    kept = {c["id"] for c in live["children"].values()}
    for archive in (demo_file.parent / f"{demo_file.stem}.archive").glob("*.json"):
        kept |= {c["id"] for c in orjson.loads(archive.read_bytes()).get("children", [])}
    assert {c["id"] for c in exported["children"]} == kept
    for child in exported["children"]:
        assert {"id", "first_name", "last_name", "birth_date", "group", "archived"} <= set(child)

    entries = exported["abc"]
    for entry in entries:
        assert {"child", "date", "moment", "item"} <= set(entry)
        assert entry["moment"] in MOMENTS
        assert entry["item"] in ITEMS
    found = [(e["child"], e["date"], e["moment"], e["item"]) for e in entries]
    assert len(found) == len(set(found))  # no entry twice
    assert set(found) == _abc_on_disk(demo_file)
    assert {school_year(e["date"]) for e in entries} == {2024, 2025, 2026}
    assert {e["moment"] for e in entries} == set(MOMENTS)
    assert {e["item"] for e in entries} == set(ITEMS)
    assert files_under(demo_file.parent) == before  # export only reads


def test_export_out_writes_the_same_json_privately(
    cli: Cli, demo_file: Path, tmp_path: Path
) -> None:
    on_screen = orjson.loads(cli("export", "--data", demo_file).out)
    out = tmp_path / "backups" / "export.json"
    result = cli("export", "--data", demo_file, "--out", out, "--format", "json")
    assert result.code == 0, result.err
    assert result.out == ""
    assert_message(result.err, "cli.export_done", path=out)
    in_file = orjson.loads(out.read_bytes())
    for document in (on_screen, in_file):
        del document["exported_at"]  # the moment of each export
    assert in_file == on_screen
    if os.name == "posix":
        assert mode(out) == 0o600


def test_export_of_a_missing_data_file_does_not_create_it(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    result = cli("export", "--data", path)
    assert result.code == 1
    assert result.out == ""
    assert_message(result.err, "cli.no_data_file", path=path)
    assert list(tmp_path.iterdir()) == []


def test_export_without_data_names_the_default_file(cli: Cli, tmp_path: Path) -> None:
    default = default_data_path()
    assert default.name == "companion.json"
    assert default.is_relative_to(tmp_path / "home")  # the test's own HOME
    result = cli("export")
    assert result.code == 1
    assert_message(result.err, "cli.no_data_file", path=default)
    assert not default.exists()


def test_export_over_the_data_file_itself_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class_file(tmp_path / "companion.json", ("Zoë", "D'hondt"))
    monkeypatch.chdir(tmp_path)
    before = files_under(tmp_path)
    for out in ("./companion.json", str(tmp_path / "companion.json")):
        result = cli("export", "--data", "companion.json", "--out", out)
        assert result.code == 1
        reason = t("paths.reason.data_file", "en")
        assert_message(result.err, "paths.write_refused", path=Path(out), reason=reason)
    assert files_under(tmp_path) == before


def test_export_into_a_folder_that_is_a_file_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    path = class_file(tmp_path / "companion.json", ("Zoë", "D'hondt"))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine\n")
    result = cli("export", "--data", path, "--out", blocker / "export.json")
    assert result.code == 1
    assert_message(result.err, "cli.cannot_write", path=blocker / "export.json")
    result = cli("export", "--data", path, "--out", tmp_path)
    assert result.code == 1
    reason = t("paths.reason.folder", "en")
    assert_message(result.err, "paths.write_refused", path=tmp_path, reason=reason)
    assert blocker.read_text() == "mine\n"


# -- bad data files, for every command ---------------------------------------------------


def _valid_bytes(path: Path) -> bytes:
    class_file(path, ("Zoë", "D'hondt"), ("Jérôme", "Van den Broeck"))
    data = path.read_bytes()
    path.unlink()
    return data


def _foreign_tinydb(path: Path) -> None:
    with TinyDB(path) as db:
        db.insert({"title": "Boodschappenlijst", "items": ["brood", "melk"]})


def _newer_schema(path: Path) -> None:
    path.write_bytes(b'{"meta": {"1": {"app": "classroom-companion", "schema": 99}}}')


# None of these files has a backup yet, so the messages say so (and name no folder).
BAD_FILES: dict[str, tuple[Callable[[Path], object], str]] = {
    "corrupt json": (_corrupt, "errors.file.corrupt_no_backup"),
    "truncated": (
        lambda p: p.write_bytes(_valid_bytes(p)[:-40]),
        "errors.file.corrupt_no_backup",
    ),
    "zero bytes": (lambda p: p.write_bytes(b""), "errors.file.empty_no_backup"),
    "wrong shape": (
        lambda p: p.write_bytes(b'[{"children": []}]'),
        "errors.file.corrupt_no_backup",
    ),
    "a table of the wrong shape": (
        lambda p: p.write_bytes(
            b'{"meta": {"1": {"app": "classroom-companion", "schema": 1}}, "children": [1]}'
        ),
        "errors.file.corrupt_no_backup",
    ),
    "newer schema": (_newer_schema, "errors.file.too_new"),
    "foreign tinydb file": (_foreign_tinydb, "errors.file.foreign"),
}

COMMANDS = {
    "export": lambda data, csv: ["export", "--data", data],
    "export --out": lambda data, csv: ["export", "--data", data, "--out", data.with_name("x")],
    "roster import": lambda data, csv: ["roster", "import", csv, "--data", data],
    "tui": lambda data, csv: ["--data", data],
    "tui --lang nl": lambda data, csv: ["--lang", "nl", "--data", data],
    "year close": lambda data, csv: ["year", "close", "--data", data, "--yes"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_data_file_stops_every_command_untouched(
    cli: Cli, tmp_path: Path, good_csv: Path, no_tui: list[object], case: str, command: str
) -> None:
    write, key = BAD_FILES[case]
    path = tmp_path / "companion.json"
    write(path)
    before = files_under(tmp_path)
    result = cli(*COMMANDS[command](path, good_csv))
    assert result.code == 1
    assert result.out == ""
    lang = "nl" if command.endswith("--lang nl") else "en"
    assert_message(result.err, key, lang, path=path)
    if case == "newer schema":
        assert "99" in result.err
    # Not changed, not backed up, nothing written beside it; and no app started.
    assert files_under(tmp_path) == before
    assert no_tui == []


def test_a_good_data_file_does_start_the_app(
    cli: Cli, tmp_path: Path, no_tui: list[object]
) -> None:
    """The other side of the test above: there, the app was not started because of the file."""
    path = class_file(tmp_path / "companion.json", ("Zoë", "D'hondt"))
    assert cli("--lang", "nl", "--data", path).code == 0
    assert len(no_tui) == 1
    with Store.open(path, today=TODAY_DATE, backup=False) as store:
        assert store.settings.get("lang") == "nl"


@pytest.mark.parametrize("command", ["export", "tui"])
def test_a_folder_given_as_the_data_file_is_a_clear_error(
    cli: Cli, tmp_path: Path, no_tui: list[object], command: str
) -> None:
    folder = tmp_path / "klas"
    folder.mkdir()
    argv = ["export", "--data", folder] if command == "export" else ["--data", folder]
    result = cli(*argv)
    assert result.code == 1
    assert_message(result.err, "errors.file.unreadable", path=folder)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", ["roster import", "tui"])
def test_a_data_file_open_elsewhere_is_locked(
    cli: Cli, tmp_path: Path, good_csv: Path, no_tui: list[object], command: str
) -> None:
    path = class_file(tmp_path / "companion.json", ("Zoë", "D'hondt"))
    with Store.open(path, today=TODAY_DATE, backup=False):
        before = files_under(tmp_path)
        result = cli(*COMMANDS[command](path, good_csv))
        assert result.code == 1
        assert_message(result.err, "errors.file.locked", path=path)
        assert files_under(tmp_path) == before
    assert stored_names(path) == ["Zoë D'hondt"]


# -- as a real process: exit codes, and never a traceback ---------------------------------


def test_export_while_another_process_holds_the_file(tmp_path: Path) -> None:
    path = class_file(tmp_path / "companion.json", ("Zoë", "D'hondt"))
    with Store.open(path, today=TODAY_DATE, backup=False):
        before = files_under(tmp_path)
        done = run_process("export", "--data", path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert_message(done.stderr, "errors.file.locked", path=path)
    assert files_under(tmp_path) == before


Argv = list[str | Path]


def _process_case(case: str, tmp_path: Path) -> tuple[Argv, dict[str, str]]:
    csv = tmp_path / "lijst.csv"
    csv.write_bytes(b"\x00\x01binary")
    corrupt = tmp_path / "corrupt.json"
    _corrupt(corrupt)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    cases: dict[str, tuple[Argv, dict[str, str]]] = {
        "version": (["--version"], {}),
        "unknown command": (["bogus"], {}),
        "unknown format": (["export", "--format", "csv"], {}),
        "export of a missing file": (["export", "--data", tmp_path / "none.json"], {}),
        "tui on a damaged file": (["--lang", "nl", "--data", corrupt], {}),
        "demo under a file": (["demo", "--data", blocker / "demo.json"], {}),
        "import of a binary file": (["roster", "import", csv, "--data", tmp_path / "c.json"], {}),
        "malformed day": (["export", "--data", corrupt], {"COMPANION_TODAY": "morgen"}),
    }
    return cases[case]


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("version", 0),
        ("unknown command", 2),
        ("unknown format", 2),
        ("export of a missing file", 1),
        ("tui on a damaged file", 1),
        ("demo under a file", 1),
        ("import of a binary file", 1),
        ("malformed day", 1),
    ],
)
def test_the_process_exit_code_and_no_traceback(tmp_path: Path, case: str, code: int) -> None:
    argv, env = _process_case(case, tmp_path)
    done = run_process(*argv, stdin=None, **env)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert "Error:" not in done.stderr  # no exception class name leaks out either
    if code == 0:
        assert done.stdout.strip() == f"companion {__version__}"
    else:
        assert done.stdout == ""
        assert done.stderr.strip()
        assert len(done.stderr.strip().splitlines()) <= 2  # a message (or usage + error)
