"""Who is logged in: organiser sessions that logout and password changes invalidate."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from extensions import db, login_manager
from models import Organiser


@login_manager.user_loader
def load_organiser(session_id: str) -> Organiser | None:
    """The organiser for a session id made by Organiser.get_id, if it is still current."""
    try:
        organiser_id, version = (int(part) for part in session_id.split(":"))
    except (AttributeError, ValueError):
        return None
    organiser = db.session.get(Organiser, organiser_id)
    if organiser is None or not organiser.is_active or organiser.session_version != version:
        return None
    return organiser


# Views protected with @login_required elsewhere send people to the organiser login page;
# the organiser blueprint guards its own pages (see organisers/routes/__init__.py).
login_manager.login_view = "organisers.login"
login_manager.login_message = _l("Please log in to see this page.")
# Read in the visitor's language when flashed; a lazy string cannot go into the session cookie.
login_manager.localize_callback = str
login_manager.login_message_category = "ok"
