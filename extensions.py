"""Flask extensions, created unbound here and bound to an app in create_app()."""
from __future__ import annotations

import os
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


@event.listens_for(Engine, "do_connect")
def _sqlite_file_private(dialect, _record, cargs, cparams) -> None:
    """A SQLite database file is made readable and writable by its owner only, before SQLite makes it.

    SQLite would create it with the process's umask (0644, readable by every local user, as a
    rule), and it holds supporters' names and addresses. SQLite gives the -wal and -shm files it
    makes beside a database the database file's own mode, so they are private too. A file that
    exists already keeps its mode: that is the administrator's to set.
    """
    if dialect.name != "sqlite" or cparams.get("uri"):
        return
    path = cargs[0] if cargs else cparams.get("database")
    if not path or path == ":memory:" or str(path).startswith("file:"):
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:
        pass  # it exists already, or its folder does not: SQLite opens it, or says what is wrong


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


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "SAVEPOINT")


@event.listens_for(Engine, "before_cursor_execute")
def _sqlite_begin_writing(connection, cursor, statement, _parameters, _context, _executemany) -> None:
    """Writers take SQLite's write lock at their first write, and wait for it there.

    A deferred transaction that reads and then writes can fail at once with "database is
    locked" when another writer got there first; the busy timeout cannot help it. So a
    writer's transaction starts with BEGIN IMMEDIATE, which queues behind the busy timeout,
    and it starts at the first statement that writes: reads before it run on their own
    (each sees the latest commit, as on PostgreSQL under READ COMMITTED), and the lock is
    held only from the first write to the commit, not while a request validates its form.
    Writers are requests that may change state (anything but GET, HEAD, OPTIONS) and code
    inside `writing()`; other connections keep the driver's own behaviour.
    """
    if connection.dialect.name != "sqlite":
        return
    dbapi_connection = cursor.connection
    if dbapi_connection.in_transaction or not statement.lstrip()[:9].upper().startswith(_WRITES):
        return
    if _intends_to_write():
        cursor.execute("BEGIN IMMEDIATE")


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
