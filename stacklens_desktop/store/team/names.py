"""The team store's names that light modules need: the channel every change is announced
on (JSON payloads, see :mod:`.notify` and :func:`.ingest.notify`) and the two group roles.
Apart from :mod:`.schema` so that the window's team reads and Test connection do not load the
table definitions (SQLModel, the PostgreSQL dialect) at start."""

CHANNEL = "stacklens"
AGENT_ROLE = "stacklens_agent"
DESKTOP_ROLE = "stacklens_desktop"
