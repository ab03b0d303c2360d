"""Retry timing shared by every thread that talks to one Jira site.

One 429 must slow down every worker, not only the thread that received it: the site's
:class:`SiteBackoff` holds the moment before which no request may be sent, and every request
waits for it (``wait_ready``) before going out.

Delays follow Atlassian's guidance: never less than ``Retry-After``, plus positive jitter;
without the header, exponential backoff (doubling per consecutive throttle) with a cap and
multiplicative jitter.
"""

from __future__ import annotations

import email.utils
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry throttled requests and network failures."""

    max_retries: int = 5
    base_delay: float = 5.0
    max_delay: float = 30.0
    jitter: float = 0.3  # fraction added on top of a computed delay (positive only)
    min_jitter: float = 0.05  # seconds always added on top of Retry-After
    #: longer pauses are not slept through in the calling thread: the call fails with
    #: JiraRateLimitedError(retry_after) and the outbox schedules the retry instead
    max_wait: float = 60.0

    def retry_after_delay(self, retry_after: float, rng: random.Random) -> float:
        """At least ``retry_after``, plus a strictly positive jitter."""
        spread = self.jitter * max(retry_after, 1.0)
        return retry_after + self.min_jitter + rng.uniform(0.0, spread)

    def exponential_delay(self, attempt: int, rng: random.Random) -> float:
        """``base * 2**attempt``, capped, times a jitter factor in [1, 1 + jitter]."""
        raw = min(self.max_delay, self.base_delay * (2 ** max(attempt, 0)))
        return min(self.max_delay, raw * rng.uniform(1.0, 1.0 + self.jitter))


def parse_retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (integer seconds or an HTTP date)."""
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())


class SiteBackoff:
    """Thread-safe "not before" moment and throttle streak for one site."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._not_before = 0.0
        self._streak = 0

    @property
    def streak(self) -> int:
        """Consecutive throttled answers since the last success."""
        with self._lock:
            return self._streak

    def remaining(self) -> float:
        """Seconds until requests may be sent again (0 when free)."""
        with self._lock:
            return max(0.0, self._not_before - self._clock())

    def wait_ready(self, cancelled: Callable[[], bool] | None = None) -> None:
        """Block until the site's not-before moment has passed (re-checked after each sleep,
        because another thread may push it further meanwhile)."""
        while True:
            delay = self.remaining()
            if delay <= 0 or (cancelled is not None and cancelled()):
                return
            self._sleep(min(delay, 0.5))

    def throttled(self, delay: float) -> int:
        """Record a throttle: nobody sends before now + ``delay``. Returns the new streak."""
        with self._lock:
            self._not_before = max(self._not_before, self._clock() + delay)
            self._streak += 1
            return self._streak

    def succeeded(self) -> None:
        with self._lock:
            self._streak = 0


_registry: dict[str, SiteBackoff] = {}
_registry_lock = threading.Lock()


def site_key(base_url: str) -> str:
    """``scheme://host:port`` in lower case: one backoff per Jira site."""
    parts = urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}:{port}"


def backoff_for(base_url: str) -> SiteBackoff:
    """The process-wide backoff state of a site (created on first use)."""
    key = site_key(base_url)
    with _registry_lock:
        state = _registry.get(key)
        if state is None:
            state = _registry[key] = SiteBackoff()
        return state
