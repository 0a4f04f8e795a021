"""`companion serve`: the real server in a subprocess on a free port of 127.0.0.1, with a
demo class, driven by an aiohttp client (and by headless Chromium where it is installed).

The page, its files and the websocket need the token of this start (or the cookie the
first page load trades it for), a foreign Origin is refused, keys typed through the
websocket change the screen, a second tab is told the data file is already open while
the first keeps working, an encrypted file asks its passphrase in the tab, and ctrl+c
stops everything with the token in no log.

This module talks to its own server on 127.0.0.1 and to nothing else: the suite's network
guard (tests/conftest.py) is replaced here by one that lets loopback connections through.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip(
    "textual_serve", reason='browser mode needs its extra: pip install ".[browser]"'
)

import aiohttp  # textual-serve's own dependency

from companion.demo import create_demo
from companion.i18n import set_language, t
from companion.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="stops the server with SIGINT")

TODAY = "2026-11-12"
PASSPHRASE = "zeven kleuters in de zandbak"
HOME_TEXT = "Connection today"  # the home screen's first panel
HELP_TEXT = "Keys on this screen"  # the help screen, after "?"
EVIL = "https://evil.example"
WAIT = 60  # seconds before a test gives up waiting for a screen (not a timing check)

# -- the network guard: loopback only ---------------------------------------------------

_Socket: Any = socket.socket  # the real one: conftest's guard is not in place at import


class LoopbackOnly(RuntimeError):
    """A test of this module tried to reach further than 127.0.0.1."""


def _refuse_beyond_loopback(address: object) -> None:
    if not (isinstance(address, tuple) and address[0] == "127.0.0.1"):
        raise LoopbackOnly(f"only 127.0.0.1 may be reached, not {address!r}")


class _LoopbackSocket(_Socket):  # type: ignore[misc]
    def connect(self, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _refuse_beyond_loopback(address)
        super().connect(address)

    def connect_ex(self, address: object) -> int:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _refuse_beyond_loopback(address)
        result: int = super().connect_ex(address)
        return result


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Replaces conftest's guard of the same name for this module: 127.0.0.1 only."""
    monkeypatch.setattr(socket, "socket", _LoopbackSocket)
    yield


# -- the server ---------------------------------------------------------------------------


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str  # the address printed, with the token
    token: str
    origin: str  # http://127.0.0.1:PORT
    data: Path

    def ws_url(self, token: bool = True) -> str:
        query = f"&token={self.token}" if token else ""
        return f"{self.origin.replace('http', 'ws', 1)}/ws?width=140&height=40{query}"

    def stop(self) -> tuple[int, str, str]:
        """ctrl+c, as in the terminal: the exit code and what it printed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            out, err = self.process.communicate(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
            pytest.fail(f"ctrl+c did not stop the server: {err}")
        return self.process.returncode, out, err


def _environment(home: Path, **extra: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("COMPANION_", "TEXTUAL", "LC_", "LANG"))
    }
    env.update(
        COMPANION_TODAY=TODAY,
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        LC_ALL="C.UTF-8",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@contextmanager
def serving(data: Path, home: Path) -> Iterator[Served]:
    command = [sys.executable, "-m", "companion", "serve", "--data", str(data)]
    process = subprocess.Popen(
        [*command, "--lang", "en", "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(home),
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)/\?token=([\w-]+)", first)
        if found is None:
            process.kill()
            _, err = process.communicate()
            pytest.fail(f"no address printed: {first!r} {err}")
        yield Served(process, found.group(0), found.group(2), found.group(1), data)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    """A demo class in a folder whose name needs quoting on a shell command line."""
    path = tmp_path / "juf's klas" / "demo.json"
    path.parent.mkdir()
    create_demo(path, date.fromisoformat(TODAY), children=4)
    return path


@pytest.fixture
def served(demo_file: Path, home: Path) -> Iterator[Served]:
    with serving(demo_file, home) as server:
        yield server
        server.stop()


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield


@asynccontextmanager
async def client() -> AsyncIterator[aiohttp.ClientSession]:
    # unsafe: aiohttp keeps no cookie of an IP address otherwise (browsers do).
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield session


# -- reading the tab ----------------------------------------------------------------------

_STYLES = re.compile(r"\x1b\[[0-9;:]*m")  # colours: inside a word, too
_ESCAPES = re.compile(
    r"\x1b(?:\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])"
)
_BOX = re.compile(r"[\u2500-\u259f]")  # borders and blocks, between the lines of a text


def words(text: str) -> str:
    """What the tab shows as words: no escape codes, no borders, one space between."""
    return " ".join(_BOX.sub(" ", _ESCAPES.sub(" ", _STYLES.sub("", text))).split())


class Tab:
    """One browser tab, as textual-serve's page is to the server: a websocket."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.seen = bytearray()

    async def shows(self, wanted: str) -> None:
        """Reads the screen's updates until `wanted` is on it (what came before is gone).
        Spaces do not count: a long path is folded over two lines."""
        wanted = "".join(wanted.split())
        try:
            async with asyncio.timeout(WAIT):
                async for message in self.websocket:
                    if message.type is aiohttp.WSMsgType.BINARY:
                        self.seen.extend(message.data)
                    shown = words(bytes(self.seen).decode("utf-8", "replace"))
                    if wanted in "".join(shown.split()):
                        self.seen.clear()
                        return
        except TimeoutError:
            pass
        shown = words(bytes(self.seen).decode("utf-8", "replace"))[-1500:]
        pytest.fail(f"{wanted!r} never showed in the tab; it showed: {shown}")

    async def type(self, keys: str) -> None:
        self.seen.clear()
        await self.websocket.send_json(["stdin", keys])

    async def offered_download(self) -> str:
        """The key of the file the app hands the browser (the page then opens it)."""
        async with asyncio.timeout(WAIT):
            async for message in self.websocket:
                if message.type is aiohttp.WSMsgType.TEXT:
                    kind, *rest = message.json()
                    if kind == "deliver_file_start":
                        return str(rest[0])
        pytest.fail("no download was offered")


@asynccontextmanager
async def tab(session: aiohttp.ClientSession, server: Served) -> AsyncIterator[Tab]:
    async with session.ws_connect(server.ws_url(), origin=server.origin) as websocket:
        yield Tab(websocket)


# -- the tests ----------------------------------------------------------------------------


async def test_the_page_and_its_files_need_this_starts_token(served: Served) -> None:
    page = f"{served.origin}/"
    script = f"{served.origin}/static/js/textual.js"
    async with client() as session:
        for refused in (page, f"{page}?token=not-it", script, f"{served.origin}/ws"):
            async with session.get(refused) as response:
                assert response.status == 403, refused
                assert t("serve.forbidden") in await response.text()
        # A page posing as ours (DNS rebinding), or one of another site: refused, token or not.
        for headers in ({"Host": "localhost"}, {"Origin": EVIL}, {"Origin": "null"}):
            async with session.get(served.url, headers=headers) as response:
                assert response.status == 403, headers
        # The token: traded for a cookie, and the address bar without it.
        async with session.get(served.url, allow_redirects=False) as response:
            assert response.status == 303
            assert response.headers["Location"] == "/"
            cookie = response.headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        async with session.get(page) as response:
            assert response.status == 200
            text = await response.text()
            assert "js/textual.js" in text and "<title>Classroom Companion</title>" in text
            assert "googleapis" not in text and served.token not in text  # offline; no token
        async with session.get(script) as response:
            assert response.status == 200


async def test_the_websocket_refuses_a_foreign_origin_no_origin_and_no_token(
    served: Served,
) -> None:
    async with client() as session:
        for url, origin in (
            (served.ws_url(), EVIL),  # any web page open in her browser
            (served.ws_url(), None),  # browsers always send one
            (served.ws_url(token=False), served.origin),  # no token, no cookie
        ):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(url, origin=origin)
            assert refused.value.status == 403, (url, origin)


async def test_keys_typed_in_the_tab_change_its_screen(served: Served) -> None:
    async with client() as session, tab(session, served) as first:
        await first.shows(HOME_TEXT)
        await first.type("?")
        await first.shows(HELP_TEXT)


async def test_a_second_tab_says_the_file_is_already_open_and_the_first_keeps_working(
    served: Served,
) -> None:
    locked = t("errors.file.locked", path=str(served.data))
    async with client() as session, tab(session, served) as first:
        await first.shows(HOME_TEXT)
        async with tab(session, served) as second:
            await second.shows(locked)
            await second.shows(t("serve.close_tab"))
        await first.type("?")
        await first.shows(HELP_TEXT)


async def test_a_report_saved_in_the_tab_is_a_download(served: Served) -> None:
    async with client() as session:
        async with session.get(served.url) as response:  # the cookie, as the page has it
            assert response.status == 200
        async with tab(session, served) as first:
            await first.shows(HOME_TEXT)
            await first.type("w")  # the week ledger
            await first.shows(t("ledger.class_total"))
            await first.type("v")  # the class report of the week
            await first.shows(t("report_ui.preview.format", format="HTML"))
            await first.type("s")
            key = await first.offered_download()
            async with session.get(f"{served.origin}/download/{key}") as download:
                assert download.status == 200
                disposition = download.headers["Content-Disposition"]
                assert disposition.startswith("attachment;") and disposition.endswith(".html")
                assert "<html" in (await download.text()).lower()


async def test_an_encrypted_file_asks_its_passphrase_in_the_tab(
    demo_file: Path, home: Path
) -> None:
    encrypt = [sys.executable, "-m", "companion", "encrypt", "--data", str(demo_file)]
    done = subprocess.run(
        encrypt,
        capture_output=True,
        text=True,
        env=_environment(home, COMPANION_PASSPHRASE=PASSPHRASE),
        timeout=WAIT,
    )
    assert done.returncode == 0, done.stderr
    with serving(demo_file, home) as served:
        async with client() as session, tab(session, served) as first:
            await first.shows(t("encryption.screen.intro", path=str(demo_file)))
            await first.type("not it\r")
            await first.shows(t("encryption.screen.wrong", left=2))
            await first.type(PASSPHRASE + "\r")  # the field was emptied
            await first.shows(HOME_TEXT)
            await first.type("?")
            await first.shows(HELP_TEXT)
        code, out, err = served.stop()
    assert code == 0, err
    assert PASSPHRASE not in out + err


async def test_ctrl_c_stops_every_tab_cleanly_and_no_log_holds_the_token(
    served: Served, home: Path, tmp_path: Path
) -> None:
    async with client() as session:
        async with session.get(served.url) as response:
            assert response.status == 200
        async with tab(session, served) as first:
            await first.shows(HOME_TEXT)
            code, out, err = served.stop()
    assert code == 0, err
    assert "Traceback" not in err and "Traceback" not in out
    assert t("serve.stopped") in out
    # The address was printed once, for her; nothing else holds the token.
    assert served.token not in out + err  # (the first line, read above, held it)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert served.token.encode() not in path.read_bytes(), path
    # The tab's app ended with the server: the data file is free again.
    store = Store.open(served.data, today=date.fromisoformat(TODAY), backup=False)
    store.close()


def test_without_the_extra_it_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from companion.cli import main

    monkeypatch.setitem(sys.modules, "textual_serve", None)  # as if not installed
    assert main(["--lang", "en", "serve", "--no-open"]) == 1
    said = capsys.readouterr().err.strip()
    assert said == t("serve.missing_extra") and 'pip install ".[browser]"' in said


# -- a real browser -----------------------------------------------------------------------

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)


class DevTools:
    """Chromium driven through its DevTools protocol, over a websocket on 127.0.0.1."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.ids = itertools.count(1)
        self.session: str | None = None

    async def call(self, method: str, **params: object) -> dict[str, Any]:
        number = next(self.ids)
        message: dict[str, object] = {"id": number, "method": method, "params": params}
        if self.session is not None:
            message["sessionId"] = self.session
        await self.websocket.send_json(message)
        async for received in self.websocket:
            answer: dict[str, Any] = received.json()
            if answer.get("id") == number:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer["result"]
                return result
        raise RuntimeError("Chromium closed its DevTools connection")

    async def open(self, url: str) -> None:
        target = await self.call("Target.createTarget", url=url)
        attached = await self.call(
            "Target.attachToTarget", targetId=target["targetId"], flatten=True
        )
        self.session = attached["sessionId"]
        await self.call("Emulation.setFocusEmulationEnabled", enabled=True)

    async def screenshot(self) -> bytes:
        return base64.b64decode((await self.call("Page.captureScreenshot"))["data"])

    async def settled(self, unlike: bytes | None = None) -> bytes:
        """The page once it stops changing (and differs from `unlike`)."""
        last = b""
        async with asyncio.timeout(WAIT):
            while True:
                now = await self.screenshot()
                if now == last and now != unlike:
                    return now
                last = now
                await asyncio.sleep(0.5)

    async def focus(self) -> None:
        """The terminal of the page takes the keys (xterm.js reads them from its textarea);
        the app is told, and draws its title brighter."""
        focus = "document.querySelector('.xterm-helper-textarea').focus()"
        await self.call("Runtime.evaluate", expression=focus)

    async def press(self, letter: str) -> None:
        """A letter key, down and up, as the keyboard sends it."""
        key = {"key": letter, "code": f"Key{letter.upper()}"}
        key["windowsVirtualKeyCode"] = ord(letter.upper())  # type: ignore[assignment]
        await self.call("Input.dispatchKeyEvent", type="keyDown", text=letter, **key)
        await self.call("Input.dispatchKeyEvent", type="keyUp", **key)

    async def app_drawn(self) -> None:
        """textual-serve's page marks its body once the app's first bytes arrived."""
        script = "document.body ? document.body.className : ''"
        async with asyncio.timeout(WAIT):
            while True:
                answer = await self.call("Runtime.evaluate", expression=script)
                if "-first-byte" in str(answer["result"].get("value", "")):
                    return
                await asyncio.sleep(0.2)


@asynccontextmanager
async def chromium(session: aiohttp.ClientSession) -> AsyncIterator[DevTools]:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory(prefix="companion-chromium-") as profile:
        process = await asyncio.create_subprocess_exec(
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            # Offline like the rest of the suite: 127.0.0.1 goes direct, anything else to a
            # proxy that is not there; no background fetches of its own.
            "--proxy-server=http://127.0.0.1:9",
            "--disable-background-networking",
            "--disable-component-update",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "--window-size=1200,800",
            "about:blank",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,  # its helpers end with it, below
        )
        try:
            assert process.stderr is not None
            address = None
            async with asyncio.timeout(WAIT):
                while address is None:
                    line = (await process.stderr.readline()).decode("utf-8", "replace")
                    if not line:
                        pytest.skip("Chromium did not start here")
                    found = re.search(r"DevTools listening on (ws://127\.0\.0\.1:\S+)", line)
                    address = found.group(1) if found else None
            async with session.ws_connect(address, max_msg_size=0) as websocket:
                yield DevTools(websocket)
        finally:
            if process.returncode is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    async with asyncio.timeout(WAIT):
                        await process.wait()
                except TimeoutError:
                    os.killpg(process.pid, signal.SIGKILL)
                    await process.wait()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt install chromium)")
async def test_headless_chromium_shows_the_app_and_keys_change_it(served: Served) -> None:
    async with client() as session:
        async with chromium(session) as refused:
            await refused.open(f"{served.origin}/")  # no token
            forbidden = await refused.settled()
        async with chromium(session) as browser:
            await browser.open(served.url)
            await browser.app_drawn()
            await browser.focus()
            home = await browser.settled()
            await browser.press("a")  # the ABC of Love
            abc = await browser.settled(unlike=home)
    assert len({forbidden, home, abc}) == 3
