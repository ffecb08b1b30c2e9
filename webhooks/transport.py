"""POSTing a delivery: one kept-alive connection per endpoint and worker thread, and only to allowed addresses.

The address check happens where the socket is opened, for every address the name resolves to at
that moment, so what was checked is what is connected to. Redirects are not followed: a 3xx is
an answer like any other that is not 2xx.
"""
from __future__ import annotations

import http.client
import socket
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from webhooks.targets import is_allowed_address

# How much of a response is read (and then kept, cut to EXCERPT) before the connection is dropped.
MAX_RESPONSE = 64 * 1024
EXCERPT = 500


class DeliveryFailed(Exception):
    """No HTTP answer: `code` is connection, timeout or refused_address; `detail` what the system said."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Answer:
    status: int
    excerpt: str


def _connector(loopback: bool):
    def create_connection(address, timeout=None, source_address=None, **_kwargs):
        host, port = address
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as error:
            raise DeliveryFailed("connection", str(error)) from None
        allowed = [info for info in infos if is_allowed_address(info[4][0], loopback=loopback)]
        if len(allowed) != len(infos) or not allowed:
            raise DeliveryFailed("refused_address", host)
        last: OSError | None = None
        for family, kind, proto, _name, sockaddr in allowed:
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(timeout)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                sock.connect(sockaddr)
                return sock
            except OSError as error:
                sock.close()
                last = error
        raise last or OSError("no address to connect to")
    return create_connection


class _HTTP(http.client.HTTPConnection):
    def __init__(self, host, port, *, timeout, loopback):
        super().__init__(host, port, timeout=timeout)
        self._create_connection = _connector(loopback)


class _HTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, *, timeout, loopback):
        super().__init__(host, port, timeout=timeout)
        self._create_connection = _connector(loopback)


_local = threading.local()


def _connections() -> dict:
    if not hasattr(_local, "connections"):
        _local.connections = {}
    return _local.connections


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float, loopback: bool) -> Answer:
    """Send one POST; an Answer for any HTTP response, DeliveryFailed when none came."""
    parts = urlsplit(url)
    key = (parts.scheme, parts.hostname, parts.port, loopback)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connections = _connections()
    for attempt in (1, 2):
        connection = connections.pop(key, None)
        reused = connection is not None
        if connection is None:
            kind = _HTTPS if parts.scheme == "https" else _HTTP
            connection = kind(parts.hostname, parts.port, timeout=timeout, loopback=loopback)
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read(MAX_RESPONSE + 1)
        except DeliveryFailed:
            connection.close()
            raise
        except TimeoutError as error:
            connection.close()
            raise DeliveryFailed("timeout", str(error)) from None
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            # A kept-alive connection the receiver has since closed: one more try on a new one.
            if reused and attempt == 1:
                continue
            raise DeliveryFailed("connection", f"{type(error).__name__}: {error}"[:200]) from None
        if response.will_close or len(data) > MAX_RESPONSE:
            connection.close()
        else:
            connections[key] = connection
        return Answer(response.status, data[:EXCERPT * 4].decode("utf-8", "replace")[:EXCERPT])
    raise DeliveryFailed("connection")  # not reached: the second attempt returns or raises


def close_all() -> None:
    for connection in _connections().values():
        connection.close()
    _connections().clear()
