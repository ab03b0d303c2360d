"""Team mode: agents on the servers, desktops on one PostgreSQL store (opt-in)."""
