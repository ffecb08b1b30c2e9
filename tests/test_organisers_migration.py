"""Migration 0003 (organisers) upgrades a database that already holds organisers and campaigns."""
from __future__ import annotations

import flask_migrate
import sqlalchemy as sa

from extensions import db


def test_upgrade_keeps_existing_rows_and_gives_them_defaults(make_app, fresh_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=fresh_database_url)
    with app.app_context():
        flask_migrate.upgrade(revision="0002")
        with db.engine.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO organisers (email, name, password_hash, is_admin, is_active, session_version, created_at)"
                " VALUES ('old@example.org', 'Old', 'x', :yes, :yes, 1, CURRENT_TIMESTAMP)"), {"yes": True})
            connection.execute(sa.text(
                "INSERT INTO campaigns (ua_number, slug, title, country, summary, background, status,"
                " preferred_languages, goal, is_test_mode, hourly_email_cap, created_at, updated_at)"
                " VALUES ('UA 1/20', 'ua-1-20', 'Old case', 'TM', '', '', 'live', '[]', 10, :yes, 30,"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"), {"yes": True})

        flask_migrate.upgrade(revision="0003")
        with db.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT must_change_password FROM organisers")).scalar() in (False, 0)
            row = connection.execute(sa.text("SELECT outcome, outcome_note, import_unplaced FROM campaigns")).one()
            assert tuple(row) == (None, None, None)
            assert connection.execute(sa.text("SELECT count(*) FROM replies")).scalar() == 0
            assert connection.execute(sa.text("SELECT count(*) FROM audit_entries")).scalar() == 0

        flask_migrate.downgrade(revision="0002")
        inspector = sa.inspect(db.engine)
        assert "replies" not in inspector.get_table_names()
        assert "must_change_password" not in {c["name"] for c in inspector.get_columns("organisers")}
        with db.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT email FROM organisers")).scalar() == "old@example.org"
            assert connection.execute(sa.text("SELECT title FROM campaigns")).scalar() == "Old case"
        db.engine.dispose()
