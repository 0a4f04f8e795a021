"""The start of an encrypted data file (Pilot, 80x24): the passphrase screen shows
before anything of the class, masked; a wrong passphrase is said with the tries left,
three end the start and touch nothing; the right one opens the real app on the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input
from ui_helpers import NOW, SIZE, make_app, press, screen_names, screen_text, type_text

from companion.app import create_app
from companion.app.unlock import UnlockApp
from companion.clock import fixed_clock
from companion.domain.children import ChildDraft
from companion.store import Store
from companion.store.codec.crypto import ARGON2ID, KdfParams, Keyring
from companion.store.encryption import encrypt, files_of

SECRET = "klaproos in de wind"
FAST = KdfParams(ARGON2ID, 1, 1, 8 * 1024)


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "klas.json"
    with Store.open(path, today=date(2026, 11, 25)) as store:
        store.children.add(ChildDraft("Zoë", "Peeters"))
        store.children.add(ChildDraft("Jérôme", "Maes"))
    encrypt(path, Keyring.of(SECRET, FAST))
    return path


async def _enter(app: UnlockApp, pilot: object, text: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await type_text(pilot, text)
    await press(pilot, "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_three_wrong_tries_end_the_start_and_touch_nothing(encrypted: Path) -> None:
    before = {path: path.read_bytes() for path in files_of(encrypted)}
    app = UnlockApp(encrypted, "en")
    async with app.run_test(size=SIZE) as pilot:
        field = app.screen.query_one("#passphrase-input", Input)
        assert field.password and field.has_focus
        shown = screen_text(app)
        assert "encrypted" in shown
        assert "Zoë" not in shown and "Peeters" not in shown
        await _enter(app, pilot, "not it")
        assert "2 left" in screen_text(app)
        await type_text(pilot, "geheim")
        assert "geheim" not in screen_text(app)  # masked as it is typed
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "One try left" in screen_text(app)
        await _enter(app, pilot, "still not it")
    assert app.return_value is None and app.refused
    assert {path: path.read_bytes() for path in files_of(encrypted)} == before


async def test_the_right_passphrase_opens_the_app(encrypted: Path) -> None:
    app = UnlockApp(encrypted, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _enter(app, pilot, "wrong one")
        await _enter(app, pilot, SECRET)
    keyring = app.return_value
    assert isinstance(keyring, Keyring) and not app.refused
    companion = create_app(encrypted, "en", clock=fixed_clock(NOW), keyring=keyring)
    async with companion.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert companion.store.encrypted
        assert "Zoë" in screen_text(companion)
        assert screen_names(companion)[0] == "HomeScreen"
        companion.store.children.add(ChildDraft("Anaïs", "Çelik"))
    assert b"Ana" not in encrypted.read_bytes()


async def test_it_speaks_dutch_and_escape_quits(encrypted: Path) -> None:
    app = UnlockApp(encrypted, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "enter")
        shown = screen_text(app)
        assert "versleuteld" in shown and "Typ eerst het wachtwoord" in shown
        await press(pilot, "escape")
    assert app.return_value is None and not app.refused


async def test_without_the_passphrase_the_app_does_not_open(encrypted: Path) -> None:
    from companion.store.errors import DataFilePassphraseNeeded

    with pytest.raises(DataFilePassphraseNeeded):
        make_app(encrypted)


async def test_settings_say_whether_it_is_encrypted_and_how_to_change_it(
    encrypted: Path, tmp_path: Path
) -> None:
    plain = tmp_path / "plain.json"
    with Store.open(plain, today=date(2026, 11, 25)) as store:
        store.children.add(ChildDraft("Zoë", "Peeters"))
    for path, ring, said, command in (
        (plain, None, "Encryption is off", "companion encrypt"),
        (encrypted, Keyring.of(SECRET), "Encryption is on", "companion passphrase"),
    ):
        app = create_app(path, "en", clock=fixed_clock(NOW), keyring=ring)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "s")
            await press(pilot, "e")
            assert screen_names(app)[-1] == "EncryptionDialog"
            shown = screen_text(app)
            assert said in shown and command in shown
            await press(pilot, "escape")
            assert screen_names(app)[-1] == "SettingsScreen"
