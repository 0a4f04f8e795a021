"""`companion serve`: the app in a browser tab, served by textual-serve on this computer
only (an optional extra: `pip install ".[browser]"`).

textual-serve runs a command per websocket (one app process per tab) and serves a page
that draws it. On its own it listens where it is told and lets anyone in: any web page
open in the teacher's browser could open the websocket and read the screen. What this
module adds, in one aiohttp middleware in front of every route:

- it listens on 127.0.0.1 only (never `localhost`, which may name every interface);
- the Host header must be that address (a DNS-rebinding page cannot pose as it);
- a random token, new at every start, is in the address printed and opened; the first
  page load trades it for a cookie (HttpOnly, SameSite=Strict, named after the port) and
  is sent on to the address without it, so the page, its files, the websocket and the
  downloads carry the cookie. Without one of them: 403;
- an Origin header, where there is one, must be the served address; the websocket must
  have one (browsers always send it). Anything else: 403;
- no access log: the token never lands in a log or a file.

The app itself knows nothing of this: textual-serve starts `companion --data PATH` with
Textual's web driver, and cli/start.py sees it is in a browser tab (app/browser.py).
"""

from __future__ import annotations

import hmac
import secrets
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Final

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from companion.i18n import current_language, t

HOST: Final = "127.0.0.1"
TEMPLATES: Final = Path(__file__).parent / "templates"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    """A token made at each start: 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)


def bound_socket(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:`port` (0: a free port). OSError when it cannot."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: no one else on this port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        sock.bind((HOST, port))
        sock.listen(128)
    except BaseException:
        sock.close()
        raise
    return sock


def _same(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(
        given.encode("utf-8", "replace"), token.encode("ascii")
    )


class GuardedServer(Server):
    """textual-serve's Server behind the token, the Host and the Origin checks."""

    def __init__(self, command: str, sock: socket.socket, token: str) -> None:
        self.sock = sock
        port: int = sock.getsockname()[1]
        super().__init__(
            command, host=HOST, port=port, title=t("serve.title"), templates_path=TEMPLATES
        )
        self.token = token
        self.origin = f"http://{HOST}:{port}"
        self.cookie_name = f"companion-{port}"  # cookies do not tell ports apart

    @property
    def url(self) -> str:
        """The address to open: the only one that lets a browser in."""
        return f"{self.origin}/?token={self.token}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        env = aiohttp_jinja2.get_env(app)
        env.globals.update(lang=current_language(), ended=t("serve.ended"))
        env.globals.update(restart=t("serve.restart"))
        return app

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its logo and address here; `serve` says its own."""

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if (
            request.headers.get("Host") != f"{HOST}:{self.port}"
            or (origin is not None and origin != self.origin)
            or (request.path == "/ws" and origin is None)
        ):
            return self._forbidden()
        if _same(request.query.get("token"), self.token):
            if request.path == "/":
                # The token traded for a cookie, and the address bar without it.
                kept = request.rel_url.without_query_params("token")
                redirect = web.Response(status=303, headers={"Location": str(kept)})
                redirect.set_cookie(
                    self.cookie_name, self.token, path="/", httponly=True, samesite="Strict"
                )
                self._private(redirect)
                return redirect
        elif not _same(request.cookies.get(self.cookie_name), self.token):
            return self._forbidden()
        response = await handler(request)
        self._private(response)
        return response

    @staticmethod
    def _private(response: web.StreamResponse) -> None:
        if not response.prepared:  # the websocket and downloads are sent already
            response.headers["Cache-Control"] = "no-store"
            response.headers["Referrer-Policy"] = "no-referrer"

    @staticmethod
    def _forbidden() -> web.Response:
        return web.Response(status=403, text=t("serve.forbidden"))

    def run(self) -> None:
        """Serve until ctrl+c (or SIGTERM), then end every tab's app and return.

        Not textual-serve's `serve`: that one sets up logging with aiohttp's access log,
        which would write every address, the token with it."""
        web.run_app(
            self._make_app(),
            sock=self.sock,
            handle_signals=True,
            print=None,
            access_log=None,
        )
