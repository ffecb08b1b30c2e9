"""Senders an organiser has blocked: nothing is emailed for an action from them."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models._types import UTCDateTime, utcnow


class BlockKind(str, enum.Enum):
    email = "email"      # the address given on the action form
    network = "network"  # where the form was sent from: an IPv4 address or an IPv6 /64


class BlockedSender(db.Model):
    """One blocked email address or network, stored as a keyed fingerprint (campaigns/abuse.py).

    Neither the address nor the network is kept in the clear: the block matches what it was made
    from, and `hint` (a masked address, or the action it came from) tells organisers which it is.
    """

    __tablename__ = "blocked_senders"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[BlockKind] = mapped_column(Enum(BlockKind, name="block_kind", native_enum=False, length=10))
    value: Mapped[str] = mapped_column(String(64))
    hint: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(254), default="")  # the organiser's email
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
