"""The API against ceilings measured in the same run: a campaign's GET against a bare Flask JSON endpoint,
and taking action through the API against the action form.

    .venv/bin/python benchmarks/bench_api.py [--seconds 3] [--turns 3]

For SQLite (a temp file) and PostgreSQL when reachable (BENCH_DATABASE_URL, else TEST_DATABASE_URL,
else postgresql+psycopg://<user>@127.0.0.1:5432/test; a schema of its own, dropped afterwards), in one
process with Flask's test client (no network, no server: what is compared is the application's own
work), on a database migrated like production with the demo campaign loaded:

1. GET /api/v1/campaigns/ua-118-21 as a client without a cached copy sends it (200, the whole
   document each time), against a bare Flask app whose one route returns the same document with
   `jsonify` from a dict it holds. Goal: at least 0.5 of the bare endpoint's rate.
2. Actions through POST /api/v1/campaigns/ua-118-21/actions (JSON, channel email: a supporter,
   letters, counters and a confirmation in the outbox each), against the action form's POST with
   CSRF on as in production (one GET of the form for the cookie and token, then a POST per action),
   each with its own email. Goal: the API at least the form's rate (ratio >= 1.0).

Each pair runs in turns, `--turns` times, for `--seconds` each; the pair with the median ratio is
reported with the lowest and highest, so a machine whose speed drifts slows both sides of a pair
alike. Timing is printed, never asserted. Rate limits are off, as in the other benchmarks.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _support import SECRET_KEY, machine_line, on_each_database, print_table, verdict  # noqa: E402

SLUG = "ua-118-21"
GOAL_READ, GOAL_ACTION = 0.5, 1.0
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
_NONCE = re.compile(r'name="form_nonce" type="hidden" value="([^"]+)"')


def _app(url: str, directory: Path):
    import flask_migrate

    from app import create_app
    from campaigns.demo import load_demo
    from extensions import db, writing

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY, "MAIL_SERVER": None,
                      "MAILBOX_DIR": str(directory / "mailbox"), "RATELIMIT_ENABLED": False,
                      "CELERY_BROKER_URL": None, "WTF_CSRF_ENABLED": True})
    with app.app_context():
        flask_migrate.upgrade()
        with writing():
            load_demo()
            db.session.commit()
    return app


def _bare(document: dict):
    from flask import Flask, jsonify

    bare = Flask("bare")

    @bare.get("/campaign")
    def campaign():
        return jsonify(document)

    return bare


def _rate(call, seconds: float) -> float:
    """Calls per second of `call`, run back to back for `seconds` after a short warm-up."""
    for _ in range(5):
        call()
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        call()
        done += 1
    return done / elapsed


def _in_turns(first, second, args) -> tuple[float, float, str]:
    pairs = [(_rate(first, args.seconds), _rate(second, args.seconds)) for _ in range(args.turns)]
    pairs.sort(key=lambda pair: pair[0] / pair[1])
    a, b = pairs[len(pairs) // 2]
    return a, b, f"{pairs[0][0] / pairs[0][1]:.2f}–{pairs[-1][0] / pairs[-1][1]:.2f}"


def bench(label: str, url: str, args, directory: Path) -> list[tuple[str, ...]]:
    print(f"== {label}", flush=True)
    app = _app(url, directory)
    client = app.test_client()
    path = f"/api/v1/campaigns/{SLUG}"
    document = client.get(path).get_json()
    bare = _bare(document).test_client()

    def api_get():
        response = client.get(path)
        assert response.status_code == 200 and len(response.data) > 1000

    def bare_get():
        response = bare.get("/campaign")
        assert response.status_code == 200 and len(response.data) > 1000

    read, ceiling, read_spread = _in_turns(api_get, bare_get, args)
    print(f"   GET {path}: {read:,.0f}/s; bare Flask JSON: {ceiling:,.0f}/s", flush=True)

    targets = [official["id"] for official in document["officials"] if official["kind"] == "primary"]
    counter = iter(range(10**9))
    supporter = dict(name="Alex Example", address_line1="", city="Leeds", postcode="LS2 9JT", country="GB",
                     channel="email", language="en", personal_message="Many of us in Leeds are following this case.")
    form_client = app.test_client()
    page = form_client.get(f"/campaigns/{SLUG}/write").get_data(as_text=True)
    token = _CSRF.search(page).group(1)
    nonce_base = _NONCE.search(page).group(1)[:20]

    def api_action():
        number = next(counter)
        response = client.post(f"{path}/actions", json=dict(supporter, targets=targets,
                                                            email=f"api{number}@example.org"))
        assert response.status_code == 201, response.get_data(as_text=True)[:300]

    def form_action():
        number = next(counter)
        response = form_client.post(f"/campaigns/{SLUG}/write", data=dict(
            supporter, targets=targets, email=f"form{number}@example.org", csrf_token=token,
            form_nonce=f"{nonce_base}{number:08d}", website=""))
        assert response.status_code == 303, response.status_code

    action, form, action_spread = _in_turns(api_action, form_action, args)
    print(f"   POST {path}/actions: {action:,.0f}/s; the form's POST: {form:,.0f}/s", flush=True)
    with app.app_context():
        from extensions import db
        db.engine.dispose()
    return [
        (f"GET campaign, {label} (requests/s)", f"{read:,.0f}", f"{ceiling:,.0f} bare Flask JSON",
         f"{read / ceiling:.2f}", f"ratio >= {GOAL_READ}: {verdict(read / ceiling >= GOAL_READ)}"),
        (f"  ratio in each of {args.turns} turns, lowest–highest", read_spread, "", "", "the median is above"),
        (f"action via the API, {label} (actions/s)", f"{action:,.0f}", f"{form:,.0f} the form",
         f"{action / form:.2f}", f"ratio >= {GOAL_ACTION}: {verdict(action / form >= GOAL_ACTION)}"),
        (f"  ratio in each of {args.turns} turns, lowest–highest", action_spread, "", "", "the median is above"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="measured time per side and turn")
    parser.add_argument("--turns", type=int, default=3, help="runs of each pair, in turns")
    args = parser.parse_args()
    print(machine_line())
    rows = on_each_database(lambda label, url, directory: bench(label, url, args, directory / label.lower()))
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
