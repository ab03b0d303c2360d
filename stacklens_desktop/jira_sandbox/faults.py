"""Switchable faults, set through ``POST /_sandbox/faults``.

Kinds:
- ``status``: answer ``status`` (with ``retry_after`` as a header if given) instead of serving.
- ``rate_limit``: a 429 with ``Retry-After``; until that moment every request is refused with
  429 as well and logged as ``early`` (a client that ignores Retry-After is caught).
- ``drop_before``: close the connection without processing the request.
- ``drop_after``: process the request (e.g. create the issue), then drop the answer.
- ``slow``: wait ``delay`` seconds, then serve normally.

A rule matches by ``method`` and a regular expression searched in ``path``; it fires ``times``
times (``null`` = until cleared), after letting ``skip`` matching requests through.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("status", "rate_limit", "drop_before", "drop_after", "slow")


@dataclass
class FaultRule:
    kind: str
    method: str | None = None
    path: str | None = None
    status: int = 500
    retry_after: float | None = None
    delay: float = 0.0
    times: int | None = 1
    skip: int = 0  # let this many matching requests through before firing
    body: Any = None
    fired: int = 0
    seen: int = 0

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FaultRule:
        rule = cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        if rule.kind not in KINDS:
            raise ValueError(f"unknown fault kind {rule.kind!r}; use one of {', '.join(KINDS)}")
        if rule.kind == "rate_limit":
            rule.status = 429
            rule.retry_after = 1.0 if rule.retry_after is None else float(rule.retry_after)
        if rule.path is not None:
            re.compile(rule.path)
        return rule

    def matches(self, method: str, path: str) -> bool:
        if self.method and self.method.upper() != method.upper():
            return False
        return self.path is None or re.search(self.path, path) is not None


@dataclass
class FaultBoard:
    """The active rules and the site-wide rate-limit window (thread-safe)."""

    rules: list[FaultRule] = field(default_factory=list)
    blocked_until: float = 0.0  # time.monotonic()
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, rule: FaultRule) -> None:
        with self.lock:
            self.rules.append(rule)

    def clear(self) -> None:
        with self.lock:
            self.rules.clear()
            self.blocked_until = 0.0

    def describe(self) -> list[dict[str, Any]]:
        with self.lock:
            return [asdict(r) for r in self.rules]

    def take(self, method: str, path: str) -> FaultRule | None:
        """The first matching rule, counted as fired (and removed once used up)."""
        with self.lock:
            for rule in self.rules:
                if rule.matches(method, path):
                    rule.seen += 1
                    if rule.seen <= rule.skip:
                        continue
                    rule.fired += 1
                    if rule.times is not None and rule.fired >= rule.times:
                        self.rules.remove(rule)
                    return rule
        return None

    def block(self, seconds: float) -> None:
        with self.lock:
            self.blocked_until = max(self.blocked_until, time.monotonic() + seconds)

    def blocked_for(self) -> float:
        """Seconds left in the current Retry-After window (0 when open)."""
        with self.lock:
            return max(0.0, self.blocked_until - time.monotonic())
