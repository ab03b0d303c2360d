"""What the sandbox received, for tests to inspect (never the Authorization header)."""

from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class LoggedRequest:
    seq: int
    t: float  # time.time() when the request arrived
    mono: float  # time.monotonic() when the request arrived
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    user_agent: str
    auth_scheme: str  # "Basic" / "Bearer" / ""
    peer: str = ""  # client host:port, i.e. which keep-alive connection carried it
    status: int | None = None
    fault: str | None = None
    early: bool = False  # arrived inside a Retry-After window
    retry_after: float | None = None  # Retry-After the answer carried
    answered_mono: float | None = None


@dataclass
class RequestLog:
    entries: list[LoggedRequest] = field(default_factory=list)
    limit: int = 100_000
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, *, arrived: float | None = None, **values: Any) -> LoggedRequest:
        """Log a request; ``arrived`` is its ``time.monotonic()`` arrival (default: now)."""
        now = time.monotonic()
        mono = now if arrived is None else arrived
        with self.lock:
            seq = self.entries[-1].seq + 1 if self.entries else 1
            entry = LoggedRequest(seq=seq, t=time.time() - (now - mono), mono=mono, **values)
            self.entries.append(entry)
            if len(self.entries) > self.limit:
                del self.entries[: len(self.entries) - self.limit]
            return entry

    def snapshot(self) -> list[LoggedRequest]:
        with self.lock:
            return list(self.entries)

    def as_json(self) -> list[dict[str, Any]]:
        return [asdict(e) for e in self.snapshot()]

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
