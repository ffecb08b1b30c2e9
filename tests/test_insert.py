"""Rows written with plain INSERTs behave in the session like rows the unit of work wrote."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from extensions import db
from models import Supporter
from models._insert import insert_row, upsert_values
from models._types import utcnow


def test_an_inserted_row_is_loaded_and_persistent(app, demo):
    supporter = insert_row(Supporter, campaign_id=demo.id, email="new@example.org", name="New", country="GB")
    assert supporter in db.session and supporter.id is not None
    assert supporter.address_line1 == "" and supporter.created_at is not None  # defaults, without a read
    db.session.commit()
    assert db.session.scalar(select(Supporter.name).where(Supporter.id == supporter.id)) == "New"


def test_a_rolled_back_row_leaves_the_session_so_its_key_can_be_used_again(app, demo):
    first = insert_row(Supporter, campaign_id=demo.id, email="again@example.org", name="First", country="GB")
    db.session.rollback()
    assert first not in db.session  # its row never existed
    # SQLite hands the rolled-back rowid out again; the dead object must not be holding it.
    second = insert_row(Supporter, campaign_id=demo.id, email="again@example.org", name="Second", country="GB")
    db.session.commit()
    assert db.session.scalars(select(Supporter.name)).all() == ["Second"]
    assert second in db.session


@pytest.mark.parametrize("returning", [True, False], ids=["returning", "read-back"])
def test_upsert_inserts_or_updates_only_the_columns_named(app, demo, monkeypatch, returning):
    # Without RETURNING (SQLite before 3.35) the row is read back: both ways give the same.
    monkeypatch.setattr(db.engine.dialect, "insert_returning", returning)
    then, now = utcnow() - timedelta(days=3), utcnow()
    first = upsert_values(Supporter, on=("campaign_id", "email"), update=("name", "city"), campaign_id=demo.id,
                          email="jo@example.org", name="Jo", city="Leeds", country="GB", created_at=then,
                          email_confirmed_at=then)
    assert first.id is not None and (first.name, first.created_at) == ("Jo", then)
    db.session.commit()

    again = upsert_values(Supporter, on=("campaign_id", "email"), update=("name", "city"), campaign_id=demo.id,
                          email="jo@example.org", name="Jo Bloggs", city="York", country="FR", created_at=now)
    assert again.id == first.id
    assert (again.name, again.city) == ("Jo Bloggs", "York")
    assert (again.country, again.created_at, again.email_confirmed_at) == ("GB", then, then)  # left alone
    db.session.commit()
    assert db.session.execute(select(Supporter.name, Supporter.city, Supporter.country)).all() == [
        ("Jo Bloggs", "York", "GB")]
