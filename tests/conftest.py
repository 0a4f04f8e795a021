"""Shared by the whole suite. Keep it small: helpers belong beside the tests using them."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest


class NetworkBlocked(RuntimeError):
    """A test tried to reach the network. Not an OSError, so no code path can swallow it."""


class _LocalOnlySocket(socket.socket):
    """Refuses internet sockets; Unix sockets (asyncio's self-pipe) and sockets made from
    an existing descriptor (socketpair, accept) stay allowed."""

    def __init__(
        self,
        family: int = -1,
        type: int = -1,
        proto: int = -1,
        fileno: int | None = None,
    ) -> None:
        if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
            raise NetworkBlocked("the test suite may not use the network")
        super().__init__(family, type, proto, fileno)


def _no_connection(*args: object, **kwargs: object) -> socket.socket:
    raise NetworkBlocked("the test suite may not use the network")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test runs offline: the app never needs the network, so a test that reaches
    for it has found a bug (or would be flaky in CI)."""
    monkeypatch.setattr(socket, "socket", _LocalOnlySocket)
    monkeypatch.setattr(socket, "create_connection", _no_connection)
    yield
