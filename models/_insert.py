"""Inserting rows with plain statements, for the requests that write the most.

The unit of work sorts, links and tracks every object it flushes; for the handful of rows a
supporter's submission writes, that bookkeeping costs more than the INSERTs themselves. These
helpers send the INSERT at once, in the session's transaction, with a statement built once per
table. Column defaults are worked out here, so an object comes back with every column loaded
and reading it never goes back to the database. Like an object the unit of work inserted, it
leaves the session when the transaction rolls back: its row never existed.
"""
from __future__ import annotations

import weakref
from functools import cache
from typing import TypeVar

from sqlalchemy import ColumnDefault, Table, event
from sqlalchemy.orm import Session, make_transient_to_detached

from extensions import db

M = TypeVar("M", bound=db.Model)


def insert_row(model: type[M], **values) -> M:
    """INSERT one row now and return it as a persistent object of the session (no second read).

    Later changes to the object are flushed as UPDATEs, as for any loaded object. A unique key
    that collides raises IntegrityError here rather than at the next flush.
    """
    table = model.__table__
    _fill_defaults(table, values)
    result = db.session.connection().execute(_insert_statement(table), values)
    for column, key in zip(table.primary_key.columns, result.inserted_primary_key, strict=True):
        values[column.key] = key
    # Filled in as a query fills what it loads: the values go straight into the object, without
    # the change tracking that setting each attribute would run (and make_transient_to_detached
    # would then discard). The models have no __init__, validators or mutable types of their own
    # that this would skip.
    instance = model.__mapper__.class_manager.new_instance()
    instance.__dict__.update(values)
    make_transient_to_detached(instance)  # as if just loaded: no pending INSERT, no history
    db.session.add(instance)
    db.session.info.setdefault(_INSERTED, []).append(weakref.ref(instance))
    return instance


def insert_values(model: type[db.Model], **values) -> int:
    """INSERT one row now and return its key; no object is made, for a row the request only
    writes (a queued email) and never reads again."""
    table = model.__table__
    _fill_defaults(table, values)
    return db.session.connection().execute(_insert_statement(table), values).inserted_primary_key[0]


def insert_rows(model: type[db.Model], rows: list[dict], *, statement=None, computed: tuple[str, ...] = ()):
    """INSERT many rows now, sent together; no objects are made.

    `statement`: an INSERT of the table to use instead of the plain one, whose SQL gives the
    `computed` columns (their keys are left out of the rows), or with RETURNING; its result
    is returned.
    """
    if not rows:
        return None
    table = model.__table__
    for values in rows:
        _fill_defaults(table, values)
        for key in computed:
            del values[key]
    return db.session.connection().execute(_insert_statement(table) if statement is None else statement, rows)


# The objects insert_row added in the session's current transaction, weakly held as the
# session holds them: one nothing else refers to any more is gone, and cannot be in the way.
_INSERTED = "uadesk_inserted_rows"


@event.listens_for(Session, "after_commit")
def _keep_inserted(session: Session) -> None:
    session.info.pop(_INSERTED, None)


@event.listens_for(Session, "after_rollback")
def _forget_inserted(session: Session) -> None:
    # Otherwise a retry that inserts again could be handed the same key (SQLite re-uses the
    # rowid of a rolled-back row) and find the dead object still holding it in the session.
    for ref in session.info.pop(_INSERTED, ()):
        instance = ref()
        if instance is not None and instance in session:
            session.expunge(instance)


def _fill_defaults(table: Table, values: dict) -> None:
    """Every column but the generated key gets a value: given, its default, or NULL."""
    for key, default in _defaults(table):
        if key not in values:
            values[key] = None if default is None else default.arg(None) if default.is_callable else default.arg


@cache
def _defaults(table: Table) -> tuple[tuple[str, ColumnDefault | None], ...]:
    # Only plain Python defaults: a server or SQL-expression default would leave the object
    # without a value it cannot know without reading the row back.
    defaults = []
    for column in table.columns:
        if column.server_default is not None or (column.default is not None and column.default.is_clause_element):
            raise TypeError(f"{table.name}.{column.key}: insert_row needs Python-side defaults only")
        if not (column.primary_key and column.autoincrement in (True, "auto")):
            defaults.append((column.key, column.default))
    return tuple(defaults)


@cache
def _insert_statement(table: Table):
    return table.insert()
