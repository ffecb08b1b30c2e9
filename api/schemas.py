"""The API's shapes as marshmallow schemas: they write every answer and describe it in the OpenAPI document.

Only what the public campaign page shows is public here: officials' published contacts, never a
campaign's test address, its notes or anything about supporters. Supporters' names and emails
appear in SupporterActionSchema alone, which only a token with the actions:read scope is given,
and their street and postcode nowhere.
"""
from __future__ import annotations

from marshmallow import Schema, fields


class PersonSchema(Schema):
    name = fields.String(required=True)
    pronouns = fields.String(metadata={"description": "As the sheet gives them, e.g. he/him; may be empty."})
    description = fields.String()


class OfficialSchema(Schema):
    """An official to write to, or to copy: the contacts printed on the case sheet."""

    id = fields.Integer(required=True, metadata={"description": "Pass it in `targets` to write to this official."})
    kind = fields.Function(lambda target: target.kind.value, metadata={"enum": ["primary", "copy"]})
    title = fields.String()
    honorific = fields.String()
    name = fields.String()
    organisation = fields.String()
    address_lines = fields.Function(lambda target: list(target.address_lines or []),
                                    metadata={"type": "array", "items": {"type": "string"}})
    city = fields.String()
    region = fields.String()
    postcode = fields.String()
    country = fields.String(metadata={"description": "ISO 3166-1 alpha-2."})
    emails = fields.Function(lambda target: list(target.emails or []),
                             metadata={"type": "array", "items": {"type": "string"}})
    fax = fields.String()
    phone = fields.String()
    salutation = fields.Function(lambda target: target.effective_salutation, metadata={"type": "string"})
    language = fields.String(metadata={"description": "The official's preferred language (BCP 47); may be empty."})


class UpdateSchema(Schema):
    number = fields.Integer(required=True)
    kind = fields.Function(lambda update: update.kind.value, metadata={"type": "string"})
    title = fields.String()
    body_html = fields.String(metadata={"description": "Sanitised HTML, as the campaign page shows it."})
    happened_on = fields.Date(allow_none=True)
    published_at = fields.DateTime()
    corrected_at = fields.DateTime(allow_none=True)


class CountSummarySchema(Schema):
    letters = fields.Integer(required=True, metadata={"description": "Letters counted toward the goal."})
    goal = fields.Integer(required=True)


class LinksSchema(Schema):
    self = fields.String(required=True)
    page = fields.String(metadata={"description": "The campaign's page on this site."})
    counts = fields.String()
    actions = fields.String(metadata={"description": "POST here to take action."})


class CampaignSchema(Schema):
    """A letter-writing campaign (OSDI: a petition or advocacy campaign)."""

    slug = fields.String(required=True)
    ua_number = fields.String(required=True, metadata={"description": "e.g. UA 118/21"})
    title = fields.String(required=True)
    country = fields.String(metadata={"description": "ISO 3166-1 alpha-2 of the country the case is in."})
    summary = fields.String()
    status = fields.String(metadata={"enum": ["live", "closed"]})
    is_open = fields.Boolean(metadata={"description": "Supporters can act now."})
    deadline = fields.Date(allow_none=True)
    people = fields.List(fields.Nested(PersonSchema))
    demands = fields.List(fields.String())
    officials = fields.List(fields.Nested(OfficialSchema))
    preferred_languages = fields.List(fields.String(), metadata={
        "description": "The officials' preferred languages, as the case sheet gives them."})
    letter_languages = fields.List(fields.String(), metadata={
        "description": "Languages a letter can be written in now: pass one as `language`."})
    counts = fields.Nested(CountSummarySchema)
    updates = fields.List(fields.Nested(UpdateSchema))
    links = fields.Nested(LinksSchema)


class CampaignPageSchema(Schema):
    items = fields.List(fields.Nested(CampaignSchema), required=True)
    next = fields.String(allow_none=True, metadata={"description": "The next page, or null on the last."})


class CountsSchema(Schema):
    """The public counts, as /campaigns/<slug>/counts.json gives them: aggregates only."""

    class Meta:
        unknown = "include"

    ua_number = fields.String()
    total = fields.Integer(required=True)
    goal = fields.Integer()
    by_state = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_channel = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_channel_state = fields.Dict(keys=fields.String(), values=fields.Dict())
    by_target = fields.List(fields.Dict())
    by_country = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "Countries with enough settled letters to name; the rest under `other`."})
    by_day = fields.Dict(keys=fields.String(), values=fields.Integer())
    events = fields.Dict()


class ActionRequestSchema(Schema):
    """What the action form asks, as JSON (OSDI: a signature or outreach). The form's rules apply."""

    name = fields.String(required=True)
    email = fields.String(required=True)
    address_line1 = fields.String(metadata={"description": "Needed for printed letters (channel pdf)."})
    address_line2 = fields.String()
    city = fields.String()
    region = fields.String()
    postcode = fields.String()
    country = fields.String(required=True, metadata={"description": "ISO 3166-1 alpha-2 of the supporter."})
    personal_message = fields.String()
    targets = fields.List(fields.Integer(), required=True, metadata={"description": "Official ids."})
    channel = fields.String(required=True, metadata={"enum": ["pdf", "email", "mailto"]})
    language = fields.String(required=True, metadata={"description": "One of the campaign's letter_languages."})
    wants_copy = fields.Boolean()
    wants_updates = fields.Boolean()
    forget_address = fields.Boolean(metadata={
        "description": "Printed letters only: they come back in this answer, and the address is not kept."})
    idempotency_key = fields.String(metadata={
        "description": "16–64 characters of A–Z a–z 0–9 _ -: the same key and address return the first action "
                       "instead of a second one. The Idempotency-Key header may carry it instead."})


class ActionLinksSchema(Schema):
    status = fields.String(required=True, metadata={"description": "The supporter's thank-you page."})
    pdf = fields.String(metadata={"description": "Channel pdf: the printed letters."})
    posted = fields.String(metadata={"description": "Channel pdf: where the supporter says they are posted."})
    mail_app = fields.List(fields.Dict(), metadata={
        "description": "Channel mailto: per official, a link to POST to that opens the letter in a mail app."})


class ActionCreatedSchema(Schema):
    channel = fields.String(required=True)
    state = fields.String(required=True, metadata={"enum": ["letters_ready", "awaiting_confirmation", "ready"]})
    duplicate = fields.Boolean(metadata={"description": "The idempotency key was used before: the first action."})
    links = fields.Nested(ActionLinksSchema)
    pdf_base64 = fields.String(metadata={"description": "forget_address only: the letters, in this answer only."})


class ErrorBodySchema(Schema):
    code = fields.String(required=True, metadata={"description": "Stable: branch on it."})
    message = fields.String(required=True)
    fields_ = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), data_key="fields")


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)


class SupporterSchema(Schema):
    """A supporter as their action keeps them (OSDI: a person), without where they live.

    The street and postcode are what the printed letters need and nobody else: organisers' pages
    and exports never show them, and neither does the API (tests/test_exposure.py).
    """

    name = fields.String()
    email = fields.String()
    city = fields.String()
    region = fields.String()
    country = fields.String()
    email_confirmed_at = fields.DateTime(allow_none=True)


class SupporterActionSchema(Schema):
    """One submission of the action form, with its supporter (actions:read only)."""

    id = fields.Integer(required=True)
    campaign = fields.Function(lambda action: action.campaign_slug, metadata={"type": "string"})
    channel = fields.Function(lambda action: action.channel.value, metadata={"type": "string"})
    language = fields.String()
    personal_message = fields.String()
    wants_copy = fields.Boolean()
    keeps_address = fields.Boolean()
    created_at = fields.DateTime()
    confirmed_at = fields.DateTime(allow_none=True)
    targets = fields.Function(lambda action: list(action.target_ids or []),
                              metadata={"type": "array", "items": {"type": "integer"}})
    supporter = fields.Nested(SupporterSchema)


class SupporterActionPageSchema(Schema):
    items = fields.List(fields.Nested(SupporterActionSchema), required=True)
    next = fields.String(allow_none=True)


class DraftRequestSchema(Schema):
    text = fields.String(required=True, metadata={"description": "A UA sheet's text, as pasted on the Import page."})


class DraftLinksSchema(Schema):
    edit = fields.String(required=True, metadata={"description": "Where an organiser reviews and publishes it."})


class DraftSchema(Schema):
    """A campaign imported as a draft: not public until an organiser publishes it."""

    slug = fields.String(required=True)
    ua_number = fields.String(required=True)
    title = fields.String()
    status = fields.String(metadata={"enum": ["draft"]})
    notes_to_review = fields.Integer(metadata={"description": "Pieces of text the importer could not place."})
    links = fields.Nested(DraftLinksSchema)
