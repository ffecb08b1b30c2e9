"""Settings read from the environment, with embedded defaults that run on one machine."""
from __future__ import annotations

import os
import re
import secrets
from pathlib import Path


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def _float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value not in (None, "") else default


class SettingError(ValueError):
    """A setting UA Desk cannot use; raised at startup with the setting's name in the message."""


_COLOUR_RE = re.compile(r"#[0-9a-fA-F]{6}")


def colour(name: str, value: str) -> str:
    """'#1D3557' → '#1d3557'; anything but #rrggbb is refused, naming the setting."""
    text = (value or "").strip()
    if not _COLOUR_RE.fullmatch(text):
        raise SettingError(f"{name} must be a colour written #rrggbb (a hash and six hex digits, "
                           f"such as #1d3557), not {value!r}.")
    return text.lower()


def _colour(name: str, default: str) -> str:
    value = os.environ.get(name)
    return colour(name, value) if value not in (None, "") else default


def instance_secret_key(instance_path: str) -> str:
    """The embedded default: a random key made once and kept in the instance folder.

    Never a constant in code: every installation gets its own, and it survives restarts so
    sessions and signed links stay valid.
    """
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def from_environment(instance_path: str) -> dict:
    """Every setting UA Desk reads; the README's configuration table documents each one."""
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'uadesk.sqlite3'}"
    if database_url.startswith("postgres://"):
        database_url = "postgresql://" + database_url[len("postgres://"):]
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]
    mail_server = os.environ.get("MAIL_SERVER") or None
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY") or instance_secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url),
        "ORG_NAME": os.environ.get("ORG_NAME", "UA Desk"),
        # The interface language for visitors whose browser asks for none UA Desk speaks (i18n.py).
        "DEFAULT_LOCALE": os.environ.get("DEFAULT_LOCALE", "en"),
        # The page header and buttons, and the call to act; text on them is picked for contrast.
        "ORG_COLOUR": _colour("ORG_COLOUR", "#1d3557"),
        "ORG_ACCENT_COLOUR": _colour("ORG_ACCENT_COLOUR", "#f1c40f"),
        "BASE_URL": os.environ.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "MAIL_SERVER": mail_server,
        "MAIL_PORT": _int("MAIL_PORT", 25),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", False),
        "MAIL_USE_SSL": _bool("MAIL_USE_SSL", False),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_TIMEOUT": _int("MAIL_TIMEOUT", 20),
        # Never silently drop mail, not even under TESTING: tests talk to a real SMTP server.
        "MAIL_SUPPRESS_SEND": False,
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "actions@uadesk.invalid"),
        # Envelope sender for bounces; each message gets its own tag (bounces+<id>-<sig>@…).
        "BOUNCE_ADDRESS": os.environ.get("BOUNCE_ADDRESS") or "bounces@" + os.environ.get(
            "MAIL_DEFAULT_SENDER", "actions@uadesk.invalid").rpartition("@")[2],
        "BOUNCE_WEBHOOK_TOKEN": os.environ.get("BOUNCE_WEBHOOK_TOKEN") or None,
        # How long a claimed message stays a worker's after it last renewed the claim (outbox/lease.py):
        # a worker renews while it sends, so one that dies hands its messages on this soon.
        "OUTBOX_LEASE_SECONDS": _int("OUTBOX_LEASE_SECONDS", 10),
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL") or None,
        "CELERY_QUEUE": os.environ.get("CELERY_QUEUE", "uadesk"),
        "MAILBOX_DIR": os.environ.get("MAILBOX_DIR") or str(Path(instance_path) / "mailbox"),
        "TEST_MODE_RECIPIENT": os.environ.get("TEST_MODE_RECIPIENT", "organisers@uadesk.invalid"),
        # Supporters' personal data is anonymised this many days after their campaign closes.
        "PRIVACY_RETENTION_DAYS": _int("PRIVACY_RETENTION_DAYS", 90),
        # Finished background jobs without a dedupe key (webhook wake-ups) are deleted this many days on.
        "JOB_RETENTION_DAYS": _int("JOB_RETENTION_DAYS", 7),
        # counts.json names a country only from this many letters (on days that are over) up.
        "PUBLIC_COUNTRY_MIN_LETTERS": _int("PUBLIC_COUNTRY_MIN_LETTERS", 20),
        # Webhooks (webhooks/delivery.py): a failed delivery is tried again after this many seconds,
        # doubling each time up to the second figure, for as long as it takes. An endpoint whose
        # attempts failed this many times in a row, over at least this many hours, is paused.
        "WEBHOOK_RETRY_SECONDS": _float("WEBHOOK_RETRY_SECONDS", 10.0),
        "WEBHOOK_RETRY_MAX_SECONDS": _float("WEBHOOK_RETRY_MAX_SECONDS", 6 * 3600.0),
        "WEBHOOK_PAUSE_AFTER_FAILURES": _int("WEBHOOK_PAUSE_AFTER_FAILURES", 20),
        "WEBHOOK_PAUSE_AFTER_HOURS": _float("WEBHOOK_PAUSE_AFTER_HOURS", 24.0),
        "WEBHOOK_TIMEOUT": _float("WEBHOOK_TIMEOUT", 10.0),
        "WTF_CSRF_ENABLED": _bool("WTF_CSRF_ENABLED", True),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # The email channel's own limits (campaigns/abuse.py); 0 switches one off. The two daily
        # caps also follow RATELIMIT_ENABLED, so load tests can switch every limit off at once.
        "EMAIL_ACTIONS_PER_NETWORK_PER_DAY": _int("EMAIL_ACTIONS_PER_NETWORK_PER_DAY", 50),
        "CONFIRMATIONS_PER_ADDRESS_PER_DAY": _int("CONFIRMATIONS_PER_ADDRESS_PER_DAY", 10),
        "IDENTICAL_MESSAGES_BEFORE_HOLD": _int("IDENTICAL_MESSAGES_BEFORE_HOLD", 20),
        # Reverse proxies in front of the app that add X-Forwarded-For; 0 trusts no such header.
        "TRUSTED_PROXIES": _int("TRUSTED_PROXIES", 0),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", False),
        "PREFERRED_URL_SCHEME": "https" if os.environ.get("BASE_URL", "").startswith("https") else "http",
    }


def engine_options(database_url: str) -> dict:
    if database_url.startswith("sqlite"):
        # A long busy timeout lets concurrent writers queue instead of failing with
        # "database is locked"; WAL mode is switched on per connection in extensions.py.
        return {"connect_args": {"timeout": 30, "check_same_thread": False}}
    return {"pool_pre_ping": True}
