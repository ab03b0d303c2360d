"""Jira failures as distinct exception classes with readable, token-free messages.

Callers branch on the class (or its ``code``), never on message text: Jira localises its
messages to the user's profile language.
"""

from __future__ import annotations

from typing import ClassVar


class JiraError(Exception):
    """Base class. ``message`` is one readable line; ``status`` is the HTTP status if any."""

    code: ClassVar[str] = "error"

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        error_messages: list[str] | None = None,
        field_errors: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.error_messages = list(error_messages or [])
        self.field_errors = dict(field_errors or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, message={self.message!r})"


class JiraConfigError(JiraError):
    """Settings are incomplete or invalid (no URL, no token, unknown project ...)."""

    code = "config"


class JiraRequestError(JiraError):
    """A 4xx other than the ones below: Jira rejected the request itself (400, 409, 413, 422)."""

    code = "bad_request"


class JiraAuthError(JiraError):
    """401: the user name / e-mail or the token is wrong (or expired)."""

    code = "auth"


class JiraForbiddenError(JiraError):
    """403: authenticated, but not allowed (permissions, XSRF, DC CAPTCHA lock-out)."""

    code = "forbidden"


class JiraNotFoundError(JiraError):
    """404: missing or not visible to this user (Jira does not tell which)."""

    code = "not_found"


class JiraGoneError(JiraError):
    """410: the endpoint was removed (e.g. the old ``/search`` on Cloud)."""

    code = "gone"


class JiraRateLimitedError(JiraError):
    """429 (or 503 with Retry-After) still answered after every allowed retry."""

    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.retry_after = retry_after


class JiraServerError(JiraError):
    """5xx: Jira (or a proxy in front of it) failed."""

    code = "server"


class JiraConnectionError(JiraError):
    """No HTTP answer at all: DNS, refused connection, TLS, timeout."""

    code = "connection"


class AmbiguousWriteError(JiraError):
    """A create/comment was sent but its outcome is unknown (dropped connection, read timeout,
    gateway error). Do not re-post blindly: search by the dedupe label first."""

    code = "ambiguous"


class NoTransitionError(JiraError):
    """The workflow offers no transition to the wanted status category from where the issue is."""

    code = "no_transition"


def error_class_for_status(status: int) -> type[JiraError]:
    """The exception class that stands for an HTTP error status."""
    if status == 401:
        return JiraAuthError
    if status == 403:
        return JiraForbiddenError
    if status == 404:
        return JiraNotFoundError
    if status == 410:
        return JiraGoneError
    if status == 429:
        return JiraRateLimitedError
    if status >= 500:
        return JiraServerError
    return JiraRequestError


class JiraCancelledError(JiraError):
    """The caller asked to stop (e.g. the worker is shutting down) while waiting to send."""

    code = "cancelled"
