"""Reading what the SMTP sink caught: whom a message went to, its text, the links in it."""
from __future__ import annotations

import re
import time

from tests.smtp_sink import Received, SMTPSink


def text_of(received: Received) -> str:
    body = received.message.get_body(preferencelist=("plain",))
    return body.get_content() if body is not None else ""


def links_in(received: Received, base_url: str) -> list[str]:
    return re.findall(re.escape(base_url) + r"/[^\s<>\"')]+", text_of(received))


def mail_to(sink: SMTPSink, address: str, *, subject_contains: str = "", count: int = 1,
            timeout: float = 15.0) -> list[Received]:
    """Waits until `count` messages addressed to `address` (whose subject contains the text) arrived."""
    def matching() -> list[Received]:
        with sink.lock:
            return [item for item in sink.received
                    if address in item.rcpt_tos and subject_contains in str(item.message["Subject"])]

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = matching()
        if len(found) >= count:
            return found
        time.sleep(0.05)
    with sink.lock:
        seen = [(item.rcpt_tos, str(item.message["Subject"])) for item in sink.received]
    raise AssertionError(f"expected {count} message(s) to {address} about {subject_contains!r}; caught {seen}")


def confirmation_link(sink: SMTPSink, server, address: str) -> str:
    """The link in the newest confirmation email of letters to `address`: only its inbox has it."""
    confirmation = mail_to(sink, address, subject_contains="Please confirm your letters")[-1]
    return next(url for url in links_in(confirmation, server.url) if "/confirm/" in url)
