"""The OpenAPI document: valid OpenAPI 3, covering every route under /api/v1, describing what the API answers;
and the reference page the app serves from it, with nothing loaded from elsewhere."""
from __future__ import annotations

import re

from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from api.openapi import api_rules
from tests.helpers import action_data


def test_the_document_is_valid_openapi_3(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    spec = response.get_json()
    assert spec["openapi"].startswith("3.")
    validate(spec)


def test_every_route_under_api_v1_is_in_the_document(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")]
    assert len(rules) >= 7
    missing = []
    for rule in rules:
        path = re.sub(r"<(?:[^<>:]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            operation = spec["paths"].get(path, {}).get(method.lower())
            if not operation or not operation.get("responses") or not operation.get("summary"):
                missing.append(f"{method} {rule.rule}")
    assert missing == []
    # Every operation names its responses' shapes by components that exist.
    text = client.get("/api/v1/openapi.json").get_data(as_text=True)
    for name in set(re.findall(r"#/components/schemas/(\w+)", text)):
        assert name in spec["components"]["schemas"], name
    # The document is generated from the same walk over the routes.
    assert {path for path, _view, _methods in api_rules(app)} == set(spec["paths"])


def _conforms(spec: dict, name: str, instance) -> list[str]:
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    return [error.message for error in OAS30Validator(schema).iter_errors(instance)]


def test_what_the_api_answers_matches_the_document(client, demo):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert _conforms(spec, "Campaign", client.get(f"/api/v1/campaigns/{demo.slug}").get_json()) == []
    assert _conforms(spec, "CampaignPage", client.get("/api/v1/campaigns").get_json()) == []
    assert _conforms(spec, "Counts", client.get(f"/api/v1/campaigns/{demo.slug}/counts").get_json()) == []
    data = {key: value for key, value in action_data(demo, client).items() if key != "form_nonce"}
    assert _conforms(spec, "ActionRequest", data) == []
    created = client.post(f"/api/v1/campaigns/{demo.slug}/actions", json=data)
    assert _conforms(spec, "ActionCreated", created.get_json()) == []
    refused = client.post(f"/api/v1/campaigns/{demo.slug}/actions", json={"name": ""})
    assert _conforms(spec, "Error", refused.get_json()) == []
    # The checker does find a shape that is not the document's.
    assert _conforms(spec, "Campaign", {"slug": 5}) != []


def test_the_reference_page_is_served_by_the_app_from_the_document(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    spec = client.get("/api/v1/openapi.json").get_json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert f"{method.upper()} {path}" in html and f'id="{operation["operationId"]}"' in html
    for name in spec["components"]["schemas"]:
        assert f'id="schema-{name}"' in html
    # Nothing from another site: every script, style and image is the app's own.
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith(("/", "#", "http://127.0.0.1:5000/")), url
    assert "<script" not in html
