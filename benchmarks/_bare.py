"""The ceiling for bench_action.py: a bare Flask endpoint that inserts one row, served like UA Desk.

    gunicorn "benchmarks._bare:create_app()"   (DATABASE_URL as for the app)

Same database, same engine options and, on SQLite, the same connection pragmas and BEGIN
IMMEDIATE for POST requests (extensions.py registers them for every engine), so the difference
from the action POST is UA Desk's own work: form, CSRF, the action, letters, counters, outbox.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from flask import Flask, Response, request  # noqa: E402

import config as settings  # noqa: E402
import extensions  # noqa: E402,F401 - the SQLite pragmas and BEGIN IMMEDIATE for writers

metadata = sa.MetaData()
hits = sa.Table("bench_bare_hits", metadata,
                sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("nonce", sa.String(64), nullable=False, unique=True),
                sa.Column("email", sa.String(254), nullable=False),
                sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()))


def database_url() -> str:
    instance = os.environ.get("INSTANCE_PATH") or str(ROOT / "instance")
    return settings.from_environment(instance)["SQLALCHEMY_DATABASE_URI"]


def create_table(url: str) -> None:
    engine = sa.create_engine(url, **settings.engine_options(url))
    try:
        metadata.create_all(engine)
    finally:
        engine.dispose()


def create_app() -> Flask:
    url = database_url()
    engine = sa.create_engine(url, **settings.engine_options(url))
    app = Flask(__name__)

    @app.get("/ready")
    def ready():
        return "ok"

    @app.post("/hit")
    def hit():
        with engine.begin() as connection:
            connection.execute(hits.insert().values(nonce=request.form["form_nonce"],
                                                    email=request.form["email"]))
        return Response(status=303, headers={"Location": "/ready"})

    return app
