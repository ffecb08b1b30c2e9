"""The JSON API under /api/v1: public reads, taking action, and the organisers' part behind tokens."""
