"""Flask extensions, created unbound here and bound to an app in create_app()."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

# Named constraints make migrations reproducible and let SQLite batch-alter tables.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
mail = Mail()
csrf = CSRFProtect()
login_manager = LoginManager()
# Limits are declared on the routes that need them; storage comes from RATELIMIT_STORAGE_URI
# (Redis when configured, so limits hold across workers and machines).
limiter = Limiter(key_func=get_remote_address)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets readers run beside a writer; foreign keys are off in SQLite unless asked."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection) -> None:
    """Writers take SQLite's write lock when their transaction starts, not half-way through.

    A deferred transaction that reads and then writes can fail at once with "database is
    locked" when another writer got there first; the busy timeout cannot help it. Starting
    writers with BEGIN IMMEDIATE makes them queue instead, and gives savepoints a real outer
    transaction. Writers are requests that may change state (anything but GET, HEAD,
    OPTIONS) and code inside `writing()`; everything else keeps the driver's own behaviour,
    where reads see the latest commit and a transaction begins at the first write.
    """
    if connection.dialect.name == "sqlite" and _intends_to_write():
        connection.exec_driver_sql("BEGIN IMMEDIATE")


_write_intent: ContextVar[bool] = ContextVar("write_intent", default=False)


@contextmanager
def writing():
    """Mark work outside a request (workers, commands) as a writer for SQLite's locking."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


def _intends_to_write() -> bool:
    from flask import has_request_context, request

    if _write_intent.get():
        return True
    return has_request_context() and request.method not in {"GET", "HEAD", "OPTIONS"}
