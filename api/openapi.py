"""The OpenAPI 3 document, generated from the API's own views and schemas, and a reference page made from it.

Each view carries its operation (api/base.py `operation`); the shapes are the marshmallow schemas
that write the answers (api/schemas.py), turned into JSON Schema by apispec. So the document
changes with the code, and a test checks that every route under /api/v1 is in it.
"""
from __future__ import annotations

import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask, Response, current_app, render_template

from api import schemas
from api.base import bp, operation
from api.reading import to_json

TITLE = "UA Desk API"
VERSION = "1.0.0"
# Components, by the names the operations use for them.
SCHEMAS = {
    "Campaign": schemas.CampaignSchema, "CampaignPage": schemas.CampaignPageSchema, "Counts": schemas.CountsSchema,
    "ActionRequest": schemas.ActionRequestSchema, "ActionCreated": schemas.ActionCreatedSchema,
    "SupporterAction": schemas.SupporterActionSchema, "SupporterActionPage": schemas.SupporterActionPageSchema,
    "DraftRequest": schemas.DraftRequestSchema, "Draft": schemas.DraftSchema, "Error": schemas.ErrorSchema,
}
DESCRIPTION = """\
Open campaigns and their counts, for anyone; taking action for a supporter, with the same rules as
the action form; and, behind a token made in the organisers' pages, exact counts and supporters'
actions. Errors are JSON: `{"error": {"code", "message", "fields"}}`, where `code` is stable and
`fields` names each refused field with its messages. Lists come in pages: follow `next`.
Messages speak the language of Accept-Language."""
_VARIABLE = re.compile(r"<(?:[^<>:]+:)?([A-Za-z_][A-Za-z0-9_]*)>")


def _with_refs(value):
    """`{"schema": "Campaign"}` in an operation becomes a reference to the component."""
    if isinstance(value, dict):
        return {key: ({"$ref": f"#/components/schemas/{item}"} if key == "schema" and isinstance(item, str)
                      else _with_refs(item)) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_refs(item) for item in value]
    return value


def api_rules(app: Flask):
    """(OpenAPI path, view function, methods) of every route under the API's blueprint."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint.startswith(f"{bp.name}."):
            yield (_VARIABLE.sub(r"{\1}", rule.rule), app.view_functions[rule.endpoint],
                   sorted(rule.methods - {"HEAD", "OPTIONS"}))


def build(app: Flask) -> dict:
    spec = APISpec(title=TITLE, version=VERSION, openapi_version="3.0.3", plugins=[MarshmallowPlugin()],
                   info={"description": DESCRIPTION}, servers=[{"url": app.config["BASE_URL"]}])
    for name, schema in SCHEMAS.items():
        spec.components.schema(name, schema=schema)
    spec.components.security_scheme("bearerAuth", {
        "type": "http", "scheme": "bearer",
        "description": "A token made by an admin under Organisers → API tokens; it starts with uad_."})
    for path, view, methods in api_rules(app):
        documented = getattr(view, "openapi", {})
        operations = {method: _with_refs({key: value for key, value in documented[method].items() if key != "cors"})
                      for method in (m.lower() for m in methods) if method in documented}
        spec.path(path=path, operations=operations)
    return spec.to_dict()


def document(app: Flask) -> dict:
    """The document, built once per process: it depends on the code and BASE_URL only."""
    kept = app.extensions.get("uadesk_openapi")
    if kept is None:
        kept = app.extensions["uadesk_openapi"] = build(app)
    return kept


@bp.get("/openapi.json")
@operation("get", operationId="getOpenApi", tags=["Reference"], cors=True, summary="This document",
           responses={"200": {"description": "The OpenAPI 3 document.", "content": {"application/json": {}}}})
def openapi_json() -> Response:
    response = Response(to_json(document(current_app._get_current_object())), mimetype="application/json")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.get("/docs")
@operation("get", operationId="getReference", tags=["Reference"], summary="The API's reference, as a page",
           responses={"200": {"description": "The reference, made from the OpenAPI document.",
                              "content": {"text/html": {}}}})
def docs() -> Response:
    spec = document(current_app._get_current_object())
    response = Response(render_template("api/docs.html", spec=spec, schemas=spec["components"]["schemas"]))
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
