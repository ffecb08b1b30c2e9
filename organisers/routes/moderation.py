"""Held letters (suspected floods) and blocked senders of the email channel."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from extensions import db
from models import BlockKind
from organisers import moderation
from organisers.forms import BlockForm
from organisers.routes.base import actor, bp, campaign_or_404
from organisers.services import CampaignError

_MESSAGE_HASH = re.compile(r"[0-9a-f]{64}")


def _back(campaign_id: int):
    return redirect(url_for("organisers.held", campaign_id=campaign_id), 303)


def _message_hash_or_404(message_hash: str) -> str:
    if not _MESSAGE_HASH.fullmatch(message_hash):
        abort(404)
    return message_hash


@bp.get("/campaigns/<int:campaign_id>/held")
def held(campaign_id: int):
    return _held_page(campaign_or_404(campaign_id))


def _held_page(campaign, refused: RefusedBlock | None = None):
    """The held letters and recent email actions; `refused`: a block form to show again with its error."""
    page = render_template("organisers/held.html", campaign=campaign, groups=moderation.held_messages(campaign),
                           recent=moderation.recent_email_actions(campaign), refused=refused)
    return page, 400 if refused else 200


@dataclass(frozen=True)
class RefusedBlock:
    action_id: int
    reason: str
    message: str


def _decide(campaign_id: int, decision: str, **selection):
    campaign = campaign_or_404(campaign_id)
    try:
        if decision == "release":
            count = moderation.release_held(campaign, actor(), today=date.today(), **selection)
        else:
            count = moderation.reject_held(campaign, actor(), **selection)
        db.session.commit()
    except CampaignError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(ngettext("%(num)d letter is released: on its way to the officials.",
                       "%(num)d letters are released: on their way to the officials.", count)
              if decision == "release" else
              ngettext("%(num)d letter is rejected: it will never be sent.",
                       "%(num)d letters are rejected: they will never be sent.", count), "ok")
    return _back(campaign_id)


@bp.post("/campaigns/<int:campaign_id>/held/<int:action_id>/release")
def release_held(campaign_id: int, action_id: int):
    return _decide(campaign_id, "release", action_id=action_id)


@bp.post("/campaigns/<int:campaign_id>/held/<int:action_id>/reject")
def reject_held(campaign_id: int, action_id: int):
    return _decide(campaign_id, "reject", action_id=action_id)


@bp.post("/campaigns/<int:campaign_id>/held/messages/<message_hash>/release")
def release_held_message(campaign_id: int, message_hash: str):
    return _decide(campaign_id, "release", message_hash=_message_hash_or_404(message_hash))


@bp.post("/campaigns/<int:campaign_id>/held/messages/<message_hash>/reject")
def reject_held_message(campaign_id: int, message_hash: str):
    return _decide(campaign_id, "reject", message_hash=_message_hash_or_404(message_hash))


@bp.post("/campaigns/<int:campaign_id>/actions/<int:action_id>/block")
def block_sender(campaign_id: int, action_id: int):
    campaign = campaign_or_404(campaign_id)
    form = BlockForm()
    if not form.validate_on_submit():
        # The page again, with the reason as typed and what is wrong beside it.
        message = next(iter(form.reason.errors or form.kind.errors), _("Please check this form."))
        return _held_page(campaign, RefusedBlock(action_id, request.form.get("reason", "")[:1000], message))
    kind = BlockKind(form.kind.data)
    try:
        block = moderation.block_sender(campaign, action_id, kind, form.reason.data or "", actor())
        db.session.commit()
    except CampaignError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(_("Blocked %(hint)s: nothing more is emailed for actions from this address. "
                "They are not told: the form answers them as it answers anyone.", hint=block.hint)
              if kind is BlockKind.email else
              _("Blocked %(hint)s: nothing more is emailed for actions from this network. "
                "They are not told: the form answers them as it answers anyone.", hint=block.hint), "ok")
    return _back(campaign_id)


@bp.get("/blocked")
def blocked():
    return render_template("organisers/blocked.html", blocks=moderation.blocked_senders())


@bp.post("/blocked/<int:block_id>/unblock")
def unblock(block_id: int):
    try:
        block = moderation.unblock(block_id, actor())
        db.session.commit()
    except CampaignError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(_("The block on %(hint)s is lifted.", hint=block.hint), "ok")
    return redirect(url_for("organisers.blocked"), 303)
