"""Groups and their coordinators: an organiser creates a group and invites its coordinators by email.

The invitation is a one-time link (email_links.py) sent to the coordinator's own address: whoever opens
it has read that inbox, chooses a password there and is logged in. No password is ever shown to the
organiser who invited them, and the account cannot be used before the link is.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from email_links import LinkNotValid, new_link, usable_link, use
from extensions import db
from models import EmailLink, Group, LinkPurpose, Organiser, Role
from organisers.accounts import AccountError, EmailTaken, hash_password, normalise_email, one_time_password
from organisers.audit import Actor, record
from outbox.delivery import enqueue, notice
from theme import render_email
from subscriptions.links import external_url

INVITATION_LIFETIME = timedelta(days=7)

__all__ = ["INVITATION_LIFETIME", "GroupData", "GroupNameTaken", "LinkNotValid", "accept_invitation", "create_group",
           "invitation_account", "invite_coordinator"]


class GroupNameTaken(AccountError):
    message = _l("A group with this name already exists.")


@dataclass(frozen=True)
class GroupData:
    name: str
    town: str = ""
    country: str = ""
    contact: str = ""


def create_group(data: GroupData, actor: Actor) -> Group:
    name = " ".join(data.name.split())
    if db.session.scalar(select(Group.id).where(func.lower(Group.name) == name.lower())) is not None:
        raise GroupNameTaken()
    group = Group(name=name, town=data.town.strip(), country=data.country, contact=normalise_email(data.contact))
    db.session.add(group)
    db.session.flush()
    record(actor, "group.created", group, f"created the group {name}")
    return group


def invite_coordinator(group: Group, email: str, *, name: str = "", actor: Actor) -> Organiser:
    """A coordinator account for the group, usable only through the link emailed to its address."""
    email = normalise_email(email)
    if db.session.scalar(select(Organiser.id).where(Organiser.email == email)) is not None:
        raise EmailTaken()
    # A password nobody knows, not even the organiser who invited them: the link sets the real one.
    coordinator = Organiser(email=email, name=" ".join(name.split()), role=Role.coordinator, group=group,
                            is_admin=False, is_active=True, password_hash=hash_password(one_time_password()),
                            must_change_password=False, session_version=1)
    db.session.add(coordinator)
    db.session.flush()
    secret = new_link(LinkPurpose.welcome, email, lifetime=INVITATION_LIFETIME)[1]
    body = render_email("email/coordinator_welcome", group=group, invited_by=actor.label,
                        link=external_url("organisers.welcome", token=secret),
                        org_name=current_app.config["ORG_NAME"])
    enqueue(**notice("coordinator_invitation", to=email, body=body,
                     subject=_("You are invited to coordinate %(group)s", group=group.name)))
    record(actor, "group.coordinator_invited", coordinator, f"invited {email} to coordinate {group.name}")
    return coordinator


def invitation_account(secret: str) -> Organiser:
    """The coordinator an unused, unexpired invitation was sent to; LinkNotValid otherwise."""
    return _invited(usable_link(LinkPurpose.welcome, secret))


def accept_invitation(secret: str, password: str) -> Organiser:
    """The coordinator opened their link and chose a password: the link is spent, the account theirs."""
    link = usable_link(LinkPurpose.welcome, secret)
    coordinator = _invited(link)
    use(link)
    coordinator.password_hash = hash_password(password)
    coordinator.session_version += 1
    record(Actor.organiser(coordinator), "organiser.invitation_accepted", coordinator, "chose a password")
    db.session.flush()
    return coordinator


def _invited(link: EmailLink) -> Organiser:
    coordinator = db.session.scalar(select(Organiser).where(Organiser.email == link.email))
    if coordinator is None or not coordinator.is_active or not coordinator.is_coordinator:
        raise LinkNotValid(_("This link is not valid any more: each link works once."))
    return coordinator
