"""The places provider: "Ga naar: Klas", every screen the app can open."""

from __future__ import annotations

from collections.abc import Iterable

from companion.commands.base import CatalogProvider
from companion.commands.catalog import PLACES, Command
from companion.i18n import t


class PlacesProvider(CatalogProvider):
    def commands(self) -> Iterable[Command]:
        return PLACES

    def title(self, command: Command) -> str:
        return f"{t('palette.go_to')} {t(command.title)}"
