"""HTTP to one Jira site: timeouts, shared backoff, retries and error mapping.

Retry rules (Atlassian's guidance, same as pycontribs/jira):
- 429 is retried for every method (Jira did not process the request), 503 only with
  ``Retry-After``; waits honour ``Retry-After`` plus positive jitter, else exponential backoff.
- Other 4xx are never retried. Other 5xx surface at once (the outbox retries later).
- Network failures are retried for idempotent calls. For create/comment they are retried only
  when the request provably never left (refused connection, connect timeout); otherwise the
  outcome is unknown and :class:`AmbiguousWriteError` tells the caller to dedupe first.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from stacklens_desktop import __version__
from stacklens_desktop.jira import errors
from stacklens_desktop.jira.auth import TokenAuth
from stacklens_desktop.jira.backoff import RetryPolicy, SiteBackoff, backoff_for, parse_retry_after
from stacklens_desktop.jira.error_body import error_message, parse_error_body
from stacklens_desktop.jira.site_url import url_problem

log = logging.getLogger("stacklens.jira")

USER_AGENT = f"StackLens/{__version__} (python-requests)"
DEFAULT_TIMEOUT = (5.0, 30.0)  # (connect, read) seconds
NETWORK_RETRIES = 2
NETWORK_BASE_DELAY = 0.5
_GATEWAY_STATUSES = (502, 504)


class JiraTransport:
    """Sends requests to one site; all instances for a site share one :class:`SiteBackoff`."""

    def __init__(
        self,
        base_url: str,
        auth: TokenAuth | None,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        policy: RetryPolicy | None = None,
        backoff: SiteBackoff | None = None,
        cancelled: Callable[[], bool] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        problem = url_problem(base_url)
        if problem:
            raise errors.JiraConfigError(problem)
        self.base_url = base_url.rstrip("/")
        self.auth = auth
        self.timeout = timeout
        self.policy = policy or RetryPolicy()
        self.backoff = backoff or backoff_for(self.base_url)
        self.cancelled = cancelled
        self._rng = rng or random.Random()
        self.session = requests.Session()
        self.session.headers.update(
            {
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
                "X-Atlassian-Token": "no-check",
            }
        )

    def close(self) -> None:
        self.session.close()

    def __repr__(self) -> str:
        return f"JiraTransport({self.base_url!r}, auth={self.auth!r})"

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: Any = None,
        idempotent: bool | None = None,
    ) -> requests.Response:
        """Send with retries; return a < 400 response or raise a :class:`JiraError`."""
        if idempotent is None:
            idempotent = method.upper() != "POST"
        throttles = network_failures = 0
        while True:
            prepared = self._prepare(method, path, params, body)
            self._wait_turn(method, path)
            try:
                response = self._send(prepared)
            except requests.RequestException as exc:
                network_failures += 1
                self._on_network_failure(method, path, exc, idempotent, network_failures)
                continue
            if response.status_code < 400:
                self.backoff.succeeded()
                return response
            throttles += 1
            self._on_error_status(method, path, response, idempotent, throttles)

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        """:meth:`request` and decode the JSON answer (``None`` for an empty body)."""
        response = self.request(method, path, **kwargs)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise errors.JiraServerError(
                f"{method} {path}: Jira answered HTTP {response.status_code} with a body that "
                f"is not JSON (is the base URL right?)",
                status=response.status_code,
            ) from exc

    def _wait_turn(self, method: str, path: str) -> None:
        pause = self.backoff.remaining()
        if pause > self.policy.max_wait:
            raise errors.JiraRateLimitedError(
                f"{method} {path}: Jira asked to pause for {pause:.0f}s; not sent",
                retry_after=pause,
                status=429,
            )
        self.backoff.wait_ready(self.cancelled)
        if self.cancelled is not None and self.cancelled():
            raise errors.JiraCancelledError(f"{method} {path}: cancelled before sending")

    def _prepare(
        self, method: str, path: str, params: dict[str, Any] | None, body: Any
    ) -> requests.PreparedRequest:
        """Encode before waiting for the site's turn, so that the moment between "allowed to
        send" and the bytes leaving is as short as possible."""
        request = requests.Request(
            method, self.base_url + path, params=params, json=body, auth=self.auth
        )
        return self.session.prepare_request(request)

    def _send(self, prepared: requests.PreparedRequest) -> requests.Response:
        assert prepared.url is not None  # prepare_request always sets it
        settings = self.session.merge_environment_settings(prepared.url, {}, None, None, None)
        return self.session.send(prepared, timeout=self.timeout, **settings)

    def _on_network_failure(
        self,
        method: str,
        path: str,
        exc: requests.RequestException,
        idempotent: bool,
        failures: int,
    ) -> None:
        """Retry (return) or raise after a request that got no HTTP answer."""
        reason = self._scrub(_network_reason(exc))
        host = urlsplit(self.base_url).netloc
        if not idempotent and not _never_sent(exc):
            raise errors.AmbiguousWriteError(
                f"{method} {path}: outcome unknown ({reason}); search before re-sending"
            ) from None
        if failures > NETWORK_RETRIES:
            raise errors.JiraConnectionError(
                f"{method} {path}: no answer from {host} ({reason})"
            ) from None
        delay = min(self.policy.max_delay, NETWORK_BASE_DELAY * 2 ** (failures - 1))
        log.info("jira %s %s: %s; retrying in %.1fs", method, path, reason, delay)
        self.backoff_sleep(delay)

    def backoff_sleep(self, delay: float) -> None:
        """A local (this call only) pause, cut short if the caller cancels."""
        local = SiteBackoff()
        local.throttled(delay)
        local.wait_ready(self.cancelled)

    def _on_error_status(
        self,
        method: str,
        path: str,
        response: requests.Response,
        idempotent: bool,
        throttles: int,
    ) -> None:
        """Record a throttle and return (retry), or raise the matching error."""
        status = response.status_code
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        throttled = status == 429 or (status == 503 and retry_after is not None)
        delay = 0.0
        if throttled:
            if retry_after is not None:
                delay = self.policy.retry_after_delay(retry_after, self._rng)
            else:
                delay = self.policy.exponential_delay(self.backoff.streak, self._rng)
            self.backoff.throttled(delay)  # every thread of the site waits, retry or not
        if throttled and throttles <= self.policy.max_retries and delay <= self.policy.max_wait:
            response.close()
            log.info(
                "jira %s %s: HTTP %s (Retry-After=%s, reason=%s); site paused %.2fs",
                method,
                path,
                status,
                retry_after,
                response.headers.get("RateLimit-Reason", "-"),
                delay,
            )
            return
        raise self._error_for(method, path, response, idempotent, retry_after)

    def _error_for(
        self,
        method: str,
        path: str,
        response: requests.Response,
        idempotent: bool,
        retry_after: float | None,
    ) -> errors.JiraError:
        status = response.status_code
        parsed = parse_error_body(response.content, response.headers.get("Content-Type", ""))
        denied = response.headers.get("X-Authentication-Denied-Reason")
        if denied:
            parsed.messages.append(f"authentication denied: {denied}")
        message = self._scrub(error_message(method, path, status, parsed))
        kwargs: dict[str, Any] = {
            "status": status,
            "error_messages": parsed.messages,
            "field_errors": parsed.field_errors,
        }
        if not idempotent and status in _GATEWAY_STATUSES:
            return errors.AmbiguousWriteError(message + "; outcome unknown", **kwargs)
        cls = errors.error_class_for_status(status)
        if cls is errors.JiraRateLimitedError or (status == 503 and retry_after is not None):
            return errors.JiraRateLimitedError(message, retry_after=retry_after, **kwargs)
        return cls(message, **kwargs)

    def _scrub(self, text: str) -> str:
        return self.auth.scrub(text) if self.auth is not None else text


def _exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, its causes and the urllib3 reasons wrapped in its args."""
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        linked += [a for a in current.args if isinstance(a, BaseException)]
        stack.extend(e for e in linked if isinstance(e, BaseException))


def _never_sent(exc: BaseException) -> bool:
    """True when the request certainly did not reach the server (safe to re-send a POST)."""
    for item in _exception_chain(exc):
        if isinstance(item, requests.exceptions.ConnectTimeout):
            return True
        if isinstance(
            item, (urllib3.exceptions.NewConnectionError, urllib3.exceptions.NameResolutionError)
        ):
            return True
    return False


def _network_reason(exc: BaseException) -> str:
    for item in _exception_chain(exc):
        if isinstance(item, requests.exceptions.ConnectTimeout):
            return "connect timed out"
        if isinstance(item, requests.exceptions.ReadTimeout):
            return "no answer within the read timeout"
        if isinstance(item, urllib3.exceptions.NameResolutionError):
            return "host name not found"
        if isinstance(item, urllib3.exceptions.NewConnectionError):
            return "connection refused or host unreachable"
        if isinstance(item, requests.exceptions.SSLError):
            return "TLS/SSL error"
        if isinstance(item, (ConnectionResetError, urllib3.exceptions.ProtocolError)):
            return "connection dropped by the server"
    return type(exc).__name__
