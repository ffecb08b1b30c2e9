"""Organiser accounts: the only people who see supporters' data or change campaigns."""
from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models._types import UTCDateTime, utcnow


class Role:
    """What an account may do (organisers/roles.py enforces it): an organiser runs campaigns (an admin
    also manages accounts); a coordinator runs the events of one group, and nothing else."""

    organiser = "organiser"
    coordinator = "coordinator"


class Organiser(UserMixin, db.Model):
    __tablename__ = "organisers"
    # A coordinator belongs to exactly one group; an organiser to none.
    __table_args__ = (CheckConstraint("(role = 'coordinator') = (group_id IS NOT NULL)", name="coordinator_group"),
                      CheckConstraint("role IN ('organiser', 'coordinator')", name="known_role"))

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    role: Mapped[str] = mapped_column(String(20), default=Role.organiser, server_default=Role.organiser)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="RESTRICT"), index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped at logout and password change so every older session cookie stops working.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    # Set for one-time passwords (new accounts, resets): the organiser must choose their own.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    group: Mapped[Group | None] = relationship(back_populates="coordinators")  # noqa: F821

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.coordinator

    def get_id(self) -> str:
        """What the session cookie stores: the id and the session version it was issued under.

        Bumping session_version (at logout, password change, deactivation) makes every cookie
        issued before it point at nothing; organisers/auth.py refuses those.
        """
        return f"{self.id}:{self.session_version}"
