"""The migrations build exactly the schema the models describe, and unwind and rebuild cleanly."""
from __future__ import annotations

import os

import flask_migrate
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from extensions import db


def schema_diff(app) -> list:
    """What `flask db migrate` would write now, compared with the options the app configures."""
    options = dict(app.extensions["migrate"].configure_args)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts=options)
        return compare_metadata(context, db.metadata)


def head_revision(app) -> str:
    heads = ScriptDirectory(os.path.join(app.root_path, "migrations")).get_heads()
    assert len(heads) == 1, f"the migrations have branched: heads {heads}"
    return heads[0]


def current_revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_comparison_checks_column_types(app):
    # Without compare_type a changed column type would slip through the empty-diff test below.
    options = app.extensions["migrate"].configure_args
    assert options.get("compare_type") is True
    assert options.get("render_as_batch") is True


def test_newest_migration_matches_the_models(app, database_kind):
    assert db.engine.dialect.name == database_kind
    assert current_revision() == head_revision(app)
    assert schema_diff(app) == []


def test_downgrade_to_base_then_upgrade_again(make_app, fresh_database_url, database_kind):
    app = make_app(SQLALCHEMY_DATABASE_URI=fresh_database_url)
    model_tables = set(db.metadata.tables)
    with app.app_context():
        assert db.engine.dialect.name == database_kind
        flask_migrate.upgrade()
        assert model_tables <= set(sa.inspect(db.engine).get_table_names())

        flask_migrate.downgrade(revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        assert current_revision() is None

        flask_migrate.upgrade()
        assert current_revision() == head_revision(app)
        assert schema_diff(app) == []


def test_every_foreign_key_leads_an_index(app):
    # Deleting a campaign cascades through its supporters, actions and letters: without an index
    # that begins with the referencing column, each cascade scans its whole table. One index per
    # foreign key is enough, so an index that a composite key already covers can go (0005).
    inspector = sa.inspect(db.engine)
    uncovered = []
    for table in inspector.get_table_names():
        leading = [tuple(inspector.get_pk_constraint(table)["constrained_columns"])]
        leading += [tuple(index["column_names"]) for index in inspector.get_indexes(table)]
        leading += [tuple(unique["column_names"]) for unique in inspector.get_unique_constraints(table)]
        for key in inspector.get_foreign_keys(table):
            columns = tuple(key["constrained_columns"])
            if not any(cover[:len(columns)] == columns for cover in leading):
                uncovered.append(f"{table}({', '.join(columns)})")
    assert uncovered == []
