"""The action widget: a campaign's case, progress and action form, framed by the sites its organisers list."""
