"""Migration 0004 (abuse limits) unwinds cleanly over letters the older code does not know."""
from __future__ import annotations

from datetime import date

import flask_migrate
import sqlalchemy as sa

from campaigns.actions import action_letters, take_action
from campaigns.submission import Submission, SupporterDetails
from campaigns.demo import load_demo
from extensions import db
from letters.counting import move_letter
from models import Campaign, Channel, LetterState


def test_downgrade_turns_held_and_rejected_letters_into_failed_ones_with_their_counts(make_app,
                                                                                    fresh_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=fresh_database_url)
    with app.app_context(), app.test_request_context():
        flask_migrate.upgrade()
        load_demo()
        campaign = db.session.scalar(sa.select(Campaign))
        first, second = sorted(campaign.targets, key=lambda t: t.id)
        letters = {}
        for n, email in enumerate(["a@example.org", "b@example.org"]):
            details = SupporterDetails(name="A", email=email, address_line1="1 Road", address_line2="", city="Leeds",
                                       postcode="", country="GB")
            action = take_action(campaign, Submission(details, target_ids=[first.id, second.id], channel=Channel.pdf,
                                                      language="en", form_nonce=f"nonce-{n}-0123456789abcdef"),
                                 today=date.today()).action
            for letter in action_letters(action):
                letters[(email, letter.target_id)] = letter
        # Same counter key for a@'s held letter and b@'s failed one: they must add up, not collide.
        move_letter(db.session, letters[("a@example.org", first.id)], LetterState.held)
        move_letter(db.session, letters[("a@example.org", second.id)], LetterState.rejected)
        move_letter(db.session, letters[("b@example.org", first.id)], LetterState.failed)
        db.session.commit()
        first_id, second_id = first.id, second.id
        db.session.remove()

        flask_migrate.downgrade(revision="0003")
        with db.engine.connect() as connection:
            states = sorted(connection.execute(sa.text("SELECT state FROM letters")).scalars())
            assert states == ["failed", "failed", "failed", "generated"]
            counts = dict(connection.execute(sa.text(
                "SELECT target_id || ':' || state, count FROM letter_counts WHERE count != 0")).all())
            assert counts == {f"{first_id}:failed": 2, f"{second_id}:failed": 1, f"{second_id}:generated": 1}
        assert "blocked_senders" not in sa.inspect(db.engine).get_table_names()

        flask_migrate.upgrade()
        db.engine.dispose()
