"""CSV exports: aggregates from the counters, confirmed subscribers only, formula-proof cells,
every export in the audit log."""
from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from extensions import db
from models import AuditEntry, Subscription, SubscriptionStatus
from models._types import utcnow
from organisers.exports import csv_stream, neutralise_cell
from tests.helpers import action_data

HOSTILE = "=cmd|' /C calc'!A0"


def _get(client, path):
    # Exports stream; `buffered` reads the stream inside the request's own context, the way a
    # WSGI server does (IsolatedClient runs each request in a context of its own).
    return client.get(path, buffered=True)


@pytest.mark.parametrize("value,expected", [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("UA 118/21", "UA 118/21"), ("a=b", "a=b"), ("", ""), (5, 5), (None, None),
])
def test_neutralise_cell(value, expected):
    assert neutralise_cell(value) == expected


def test_csv_stream_neutralises_every_cell_and_header():
    text = "".join(csv_stream(["=header"], [["=1", "ok", 3]]))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["'=header"], ["'=1", "ok", "3"]]


def _rows(response) -> list[dict]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store, private"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_letter_counts_export_from_the_counters(org_client, client, demo):
    demo.primary_targets[0].title = HOSTILE
    db.session.commit()
    client.post(f"/campaigns/{demo.slug}/write", data=action_data(demo, client))
    client.post(f"/campaigns/{demo.slug}/write", data=action_data(demo, client, email="b@example.org", country="FR"))
    rows = _rows(_get(org_client, f"/organisers/campaigns/{demo.id}/export/letters.csv"))
    assert {row["target"] for row in rows} == {
        f"Gurbanguly Berdimuhamedov, {HOSTILE}",  # does not start with "=": left as it is
        "His Excellency Meret Orazov, Ambassador of Turkmenistan to the United States"}
    assert {row["target_kind"] for row in rows} == {"primary", "copy"}
    assert sum(int(row["letters"]) for row in rows) == 4
    assert {(row["channel"], row["state"]) for row in rows} == {("pdf", "generated")}
    assert set(rows[0]) == {"day", "target", "target_kind", "channel", "state", "letters"}
    # No supporter appears: aggregates only.
    assert "Jane" not in str(rows) and "example.org" not in str(rows)


def test_a_hostile_target_name_is_neutralised(org_client, client, demo):
    demo.primary_targets[0].name = ""
    demo.primary_targets[0].title = HOSTILE
    db.session.commit()
    client.post(f"/campaigns/{demo.slug}/write", data=action_data(demo, client))
    text = _get(org_client, f"/organisers/campaigns/{demo.id}/export/letters.csv").get_data(as_text=True)
    assert "'" + HOSTILE in text
    assert "\n" + HOSTILE not in text and "," + HOSTILE not in text


def _subscription(email, campaign=None, status=SubscriptionStatus.confirmed):
    db.session.add(Subscription(email=email, scope=f"campaign:{campaign.id}" if campaign else "all",
                                campaign_id=campaign.id if campaign else None, status=status,
                                confirmed_at=utcnow() if status is SubscriptionStatus.confirmed else None))
    db.session.commit()


def test_subscriber_exports_list_confirmed_subscribers_only(org_client, demo):
    _subscription(HOSTILE + "@example.org", demo)
    _subscription("follower@example.org", demo)
    _subscription("everything@example.org")
    _subscription("pending@example.org", demo, SubscriptionStatus.pending)
    _subscription("gone@example.org", demo, SubscriptionStatus.unsubscribed)

    rows = _rows(_get(org_client, f"/organisers/campaigns/{demo.id}/export/subscribers.csv"))
    assert [row["email"] for row in rows] == ["'" + HOSTILE + "@example.org", "follower@example.org"]
    assert {row["campaign"] for row in rows} == {"UA 118/21"}
    assert all(row["confirmed_at"] for row in rows)

    every = _rows(_get(org_client, "/organisers/export/subscribers.csv"))
    assert {row["email"] for row in every} == {"'" + HOSTILE + "@example.org", "follower@example.org",
                                                "everything@example.org"}
    assert {row["scope"] for row in every} == {f"campaign:{demo.id}", "all"}


def test_exports_are_audited_and_organiser_only(app, org_client, demo):
    stranger = app.test_client()
    assert _get(stranger, f"/organisers/campaigns/{demo.id}/export/subscribers.csv").status_code == 302
    _get(org_client, f"/organisers/campaigns/{demo.id}/export/letters.csv")
    _get(org_client, f"/organisers/campaigns/{demo.id}/export/subscribers.csv")
    _get(org_client, "/organisers/export/subscribers.csv")
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action.like("export.%"))
                                 .order_by(AuditEntry.id)).all()
    assert [(e.action, e.subject_id) for e in entries] == [
        ("export.letter_counts", demo.id), ("export.subscribers", demo.id), ("export.subscribers", None)]
    assert all(e.organiser_email == "organiser@example.org" and e.ip == "127.0.0.1" for e in entries)
