"""The API token form and its revoke button tried with hostile input: a refused value comes back with a
message beside its field and no token is made; a made token has a known scope and expiry only; revoking a
token that is not there changes nothing; nothing answers 5xx."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete

from api.tokens import EXPIRY_DAYS
from extensions import db
from models import ApiToken, AuditEntry
from models.api_token import ApiScope
from tests.hostile import (assert_no_injected_markup, database_state, fewer_examples, hostile, hostile_number,
                           hostile_settings, junk_fields, one_line, organiser_hostile, stored_or_refused)

pytestmark = pytest.mark.slow


@hostile_settings
@given(name=st.one_of(organiser_hostile, one_line),
       scopes=st.lists(st.one_of(st.sampled_from(ApiScope.ALL), hostile), max_size=4),
       days=st.one_of(st.sampled_from([str(days) for days in EXPIRY_DAYS]), hostile_number))
def test_hostile_input_in_the_api_token_form(org_client, name, scopes, days):
    try:
        token = stored_or_refused(org_client, "/organisers/admin/api-tokens",
                                  {"name": name, "scopes": scopes, "days": days}, ApiToken)
        if token is None:
            return
        assert token.name == name.strip() and "\n" not in token.name
        assert token.scopes and set(token.scopes) <= set(ApiScope.ALL) and set(token.scopes) <= set(scopes)
        assert (token.expires_at - token.created_at).days in EXPIRY_DAYS
        assert_no_injected_markup(org_client.get("/organisers/admin/api-tokens").get_data(as_text=True))
    finally:
        db.session.execute(delete(AuditEntry))
        db.session.execute(delete(ApiToken))
        db.session.commit()


@fewer_examples(5)
@given(token_id=st.one_of(st.integers(min_value=10**6, max_value=2**31 - 1), st.just(0)), junk=junk_fields)
def test_junk_ids_and_fields_on_the_revoke_button(org_client, token_id, junk):
    """Revoking a token that is not there, with fields the button never sends: a 404, nothing changes."""
    before = database_state(ApiToken, AuditEntry)
    response = org_client.post(f"/organisers/admin/api-tokens/{token_id}/revoke", data=junk)
    assert response.status_code == 404, response.status_code
    assert database_state(ApiToken, AuditEntry) == before
