"""Shared test fixtures: one migrated database per run, empty tables for every test, no mail to officials."""
from __future__ import annotations

import contextvars
import os
import secrets
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser, Parser
from email.utils import getaddresses
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from hypothesis import settings as hypothesis_settings

import config as settings
from app import create_app
from extensions import db
from inboxes import inbox_key
from tests.helpers import log_in, make_organiser
from tests.one_language import mixed_letters_in

TEST_SECRET_KEY = "test-secret-key-not-for-production"

# Property tests: 300 examples each on every run, 2,000 with HYPOTHESIS_PROFILE=thorough.
hypothesis_settings.register_profile("standard", max_examples=300)
hypothesis_settings.register_profile("thorough", max_examples=2000)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "standard"))
RECIPIENT_HEADERS = ("To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc")


def postgresql_url(url: str) -> str:
    """TEST_DATABASE_URL may be written postgres:// or postgresql://; the app speaks psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def with_search_path(url: str, schema: str) -> str:
    """The URL with every connection's search_path set to `schema` (psycopg passes `options` on)."""
    parsed = sa.engine.make_url(url)
    options = " ".join(filter(None, [parsed.query.get("options"), f"-csearch_path={schema}"]))
    return parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)


class _Database:
    """An empty database for one purpose: a SQLite file, or a PostgreSQL schema of its own."""

    def __init__(self, base_url: str | None, directory: Path) -> None:
        self.base_url = base_url
        if base_url is None:
            self.url = f"sqlite:///{directory / 'uadesk.sqlite3'}"
            self.schema = None
        else:
            self.schema = f"uadesk_test_{secrets.token_hex(6)}"
            self._admin(f'CREATE SCHEMA "{self.schema}"')
            self.url = with_search_path(base_url, self.schema)

    def _admin(self, statement: str) -> None:
        engine = sa.create_engine(self.base_url)
        try:
            with engine.begin() as connection:
                connection.execute(sa.text(statement))
        finally:
            engine.dispose()

    def drop(self) -> None:
        if self.schema is not None:
            self._admin(f'DROP SCHEMA "{self.schema}" CASCADE')


class IsolatedClient(FlaskClient):
    """Runs each request in its own application context, as production does.

    The `app` fixture holds an app context so tests can use db.session; Flask would otherwise
    reuse it for requests, and every request would share the test's session and `g` (a
    logged-in user, say) with the test and with the requests before it. `with client:` keeps
    Flask's own behaviour, since it exists to look at the request's contexts afterwards.
    """

    def open(self, *args, **kwargs):
        if self.preserve_context:
            return super().open(*args, **kwargs)
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def _environment(tmp_path_factory):
    """No setting from the developer's shell; the instance folder (secret_key…) in a temp dir.

    A shell's MAIL_SERVER or DATABASE_URL must never reach a test. The names come from
    config.py itself (its settings are named after their variables) so new ones are covered.
    """
    names = set(settings.from_environment(str(tmp_path_factory.mktemp("settings")))) | {"DATABASE_URL"}
    with pytest.MonkeyPatch.context() as patch:
        for name in names:
            patch.delenv(name, raising=False)
        patch.setenv("INSTANCE_PATH", str(tmp_path_factory.mktemp("instance")))
        yield


@pytest.fixture(scope="session")
def database_kind() -> str:
    """'postgresql' when TEST_DATABASE_URL is set, else 'sqlite'."""
    return "postgresql" if os.environ.get("TEST_DATABASE_URL") else "sqlite"


@pytest.fixture(scope="session")
def _new_database(tmp_path_factory):
    """Makes empty databases of the suite's kind and removes them when the session ends."""
    base_url = os.environ.get("TEST_DATABASE_URL")
    base_url = postgresql_url(base_url) if base_url else None
    made: list[_Database] = []

    def new() -> _Database:
        database = _Database(base_url, tmp_path_factory.mktemp("db"))
        made.append(database)
        return database

    yield new
    for database in made:
        database.drop()


def migrate_to_head(url: str) -> None:
    """Build the schema the way production does: by running the migrations."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": TEST_SECRET_KEY})
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def database_url(_environment, _new_database) -> str:
    """The session's database, migrated to head once."""
    url = _new_database().url
    migrate_to_head(url)
    return url


@pytest.fixture
def fresh_database_url(_new_database) -> str:
    """A second, empty database (no tables) of the same kind, for migration tests."""
    return _new_database().url


@pytest.fixture(scope="session")
def _cleaner(database_url):
    engine = sa.create_engine(database_url, **settings.engine_options(database_url))
    yield engine
    engine.dispose()


@pytest.fixture
def mailbox(tmp_path) -> Path:
    """The file mailbox directory the test's apps deliver to."""
    return tmp_path / "mailbox"


@pytest.fixture
def mailbox_messages(mailbox):
    """A function returning the messages in the file mailbox, oldest first."""
    def read() -> list[EmailMessage]:
        return [_parse(path) for path in sorted(mailbox.glob("*.eml"))]
    return read


def _parse(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        return BytesParser(policy=policy.default).parse(handle)


def official_addresses() -> set[str]:
    """The real officials' addresses in the demo campaign: no test may ever mail them."""
    from campaigns.demo import TARGETS
    return {email.lower() for target in TARGETS for email in target["emails"]}


def official_inboxes() -> set[str]:
    """The inboxes the demo's officials read (inboxes.inbox_key): every spelling of them counts."""
    return {inbox_key(address) for address in official_addresses()}


def mail_to_officials(mailbox: Path, connection: sa.Connection) -> list[str]:
    """Every mailbox file, and every outbox row but a refused one (never sent), addressed in any
    spelling to a demo official's inbox: in the envelope or in any recipient header."""
    forbidden = official_inboxes()

    def hits(addresses) -> list[str]:
        return sorted({address for address in addresses if inbox_key(address) in forbidden})

    problems = []
    for path in sorted(mailbox.glob("*.eml")):
        # As text in UTF-8, so addresses written for SMTPUTF8 are read as the letters they are; each header
        # both as written and decoded. A supporter's address may itself look like an encoded word
        # ("=?utf-8?q?jane=0abcc…?=@example.org", a valid local part), which decodes to no address at all.
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        raw = Parser(policy=policy.compat32).parsestr(text, headersonly=True)
        decoded = Parser(policy=policy.default).parsestr(text, headersonly=True)
        values = [str(value) for name in RECIPIENT_HEADERS for value in raw.get_all(name, [])]
        for name in RECIPIENT_HEADERS:
            try:
                values += [str(value) for value in decoded.get_all(name, [])]
            except ValueError:
                pass
        if hit := hits(address for _, address in getaddresses(values)):
            problems.append(f"mailbox file {path.name} is addressed to {hit}")
    outbox = db.metadata.tables["outbox_messages"]
    names = {name.lower() for name in RECIPIENT_HEADERS}
    rows = connection.execute(sa.select(outbox.c.id, outbox.c.recipients, outbox.c.headers, outbox.c.status))
    for row_id, recipients, headers, status in rows:
        if status == "refused":
            continue
        values = [str(value) for name, value in (headers or {}).items() if name.lower() in names]
        envelope = [str(address) for address in recipients or []]
        if hit := hits(envelope + [address for _, address in getaddresses(envelope + values)]):
            problems.append(f"outbox message {row_id} ({getattr(status, 'value', status)}) is addressed to {hit}")
    return problems


@pytest.fixture(autouse=True)
def _isolation(_cleaner, mailbox):
    """After each test: fail it if it mailed a real official, or left a campaign one of whose
    letters mixes languages (tests/one_language.py), then empty every table.

    Tables are emptied rather than rolled back so tests whose threads or processes commit
    for real are isolated too.
    """
    yield
    with _cleaner.connect() as connection:
        problems = mail_to_officials(mailbox, connection)
        mixed = mixed_letters_in(connection)
    with _cleaner.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
    if problems:
        pytest.fail("A real official would have been mailed:\n" + "\n".join(problems), pytrace=False)
    if mixed:
        pytest.fail("A letter mixes languages:\n" + "\n".join(mixed), pytrace=False)


@pytest.fixture
def make_app(database_url, mailbox):
    """Build an app on the test database; keyword arguments override the test settings."""
    apps = []

    def make(**overrides):
        app = create_app({
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": TEST_SECRET_KEY,
            "WTF_CSRF_ENABLED": False,
            "MAILBOX_DIR": str(mailbox),
            "MAIL_SERVER": None,
            # Tests that prove a limit turn it on; the others send more than a person would.
            "RATELIMIT_ENABLED": False,
            **overrides,
        })
        app.test_client_class = IsolatedClient
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    """The app, with its application context pushed for the whole test so db.session works.

    Requests made through `client` run in contexts of their own: objects the test holds are
    not refreshed by them, so call db.session.expire_all() before reading what a request changed.
    """
    app = make_app()
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf_app(make_app):
    """A second app on the same database with CSRF protection on, as in production."""
    return make_app(WTF_CSRF_ENABLED=True)


@pytest.fixture
def csrf_client(csrf_app):
    return csrf_app.test_client()


@pytest.fixture
def demo_factory():
    """Load the demo inside an app context of the test's choosing (for apps made with make_app)."""
    def load():
        from campaigns.demo import UA_NUMBER, load_demo
        from models import Campaign

        load_demo()
        db.session.commit()
        return db.session.scalar(sa.select(Campaign).where(Campaign.ua_number == UA_NUMBER))
    return load


@pytest.fixture
def demo(app):
    """The UA 118/21 demo campaign, loaded and committed."""
    from campaigns.demo import UA_NUMBER, load_demo
    from models import Campaign

    load_demo()
    db.session.commit()
    return db.session.scalar(sa.select(Campaign).where(Campaign.ua_number == UA_NUMBER))


@pytest.fixture
def organiser(app):
    """An active admin organiser (organiser@example.org, password tests.helpers.PASSWORD)."""
    return make_organiser(is_admin=True)


@pytest.fixture
def org_client(client, organiser):
    """`client`, logged in as `organiser`."""
    response = log_in(client)
    assert response.status_code == 303, response.get_data(as_text=True)
    return client
