"""Choose a prompt to write on: the deck's seven first, then the others shipped, then
hers (✎). Enter chooses; tab goes to the field below, where enter adds a prompt of her
own; `delete` removes one of hers, after asking. Answers the prompt's key."""

from __future__ import annotations

from typing import Final

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from companion.content.prompts import Prompt
from companion.domain.journal import JournalInputError
from companion.i18n import t
from companion.screens.base import CompanionModal, done
from companion.screens.form_rows import say_beside

OWN_MARK: Final = "✎"


class PromptDialog(CompanionModal[str]):
    CSS_PATH = "prompt.tcss"
    AUTO_FOCUS = "#prompt-list"
    BINDINGS = [
        Binding("delete", "remove", "journal.prompt.key.remove"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.prompts: dict[str, Prompt] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield OptionList(id="prompt-list")
            yield Input(
                placeholder=t("journal.prompt.own_placeholder"), id="prompt-new", compact=True
            )
            yield Static(classes="field-error", id="prompt-error")
            yield Static(Content.styled(t("journal.prompt.hint"), "dim"), id="prompt-hint")

    def on_mount(self) -> None:
        self.query_one("#prompt-box").border_title = t("journal.prompt.title")
        self._fill()

    def _fill(self, select: str | None = None) -> None:
        lang = self.companion.lang
        prompts = self.companion.store.journal.prompts()
        self.prompts = {prompt.key: prompt for prompt in prompts}
        listed = self.query_one("#prompt-list", OptionList)
        listed.clear_options()
        for number, prompt in enumerate(prompts, start=1):
            mark = f"{OWN_MARK} " if prompt.own else ""
            text = Content.assemble((f"{number:>2}. ", "dim"), mark, prompt.text_in(lang))
            listed.add_option(Option(text, id=prompt.key))
        keys = list(self.prompts)
        if keys:
            listed.highlighted = keys.index(select) if select in keys else 0

    @on(OptionList.OptionSelected, "#prompt-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    @on(Input.Submitted, "#prompt-new")
    def _add(self) -> None:
        field = self.query_one("#prompt-new", Input)
        store = self.companion.store
        try:
            added = self.write(lambda: store.journal.own_prompts.add(field.value))
        except JournalInputError as error:
            say_beside(self, "prompt", t(f"journal.error.{error.reason}", **error.params))
            return
        if added is None:
            return
        say_beside(self, "prompt", "")
        field.value = ""
        self._fill(select=added.key)
        self.query_one("#prompt-list").focus()
        self.notify(t("journal.prompt.added"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return self._highlighted_own() is not None
        return True

    def _highlighted_own(self) -> Prompt | None:
        listed = self.query_one("#prompt-list", OptionList)
        if not listed.has_focus:
            return None
        option = listed.highlighted_option
        prompt = self.prompts.get(option.id or "") if option is not None else None
        return prompt if prompt is not None and prompt.own else None

    def action_remove(self) -> None:
        from companion.screens.confirm import ConfirmDialog

        prompt = self._highlighted_own()
        if prompt is None:
            return

        def answered(yes: bool | None) -> None:
            store = self.companion.store
            if yes and self.write(done(lambda: store.journal.own_prompts.remove(prompt.key))):
                self._fill()

        self.app.push_screen(
            ConfirmDialog(
                t("journal.prompt.remove_title"),
                t("journal.prompt.remove_question", prompt=prompt.text_in("")),
                t("journal.prompt.remove_confirm"),
            ),
            answered,
        )

    @on(OptionList.OptionHighlighted, "#prompt-list")
    def _moved(self) -> None:
        self.refresh_bindings()
