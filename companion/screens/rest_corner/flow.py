"""The rest corner's flow, the same from every entry point: for whom (when no child is
under the cursor), "where are you now?", the picker, the use logged. Today's `z`, the
ABC grid's, the child's page's, the rest corner's own keys and the palette all run it.

Dialogs are awaited, so the flow runs in a worker: `start_check_in(screen, subject)`
starts it; `check_in_flow` itself is for code already in a worker."""

from __future__ import annotations

from companion.domain.rest_corner import StrategyUse
from companion.i18n import t
from companion.screens.base import CompanionScreen
from companion.screens.rest_corner.check_in import CheckInDialog
from companion.screens.rest_corner.outcome import WaitingDialog
from companion.screens.rest_corner.picker import StrategyPickerDialog
from companion.screens.rest_corner.who import WhoDialog, subject_in_sentence

WORKER_GROUP = "rest-corner-check-in"


async def check_in_flow(screen: CompanionScreen, subject: str | None) -> StrategyUse | None:
    """Check `subject` in (a child's id, CLASS or ME; None: ask whom first), offer the
    suggestions and log the one she picks: that use, or None when she went back. Each
    dialog writes what it answers, so a check-in is kept even without a pick. Must run
    in a worker (Textual waits for a dialog only there)."""
    app = screen.app
    if subject is None:
        subject = await app.push_screen_wait(WhoDialog())
        if subject is None:
            return None
    check_in = await app.push_screen_wait(CheckInDialog(subject))
    if check_in is None:
        return None
    use = await app.push_screen_wait(StrategyPickerDialog(check_in))
    if use is not None:
        store = screen.companion.store
        strategy = store.rest_corner.strategy(use.strategy)
        app.notify(
            t(
                "rest_corner.flow.logged",
                strategy=strategy.name_in(screen.companion.lang) if strategy else use.strategy,
                who=subject_in_sentence(store, use.subject, screen.companion.names),
            )
        )
    return use


def start_check_in(screen: CompanionScreen, subject: str | None) -> None:
    """The flow for `subject` (None: ask whom first), in a worker of `screen`."""
    screen.run_worker(check_in_flow(screen, subject), group=WORKER_GROUP, exclusive=True)


def say_how_it_went(screen: CompanionScreen) -> None:
    """The uses still without an outcome, to say how each went; or that none waits."""
    if not screen.companion.store.rest_corner.waiting():
        screen.app.notify(t("rest_corner.waiting.none"))
        return
    screen.app.push_screen(WaitingDialog())
