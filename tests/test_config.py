"""Settings from the environment: the secret key, database URLs, SQLite's journal and where mail goes."""
from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

import config as settings
from app import create_app
from extensions import db
from outbox.delivery import deliver_due, enqueue
from outbox.transport import FileMailbox, open_transport, uses_file_mailbox


@pytest.fixture
def instance(tmp_path, monkeypatch):
    path = tmp_path / "instance"
    monkeypatch.setenv("INSTANCE_PATH", str(path))
    return path


def test_secret_key_is_made_once_per_instance_and_kept(instance):
    first = create_app()
    key_file = instance / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert first.config["SECRET_KEY"] == key_file.read_text().strip()
    assert len(first.config["SECRET_KEY"]) >= 32

    second = create_app()
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_each_instance_gets_its_own_secret_key(tmp_path):
    assert settings.instance_secret_key(str(tmp_path / "a")) != settings.instance_secret_key(str(tmp_path / "b"))


def test_secret_key_from_the_environment_is_used(instance, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert create_app().config["SECRET_KEY"] == "from-the-environment"
    assert not (instance / "secret_key").exists()


@pytest.mark.parametrize("given", [
    "postgres://uadesk:pw@db.example.org:5432/uadesk",
    "postgresql://uadesk:pw@db.example.org:5432/uadesk",
    "postgresql+psycopg://uadesk:pw@db.example.org:5432/uadesk",
])
def test_postgresql_urls_use_psycopg_3(given, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", given)
    values = settings.from_environment(str(tmp_path))
    assert values["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://uadesk:pw@db.example.org:5432/uadesk"
    assert values["SQLALCHEMY_ENGINE_OPTIONS"] == {"pool_pre_ping": True}


def test_database_url_reaches_the_app(instance, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://uadesk@db.example.org/uadesk")
    assert create_app().config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://uadesk@db.example.org/uadesk"


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path):
    values = settings.from_environment(str(tmp_path))
    assert values["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'uadesk.sqlite3'}"
    assert values["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["timeout"] >= 5


def test_defaults_are_safe(tmp_path):
    values = settings.from_environment(str(tmp_path))
    assert values["WTF_CSRF_ENABLED"] is True
    assert values["MAIL_SERVER"] is None
    assert values["SESSION_COOKIE_HTTPONLY"] is True


def test_sqlite_uses_write_ahead_logging(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_without_mail_server_mail_goes_to_the_file_mailbox(app, mailbox, mailbox_messages):
    assert uses_file_mailbox(app)
    assert isinstance(open_transport(app), FileMailbox)

    enqueue(kind="test", sender="actions@uadesk.invalid", recipients=["supporter@example.org"],
            subject="Hello from the outbox", body_text="It works.")
    db.session.commit()
    assert deliver_due() == 1

    [message] = mailbox_messages()
    assert message["To"] == "supporter@example.org"
    assert message["Subject"] == "Hello from the outbox"


@pytest.mark.parametrize("value, expected", [("", True), ("smtp.example.org", False)])
def test_mail_server_setting_chooses_the_transport(value, expected, make_app, monkeypatch, tmp_path):
    monkeypatch.setenv("MAIL_SERVER", value)
    values = settings.from_environment(str(tmp_path))
    assert uses_file_mailbox(make_app(MAIL_SERVER=values["MAIL_SERVER"])) is expected


def test_readme_documents_every_setting():
    root = Path(__file__).resolve().parents[1]
    source = (root / "config.py").read_text() + (root / "app.py").read_text()
    read = set(re.findall(r'(?:os\.environ\.get|_bool|_int|_colour)\(\s*"([A-Z_]+)"', source))
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", (root / "README.md").read_text(), re.MULTILINE))
    assert read, "found no settings in config.py: the pattern above needs updating"
    assert read - documented == set()
