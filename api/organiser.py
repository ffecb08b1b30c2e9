"""The organisers' endpoints, behind tokens: exact counts, supporters' actions with their details, drafts.

Nothing here is open to other sites' scripts (no CORS): a token belongs on a server, in a CRM's
or a site's back end, never in a page anyone can read.
"""
from __future__ import annotations

from flask import Response, g, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from sqlalchemy import select

from api import reading
from api.auth import token_required
from api.base import bp, json_body, operation
from api.errors import ApiError
from api.public import next_link, page_args
from api.schemas import SupporterActionSchema
from campaigns.importer.documents import MAX_TEXT_CHARACTERS
from events.tally import event_counts, with_event_letters
from extensions import db
from letters.counting import campaign_counts
from models import Action, ApiScope, Campaign, Supporter
from organisers import services as organiser_services
from organisers.forms import ImportForm

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


@bp.post("/campaigns/drafts")
@operation("post", operationId="importDraft", tags=["Organisers"], security=_SECURITY,
           summary="Add a campaign as a draft from a UA sheet",
           description="The sheet's text goes through the organisers' importer, as pasted on the Import page: the "
                       "result is a draft in test mode, never public, for an organiser to review and publish. "
                       "Needs the campaigns:write scope.",
           requestBody={"required": True, "content": {"application/json": {"schema": "DraftRequest"}}},
           responses={"201": {"description": "The draft.", "content": {"application/json": {"schema": "Draft"}}},
                      "400": {"description": "Not a JSON object.", "content": _ERROR},
                      "409": {"description": "A campaign has this UA number already.", "content": _ERROR},
                      "413": {"description": "Longer than any UA sheet.", "content": _ERROR},
                      "415": {"description": "Not sent as application/json.", "content": _ERROR},
                      "422": {"description": "No text, or text that cannot be read as a UA sheet.",
                              "content": _ERROR}, **_AUTH_ERRORS})
@token_required(ApiScope.campaigns_write)
def import_draft() -> Response:
    data = json_body(max_bytes=8 * MAX_TEXT_CHARACTERS)  # JSON escapes may take several bytes a character
    text = data.get("text")
    if not isinstance(text, str):
        raise ApiError(422, "invalid", None, {"text": [_("Please send the text of the UA sheet.")]})
    form = ImportForm(formdata=MultiDict([("source_text", text)]), meta={"csrf": False})
    if not form.validate():
        raise ApiError(422, "invalid", None, {"text": form.source_text.errors or form.sheet_file.errors})
    try:
        campaign = organiser_services.import_campaign(form.sheet_text(), g.api_actor)
        body = {"slug": campaign.slug, "ua_number": campaign.ua_number, "title": campaign.title,
                "status": campaign.status.value, "notes_to_review": len(campaign.import_unplaced or []),
                "links": {"edit": reading.link("organisers.edit_campaign", campaign_id=campaign.id)}}
        db.session.commit()
    except organiser_services.UANumberTaken as error:
        db.session.rollback()
        raise ApiError(409, "ua_number_taken", error.message, {"text": [error.message]}) from None
    except organiser_services.CampaignError as error:
        db.session.rollback()
        raise ApiError(422, "invalid", None, {"text": [error.message]}) from None
    return _json(body, 201)
