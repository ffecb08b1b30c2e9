"""What happens elsewhere when the outbox sends a letter's email or gives up on it, and periodic work
other packages add.

An outbox row may belong to a letter (its letter_id); what a letter is, and what its sending
changes, is for letters/ to say. It registers its handlers here, so the outbox never imports it.
Webhooks register their sweep the same way (webhooks/delivery.py).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

_when_sent: list[Callable[[int], None]] = []
_when_failed: list[Callable[[int, str], None]] = []
_periodic: dict[str, Callable[[datetime], int]] = {}


def on_letter_sent(handler: Callable[[int], None]) -> Callable[[int], None]:
    """Register handler(letter_id), called in the transaction that marks the message sent."""
    _when_sent.append(handler)
    return handler


def on_letter_failed(handler: Callable[[int, str], None]) -> Callable[[int, str], None]:
    """Register handler(letter_id, reason), called in the transaction that marks the message failed."""
    _when_failed.append(handler)
    return handler


def letter_sent(letter_id: int) -> None:
    for handler in _when_sent:
        handler(letter_id)


def letter_failed(letter_id: int, reason: str) -> None:
    for handler in _when_failed:
        handler(letter_id, reason)


def periodic(name: str):
    """Register handler(now) -> how many things it changed, run with the periodic jobs, in their transaction."""
    def register(handler: Callable[[datetime], int]) -> Callable[[datetime], int]:
        _periodic[name] = handler
        return handler
    return register


def run_periodic_hooks(now: datetime) -> dict[str, int]:
    return {name: handler(now) for name, handler in _periodic.items()}
