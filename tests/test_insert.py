"""Rows written with plain INSERTs behave in the session like rows the unit of work wrote."""
from __future__ import annotations


from sqlalchemy import select

from extensions import db
from models import Supporter
from models._insert import insert_row


def test_an_inserted_row_is_loaded_and_persistent(app, demo):
    supporter = insert_row(Supporter, campaign_id=demo.id, email="new@example.org", name="New", country="GB")
    assert supporter in db.session and supporter.id is not None
    assert supporter.address_line1 == "" and supporter.created_at is not None  # defaults, without a read
    db.session.commit()
    assert db.session.scalar(select(Supporter.name).where(Supporter.id == supporter.id)) == "New"


def test_a_later_change_to_an_inserted_row_is_written(app, demo):
    supporter = insert_row(Supporter, campaign_id=demo.id, email="changed@example.org", name="Before", country="GB")
    assert not db.session.dirty
    supporter.name = "After"
    db.session.commit()
    assert db.session.scalar(select(Supporter.name).where(Supporter.id == supporter.id)) == "After"


def test_a_rolled_back_row_leaves_the_session_so_its_key_can_be_used_again(app, demo):
    first = insert_row(Supporter, campaign_id=demo.id, email="again@example.org", name="First", country="GB")
    db.session.rollback()
    assert first not in db.session  # its row never existed
    # SQLite hands the rolled-back rowid out again; the dead object must not be holding it.
    second = insert_row(Supporter, campaign_id=demo.id, email="again@example.org", name="Second", country="GB")
    db.session.commit()
    assert db.session.scalars(select(Supporter.name)).all() == ["Second"]
    assert second in db.session
