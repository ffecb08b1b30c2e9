"""Webhooks against a real HTTP receiver on 127.0.0.1: signed deliveries for each event, sent by the
workers after the commit (never inside a request), retried while the receiver is down until every one
arrives, redelivered with the button, paused when an endpoint keeps failing; URLs into private networks
refused; the forms need their CSRF token; only admins see any of it."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select

from campaigns.actions import mark_posted
from extensions import db
from models import (Action, DeliveryStatus, Group, Job, JobStatus, Organiser, OutboxMessage, Role, Subscription,
                    UpdateKind, WebhookDelivery, WebhookEndpoint)
from organisers.accounts import hash_password
from organisers.audit import COMMAND_LINE
from outbox.delivery import deliver_due as deliver_mail
from models._types import utcnow
from outbox.jobs import run_due_jobs
from outbox.periodic import run_periodic
from privacy.services import erase_person
from subscriptions.services import confirm, subscribe, unsubscribe
from subscriptions.updates import publish_update
from tests.helpers import (PASSWORD, action_data, audit_actions, confirm_by_email, csrf_token, log_in, make_organiser,
                           secret_from)
from webhooks import services
from webhooks.targets import TargetRefused, check_url
from webhooks.transport import DeliveryFailed, post


class Receiver:
    """An HTTP server in a thread that records every POST, answering `status`; it can go down and come back."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.status = 200
        self.port = 0
        self._server = None
        self.start()

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a CRM's server would
            disable_nagle_algorithm = True  # as nginx's tcp_nodelay: no 40 ms wait for each answer's body

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"headers": dict(self.headers), "body": body, "path": self.path})
                answer = b'{"ok":true}' if receiver.status < 300 else b"not today"
                self.send_response(receiver.status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/ua-desk?source=test"

    def events(self) -> list[str]:
        return [json.loads(r["body"])["event"] for r in self.received]


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.stop()


def _readme_verify():
    """The signature check exactly as the README gives it, so the README's lines are the ones tested."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    code = readme.split("**Checking the signature**", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    names: dict = {}
    exec(code, names)  # our own README's lines, run as a receiver would
    return names["verify"]


verify = _readme_verify()


def register(url: str, events=("action.taken",)) -> tuple[WebhookEndpoint, str]:
    registered = services.register_endpoint(url, list(events), actor=COMMAND_LINE)
    db.session.commit()
    return registered.endpoint, registered.secret


def work_until(done, rounds: int = 200) -> None:
    """Run the workers' job loop until `done()` holds (retries need their wait to pass first)."""
    for _ in range(rounds):
        run_due_jobs(time_budget=2.0)
        db.session.expire_all()
        if done():
            return
        time.sleep(0.05)
    raise AssertionError("the deliveries did not arrive")


def deliveries(status=None) -> list[WebhookDelivery]:
    query = select(WebhookDelivery).order_by(WebhookDelivery.id)
    if status is not None:
        query = query.where(WebhookDelivery.status == status)
    return list(db.session.scalars(query))


def test_an_admin_registers_a_webhook_and_the_receiver_gets_a_signed_action(org_client, client, demo, receiver):
    page = org_client.get("/organisers/webhooks/new").get_data(as_text=True)
    assert "Action taken" in page and "Supporter erased" in page
    response = org_client.post("/organisers/webhooks/new", data={
        "url": receiver.url, "description": "CRM", "events": ["action.taken", "letter.posted"]})
    assert response.status_code == 200
    secret = response.get_data(as_text=True).split("<code>", 1)[1].split("</code>", 1)[0]
    assert secret.startswith("whsec_")
    endpoint = db.session.scalar(select(WebhookEndpoint))
    assert secret not in org_client.get(f"/organisers/webhooks/{endpoint.id}").get_data(as_text=True)
    assert secret not in json.dumps([endpoint.secret_salt, endpoint.url])  # only a salt is stored

    answer = client.post(f"/campaigns/{demo.slug}/write", data=action_data(demo, client, wants_updates="y"))
    assert answer.status_code == 303
    # The request only queued it: nothing reached the receiver before a worker ran.
    assert receiver.received == [] and len(deliveries(DeliveryStatus.pending)) == 1

    work_until(lambda: receiver.received)
    (got,) = receiver.received
    assert got["path"] == "/hooks/ua-desk?source=test"
    assert got["headers"]["UA-Desk-Event"] == "action.taken"
    assert got["headers"]["Content-Type"] == "application/json"
    assert verify(secret, got["body"], got["headers"]["UA-Desk-Signature"])
    assert not verify(secret, got["body"] + b" ", got["headers"]["UA-Desk-Signature"])
    assert not verify("whsec_wrong", got["body"], got["headers"]["UA-Desk-Signature"])
    payload = json.loads(got["body"])
    (delivery,) = deliveries(DeliveryStatus.delivered)
    assert got["headers"]["UA-Desk-Delivery"] == delivery.uid
    assert payload["event"] == "action.taken" and payload["data"]["campaign"]["ua_number"] == demo.ua_number
    supporter = payload["data"]["supporter"]
    assert (supporter["name"], supporter["email"], supporter["town"], supporter["country"]) == (
        "Jane Doe", "jane@example.org", "Leeds", "GB")
    assert payload["data"]["consent"] == {"updates": True, "address_kept": True, "copy": False}
    # No street address, no postcode: no event needs them.
    assert "High Street" not in got["body"].decode() and "LS1 1AA" not in got["body"].decode()
    assert (delivery.response_status, delivery.response_excerpt) == (200, '{"ok":true}')

    listing = org_client.get(f"/organisers/webhooks/{endpoint.id}").get_data(as_text=True)
    assert delivery.uid in listing and "200" in listing and "delivered" in listing


def test_every_event_is_queued_by_the_change_that_causes_it(app, demo, client, receiver):
    endpoint, _secret = register(receiver.url, events=services.EVENTS)
    pdf = secret_from(client.post(f"/campaigns/{demo.slug}/write", data=action_data(demo, client)))
    email = secret_from(client.post(f"/campaigns/{demo.slug}/write", data=action_data(
        demo, client, channel="email", email="sam@example.org", name="Sam Roe")))
    mark_posted(db.session.scalar(select(Action).where(Action.secret == pdf)))
    db.session.commit()
    confirm_by_email(client, email)
    deliver_mail()  # the letters' emails reach the mail server: each is now sent
    subscription = subscribe("ali@example.org", campaign=demo)
    confirm(subscription)
    unsubscribe(subscription)
    publish_update(demo, kind=UpdateKind.further_information, title="Moved to another prison",
                   body_markdown="He was moved on 3 March.")
    db.session.commit()
    targets = len(demo.targets)
    expected = (["action.taken"] * 2 + ["letter.posted"] * targets + ["letter.sent"] * targets
                + ["subscription.confirmed", "subscription.ended", "update.published"])
    assert sorted(d.event for d in deliveries()) == sorted(expected)
    work_until(lambda: len(receiver.received) == len(expected))
    assert sorted(receiver.events()) == sorted(expected)
    sent = next(json.loads(r["body"]) for r in receiver.received if json.loads(r["body"])["event"] == "letter.sent")
    assert set(sent["data"]["supporter"]) == {"id", "ref"}  # the CRM has the rest from action.taken
    ended = next(json.loads(r["body"]) for r in receiver.received
                 if json.loads(r["body"])["event"] == "subscription.ended")
    assert ended["data"]["consent"] == {"updates": False}


def test_a_receiver_down_for_a_while_gets_every_delivery_once_it_is_back(make_app, demo_factory, receiver):
    app = make_app(WEBHOOK_RETRY_SECONDS=0.05, WEBHOOK_RETRY_MAX_SECONDS=0.2)
    with app.app_context():
        demo = demo_factory()
        client = app.test_client()
        register(receiver.url)
        receiver.stop()
        for n in range(6):
            answer = client.post(f"/campaigns/{demo.slug}/write",
                                 data=action_data(demo, client, email=f"writer{n}@example.org"))
            assert answer.status_code == 303  # a receiver that is down never holds up a supporter
        for _ in range(5):  # the workers try, and fail, while it is down
            run_due_jobs(time_budget=1.0)
            time.sleep(0.1)
        db.session.expire_all()
        waiting = deliveries(DeliveryStatus.pending)
        assert len(waiting) == 6 and max(d.attempts for d in waiting) >= 2
        assert waiting[0].last_error.startswith("connection")
        endpoint = db.session.scalar(select(WebhookEndpoint))
        assert endpoint.consecutive_failures >= 2 and not endpoint.is_paused

        receiver.start()  # back, on the same port
        work_until(lambda: len(deliveries(DeliveryStatus.delivered)) == 6)
        uids = sorted(r["headers"]["UA-Desk-Delivery"] for r in receiver.received)
        assert uids == sorted(d.uid for d in deliveries()) and len(set(uids)) == 6
        emails = sorted(json.loads(r["body"])["data"]["supporter"]["email"] for r in receiver.received)
        assert emails == [f"writer{n}@example.org" for n in range(6)]
        db.session.expire_all()
        assert db.session.get(WebhookEndpoint, endpoint.id).consecutive_failures == 0


def test_a_delivery_whose_job_failed_for_good_is_picked_up_by_the_periodic_sweep(app, demo, client, receiver):
    register(receiver.url)
    client.post(f"/campaigns/{demo.slug}/write", data=action_data(demo, client))
    for job in db.session.scalars(select(Job).where(Job.kind == "webhooks.deliver")):
        job.status = JobStatus.failed  # as if its worker had failed it five times (the database away, say)
    db.session.commit()
    run_due_jobs(time_budget=1.0)
    assert receiver.received == [] and len(deliveries(DeliveryStatus.pending)) == 1
    assert run_periodic(utcnow())["webhook_wakeups"] == 1
    assert run_periodic(utcnow())["webhook_wakeups"] == 0  # one wake-up is enough
    work_until(lambda: receiver.received)
    assert deliveries(DeliveryStatus.delivered)


def test_the_redeliver_button_sends_the_same_event_again_with_a_new_delivery_id(org_client, demo, client, receiver):
    endpoint, secret = register(receiver.url)
    client.post(f"/campaigns/{demo.slug}/write", data=action_data(demo, client))
    work_until(lambda: len(receiver.received) == 1)
    (first,) = deliveries()
    response = org_client.post(f"/organisers/webhooks/{endpoint.id}/deliveries/{first.id}/redeliver")
    assert response.status_code == 303
    work_until(lambda: len(receiver.received) == 2)
    one, two = receiver.received
    assert one["body"] == two["body"]  # the same event, its id included, so a receiver can drop a repeat
    assert one["headers"]["UA-Desk-Delivery"] != two["headers"]["UA-Desk-Delivery"]
    assert verify(secret, two["body"], two["headers"]["UA-Desk-Signature"])
    assert org_client.post(f"/organisers/webhooks/{endpoint.id + 1}/deliveries/{first.id}/redeliver").status_code == 404


def test_an_endpoint_that_keeps_failing_is_paused_and_the_admins_told(make_app, demo_factory, receiver):
    app = make_app(WEBHOOK_RETRY_SECONDS=0.02, WEBHOOK_RETRY_MAX_SECONDS=0.05, WEBHOOK_PAUSE_AFTER_FAILURES=3,
                   WEBHOOK_PAUSE_AFTER_HOURS=0)
    with app.app_context():
        demo = demo_factory()
        make_organiser(is_admin=True)
        client = app.test_client()
        endpoint, _secret = register(receiver.url)
        receiver.status = 500
        client.post(f"/campaigns/{demo.slug}/write", data=action_data(demo, client))
        work_until(lambda: db.session.get(WebhookEndpoint, endpoint.id).is_paused)
        endpoint = db.session.get(WebhookEndpoint, endpoint.id)
        assert endpoint.paused_reason == "failing" and endpoint.consecutive_failures == 3
        tries = len(receiver.received)
        run_due_jobs(time_budget=1.0)
        assert len(receiver.received) == tries  # paused: nothing more is sent
        (delivery,) = deliveries(DeliveryStatus.pending)
        assert (delivery.response_status, delivery.response_excerpt) == (500, "not today")
        (told,) = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "webhook_paused"))
        assert told.recipients == ["organiser@example.org"] and receiver.url in told.body_text

        log_in(client)
        assert "kept failing and is paused" in client.get("/organisers/webhooks").get_data(as_text=True)
        receiver.status = 204
        assert client.post(f"/organisers/webhooks/{endpoint.id}/resume").status_code == 303
        work_until(lambda: deliveries(DeliveryStatus.delivered))
        assert receiver.received[-1]["headers"]["UA-Desk-Delivery"] == delivery.uid


def test_an_erasure_tells_the_crm_to_forget_whom_it_named_before(app, demo, client, receiver):
    register(receiver.url, events=("action.taken", "supporter.erased"))
    client.post(f"/campaigns/{demo.slug}/write", data=action_data(demo, client))
    work_until(lambda: len(receiver.received) == 1)
    named = json.loads(receiver.received[0]["body"])["data"]["supporter"]
    erase_person("Jane@Example.org")
    db.session.commit()
    work_until(lambda: len(receiver.received) == 2)
    erased = json.loads(receiver.received[1]["body"])
    assert erased["event"] == "supporter.erased"
    forget = erased["data"]["supporter"]
    assert forget["ref"] == named["ref"] and named["id"] in forget["supporter_ids"]
    assert "jane" not in receiver.received[1]["body"].decode().lower()
    # What the first delivery carried is gone from our side too.
    first = deliveries()[0]
    assert "Jane" not in first.body and first.person_ref is None


def test_addresses_inside_private_networks_are_refused(org_client, make_app):
    for url, problem in [("http://10.0.0.5/hook", "private network"),
                         ("https://169.254.169.254/latest/meta-data", "private network"),
                         ("https://[::ffff:192.168.1.1]/hook", "private network"),
                         ("https://user:pw@127.0.0.1/hook", "user name and password"),
                         ("ftp://127.0.0.1/hook", "full address"),
                         ("https://no-such-host.invalid/hook", "could not be found")]:
        response = org_client.post("/organisers/webhooks/new", data={"url": url, "events": ["action.taken"]})
        assert response.status_code == 400 and problem in response.get_data(as_text=True), url
    assert db.session.scalar(select(func.count()).select_from(WebhookEndpoint)) == 0
    production = make_app(TESTING=False)
    with production.app_context():
        for url in ("http://127.0.0.1:8000/hook", "https://localhost/hook", "https://[::1]/hook"):
            with pytest.raises(TargetRefused):
                check_url(url)
    # A name checked when registered, pointing inside later, is refused where the socket is opened.
    with pytest.raises(DeliveryFailed) as failed:
        post("http://localhost:9/hook", b"{}", {}, timeout=1.0, loopback=False)
    assert failed.value.code == "refused_address"


def test_the_forms_need_their_csrf_token(csrf_client, csrf_app, receiver):
    with csrf_app.app_context():
        make_organiser(is_admin=True)
        html = csrf_client.get("/organisers/login").get_data(as_text=True)
        log_in(csrf_client, csrf_token=csrf_token(html))
        data = {"url": receiver.url, "events": ["action.taken"]}
        assert csrf_client.post("/organisers/webhooks/new", data=data).status_code == 400
        page = csrf_client.get("/organisers/webhooks/new").get_data(as_text=True)
        answer = csrf_client.post("/organisers/webhooks/new", data={**data, "csrf_token": csrf_token(page)})
        assert answer.status_code == 200
        endpoint_id = db.session.scalar(select(WebhookEndpoint.id))
        assert csrf_client.post(f"/organisers/webhooks/{endpoint_id}/pause").status_code == 400
        assert not db.session.get(WebhookEndpoint, endpoint_id).is_paused


def test_only_admins_see_webhooks(app, client, receiver):
    endpoint, _secret = register(receiver.url)
    group = Group(name="Leeds Central Group")
    db.session.add(group)
    db.session.flush()
    db.session.add(Organiser(email="kim@example.org", password_hash=hash_password(PASSWORD), role=Role.coordinator,
                             group_id=group.id, is_active=True, session_version=1))
    make_organiser("olga@example.org")  # an organiser who is not an admin
    for email in ("kim@example.org", "olga@example.org"):
        log_in(client, email)
        for path in ("/organisers/webhooks", "/organisers/webhooks/new", f"/organisers/webhooks/{endpoint.id}"):
            assert client.get(path).status_code == 403, (email, path)
        assert client.post(f"/organisers/webhooks/{endpoint.id}/remove").status_code == 403
        client.post("/organisers/logout")
    assert db.session.get(WebhookEndpoint, endpoint.id) is not None


def test_an_admin_pauses_removes_and_replaces_the_secret(org_client, demo, client, receiver):
    endpoint, old_secret = register(receiver.url)
    assert org_client.post(f"/organisers/webhooks/{endpoint.id}/pause").status_code == 303
    client.post(f"/campaigns/{demo.slug}/write", data=action_data(demo, client))
    run_due_jobs(time_budget=1.0)
    assert receiver.received == [] and len(deliveries(DeliveryStatus.pending)) == 1  # kept, not sent
    page = org_client.post(f"/organisers/webhooks/{endpoint.id}/secret").get_data(as_text=True)
    new_secret = page.split("<code>", 1)[1].split("</code>", 1)[0]
    assert new_secret != old_secret
    org_client.post(f"/organisers/webhooks/{endpoint.id}/resume")
    work_until(lambda: receiver.received)
    got = receiver.received[0]
    assert verify(new_secret, got["body"], got["headers"]["UA-Desk-Signature"])
    assert org_client.post(f"/organisers/webhooks/{endpoint.id}/remove").status_code == 303
    assert {"webhook.registered", "webhook.paused", "webhook.secret_replaced", "webhook.resumed",
            "webhook.removed"} <= set(audit_actions())
    assert db.session.scalar(select(func.count()).select_from(WebhookDelivery)) == 0
    assert not db.session.scalars(select(Job).where(Job.status == JobStatus.failed)).all()
    assert db.session.scalar(select(func.count()).select_from(Subscription)) == 0
