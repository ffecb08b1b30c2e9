"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for tests and benchmarks."""
from __future__ import annotations

import asyncio
import socket
import threading
import time
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser, Parser

from aiosmtpd.controller import Controller


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


DROP = "drop"  # in SMTPSink.replies: close the connection instead of answering


class _Handler:
    def __init__(self, sink: SMTPSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        if self.sink.reply is not None:
            return self.sink.reply
        if self.sink.accept_only is not None and len(self.sink.received) >= self.sink.accept_only:
            return "421 Service shutting down"
        raw = envelope.original_content or envelope.content
        if envelope.smtp_utf8:  # headers in UTF-8 (RFC 6532): read them as text
            parsed = Parser(policy=policy.default).parsestr(raw.decode("utf-8", "surrogateescape"))
        else:
            parsed = BytesParser(policy=policy.default).parsebytes(raw)
        with self.sink.lock:
            answers = self.sink.replies.get(parsed["Subject"])
            answer = answers.pop(0) if answers else None
            if answer is None:
                self.sink.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
            else:
                self.sink.answered.append((parsed["Subject"], answer))
        if answer == DROP:
            server.transport.abort()  # the client hears nothing more, as when a link breaks
            return "421 dropped"
        return answer or "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPSink:
    """Start, stop and restart a loopback SMTP server; `reply` forces an answer such as '451 …'.

    `smtputf8` offers SMTPUTF8 (RFC 6531), for addresses with non-ASCII letters before the @.
    `replies` answers messages by subject, once per entry: {"Letter 3": ["421 closing", DROP]}
    answers its first attempt 421, drops the connection on its second, and accepts the third.
    """

    def __init__(self, port: int | None = None, *, smtputf8: bool = False) -> None:
        self.port = port or free_port()
        self.smtputf8 = smtputf8
        self.received: list[Received] = []
        self.reply: str | None = None
        self.delay = 0.0                       # seconds before answering each message
        self.accept_only: int | None = None    # after this many messages, answer 421 (going down)
        self.replies: dict[str, list[str]] = {}
        self.answered: list[tuple[str, str]] = []   # (subject, answer) of each message not accepted
        self.lock = threading.Lock()
        self._controller: Controller | None = None

    def start(self) -> SMTPSink:
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port,
                                      enable_SMTPUTF8=self.smtputf8)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def subjects(self) -> list[str]:
        with self.lock:
            return [item.message["Subject"] for item in self.received]

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.02)
        raise AssertionError(f"expected {count} messages, got {len(self.received)}")
