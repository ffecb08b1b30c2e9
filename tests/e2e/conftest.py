"""Browser tests: UA Desk served by a real web server on loopback, Chromium driven by Playwright,
mail caught by a real SMTP server, and the outbox delivered by the real delivery functions.

Under CI (CI=true) a missing Playwright, Chromium or axe-core fails these tests; on a developer's
machine it skips them, and `-m "not browser"` leaves them out altogether.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask, got_request_exception
from sqlalchemy import select
from werkzeug.exceptions import HTTPException
from werkzeug.serving import make_server

from extensions import db
from tests.conftest import TEST_SECRET_KEY
from tests.e2e.axe import axe_violations, describe
from tests.e2e.flows import DESKTOP
from tests.smtp_sink import SMTPSink

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def missing(what: str) -> None:
    """CI must run the browser tests, so there a missing tool is a failure; elsewhere a skip."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} (CI=true: the browser tests may not be skipped; `make install-dev` installs "
                    f"the Python and npm tools, .ci/run installs Debian's chromium)", pytrace=False)
    pytest.skip(what)


# --- the browser ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright, started once: its sync API runs one driver per process, shared by every browser."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed (pip install -r requirements-dev.txt)")
    if not os.access(CHROMIUM, os.X_OK):
        missing(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(playwright_driver):
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_SCRIPT.exists():
        missing(f"axe-core is not installed at {AXE_SCRIPT.relative_to(ROOT)} (npm ci)")
    return AXE_SCRIPT.read_text(encoding="utf-8")


class Shots:
    """Numbered screenshots of one test's steps (whole pages unless asked), kept under test-artifacts/browser/."""

    def __init__(self, name: str) -> None:
        self.directory = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True)
        self.count = 0

    def __call__(self, page, step: str, *, full_page: bool = True) -> Path:
        self.count += 1
        path = self.directory / f"{self.count:02d}-{re.sub(r'[^a-z0-9]+', '-', step.lower()).strip('-')}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def shot(request) -> Shots:
    return Shots(request.node.name)


@pytest.fixture
def new_page(chromium):
    """Opens a page in a fresh browser context (its own cookies); CSP reports and script errors fail the test."""
    contexts = []
    problems: list[str] = []

    def open_page(viewport=DESKTOP, **options):
        context = chromium.new_context(viewport=viewport, accept_downloads=True, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"script error on {page.url}: {error}"))
        page.on("console", lambda message: problems.append(f"{page.url}: {message.text}")
                if message.type == "error" and "Content Security Policy" in message.text else None)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


# --- the server, the mail server and the delivery loop ----------------------------------------------

@pytest.fixture(scope="session")
def smtp_sink():
    sink = SMTPSink().start()
    yield sink
    sink.stop()


@dataclass
class LiveServer:
    app: Flask
    url: str
    errors: list[BaseException] = field(default_factory=list)

    def __call__(self, path: str = "/") -> str:
        return self.url + path


@pytest.fixture(scope="session")
def live_server(database_url, smtp_sink, tmp_path_factory):
    """The app as production runs it (CSRF on, errors rendered, mail over SMTP), on a free port."""
    from app import create_app

    app = create_app({
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": TEST_SECRET_KEY,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_sink.port,
        "MAIL_TIMEOUT": 5,
        "MAILBOX_DIR": str(tmp_path_factory.mktemp("unused-mailbox")),
        # Tests that prove a limit turn it on; these journeys send more than a person would.
        "RATELIMIT_ENABLED": False,
    })
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request in test reports
    server = make_server("127.0.0.1", 0, app, threaded=True)
    live = LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")
    app.config["BASE_URL"] = live.url
    got_request_exception.connect(lambda sender, exception, **extra: live.errors.append(exception), app, weak=False)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield live
    server.shutdown()
    thread.join(10)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def server(live_server, smtp_sink):
    """The live server, with no mail caught yet; fails the test if a request raised on the server."""
    with smtp_sink.lock:
        smtp_sink.received.clear()
    smtp_sink.reply = None
    live_server.errors.clear()
    yield live_server
    assert not live_server.errors, f"the server raised: {live_server.errors!r}"


class OutboxWorker(threading.Thread):
    """What `flask outbox work` does, in a thread: run due jobs, deliver due mail, repeat."""

    def __init__(self, app: Flask) -> None:
        super().__init__(name="outbox-worker", daemon=True)
        self.app = app
        self.stopping = threading.Event()
        self.errors: list[BaseException] = []

    def run(self) -> None:
        from outbox.delivery import deliver_due
        from outbox.jobs import run_due_jobs

        with self.app.app_context():
            while not self.stopping.is_set():
                try:
                    steps = run_due_jobs()
                    db.session.remove()
                    sent = deliver_due()
                    db.session.remove()
                except Exception as error:
                    self.errors.append(error)
                    db.session.remove()
                    return
                if not steps and not sent:
                    self.stopping.wait(0.1)

    def stop(self) -> None:
        self.stopping.set()
        self.join(30)


@pytest.fixture
def outbox_worker(server):
    """Delivers the outbox while the test runs; stopped before the tables are emptied."""
    worker = OutboxWorker(server.app)
    worker.start()
    yield worker
    worker.stop()
    assert not worker.errors, f"delivery failed: {worker.errors!r}"


@pytest.fixture
def in_app(server):
    """A function running `work()` inside the live app's context, committing what it did."""
    def run(work):
        with server.app.app_context():
            result = work()
            db.session.commit()
            db.session.expunge_all()
            return result
    return run


@pytest.fixture
def demo_campaign(in_app):
    """Loads the UA 118/21 demo; returns its slug."""
    from campaigns.demo import UA_NUMBER, load_demo
    from models import Campaign

    def load():
        load_demo()
        return db.session.scalar(select(Campaign.slug).where(Campaign.ua_number == UA_NUMBER))
    return in_app(load)


# --- accessibility -----------------------------------------------------------------------------------

class Audit:
    """Runs axe-core on each page it is shown, screenshots it, and notes which route served it."""

    def __init__(self, app: Flask, axe_source: str, shot: Shots) -> None:
        self.adapter = app.url_map.bind("127.0.0.1")
        self.axe_source = axe_source
        self.shot = shot
        self.found: dict[str, list[dict]] = {}
        self.endpoints: set[str] = set()

    def __call__(self, page, name: str) -> None:
        page.wait_for_load_state()
        self.shot(page, name, full_page=False)  # the first screenful: whole pages take four times as long
        path = urlsplit(page.url).path
        try:
            self.endpoints.add(self.adapter.match(path, method="GET")[0])
        except HTTPException:
            self.endpoints.add(f"(no GET route: {path})")
        violations = axe_violations(page, self.axe_source)
        if violations:
            self.found[f"{name} ({path})"] = violations

    def assert_clean(self) -> None:
        assert not self.found, ("axe-core found serious or critical problems:\n"
                                + "\n".join(f"{page}:\n{describe(v)}" for page, v in self.found.items()))


@pytest.fixture
def audit(server, axe_source, shot) -> Audit:
    return Audit(server.app, axe_source, shot)
