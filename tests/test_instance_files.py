"""A fresh instance keeps to its owner: the instance folder, and the SQLite database with the files beside it."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from app import create_app
from extensions import db

ROOT = Path(__file__).resolve().parent.parent


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_fresh_instance_database_is_private_to_its_owner(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    environment = {**os.environ, "INSTANCE_PATH": str(instance)}
    # The usual umask, which leaves new files readable by every local user.
    subprocess.run([sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"], cwd=ROOT, env=environment,
                   check=True, capture_output=True, preexec_fn=lambda: os.umask(0o022))
    database = instance / "uadesk.sqlite3"
    assert _mode(instance) == 0o700
    assert _mode(database) == 0o600
    assert _mode(instance / "secret_key") == 0o600

    # SQLite keeps a write-ahead log and a shared-memory file beside the database while it is open.
    monkeypatch.setenv("INSTANCE_PATH", str(instance))
    app = create_app({"TESTING": True})
    with app.app_context():
        assert db.session.execute(text("SELECT count(*) FROM campaigns")).scalar() == 0
        for beside in ("uadesk.sqlite3-wal", "uadesk.sqlite3-shm"):
            assert _mode(instance / beside) == 0o600, beside
        db.session.close()
        db.engine.dispose()
