"""The team store: the same tables on a PostgreSQL server, shared by agents and desktops."""
