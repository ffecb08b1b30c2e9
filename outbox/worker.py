"""The Celery application for `celery -A outbox.worker worker|beat` (needs CELERY_BROKER_URL)."""
from app import create_app

flask_app = create_app()
if not flask_app.config.get("CELERY_BROKER_URL"):
    raise SystemExit("Set CELERY_BROKER_URL (for example redis://127.0.0.1:6379/0) to run Celery workers.")
# create_app made it, with its tasks: making a second one would register every task twice.
celery = flask_app.extensions["celery"]
