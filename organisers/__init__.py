"""Organisers: accounts, the campaign editor, updates, dashboard and exports."""
