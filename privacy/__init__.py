"""Supporters' personal data: purged on schedule, erased on request, kept to the least."""
