"""Outgoing email: the outbox rows, their delivery, and the local file mailbox."""
