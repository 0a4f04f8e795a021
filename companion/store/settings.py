"""The teacher's settings: free text under free names, in one document of the live file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tinydb.table import Document

if TYPE_CHECKING:
    from companion.store.core import Core

TABLE = "settings"
_DOC_ID = 1


class Settings:
    def __init__(self, core: Core) -> None:
        self._core = core

    def get(self, key: str, default: str | None = None) -> str | None:
        document = self._core.table(TABLE).get(doc_id=_DOC_ID)
        if document is None:
            return default
        value = document.get(key, default)
        return None if value is None else str(value)

    def set(self, key: str, value: str) -> None:
        table = self._core.table(TABLE)
        if table.get(doc_id=_DOC_ID) is None:
            self._core.write(lambda: table.insert(Document({key: value}, doc_id=_DOC_ID)))
        else:
            self._core.write(lambda: table.update({key: value}, doc_ids=[_DOC_ID]))

    def all(self) -> dict[str, Any]:
        """Every setting, as an export writes them."""
        return dict(self._core.table(TABLE).get(doc_id=_DOC_ID) or {})
