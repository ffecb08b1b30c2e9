"""Public reads: open campaigns, one campaign, its counts. Cacheable, and open to every site's scripts."""
from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from flask import Response, request
from flask_babel import gettext as _

from api import reading
from api.base import bp, cached_json, operation
from api.cursors import BadCursor, make_cursor, read_cursor
from api.errors import ApiError
from campaigns import services
from urls import int_arg

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

_CURSOR = {"name": "cursor", "in": "query", "required": False, "schema": {"type": "string"},
           "description": "The `next` link's cursor, to read the following page."}
_LIMIT = {"name": "limit", "in": "query", "required": False,
          "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE}}
_SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"},
         "description": "The campaign's slug, e.g. ua-118-21."}
_NOT_FOUND = {"description": "No published campaign has this slug.", "content": {
    "application/json": {"schema": "Error"}}}
_NOT_MODIFIED = {"description": "The ETag sent in If-None-Match still holds."}


def page_args(kind: str) -> tuple[int, int]:
    """(the id after which the page starts, its size) from `cursor` and `limit`; 400 for a forged cursor."""
    try:
        after = read_cursor(kind, request.args.get("cursor"))
    except BadCursor:
        message = _("This cursor is not one we gave out. Please start again from the first page.")
        raise ApiError(400, "invalid_cursor", message) from None
    return after, int_arg("limit", PAGE_SIZE, low=1, high=MAX_PAGE_SIZE)


def next_link(endpoint_url: str, kind: str, last_id: int | None, limit: int, **params: str) -> str | None:
    """The link to the page after `last_id`, or None when this page was the last."""
    if last_id is None:
        return None
    return f"{endpoint_url}?{urlencode({**params, 'cursor': make_cursor(kind, last_id), 'limit': limit})}"


def _campaign_slug_or_404(load, slug: str, *args):
    try:
        return load(slug, *args)
    except services.CampaignNotFound:
        raise ApiError(404, "campaign_not_found") from None


@bp.get("/campaigns")
@operation("get", operationId="listCampaigns", tags=["Campaigns"], cors=True,
           summary="Open campaigns", description="Campaigns supporters can act on now, oldest first, by pages.",
           parameters=[_CURSOR, _LIMIT],
           responses={"200": {"description": "A page of campaigns.",
                              "content": {"application/json": {"schema": "CampaignPage"}}},
                      "304": _NOT_MODIFIED})
def campaigns() -> Response:
    after, limit = page_args("campaigns")
    items, last_id = reading.open_campaigns(date.today(), after_id=after, limit=limit)
    body = {"items": items, "next": next_link(reading.link("api.campaigns"), "campaigns", last_id, limit)}
    return cached_json(reading.to_json(body), max_age=reading.cache_seconds())


@bp.get("/campaigns/<slug>")
@operation("get", operationId="getCampaign", tags=["Campaigns"], cors=True, summary="One campaign",
           description="A published campaign, open or closed, with its officials, languages, counts and updates.",
           parameters=[_SLUG],
           responses={"200": {"description": "The campaign.", "content": {"application/json": {"schema": "Campaign"}}},
                      "304": _NOT_MODIFIED, "404": _NOT_FOUND})
def campaign(slug: str) -> Response:
    document = _campaign_slug_or_404(reading.campaign_document, slug, date.today())
    return cached_json(document.body, max_age=reading.cache_seconds(), etag=document.etag)


@bp.get("/campaigns/<slug>/counts")
@operation("get", operationId="getCampaignCounts", tags=["Campaigns"], cors=True, summary="A campaign's counts",
           description="Letters by state, channel, official, day and country: aggregates that never single out "
                       "a supporter (a country is named only once it has enough letters).",
           parameters=[_SLUG],
           responses={"200": {"description": "The counts.", "content": {"application/json": {"schema": "Counts"}}},
                      "304": _NOT_MODIFIED, "404": _NOT_FOUND})
def campaign_counts(slug: str) -> Response:
    found = _campaign_slug_or_404(services.public_campaign, slug)
    return cached_json(reading.to_json(services.public_counts(found)), max_age=10)
