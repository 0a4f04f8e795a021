"""The demo class: written once into a file beside the teacher's own (never into it),
opened in its place, and left again for her own file."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from companion.i18n import t
from companion.store import DataFileError, Store, file_has_data
from companion.store.files import demo_path_for

if TYPE_CHECKING:
    from companion.app import CompanionApp
    from companion.store.codec.crypto import Keyring

WORKER = "prepare_demo"


class DemoSwitch:
    def __init__(self, app: CompanionApp) -> None:
        self._app = app
        self.real_path: Path | None = None  # the teacher's own file while the demo is shown
        self._keyring: Keyring | None = None  # its passphrase, when it is encrypted

    @property
    def in_demo(self) -> bool:
        return self.real_path is not None

    def open(self) -> None:
        app = self._app
        if self.in_demo or any(worker.name == WORKER for worker in app.workers):
            return
        app.notify(t("app.demo_preparing"))
        app.run_worker(self._prepare, name=WORKER, thread=True, exclusive=True)

    def _prepare(self) -> None:
        """In a thread: writing a demo of two school years takes a moment."""
        from companion.demo import create_demo
        from companion.store.staging import AlreadyHoldsData

        app = self._app
        path = demo_path_for(app.store.path)
        self._keyring = app.store.keyring  # the real file's passphrase, to go back
        try:
            if not file_has_data(path):
                # Built beside it and put in place whole: a demo cut short by a crash is
                # never opened half, and the next try builds it again.
                with contextlib.suppress(AlreadyHoldsData):  # there after all: open it
                    create_demo(path, app.today, years=2)
            demo_store = Store.open(path, today=app.today, backup=False)
        except DataFileError as error:
            app.call_from_thread(app.notify, error.message(), severity="error", timeout=10)
            return
        app.call_from_thread(self._use, demo_store, app.store.path)

    def leave(self) -> None:
        """Back from the demo class to the teacher's own file."""
        if self.real_path is None:
            return
        try:
            store = Store.open(self.real_path, today=self._app.today, keyring=self._keyring)
        except DataFileError as error:
            self._app.notify(error.message(), severity="error", timeout=10)
            return
        self._use(store, None)

    def _use(self, store: Store, real_path: Path | None) -> None:
        self.real_path = real_path
        self._app.replace_store(store)
