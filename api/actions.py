"""Taking action through the API: the action form's own validation and service, fed JSON instead of a form.

The JSON object becomes the form data a browser would send, and goes through the same ActionForm
(every field's rules, the address rules of the supporter's country, printable characters) and
the same campaigns.actions.take_action (dedupe, the email channel's caps and confirmation, test
mode), under the same per-visitor limit as the form (campaigns/limits.py). CSRF is off: the API
is cookieless (api/base.py), so a page elsewhere cannot borrow anyone's session through it.
"""
from __future__ import annotations

import base64
import dataclasses
import re
import secrets
from datetime import date

from flask import Response, jsonify, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from api.base import bp, json_body, operation
from api.errors import ApiError
from api.reading import link
from campaigns import abuse, actions, services
from campaigns.errors import AlreadySubmitted, CampaignClosed, EmailLimitReached
from campaigns.forms import ActionForm
from campaigns.limits import take_action_limit
from extensions import db
from fingerprints import fingerprint
from inboxes import inbox_key
from models import Action, Channel

TEXT_FIELDS = ("name", "email", "address_line1", "address_line2", "city", "region", "postcode", "country",
               "personal_message", "channel", "language")
LIST_FIELDS = ("targets",)
BOOLEAN_FIELDS = ("wants_copy", "wants_updates", "forget_address")
_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def form_data(data: dict) -> MultiDict:
    """The JSON object as the form data a browser would send; 422 for a value of the wrong type."""
    wrong: dict[str, list[str]] = {}
    pairs: list[tuple[str, str]] = []
    for name in TEXT_FIELDS:
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, str):
            pairs.append((name, value))
        else:
            wrong[name] = [_("Please send text.")]
    for name in LIST_FIELDS:
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            pairs.extend((name, str(v)) for v in value[:100])
        else:
            wrong[name] = [_("Please send a list of official ids.")]
    for name in BOOLEAN_FIELDS:
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                pairs.append((name, "y"))
        else:
            wrong[name] = [_("Please send true or false.")]
    if wrong:
        raise ApiError(422, "invalid", None, wrong)
    return MultiDict(pairs)


def idempotency_key(data: dict) -> str | None:
    key = request.headers.get("Idempotency-Key") or data.get("idempotency_key")
    if key is None:
        return None
    if not isinstance(key, str) or not _IDEMPOTENCY_KEY.match(key):
        raise ApiError(422, "invalid", None, {"idempotency_key": [
            _("Please use 16 to 64 letters, digits, dashes or underscores.")]})
    return key


def _form_nonce(campaign_id: int, email: str, key: str | None) -> str:
    """The action's one-time token. A key alone would let whoever guesses another client's key read
    that client's action: keyed with the campaign and the inbox, it finds only the same person's."""
    if key is None:
        return secrets.token_urlsafe(24)
    return fingerprint("api-idempotency", f"{campaign_id}:{inbox_key(email)}:{key}")


def action_links(action: Action) -> dict:
    secret = action.secret
    links: dict = {"status": link("campaigns.action", secret=secret)}
    if action.channel is Channel.pdf:
        links["pdf"] = link("campaigns.download", secret=secret)
        links["posted"] = link("campaigns.posted", secret=secret)
    if action.channel is Channel.mailto:
        links["mail_app"] = [{"target": target_id, "url": link("campaigns.open_mail_app", secret=secret,
                                                               target_id=target_id)}
                             for target_id in action.target_ids or []]
    return links


_STATES = {Channel.pdf: "letters_ready", Channel.email: "awaiting_confirmation", Channel.mailto: "ready"}


def _answer(body: dict, status: int) -> Response:
    response = jsonify(body)
    response.status_code = status
    response.headers["Location"] = body["links"]["status"]
    # It carries the links to the supporter's letters: for this client only.
    response.headers["Cache-Control"] = "no-store, private"
    return response


def answer_body(action: Action, *, duplicate: bool = False, printed: bytes | None = None) -> dict:
    """What the thank-you page offers, as JSON. Made before the commit, which would expire the action
    and cost a query to read it back."""
    body = {"channel": action.channel.value, "state": _STATES[action.channel], "duplicate": duplicate,
            "links": action_links(action)}
    if printed is not None:
        body["pdf_base64"] = base64.b64encode(printed).decode("ascii")
    return body


_BODY = {"required": True, "content": {"application/json": {"schema": "ActionRequest"}}}
_ERROR = {"application/json": {"schema": "Error"}}


@bp.post("/campaigns/<slug>/actions")
@take_action_limit
@operation("post", operationId="takeAction", tags=["Actions"], cors=True, summary="Take action",
           description="Write to the campaign's officials for a supporter, as the action form does. Email letters "
                       "wait until the supporter confirms from the email sent to them; printed letters are ready "
                       "at `links.pdf`.",
           parameters=[{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string"}}],
           requestBody=_BODY,
           responses={"201": {"description": "Recorded.", "content": {"application/json": {"schema": "ActionCreated"}}},
                      "200": {"description": "Sent before with this idempotency key: the first action.",
                              "content": {"application/json": {"schema": "ActionCreated"}}},
                      "400": {"description": "Not a JSON object.", "content": _ERROR},
                      "404": {"description": "No published campaign has this slug.", "content": _ERROR},
                      "409": {"description": "The campaign is closed, or its letters are being updated.",
                              "content": _ERROR},
                      "415": {"description": "Not sent as application/json.", "content": _ERROR},
                      "422": {"description": "Fields to correct, each with its messages.", "content": _ERROR},
                      "429": {"description": "Too many actions from this visitor or address.", "content": _ERROR}})
def take_action(slug: str) -> Response:
    data = json_body()
    try:
        to_write = services.campaign_to_write(slug)
    except services.CampaignNotFound:
        raise ApiError(404, "campaign_not_found") from None
    campaign = to_write.campaign
    today = date.today()
    if not campaign.is_open(today):
        raise ApiError(409, "campaign_closed", CampaignClosed.message)
    if not to_write.letter_languages:
        raise ApiError(409, "letters_being_updated",
                       _("The letters for this action are being updated. Please come back soon."))
    key = idempotency_key(data)
    formdata = form_data(data)
    # Checked like any other field, then replaced by the key's own (see _form_nonce).
    formdata["form_nonce"] = secrets.token_urlsafe(24)
    form = ActionForm(formdata=formdata, campaign=campaign, letter_languages=to_write.letter_languages)
    if not form.validate():
        raise ApiError(422, "invalid", None, {name: list(messages) for name, messages in form.errors.items()})
    submission = dataclasses.replace(form.submission(), form_nonce=_form_nonce(campaign.id, form.email.data, key))
    try:
        taken = actions.take_action(campaign, submission, today=today,
                                    network_hash=abuse.network_fingerprint(request.remote_addr))
        body = answer_body(taken.action, printed=taken.printed)
        db.session.commit()
    except AlreadySubmitted as duplicate:
        db.session.rollback()
        return _answer(answer_body(duplicate.action, duplicate=True), 200)
    except CampaignClosed as error:
        db.session.rollback()
        raise ApiError(409, "campaign_closed", error.message) from None
    except EmailLimitReached as error:
        db.session.rollback()
        raise ApiError(429, "email_limit_reached", error.message, {"channel": [error.message]}) from None
    return _answer(body, 201)


