"""The webhook form and buttons tried with hostile input: a refused value comes back with a message beside
its field and nothing is stored; what is registered is a URL the checks let through, with known events only;
a button for something that is not there changes nothing; nothing answers 5xx."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete

from extensions import db
from models import AuditEntry, WebhookDelivery, WebhookEndpoint
from tests.hostile import (assert_no_injected_markup, database_state, fewer_examples, hostile, hostile_settings,
                           junk_fields, one_line, organiser_hostile, path_id, stored_or_refused)
from webhooks.events import EVENTS
from webhooks.targets import check_url

pytestmark = pytest.mark.slow

HOSTS = ["127.0.0.1", "127.0.0.1:9", "[::1]", "localhost", "10.0.0.1", "192.168.1.1", "169.254.169.254",
         "[::ffff:10.0.0.1]", "[fe80::1%25eth0]", "0.0.0.0", "[", "user:pw@127.0.0.1", "no-such-host.invalid",
         "xn--bcher-kva.invalid", "münchen.invalid", "127.1", "2130706433", "0x7f.1"]
urls = st.builds(lambda scheme, host, path: f"{scheme}://{host}{path}",
                 st.sampled_from(["https", "http", "ftp", "javascript", "HTTPS", ""]), st.sampled_from(HOSTS),
                 st.one_of(st.just("/hook"), st.just(""), hostile.map(lambda text: "/" + text)))


@hostile_settings
@given(url=st.one_of(urls, hostile, one_line), description=st.one_of(organiser_hostile, one_line),
       events=st.lists(st.one_of(st.sampled_from(EVENTS), hostile), max_size=4))
def test_hostile_input_in_the_webhook_form(org_client, url, description, events):
    try:
        endpoint = stored_or_refused(org_client, "/organisers/webhooks/new",
                                     {"url": url, "description": description, "events": events}, WebhookEndpoint)
        if endpoint is None:
            return
        assert endpoint.url == check_url(url) and endpoint.url == url.strip()
        assert endpoint.events and set(endpoint.events) <= set(EVENTS) and set(endpoint.events) <= set(events)
        page = org_client.get(f"/organisers/webhooks/{endpoint.id}").get_data(as_text=True)
        assert_no_injected_markup(page)
    finally:
        db.session.execute(delete(WebhookEndpoint))
        db.session.commit()


BUTTONS = {
    "organisers.change_webhook": "/webhooks/{id}/{step}",
    "organisers.redeliver_webhook": "/webhooks/{id}/deliveries/{other}/redeliver",
}


@fewer_examples(5)
@pytest.mark.parametrize("endpoint", BUTTONS)
@given(endpoint_id=st.one_of(st.integers(min_value=10**6, max_value=2**31 - 1), st.just(0)), other=path_id,
       step=st.sampled_from(["pause", "resume", "remove", "secret"]), junk=junk_fields)
def test_junk_ids_and_fields_on_the_webhook_buttons(org_client, endpoint, endpoint_id, other, step, junk):
    """A button pressed for a webhook that is not there, with fields it never sends: a 404, nothing changes."""
    path = "/organisers" + BUTTONS[endpoint].format(id=endpoint_id, other=other, step=step)
    before = database_state(WebhookEndpoint, WebhookDelivery, AuditEntry)
    response = org_client.post(path, data=junk)
    assert response.status_code == 404, response.status_code
    assert database_state(WebhookEndpoint, WebhookDelivery, AuditEntry) == before
