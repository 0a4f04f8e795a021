"""One declared list of what the palette offers: places and the actions of every screen.

Each entry names its place (a destination of the app, a screen that is opened from
another one, or "app" for anywhere), the action to run there, and three i18n keys: a
title, a help line and synonyms (comma-separated, in `palette.toml` of each language).
A teacher may type in either language; the hit is shown in the chosen one. No Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from companion.domain.children import collation_key
from companion.domain.vocabulary import ABC_ITEMS
from companion.i18n import LANGUAGES, t
from companion.screens import places
from companion.screens.places import place_of as place_of  # for the app and providers

ANYWHERE: Final = "app"


@dataclass(frozen=True, slots=True)
class Command:
    """An action to run on `place` (a screen's action string, e.g. "day(-1)").

    `on_child`: the action works on the child (or row) under the cursor, so from another
    place the palette only opens the place, where the teacher then picks the child.
    """

    place: str
    action: str
    title: str
    help: str
    synonyms: str
    on_child: bool = False

    @property
    def is_place(self) -> bool:
        return self.action == ""


def _entry(place: str, action: str, name: str, *, on_child: bool = False) -> Command:
    return Command(
        place,
        action,
        f"palette.title.{name}",
        f"palette.help.{name}",
        f"palette.synonyms.{name}",
        on_child,
    )


# The places: a palette hit opens them (the app's one list of places).
PLACES: Final[tuple[Command, ...]] = tuple(
    Command(place.name, "", place.title_key, place.hint_key, f"palette.synonyms.place_{place.name}")
    for place in places.PLACES
)

ACTIONS: Final[tuple[Command, ...]] = (
    # Anywhere
    _entry(ANYWHERE, "help", "help"),
    _entry(ANYWHERE, "curtain", "curtain"),
    _entry(ANYWHERE, "open_demo", "demo"),
    # A child's page: of the child under the cursor, or of the one she names.
    _entry(ANYWHERE, "page", "child_page"),
    # The rest corner's "where are you now?": the child under the cursor (or whom she
    # names), the whole class, or herself; a child by name is the children's provider.
    _entry(ANYWHERE, "check_in", "check_in"),
    _entry(ANYWHERE, "check_in('class')", "check_in_class"),
    _entry(ANYWHERE, "check_in('me')", "check_in_me"),
    _entry(ANYWHERE, "how_it_went", "how_it_went"),
    # Reports: a child's (whose, when no child is shown), the class's week, the handover
    _entry(ANYWHERE, "report_child", "report_child"),
    _entry(ANYWHERE, "report_class", "report_class"),
    _entry(ANYWHERE, "report_handover", "report_handover"),
    Command(
        ANYWHERE,
        "close_year",
        "year.close_action",
        "year.close_action_help",
        "palette.synonyms.close_year",
    ),
    # ABC of Love
    *(_entry("abc", f"tick('{item}')", f"tick_{item}", on_child=True) for item in ABC_ITEMS),
    _entry("abc", "toggle_cell", "toggle_cell", on_child=True),
    _entry("abc", "greet", "greet", on_child=True),
    _entry("abc", "next_moment", "next_moment"),
    _entry("abc", "day(-1)", "previous_day"),
    _entry("abc", "day(1)", "next_day"),
    _entry("abc", "today", "abc_today"),
    _entry("abc", "find", "find"),
    _entry("abc", "undo", "undo"),
    # Week ledger and a child's school year
    _entry("ledger", "week(-1)", "previous_week"),
    _entry("ledger", "week(1)", "next_week"),
    _entry("ledger", "this_week", "this_week"),
    _entry("ledger", "history", "history", on_child=True),
    _entry("child_history", "year(1)", "previous_year"),
    _entry("child_history", "year(-1)", "next_year"),
    # A child's page: each section's own screen
    _entry("child_page", "open_section('needs')", "page_needs"),
    _entry("child_page", "open_section('samen_spel')", "page_samen_spel"),
    _entry("child_page", "open_section('history')", "page_history"),
    _entry("child_page", "open_section('abc_row')", "page_abc_row"),
    # Class list
    _entry("roster", "new", "new_child"),
    _entry("roster", "edit", "edit_child", on_child=True),
    _entry("roster", "archive", "archive_child", on_child=True),
    _entry("roster", "restore", "restore_child", on_child=True),
    _entry("roster", "purge", "purge_child", on_child=True),
    _entry("roster", "import", "import_list"),
    _entry("roster", "toggle_archived", "show_archived"),
    _entry("roster", "toggle_order", "sort_order"),
    # School calendar
    _entry("calendar", "confirm_all", "confirm_holidays"),
    _entry("calendar", "confirm", "confirm_day", on_child=True),
    _entry("calendar", "add", "add_day_off"),
    _entry("calendar", "remove", "remove_day_off", on_child=True),
    # Settings and data
    _entry("settings", "switch_language", "switch_language"),
    _entry("settings", "leave_demo", "leave_demo"),
    _entry("settings", "backups", "backups"),
    _entry("backups", "restore", "restore_backup", on_child=True),
    _entry("settings", "next_retention", "keep_archives"),
    _entry("settings", "old_archives", "old_archives"),
    _entry("settings", "toggle_initials", "names_initials"),
    _entry("settings", "next_curtain_time", "curtain_time"),
    _entry("settings", "encryption", "encryption"),
    # Learn more
    _entry("learn_more", "switch_pane", "switch_pane"),
    _entry("learn_more", "section(1)", "next_section"),
    _entry("learn_more", "section(-1)", "previous_section"),
    # Relational needs: the class by need, and one child's profile
    _entry("needs", "open_profile", "needs_open_profile", on_child=True),
    _entry("needs_profile", "clarity(1)", "needs_clearer"),
    _entry("needs_profile", "clarity(-1)", "needs_less_clear"),
    _entry("needs_profile", "add_signal", "needs_add_signal"),
    _entry("needs_profile", "remove_signal", "needs_remove_signal"),
    _entry("needs_profile", "show_history", "needs_show_history"),
    _entry("needs_profile", "show_profile", "needs_show_profile"),
    _entry("needs_profile", "save", "needs_save"),
    # Samen-Spel: every target child, and one child's plan and sessions
    _entry("samen_spel", "log", "samen_spel_log", on_child=True),
    _entry("samen_spel", "open_child", "samen_spel_open_child", on_child=True),
    _entry("samen_spel", "add_target", "samen_spel_add_target"),
    _entry("samen_spel", "why", "samen_spel_why"),
    _entry("samen_spel_child", "log", "samen_spel_child_log"),
    _entry("samen_spel_child", "plan", "samen_spel_plan"),
    _entry("samen_spel_child", "edit_plan", "samen_spel_edit_plan"),
    _entry("samen_spel_child", "close_out", "samen_spel_close_out"),
    _entry("samen_spel_child", "reopen", "samen_spel_reopen"),
    _entry("samen_spel_child", "edit_session", "samen_spel_edit_session", on_child=True),
    _entry("samen_spel_child", "delete_session", "samen_spel_delete_session", on_child=True),
    _entry("samen_spel_child", "why", "samen_spel_child_why"),
    # The rest corner: what still waits for how it went, and the strategy library
    _entry("rest_corner", "outcome", "rest_corner_outcome", on_child=True),
    _entry("rest_corner", "library", "rest_corner_library"),
    _entry("strategy_library", "find", "library_find"),
    _entry("strategy_library", "new", "library_new"),
    _entry("strategy_library", "edit", "library_edit", on_child=True),
    _entry("strategy_library", "toggle_hidden", "library_hide", on_child=True),
    # Self-Reg: her own check-in and the analyses waiting (Today), one analysis, its page
    _entry("home", "my_check_in", "my_check_in"),
    _entry("home", "analyses", "self_reg_analyses"),
    *(_entry("analysis", f"step({step})", f"analysis_step_{step}") for step in range(1, 6)),
    _entry("analysis", "step_by(1)", "analysis_next_step"),
    _entry("analysis", "step_by(-1)", "analysis_previous_step"),
    _entry("analysis", "save", "analysis_save"),
    _entry("analysis", "finish", "analysis_finish"),
    _entry("analysis", "rest_corner", "analysis_rest_corner"),
    _entry("analysis", "drop", "analysis_drop"),
    _entry("analysis_page", "edit", "analysis_edit"),
    _entry("analysis_page", "followed_up", "analysis_followed_up"),
    _entry("child_page", "open_section('self_reg')", "page_self_reg"),
    _entry("child_page", "open_section('self_reg_new')", "page_self_reg_new"),
    # The journal: the timeline, writing an entry, reading one
    _entry("journal", "new", "journal_new"),
    _entry("journal", "new_on_prompt", "journal_prompt"),
    _entry("journal", "analysis", "journal_analysis"),
    _entry("journal", "find", "journal_find"),
    _entry("journal", "filter", "journal_filter"),
    _entry("journal", "clear", "journal_clear"),
    _entry("journal", "open", "journal_open", on_child=True),
    _entry("journal", "edit", "journal_edit", on_child=True),
    _entry("journal", "star", "journal_star", on_child=True),
    _entry("journal", "delete", "journal_delete", on_child=True),
    _entry("journal", "undo", "journal_undo"),
    _entry("journal", "more", "journal_more"),
    _entry("entry_editor", "save", "editor_save"),
    _entry("entry_editor", "children", "editor_children"),
    _entry("entry_editor", "tags", "editor_tags"),
    _entry("entry_editor", "afresh", "editor_afresh"),
    _entry("entry_view", "edit", "view_edit"),
    _entry("entry_view", "star", "view_star"),
    _entry("entry_view", "delete", "view_delete"),
    # A report read before it is saved, and the handover reviewed child by child
    _entry("report_preview", "save", "report_save"),
    _entry("report_preview", "cycle_format", "report_format"),
    _entry("report_preview", "period", "report_period"),
    _entry("handover_review", "check", "handover_check"),
    _entry("handover_review", "leave_out", "handover_leave_out"),
    _entry("handover_review", "page(1)", "handover_next"),
    _entry("handover_review", "page(-1)", "handover_previous"),
    _entry("handover_review", "save", "handover_save"),
    _entry("handover_review", "cycle_format", "handover_format"),
)


def words(command: Command) -> list[str]:
    """What a teacher may type to find it: the title and synonyms in every language."""
    found: list[str] = []
    for lang in LANGUAGES:
        found.append(t(command.title, lang))
        found += [word.strip() for word in t(command.synonyms, lang).split(",") if word.strip()]
    return found


# (the title in the chosen language?, the whole text?) -> score
_SCORES: Final = {(True, True): 1.0, (False, True): 0.95, (True, False): 0.9, (False, False): 0.85}


def match_score(query: str, command: Command, lang: str | None = None) -> float:
    """How well `query` names the command: every word of the query must start a word of
    its title or of one synonym, in any language (accents and case ignored). Whole words
    score above beginnings, the title in the chosen language above the rest; 0: no fit."""
    wanted = words_of(query)
    if not wanted:
        return 0.0
    title = t(command.title, lang)
    best = 0.0
    for text in words(command):
        have = words_of(text)
        if not all(any(word.startswith(part) for word in have) for part in wanted):
            continue
        best = max(best, _SCORES[text == title, wanted == have])
    return best


def words_of(text: str) -> list[str]:
    """The words of a title or name, accent- and case-blind, split as a teacher types."""
    return collation_key(text).replace("-", " ").replace("/", " ").replace("'", " ").split()
