"""Publishing case updates and emailing them: once per follower, with the list headers, in the background."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from extensions import db
from models import (Campaign, CampaignStatus, CaseUpdate, Job, JobStatus, OutboxMessage, OutboxStatus,
                    Subscription, SubscriptionStatus, UpdateKind)
from models._types import utcnow
from outbox.delivery import deliver_due
from outbox.jobs import run_due_jobs
from subscriptions import fanout
from subscriptions.tokens import email_tag, mailto_tag
from subscriptions.updates import UpdateError, fanout_job, publish_update
from tests.smtp_sink import SMTPSink

BODY = "He was **seen** in court on 3 March.\n\n- His lawyer was not let in.\n\n<script>alert(1)</script>"



def follower(email: str, campaign: Campaign | None = None,
             status: SubscriptionStatus = SubscriptionStatus.confirmed) -> Subscription:
    subscription = Subscription(email=email, scope=f"campaign:{campaign.id}" if campaign else "all",
                                campaign_id=campaign.id if campaign else None, status=status)
    db.session.add(subscription)
    db.session.commit()
    return subscription


def second_campaign() -> Campaign:
    campaign = Campaign(ua_number="UA 60/26", slug="ua-60-26", title="Tajikistan: Izzat Amon at risk",
                        country="TJ", status=CampaignStatus.live, deadline=date.today() + timedelta(days=30))
    db.session.add(campaign)
    db.session.commit()
    return campaign


def publish(campaign: Campaign, **overrides) -> CaseUpdate:
    fields = dict(kind=UpdateKind.further_information, title="Seen in court", body_markdown=BODY)
    fields.update(overrides)
    update = publish_update(campaign, **fields)
    db.session.commit()
    return update


def update_rows() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "update")
                                   .order_by(OutboxMessage.id)))


def recipients_of(rows) -> list[str]:
    return sorted(address for row in rows for address in row.recipients)


def run_fanout() -> None:
    while run_due_jobs():
        pass


def test_publishing_numbers_the_update_and_queues_one_job(app, demo):
    update = publish(demo, happened_on=date(2022, 3, 3))
    assert update.number == 3  # the demo has two
    assert update.published_at is not None and update.happened_on == date(2022, 3, 3)
    assert "<strong>seen</strong>" in update.body_html and "<script>" not in update.body_html
    job = fanout_job(update)
    assert job.kind == "update_fanout" and job.payload["update_id"] == update.id
    assert job.dedupe_key == f"fanout:update:{update.id}" and job.status is JobStatus.pending
    assert publish(demo, title="Another").number == 4
    assert db.session.scalar(select(func.count()).select_from(Job)) == 2
    assert "Seen in court" in app.test_client().get("/campaigns/ua-118-21").get_data(as_text=True)


def test_publishing_changes_the_action_as_the_update_says(app, demo):
    deadline = date.today() + timedelta(days=90)
    publish(demo, kind=UpdateKind.action_continues, new_deadline=deadline,
            new_demands=["Let his lawyer see him.", "  "])
    db.session.refresh(demo)
    assert demo.deadline == deadline
    assert [d.text for d in demo.demands][-1] == "Let his lawyer see him." and len(demo.demands) == 4
    assert [d.position for d in demo.demands] == [0, 1, 2, 3]

    publish(demo, kind=UpdateKind.released, title="Azat Isakov is free")
    assert demo.status is CampaignStatus.closed and demo.closed_reason == "Azat Isakov is free"
    with pytest.raises(UpdateError, match="cannot reopen"):
        publish_update(demo, kind=UpdateKind.action_closed, title="x", body_markdown="x", reopen=True)
    publish(demo, kind=UpdateKind.action_continues, title="Detained again", reopen=True)
    assert demo.status is CampaignStatus.live and demo.closed_at is None and demo.is_open(date.today())


def test_publishing_refuses_what_cannot_be_published(app, demo):
    draft = Campaign(ua_number="UA 1/26", slug="ua-1-26", title="Draft", country="TM")
    db.session.add(draft)
    db.session.commit()
    for campaign, fields, message in [
            (draft, {}, "Publish the campaign"),
            (demo, {"title": " "}, "needs a title"),
            (demo, {"body_markdown": ""}, "needs some text"),
            (demo, {"new_deadline": date.today() - timedelta(days=1)}, "already passed")]:
        arguments = dict(kind=UpdateKind.further_information, title="Title", body_markdown="Text") | fields
        with pytest.raises(UpdateError, match=message):
            publish_update(campaign, **arguments)
    demo.status, demo.deadline = CampaignStatus.closed, date.today() - timedelta(days=1)
    db.session.commit()
    with pytest.raises(UpdateError, match="give a new one"):
        publish_update(demo, kind=UpdateKind.action_continues, title="t", body_markdown="b", reopen=True)


def test_publishing_commits_nothing_itself(app, demo):
    publish_update(demo, kind=UpdateKind.further_information, title="Not yet", body_markdown="Text")
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(CaseUpdate)) == 2
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0


def test_only_confirmed_followers_get_the_update(app, demo):
    follower("confirmed@example.org", demo)
    follower("pending@example.org", demo, status=SubscriptionStatus.pending)
    follower("left@example.org", demo, status=SubscriptionStatus.unsubscribed)
    follower("pending-all@example.org", status=SubscriptionStatus.pending)
    follower("other-case@example.org", second_campaign())
    publish(demo)
    run_fanout()
    assert recipients_of(update_rows()) == ["confirmed@example.org"]


def test_the_update_email_through_a_real_smtp_server(make_app, demo_factory):
    sink = SMTPSink().start()
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port, BASE_URL="https://ua.example.org",
                       MAIL_DEFAULT_SENDER="Letters for Rights <actions@letters.example.org>",
                       ORG_NAME="Letters for Rights", RATELIMIT_ENABLED=False)
        with app.app_context():
            demo = demo_factory()
            jane = follower("jane@example.org", demo)
            update = publish(demo, kind=UpdateKind.action_continues, title='Seen in court <script>&"\'')
            run_fanout()
            assert deliver_due() == 1
            [received] = sink.wait_for(1)
            client = app.test_client()
            message = received.message
            assert received.rcpt_tos == ["jane@example.org"]
            assert message["Subject"] == ("Action continues on UA 118/21 — update 3: "
                                          'Seen in court <script>&"\'')
            assert message["From"].addresses[0].display_name == "Letters for Rights"
            assert message["From"].addresses[0].addr_spec == "actions@letters.example.org"

            unsubscribe = re.fullmatch(r"<(https://ua\.example\.org/u/[^>]+)>, <(mailto:[^>]+)>",
                                       str(message["List-Unsubscribe"]))
            assert unsubscribe, message["List-Unsubscribe"]
            https_url, mailto = unsubscribe.groups()
            tag = mailto_tag(jane.id, email_tag("jane@example.org"))
            assert mailto == f"mailto:unsubscribe+{tag}@letters.example.org?subject=unsubscribe"
            assert re.fullmatch(rf"{jane.id}-[0-9a-f]{{16}}", tag)
            assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            assert message["List-Id"] == '"UA 118/21 updates" <ua-118-21.updates.letters.example.org>'
            assert message["Precedence"] == "bulk"
            assert "Auto-Submitted" not in message
            assert message["Message-ID"].endswith("@letters.example.org>")

            assert message.get_content_type() == "multipart/alternative"
            assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
            text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
            html = message.get_body(("html",)).get_content()
            case_url = f"https://ua.example.org/campaigns/ua-118-21#update-{update.number}"
            for body in (text, html):
                assert case_url in body
                assert "https://ua.example.org/campaigns/ua-118-21/write" in body  # the action is open
                assert https_url in body
                # Manage asks for a fresh single-use link: a forwarded update lets its reader leave, no more.
                assert re.search(r"https://ua\.example\.org/subscriptions/manage(?![/\w])", body)
                assert "uadesk" not in body.replace("uadesk.invalid", "")  # no placeholder left behind
            assert "He was **seen** in court" in text  # the text part comes from the Markdown
            assert "He was <strong>seen</strong> in court" in html and "<script>" not in html
            assert "Seen in court &lt;script&gt;&amp;" in html

            # The header's URL is the one-click unsubscribe, as a mail client would use it.
            path = https_url.removeprefix("https://ua.example.org")
            assert client.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200
            db.session.refresh(jane)
            assert jane.status is SubscriptionStatus.unsubscribed
    finally:
        sink.stop()


def test_a_closed_action_gets_no_write_again_link(app, demo):
    follower("jane@example.org", demo)
    publish(demo, kind=UpdateKind.released, title="Free")
    run_fanout()
    [row] = update_rows()
    assert "/write" not in row.body_text and "/write" not in row.body_html
    assert "/campaigns/ua-118-21#update-3" in row.body_text


@pytest.mark.parametrize("batch_size", [2000, 1])
def test_all_cases_followers_get_every_campaign_once(app, demo, monkeypatch, batch_size):
    monkeypatch.setattr(fanout, "BATCH_SIZE", batch_size)  # 1: each subscription in a step of its own
    other = second_campaign()
    follower("everything@example.org")
    follower("both@example.org", demo)
    follower("both@example.org")
    follower("one@example.org", demo)
    first = publish(demo)
    second = publish(other)
    run_fanout()
    rows = update_rows()
    per_update = {update.id: recipients_of(r for r in rows if r.dedupe_key.startswith(f"update:{update.id}:"))
                  for update in (first, second)}
    assert per_update[first.id] == ["both@example.org", "everything@example.org", "one@example.org"]
    assert per_update[second.id] == ["both@example.org", "everything@example.org"]
    # Following both, the address gets the "all cases" email: leaving from it keeps the named case.
    [both] = [r for r in rows if r.recipients == ["both@example.org"] and r.campaign_id == demo.id]
    assert both.headers["List-Id"] == '"All case updates" <all.updates.uadesk.invalid>'
    assert "because you follow all cases of" in both.body_text
    [one] = [r for r in rows if r.recipients == ["one@example.org"]]
    assert one.headers["List-Id"] == '"UA 118/21 updates" <ua-118-21.updates.uadesk.invalid>'


def test_no_duplicates_however_often_the_fanout_runs(app, demo):
    for n in range(5):
        follower(f"f{n}@example.org", demo)
    follower("all@example.org")
    update = publish(demo)
    run_fanout()
    assert len(update_rows()) == 6

    # Enqueued again (a retried publish): the same job, nothing new.
    from outbox.jobs import enqueue_job
    assert enqueue_job("update_fanout", {"update_id": update.id}, dedupe_key=f"fanout:update:{update.id}").id \
        == fanout_job(update).id
    # The job reset and run again, as after a crash that lost its progress.
    job = fanout_job(update)
    job.status, job.state, job.progress, job.total = JobStatus.pending, {}, 0, None
    db.session.commit()
    run_fanout()
    # A second job for the same update, as if two workers had each been given one.
    twin = Job(kind="update_fanout", payload={"update_id": update.id}, state={})
    db.session.add(twin)
    db.session.commit()
    run_fanout()
    db.session.refresh(twin)
    assert twin.status is JobStatus.done and twin.progress == 6
    rows = update_rows()
    assert len(rows) == 6 and len({row.recipients[0] for row in rows}) == 6


def test_the_fanout_walks_the_table_in_windows_and_resumes(app, demo, monkeypatch):
    monkeypatch.setattr(fanout, "BATCH_SIZE", 2)
    every = follower("all@example.org")
    ids = [every.id] + [follower(f"f{n}@example.org", demo).id for n in range(4)]
    update = publish(demo)
    job = fanout_job(update)

    def step() -> tuple:
        finished = fanout.fan_out_update(job)
        db.session.commit()
        return finished, job.state, job.progress, len(update_rows())

    # First pass: the "all cases" followers, two subscriptions of the table per step.
    assert step() == (False, {"scope": "all", "last_id": ids[1]}, 1, 1)
    assert job.total == 5
    assert step() == (False, {"scope": "all", "last_id": ids[3]}, 1, 1)
    assert step() == (False, {"scope": f"campaign:{demo.id}", "last_id": 0}, 1, 1)
    # Second pass: the campaign's own followers; one who confirms mid-way is still reached.
    assert step() == (False, {"scope": f"campaign:{demo.id}", "last_id": ids[1]}, 2, 2)
    late = follower("late@example.org", demo)
    assert step() == (False, {"scope": f"campaign:{demo.id}", "last_id": ids[3]}, 4, 4)
    assert step() == (False, {"scope": f"campaign:{demo.id}", "last_id": late.id}, 6, 6)
    assert step() == (True, {"scope": f"campaign:{demo.id}", "last_id": late.id}, 6, 6)


def test_leaving_withdraws_queued_updates_but_not_what_other_lists_bring(app, demo, client):
    from subscriptions.services import erase, leave_all, unsubscribe

    jane = follower("jane@example.org", demo)
    sam_case = follower("sam@example.org", demo)
    follower("sam@example.org")
    follower("kim@example.org", demo)
    publish(demo)
    run_fanout()
    assert recipients_of(update_rows()) == ["jane@example.org", "kim@example.org", "sam@example.org"]

    unsubscribe(jane)
    unsubscribe(sam_case)  # Sam still follows all cases: the queued update stays
    db.session.commit()
    assert recipients_of(update_rows()) == ["kim@example.org", "sam@example.org"]
    leave_all("sam@example.org")
    erase("kim@example.org")
    db.session.commit()
    assert update_rows() == []
    assert deliver_due() == 0


def test_a_message_being_sent_is_not_pulled_from_under_the_worker(app, demo):
    from subscriptions.services import unsubscribe

    jane = follower("jane@example.org", demo)
    publish(demo)
    run_fanout()
    [row] = update_rows()
    row.claimed_until, row.claimed_by = utcnow() + timedelta(minutes=5), "another worker"
    db.session.commit()
    unsubscribe(jane)
    db.session.commit()
    assert [r.status for r in update_rows()] == [OutboxStatus.pending]


def test_the_command_line_publishes_counts_and_the_worker_sends(app, demo, tmp_path, mailbox_messages):
    follower("jane@example.org", demo)
    follower("pending@example.org", demo, status=SubscriptionStatus.pending)
    follower("all@example.org")
    body = tmp_path / "update.md"
    body.write_text("Azat Isakov was seen **alive**.", encoding="utf-8")
    runner = app.test_cli_runner()
    deadline = (date.today() + timedelta(days=45)).isoformat()
    result = runner.invoke(args=["updates", "publish", "ua-118-21", "--title", "Seen alive", "--kind",
                                 "action_continues", "--body-file", str(body), "--deadline", deadline])
    assert result.exit_code == 0, result.output
    job_id = db.session.scalar(select(Job.id))
    assert f"Published update 3 of UA 118/21; fan-out job {job_id} queued" in result.output
    db.session.expire_all()
    assert db.session.get(Campaign, demo.id).deadline.isoformat() == deadline

    counted = runner.invoke(args=["subscriptions", "count", "ua-118-21"])
    assert counted.output.strip() == ("UA 118/21: 1 confirmed, 1 pending, 0 left; 1 follow all cases; "
                                      "an update now reaches 2 addresses.")

    assert "delivered 2" in runner.invoke(args=["outbox", "work", "--once"]).output
    assert sorted(m["To"] for m in mailbox_messages()) == ["all@example.org", "jane@example.org"]

    refused = runner.invoke(args=["updates", "publish", "ua-118-21", "--title", " ", "--body-file", str(body)])
    assert refused.exit_code != 0 and "needs a title" in refused.output
    missing = runner.invoke(args=["updates", "publish", "nope", "--title", "x", "--body-file", str(body)])
    assert missing.exit_code != 0 and "No campaign" in missing.output
