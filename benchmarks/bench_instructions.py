"""Instructions per action POST against the bare one-insert endpoint, counted by valgrind.

    .venv/bin/python benchmarks/bench_instructions.py [--requests 100]

bench_action.py measures requests per second, and on a shared machine that figure moves by a
third from one run to the next. The number of instructions the CPU runs for one request does
not: valgrind's callgrind counts them, whatever else the machine is doing. So this is the figure
to compare across commits and machines, and the one that shows where the action POST stands
against its ceiling when the rates are too noisy to tell.

Each side runs in a process of its own under `valgrind --tool=callgrind`, in one thread, with
Flask's test client (no gunicorn, no sockets: the same for both sides):
- the action: a SQLite file migrated like production with the demo campaign loaded, one GET of
  the form for the session cookie and csrf_token, then POSTs of the form bench_action.py sends
  (channel=email), each with its own form_nonce and email: CSRF, the form, the action, its
  letters, counters and the confirmation in the outbox, and the commit;
- the ceiling: benchmarks/_bare.py inserting one row per POST on its own SQLite file.
Each side runs twice, with 20 warm-up requests and then with 20 + --requests; the difference,
divided by --requests, is what one request costs. Without valgrind on the machine it says so
and stops. Takes about three minutes.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from werkzeug.datastructures import MultiDict  # noqa: E402

from _support import SECRET_KEY, instructions_per_request, machine_line, print_table, verdict  # noqa: E402
from bench_action import WRITE_PATH, form_fields, form_token_and_targets  # noqa: E402

WARMUP = 20
GOAL_RATIO = 0.4


# --- the two sides, each run in a child process --------------------------------------------------

def _action_side(directory: Path, requests: int) -> None:
    import flask_migrate

    from app import create_app
    from campaigns.demo import load_demo
    from extensions import db, writing

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory / 'action.sqlite3'}",
                      "SECRET_KEY": SECRET_KEY, "MAIL_SERVER": None, "RATELIMIT_ENABLED": False,
                      "CELERY_BROKER_URL": None})
    with app.app_context():
        flask_migrate.upgrade()
        with writing():
            load_demo()
            db.session.commit()
    client = app.test_client()
    token, targets = form_token_and_targets(client.get(WRITE_PATH).get_data(as_text=True))
    fields = form_fields(token, targets)
    for number in range(requests):
        tag = f"bench{number:011d}"  # a valid form_nonce, and an email of its own
        response = client.post(WRITE_PATH, data=MultiDict([(name, value.replace("{tag}", tag))
                                                           for name, value in fields]))
        if response.status_code != 303:
            raise SystemExit(f"action POST answered {response.status_code}, not 303")


def _bare_side(directory: Path, requests: int) -> None:
    import _bare

    url = f"sqlite:///{directory / 'bare.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    _bare.create_table(url)
    client = _bare.create_app().test_client()
    for number in range(requests):
        tag = f"bench{number:011d}"
        response = client.post("/hit", data={"form_nonce": tag, "email": f"{tag}@example.org"})
        if response.status_code != 303:
            raise SystemExit(f"bare POST answered {response.status_code}, not 303")


_SIDES = {"action": _action_side, "bare": _bare_side}


# --- counting ------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="measured POSTs per side")
    parser.add_argument("--child", choices=sorted(_SIDES), help=argparse.SUPPRESS)
    parser.add_argument("--directory", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _SIDES[args.child](args.directory, args.requests)
        return
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind); nothing measured")
        return
    print(machine_line())
    print(f"{args.requests} POSTs per side after {WARMUP} warm-up, in one process under callgrind", flush=True)
    action = instructions_per_request(Path(__file__), "action", warmup=WARMUP, requests=args.requests)
    bare = instructions_per_request(Path(__file__), "bare", warmup=WARMUP, requests=args.requests)
    ratio = bare / action
    print()
    print_table([
        ("action POST, SQLite, in-process (instructions/request)", f"{action / 1e6:,.2f} M",
         f"{bare / 1e6:,.2f} M bare insert", f"{ratio:.2f}", f"ratio >= {GOAL_RATIO}: {verdict(ratio >= GOAL_RATIO)}"),
    ])


if __name__ == "__main__":
    main()
