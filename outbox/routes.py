"""Endpoints for the mail system itself: reports of bouncing addresses."""
from __future__ import annotations

import hmac

from flask import Blueprint, abort, current_app, jsonify, request

from extensions import csrf, db
from outbox.bounces import bounce_from_report, record_bounce

bp = Blueprint("outbox", __name__, url_prefix="/outbox")


@bp.post("/bounces")
@csrf.exempt  # called by the mail server, authorised by its bearer token instead
def bounces():
    token = current_app.config.get("BOUNCE_WEBHOOK_TOKEN")
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(given.encode(), token.encode()):
        abort(404)
    if request.mimetype == "message/rfc822":
        marked = bounce_from_report(request.get_data())
    else:
        data = request.get_json(silent=True) or {}
        address = str(data.get("address", "")).strip()
        if "@" not in address or len(address) > 254 or any(c in address for c in "\r\n"):
            return jsonify(error="give the bouncing address as {\"address\": …}"), 400
        record_bounce(address, str(data.get("reason", "reported bounce"))[:2000])
        marked = [address.lower()]
    db.session.commit()
    return jsonify(marked=marked)
