"""Webhooks: signed events for a section's CRM, queued with the change they report and sent by the workers."""
