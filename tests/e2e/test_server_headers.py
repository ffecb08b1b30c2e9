"""Headers as a real HTTP server sends them: the server writes Date, and the app must not add a second."""
from __future__ import annotations

import socket
from urllib.parse import urlsplit


def raw_headers(url: str, path: str, *extra: str) -> tuple[str, list[tuple[str, str]]]:
    """The status line and every header line of the answer, duplicates kept, read off the socket."""
    address = urlsplit(url)
    request = "\r\n".join([f"GET {path} HTTP/1.1", f"Host: {address.netloc}", "Connection: close", *extra, "", ""])
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(request.encode("latin-1"))
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    status, *lines = answer.partition(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    return status, [(name.strip().lower(), value.strip()) for name, _, value in (line.partition(":") for line in lines)]


def values(headers: list[tuple[str, str]], name: str) -> list[str]:
    return [value for key, value in headers if key == name]


def test_conditional_answers_carry_exactly_one_date_header(server, demo_campaign):
    for path in ("/api/v1/campaigns", f"/api/v1/campaigns/{demo_campaign}", f"/api/v1/campaigns/{demo_campaign}/counts",
                 "/theme.css"):
        status, headers = raw_headers(server.url, path)
        assert status.split()[1] == "200", (path, status)
        assert len(values(headers, "date")) == 1, (path, values(headers, "date"))
        etag = values(headers, "etag")[0]

        status, headers = raw_headers(server.url, path, f"If-None-Match: {etag}")
        assert status.split()[1] == "304", (path, status)
        assert len(values(headers, "date")) == 1, (path, values(headers, "date"))
