"""Local groups and letter-writing events: groups and their coordinators (groups.py), events and the
cases written on at them (services.py), and `flask events …` (cli.py)."""
