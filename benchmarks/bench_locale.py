"""Page rendering in every interface language against English, counted in instructions by valgrind.

    .venv/bin/python benchmarks/bench_locale.py [--requests 40]

Goal: a page in any shipped locale costs within 10% of the same page in English, so translation
lookups, plural rules and locale-aware dates and numbers must not cost. English is the ceiling
(its text is the source, looked up in no catalog); the ratio is English's instructions over the
locale's, met at 0.9 or more.

Each locale runs in a process of its own under `valgrind --tool=callgrind` with Flask's test
client: a SQLite file migrated like production with the demo campaign loaded, the visitor's
language chosen by the switcher's cookie, then GETs of the pages supporters read most (the
campaign list, the case page and the letter form), in turn. Each runs twice, with warm-up
requests only and with warm-up + --requests, and the difference divided by --requests is one
request's cost. Instructions rather than seconds: on a shared machine the rates move by a third
from run to run, the instruction counts do not. Needs the compiled catalogs (`make translations`).
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _support import SECRET_KEY, instructions_per_request, machine_line, print_table, verdict  # noqa: E402

WARMUP = 9  # three rounds of the three pages
GOAL_RATIO = 0.9


_PAGES = ("/", "/campaigns/ua-118-21", "/campaigns/ua-118-21/write")  # the demo's case


def _child(directory: Path, locale: str, requests: int) -> None:
    import flask_migrate

    from app import create_app
    from campaigns.demo import load_demo
    from extensions import db, writing
    from i18n import COOKIE

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory / 'pages.sqlite3'}",
                      "SECRET_KEY": SECRET_KEY, "MAIL_SERVER": None, "RATELIMIT_ENABLED": False,
                      "CELERY_BROKER_URL": None})
    with app.app_context():
        flask_migrate.upgrade()
        with writing():
            load_demo()
            db.session.commit()
    client = app.test_client()
    client.set_cookie(COOKIE, locale)
    pages = _PAGES
    for number in range(requests):
        response = client.get(pages[number % len(pages)])
        if response.status_code != 200:
            raise SystemExit(f"{pages[number % len(pages)]} answered {response.status_code} in {locale}")
        if f'lang="{locale}"'.encode() not in response.data[:200]:
            raise SystemExit(f"{pages[number % len(pages)]} was not served in {locale}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="measured GETs per locale (a multiple of 3)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--directory", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.directory, args.child, args.requests)
        return
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind); nothing measured")
        return
    from i18n import INTERFACE_LANGUAGES

    print(machine_line())
    print(f"{args.requests} GETs of {', '.join(_PAGES)} in turn per locale, after {WARMUP} warm-up, "
          "in one process under callgrind", flush=True)
    english = instructions_per_request(Path(__file__), "en", warmup=WARMUP, requests=args.requests)
    rows = [("page GET, English (instructions/request)", f"{english / 1e6:,.2f} M", "", "", "the ceiling")]
    for code in INTERFACE_LANGUAGES:
        if code == "en":
            continue
        cost = instructions_per_request(Path(__file__), code, warmup=WARMUP, requests=args.requests)
        ratio = english / cost
        rows.append((f"page GET, {code} (instructions/request)", f"{cost / 1e6:,.2f} M",
                     f"{english / 1e6:,.2f} M English", f"{ratio:.2f}",
                     f"ratio >= {GOAL_RATIO}: {verdict(ratio >= GOAL_RATIO)}"))
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
