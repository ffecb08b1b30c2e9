"""Alembic environment for UA Desk: runs inside the Flask app, against the models' metadata."""
import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

from models._types import UTCDateTime

config = context.config
if config.config_file_name and not logging.getLogger().handlers:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

db = current_app.extensions["migrate"].db


def render_item(type_, obj, autogen_context):
    # Migrations speak plain SQLAlchemy types so they never break when model code moves.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_offline():
    context.configure(url=db.engine.url, target_metadata=db.metadata, literal_binds=True,
                      render_as_batch=True, render_item=render_item)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def skip_empty(context_, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logging.getLogger("alembic.env").info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", skip_empty)
    with db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # A batch migration rebuilds a SQLite table: it copies it, then drops the old one, and
            # with foreign keys on, dropping a table deletes every row that refers to it (ON DELETE
            # CASCADE). SQLite's own advice for a rebuild: keys off meanwhile, checked afterwards.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()  # ends the transaction the PRAGMA began, so the migrations commit their own
        try:
            context.configure(connection=connection, target_metadata=db.metadata,
                              render_item=render_item, **conf_args)
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"the migration left rows whose foreign keys point nowhere: {broken[:10]}")
        finally:
            if sqlite:
                connection.invalidate()  # the pool's next connection turns the keys on again


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
