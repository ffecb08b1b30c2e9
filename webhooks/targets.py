"""Where a webhook may point: public https addresses only, so an endpoint cannot reach inside our network.

An organiser's URL is checked when it is registered and again, address by address, at every
connection (webhooks/transport.py), so a name that later resolves to a private address (DNS
rebinding) reaches nothing. Loopback over plain http is let through only while the app runs in
debug or testing mode, for a receiver on the developer's own machine.
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from flask import current_app

MAX_URL_LENGTH = 2000


class TargetRefused(ValueError):
    """The URL may not receive webhooks; `code` names why (organisers/labels.py words it)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def allows_loopback() -> bool:
    return bool(current_app.debug or current_app.testing)


def is_allowed_address(address: str, *, loopback: bool) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    if ip.is_loopback:
        return loopback
    return ip.is_global and not ip.is_multicast


def check_url(url: str, *, loopback: bool | None = None, resolve: bool = True) -> str:
    """The URL, stripped, if webhooks may go there; TargetRefused otherwise."""
    loopback = allows_loopback() if loopback is None else loopback
    url = (url or "").strip()
    if not url or len(url) > MAX_URL_LENGTH or any(ord(ch) < 33 or ord(ch) == 127 for ch in url):
        raise TargetRefused("malformed")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise TargetRefused("malformed") from None
    host = parts.hostname
    if parts.scheme not in ("https", "http") or not host:
        raise TargetRefused("malformed")
    if parts.username is not None or parts.password is not None:
        raise TargetRefused("credentials")  # they would show on the organisers' pages
    if parts.fragment:
        raise TargetRefused("malformed")
    if not resolve:
        return url
    addresses = resolve_host(host, port or (443 if parts.scheme == "https" else 80))
    if not addresses:
        raise TargetRefused("unknown_host")
    if not all(is_allowed_address(address, loopback=loopback) for address in addresses):
        raise TargetRefused("private_address")
    if parts.scheme == "http" and not all(ipaddress.ip_address(a.split("%", 1)[0]).is_loopback for a in addresses):
        raise TargetRefused("not_https")
    return url


def resolve_host(host: str, port: int) -> list[str]:
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})
    except (OSError, UnicodeError, ValueError):  # unknown, or not a name at all
        return []
