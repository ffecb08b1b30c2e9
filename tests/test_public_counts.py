"""counts.json never singles out a supporter: countries are named only in numbers and only once the day is over."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select, update

import config as settings
from extensions import db
from letters.counting import move_letter
from models import Channel, Letter, LetterCount, LetterState
from tests.helpers import action_data, log_in, make_organiser

COUNTS = "/campaigns/ua-118-21/counts.json"
WRITE = "/campaigns/ua-118-21/write"


def _write(client, demo, email: str, country: str, channel: str = "pdf") -> None:
    response = client.post(WRITE, data=action_data(demo, client, email=email, country=country, channel=channel))
    assert response.status_code == 303


def _as_if_written(days_ago: int) -> None:
    """Today's letters were written that many days ago, as far as the counters know."""
    today = date.today()
    db.session.execute(update(LetterCount).where(LetterCount.day == today).values(day=today - timedelta(days_ago)))
    db.session.commit()


def test_a_country_is_named_from_the_threshold_up_and_smaller_ones_are_grouped(make_app, demo_factory):
    app = make_app(PUBLIC_COUNTRY_MIN_LETTERS=4)
    with app.app_context():
        demo = demo_factory()
        assert len(demo.targets) == 2  # two letters an action
        client = app.test_client()
        _write(client, demo, "ana@example.org", "GB")
        _write(client, demo, "ben@example.org", "GB")
        _write(client, demo, "aylin@example.org", "TM")
        # Written today: not yet told apart by country, however many.
        assert client.get(COUNTS).json["by_country"] == {"other": 6}

        _as_if_written(2)
        counts = client.get(COUNTS).json
        assert counts["by_country"] == {"GB": 4, "other": 2}  # GB has 4, the threshold; TM's 2 are grouped
        assert counts["total"] == 6

        # A letter written now does not show under its country until its day is over.
        _write(client, demo, "cem@example.org", "TM")
        assert client.get(COUNTS).json["by_country"] == {"GB": 4, "other": 4}
        _as_if_written(1)
        assert client.get(COUNTS).json["by_country"] == {"GB": 4, "TM": 4}

        # The organisers' dashboard has the exact figures all along.
        make_organiser()
        assert log_in(client).status_code == 303
        board = client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
        assert "Turkmenistan" in board and "United Kingdom" in board


def test_the_default_names_no_country_below_twenty_letters(client, demo):
    for number in range(5):
        _write(client, demo, f"gb{number}@example.org", "GB")
    _write(client, demo, "tm@example.org", "TM")
    _as_if_written(2)
    assert client.get(COUNTS).json["by_country"] == {"other": 12}
    for number in range(5, 10):
        _write(client, demo, f"gb{number}@example.org", "GB")
    _as_if_written(1)
    assert client.get(COUNTS).json["by_country"] == {"GB": 20, "other": 2}


def test_only_counted_letters_are_shown_by_state(client, demo):
    _write(client, demo, "waiting@example.org", "GB", channel="email")
    _write(client, demo, "held@example.org", "GB", channel="email")
    _write(client, demo, "printed@example.org", "GB")
    # What an organiser's hold, or a block, makes of confirmed letters.
    held, rejected = db.session.scalars(select(Letter).where(Letter.channel == Channel.email)
                                        .order_by(Letter.id).limit(2)).all()
    move_letter(db.session, held, LetterState.held)
    move_letter(db.session, rejected, LetterState.rejected)
    db.session.commit()
    counts = client.get(COUNTS).json
    assert counts["by_state"] == {"generated": 2}
    assert counts["by_channel_state"] == {"pdf": {"generated": 2}}
    assert counts["total"] == 2


def test_the_threshold_is_a_setting(tmp_path, monkeypatch):
    assert settings.from_environment(str(tmp_path))["PUBLIC_COUNTRY_MIN_LETTERS"] == 20
    monkeypatch.setenv("PUBLIC_COUNTRY_MIN_LETTERS", "50")
    assert settings.from_environment(str(tmp_path))["PUBLIC_COUNTRY_MIN_LETTERS"] == 50
