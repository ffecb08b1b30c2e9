"""Letter counts: exact under concurrent submissions, and read without touching the letters."""
from __future__ import annotations

import random
import threading
import re
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import event, func, select

from extensions import db
from letters.counting import campaign_counts
from models import Letter, LetterCount
from tests.helpers import form_nonce

WRITE = "/campaigns/ua-118-21/write"


def test_parallel_submissions_are_counted_exactly(app, demo):
    target_ids = [t.id for t in demo.targets]
    emails = [f"supporter{n}@example.org" for n in range(12)]
    rng = random.Random(7)
    # Many people, several submitting more than once and at the same moment as others.
    jobs = [(rng.choice(emails), rng.choice(["GB", "FR", "TM"])) for _ in range(48)]

    def submit(job):
        email, country = job
        client = app.test_client()
        data = dict(name="A Supporter", email=email, address_line1="1 Street", city="Town", country=country,
                    targets=target_ids, channel="pdf", language="en", form_nonce=form_nonce(client))
        return client.post(WRITE, data=data).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(submit, jobs))
    assert statuses == [303] * len(jobs)

    # Every submission has letters of its own; each person counts once per target.
    distinct = len({email for email, _ in jobs})
    assert db.session.scalar(select(func.count()).select_from(Letter)) == len(jobs) * len(target_ids)
    assert db.session.scalar(select(func.count()).select_from(Letter).where(Letter.is_counted)) == (
        distinct * len(target_ids))
    counted = app.test_client().get("/campaigns/ua-118-21/counts.json").json
    assert counted["total"] == distinct * len(target_ids)
    assert sorted(entry["letters"] for entry in counted["by_target"]) == [distinct] * len(target_ids)
    assert db.session.scalar(select(func.sum(LetterCount.count))) == distinct * len(target_ids)


def test_reading_counts_never_scans_letters(app, demo, client):
    client.post(WRITE, data=dict(name="A", email="a@example.org", address_line1="1 Street", city="Town",
                                 country="GB", targets=[t.id for t in demo.targets], channel="pdf",
                                 language="en", form_nonce=form_nonce(client)))
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        counts = campaign_counts(db.session, demo.id)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert counts.total == 2
    assert statements and all(re.search(r"\bletter_counts\b", s) for s in statements)
    assert not any(re.search(r"\bletters\b", s) for s in statements)
    assert db.session.scalar(select(func.sum(LetterCount.count))) == 2


def test_the_same_form_sent_at_once_from_many_clicks_creates_one_action(app, demo):
    from models import Action

    client = app.test_client()
    data = dict(name="A", email="double@example.org", address_line1="1 Street", city="Town", country="GB",
                targets=[t.id for t in demo.targets], channel="pdf", language="en", form_nonce=form_nonce(client))
    barrier = threading.Barrier(8)

    def click(_):
        barrier.wait()
        response = app.test_client().post(WRITE, data=data)
        return response.status_code, response.headers.get("Location")

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(click, range(8)))
    assert {status for status, _ in results} == {303}
    assert len({location for _, location in results}) == 1
    assert db.session.scalar(select(func.count()).select_from(Action)) == 1
