"""The suite runs offline: tests/conftest.py blocks the network for every test."""

from __future__ import annotations

import asyncio
import socket
import urllib.request

import pytest

BLOCKED = "may not use the network"


@pytest.mark.parametrize(
    "reach",
    [
        lambda: socket.socket(),
        lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM),
        lambda: socket.socket(socket.AF_INET6, socket.SOCK_DGRAM),
        lambda: socket.create_connection(("127.0.0.1", 9), timeout=1),
        lambda: urllib.request.urlopen("http://127.0.0.1:9/", timeout=1),
    ],
    ids=["default", "tcp", "udp6", "create_connection", "urlopen"],
)
def test_the_network_is_blocked(reach: object) -> None:
    assert callable(reach)
    # A RuntimeError, not an OSError: code that handles network errors cannot hide it.
    with pytest.raises(RuntimeError, match=BLOCKED):
        reach()


def test_local_sockets_still_work() -> None:
    """asyncio (and so Textual's test pilot) needs its socketpair self-pipe."""
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
    assert asyncio.run(asyncio.sleep(0, result="ran")) == "ran"
