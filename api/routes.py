"""The API's views, gathered on its blueprint, with the limits every request to it counts against."""
from api import actions, openapi, organiser, public  # noqa: F401 - the views
from api.base import bp
from extensions import limiter

# Per visitor (their address), across the whole API: scripts polling a counter stay well inside it,
# a scraper or a token guesser does not. Tokens have their own limit on top (api/auth.py).
VISITOR_LIMIT = "300 per minute; 5000 per hour"
limiter.shared_limit(VISITOR_LIMIT, scope="api-visitor")(bp)

__all__ = ["bp"]
