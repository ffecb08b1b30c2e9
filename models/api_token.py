"""API tokens: what a section's own site or CRM presents to read counts and actions under /api/v1."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models._types import UTCDateTime, utcnow


class ApiScope:
    """What a token may do; an organiser ticks the fewest a connection needs."""

    counts_read = "counts:read"        # exact letter counts of any campaign, drafts included
    actions_read = "actions:read"      # supporters' actions with their names, emails and towns
    campaigns_write = "campaigns:write"  # add campaigns as drafts from UA sheets (never publish them)

    ALL = (counts_read, actions_read, campaigns_write)


class ApiToken(db.Model):
    """One token, kept as the SHA-256 of its secret: the secret itself is shown once, at creation.

    `prefix` is the token's first characters, shown in the organisers' list so a token found in
    a configuration file can be told apart from the others without keeping anything usable.
    """

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("organisers.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organiser: Mapped[Organiser | None] = relationship()  # noqa: F821

    def is_usable(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or now < self.expires_at)

    def allows(self, scope: str) -> bool:
        return scope in (self.scopes or [])
