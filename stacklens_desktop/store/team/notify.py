"""Live updates for desktops: LISTEN on the team store's channel, no polling.

Agents' shipments and triage changes announce themselves with ``pg_notify`` inside their
transaction (:func:`.ingest.notify`); PostgreSQL delivers the message to every listening
session when that transaction commits.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import psycopg

from stacklens_desktop.store.team.names import CHANNEL


class Listener:
    """A dedicated connection that listens (psycopg directly: SQLAlchemy pools do not keep
    a session's LISTEN)."""

    def __init__(self, conninfo: str, password: str | None = None) -> None:
        self._conn = psycopg.connect(conninfo, password=password, autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float, stop_after: int | None = 1) -> list[dict[str, Any]]:
        """Messages that arrive within ``timeout`` seconds (at most ``stop_after``); returns
        when ``stop_after`` arrived or the time is up."""
        return list(self.stream(timeout, stop_after))

    def stream(self, timeout: float, stop_after: int | None = None) -> Iterator[dict[str, Any]]:
        """Each message the moment it arrives, for up to ``timeout`` seconds (a listening
        loop handles it at once instead of at the end of its wait)."""
        for notification in self._conn.notifies(timeout=timeout, stop_after=stop_after):
            yield json.loads(notification.payload)

    def close(self) -> None:
        self._conn.close()
