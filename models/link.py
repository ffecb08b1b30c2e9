"""Links emailed to an address that act for it (manage what it follows, erase its data)."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, String
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models._types import UTCDateTime, utcnow


class LinkPurpose(str, enum.Enum):
    manage = "manage"   # see and leave what the address follows, or erase it
    erase = "erase"     # erase everything held about the address
    welcome = "welcome"  # a new coordinator chooses their password and logs in for the first time


class EmailLink(db.Model):
    """One link sent to one address: its secret exists only in that email; we keep its SHA-256.

    It can be used once: using it stamps used_at (a manage link then opens a short session in
    the browser that used it). Rows are deleted when they expire (privacy/services.py) and when
    their address is erased.
    """

    __tablename__ = "email_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[LinkPurpose] = mapped_column(Enum(LinkPurpose, name="link_purpose", native_enum=False, length=10))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Lower-cased, as the person typed it; gone with the row.
    email: Mapped[str] = mapped_column(String(254), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
