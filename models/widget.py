"""Actions taken through a campaign's embedded widget, counted per site that embedded it."""
from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db


class WidgetSiteCount(db.Model):
    """How many actions came through the widget on one site: the site's origin and a number, nothing
    about who (no action row points here, so a count cannot be traced back to a supporter)."""

    __tablename__ = "widget_site_counts"
    __table_args__ = (CheckConstraint("actions >= 0", name="actions_not_negative"),)

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    # "https://www.example.org", or "" when the page did not say where it was embedded.
    site: Mapped[str] = mapped_column(String(255), primary_key=True)
    actions: Mapped[int] = mapped_column(Integer, default=0)
