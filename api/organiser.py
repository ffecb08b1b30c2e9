"""The organisers' endpoints, behind tokens: exact counts, and supporters' actions with their details.

Nothing here is open to other sites' scripts (no CORS): a token belongs on a server, in a CRM's
or a site's back end, never in a page anyone can read.
"""
from __future__ import annotations

from flask import Response, request
from sqlalchemy import select

from api import reading
from api.auth import token_required
from api.base import bp, operation
from api.errors import ApiError
from api.public import next_link, page_args
from api.schemas import SupporterActionSchema
from events.tally import event_counts, with_event_letters
from extensions import db
from letters.counting import campaign_counts
from models import Action, ApiScope, Campaign, Supporter

_SECURITY = [{"bearerAuth": []}]
_ERROR = {"application/json": {"schema": "Error"}}
_AUTH_ERRORS = {"401": {"description": "No token, or not a usable one.", "content": _ERROR},
                "403": {"description": "The token lacks the scope.", "content": _ERROR},
                "429": {"description": "Too many requests with this token or from this visitor.", "content": _ERROR}}
_ACTIONS = SupporterActionSchema()


def _json(data, status: int = 200) -> Response:
    response = Response(reading.to_json(data), status=status, mimetype="application/json")
    # Personal data, or an organiser's figures: kept by no cache.
    response.headers["Cache-Control"] = "no-store, private"
    return response


@bp.get("/campaigns/<slug>/counts/exact")
@operation("get", operationId="getExactCounts", tags=["Organisers"], security=_SECURITY,
           summary="A campaign's exact counts",
           description="Every letter by state, channel, official, day and country, as the organisers' dashboard "
                       "shows them; drafts too. Needs the counts:read scope.",
           parameters=[{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
           responses={"200": {"description": "The counts.", "content": {"application/json": {"schema": "Counts"}}},
                      "404": {"description": "No campaign has this slug.", "content": _ERROR}, **_AUTH_ERRORS})
@token_required(ApiScope.counts_read)
def exact_counts(slug: str) -> Response:
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug[:40]))
    if campaign is None:
        raise ApiError(404, "campaign_not_found")
    events = event_counts(campaign.id)
    data = with_event_letters(campaign_counts(db.session, campaign.id), events).as_json()
    data.update(ua_number=campaign.ua_number, goal=campaign.goal, events=events.as_json())
    return _json(data)


@bp.get("/actions")
@operation("get", operationId="listActions", tags=["Organisers"], security=_SECURITY,
           summary="Supporters' actions",
           description="Actions with their supporters' details, oldest first, by pages; `campaign` narrows to one "
                       "campaign. A supporter whose details were erased, on request or by the retention purge, "
                       "is not listed. Needs the actions:read scope.",
           parameters=[{"name": "campaign", "in": "query", "required": False, "schema": {"type": "string"},
                        "description": "A campaign's slug."},
                       {"name": "cursor", "in": "query", "required": False, "schema": {"type": "string"}},
                       {"name": "limit", "in": "query", "required": False,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}],
           responses={"200": {"description": "A page of actions.",
                              "content": {"application/json": {"schema": "SupporterActionPage"}}},
                      "404": {"description": "No campaign has this slug.", "content": _ERROR}, **_AUTH_ERRORS})
@token_required(ApiScope.actions_read)
def actions() -> Response:
    after, limit = page_args("actions")
    query = (select(Action, Supporter, Campaign.slug).join(Supporter, Action.supporter_id == Supporter.id)
             .join(Campaign, Action.campaign_id == Campaign.id)
             .where(Action.id > after, Supporter.anonymised_at.is_(None))
             .order_by(Action.id).limit(limit + 1))
    slug = request.args.get("campaign", "")
    if slug:
        campaign_id = db.session.scalar(select(Campaign.id).where(Campaign.slug == slug[:40]))
        if campaign_id is None:
            raise ApiError(404, "campaign_not_found")
        query = query.where(Action.campaign_id == campaign_id)
    rows = db.session.execute(query).all()
    items = []
    for action, _supporter, campaign_slug in rows[:limit]:
        action.campaign_slug = campaign_slug  # the supporter was loaded with it: no query per row
        items.append(_ACTIONS.dump(action))
    last = rows[limit - 1][0].id if len(rows) > limit else None
    params = {"campaign": slug} if slug else {}
    return _json({"items": items, "next": next_link(reading.link("api.actions"), "actions", last, limit, **params)})
