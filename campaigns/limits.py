"""How often one visitor may take action, whichever way in: the action form and the API count together."""
from __future__ import annotations

from extensions import limiter

# A letter-writing evening sends many actions from one hall's address: generous, but bounded.
ACTION_LIMIT = "30 per minute; 600 per day"

# One allowance per visitor shared by every way of taking action: switching from the form to the
# API (or back) does not double it.
take_action_limit = limiter.shared_limit(ACTION_LIMIT, scope="take-action", methods=["POST"])
