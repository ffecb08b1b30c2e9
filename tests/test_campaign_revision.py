"""A campaign's revision changes with every change to it or its parts, and the action form,
which keeps its campaign between requests, shows each change at once."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from extensions import db
from models import Campaign, CampaignStatus, Demand, Greeting, LetterVersion, PersonAtRisk, Target
from tests.helpers import action_data
from tests.test_organisers_editor import editor_fields

WRITE = "/campaigns/ua-118-21/write"


def _revision(campaign_id: int) -> str:
    return db.session.execute(select(Campaign.revision).where(Campaign.id == campaign_id)).scalar_one()


def _new_target(campaign):
    target = Target(title="Minister of Justice")
    campaign.targets.append(target)
    return target


def _remove_first_copy(campaign):
    campaign.targets.remove(campaign.copy_targets[0])


@pytest.mark.parametrize("change", [
    pytest.param(lambda c: setattr(c, "title", "A new title"), id="campaign column"),
    pytest.param(lambda c: setattr(c, "status", CampaignStatus.closed), id="status"),
    pytest.param(lambda c: setattr(c.targets[0], "name", "Someone else"), id="target edited"),
    pytest.param(lambda c: c.targets.append(Target(title="Minister of Justice")), id="target added"),
    pytest.param(_remove_first_copy, id="target removed"),
    pytest.param(lambda c: db.session.delete(c.targets[-1]), id="target deleted"),
    pytest.param(lambda c: setattr(c.versions[0], "body", "{salutation}\n\nShort."), id="version edited"),
    pytest.param(lambda c: c.versions.append(LetterVersion(language="de", subject="Betreff", body="{salutation}")),
                 id="version added"),
    pytest.param(lambda c: setattr(c.versions[1].wordings[0], "text", "Сообщить, где он."), id="demand reworded"),
    pytest.param(lambda c: setattr(c.versions[1].greetings[0], "salutation", "Господин Президент!"),
                 id="salutation edited"),
    pytest.param(lambda c: db.session.delete(c.versions[1].greetings[0]), id="greeting deleted"),
    pytest.param(lambda c: c.versions[0].greetings.append(Greeting(target=_new_target(c), salutation="Dear Minister,")),
                 id="greeting added"),
    pytest.param(lambda c: c.people.append(PersonAtRisk(name="Aýna Isakova")), id="person added"),
    pytest.param(lambda c: db.session.add(Demand(campaign_id=c.id, text="Let him see a lawyer.")),
                 id="demand added by key"),
])
def test_every_change_to_a_campaign_or_its_parts_renews_its_revision(demo, change):
    before = _revision(demo.id)
    change(demo)
    db.session.commit()
    assert _revision(demo.id) not in (before, "0")


def test_a_flush_that_changes_no_campaign_keeps_the_revision(demo, client):
    before = _revision(demo.id)
    demo.title = demo.title  # set to what it was: nothing changed
    db.session.commit()
    assert client.post(WRITE, data=action_data(demo, client)).status_code == 303
    assert _revision(demo.id) == before


def _campaign_reads() -> list[str]:
    """The statements that read the campaigns table, from now on (this test's engine only)."""
    seen = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def _seen(_conn, _cursor, statement, _params, _context, _many):
        if "FROM campaigns" in statement:
            seen.append(statement)
    return seen


def test_the_form_reads_only_the_revision_while_its_copy_holds(demo, client):
    assert client.get(WRITE).status_code == 200
    reads = _campaign_reads()
    assert client.get(WRITE).status_code == 200
    assert client.post(WRITE, data=action_data(demo, client)).status_code == 303
    assert len(reads) == 3  # one per request, each only the revision: no targets, no templates
    assert all("targets" not in statement and "letter_versions" not in statement for statement in reads)


def test_the_form_shows_an_organisers_change_at_once(demo, org_client, client):
    assert "Gurbanguly Berdimuhamedov" in client.get(WRITE).get_data(as_text=True)
    path = f"/organisers/campaigns/{demo.id}/edit"
    fields = editor_fields(org_client.get(path).get_data(as_text=True))
    fields["targets-0-name"] = "Serdar Berdimuhamedov"
    response = org_client.post(path, data={**fields, "op": "save"})
    assert response.status_code == 303, response.get_data(as_text=True)

    html = client.get(WRITE).get_data(as_text=True)
    assert "Serdar Berdimuhamedov" in html and "Gurbanguly" not in html


def test_a_closed_or_unpublished_campaign_is_seen_as_such_by_a_form_that_kept_it(demo, client):
    data = action_data(demo, client)  # the form, shown while the campaign was open
    demo.deadline = date.today() - timedelta(days=1)
    db.session.commit()
    assert client.post(WRITE, data=data).status_code == 409

    demo.status = CampaignStatus.draft
    db.session.commit()
    assert client.get(WRITE).status_code == 404


def test_a_campaign_made_again_under_the_same_slug_is_not_mistaken_for_the_old_one(demo, demo_factory, client):
    assert client.get(WRITE).status_code == 200
    db.session.delete(demo)
    db.session.commit()
    again = demo_factory()
    html = client.get(WRITE).get_data(as_text=True)
    for target in again.targets:
        assert f'value="{target.id}"' in html
    response = client.post(WRITE, data=action_data(again, client))
    assert response.status_code == 303
