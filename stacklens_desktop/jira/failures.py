"""What a failed Jira call means for an outbox row: wait and retry, give up, or pause the site.

Messages start with the HTTP status and what it means, so 401 / 403 / 404 read differently in
the outbox list and the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from stacklens_desktop.jira import errors

_MEANING = {
    401: "401 Unauthorized: Jira did not accept the user name / e-mail and API token",
    403: "403 Forbidden: the Jira user may not do this (permissions, or a locked account)",
    404: "404 Not Found: the project or issue does not exist or this user cannot see it",
    410: "410 Gone: this Jira API was removed",
    429: "429 Too Many Requests: Jira is rate limiting",
}
HALT_BASE = timedelta(minutes=1)
HALT_CAP = timedelta(minutes=30)


class Verdict(StrEnum):
    RETRY = "retry"  # transient: back to pending with backoff
    FAIL = "fail"  # this row cannot succeed as is: failed until the user retries
    HALT = "halt"  # the whole site is unusable (credentials/config): pause, row waits


@dataclass(frozen=True)
class Failure:
    verdict: Verdict
    message: str
    retry_after: float | None = None
    site_down: bool = False  # no point trying the other rows in this round


def classify(exc: Exception) -> Failure:
    """The verdict and a readable, token-free message for an exception from the client."""
    if isinstance(exc, errors.JiraError):
        return _classify_jira(exc)
    return Failure(Verdict.RETRY, f"unexpected error: {type(exc).__name__}: {exc}")


def _classify_jira(exc: errors.JiraError) -> Failure:
    text = describe(exc)
    if isinstance(exc, errors.JiraAuthError | errors.JiraForbiddenError | errors.JiraConfigError):
        return Failure(Verdict.HALT, text)
    if isinstance(exc, errors.JiraRateLimitedError):
        return Failure(Verdict.RETRY, text, exc.retry_after, site_down=True)
    if isinstance(
        exc, errors.JiraConnectionError | errors.JiraServerError | errors.JiraCancelledError
    ):
        return Failure(Verdict.RETRY, text, site_down=True)
    if isinstance(exc, errors.AmbiguousWriteError):
        return Failure(Verdict.RETRY, text)
    return Failure(Verdict.FAIL, text)  # 400/404/409/410, no transition


def describe(exc: errors.JiraError) -> str:
    meaning = _MEANING.get(exc.status or 0)
    if isinstance(exc, errors.AmbiguousWriteError):
        return f"outcome unknown, will search by label before sending again: {exc.message}"
    if isinstance(exc, errors.JiraConnectionError):
        return f"Jira unreachable: {exc.message}"
    if isinstance(exc, errors.JiraConfigError):
        return f"Jira settings: {exc.message}"
    return f"{meaning} ({exc.message})" if meaning else exc.message


def halt_delay(halts_in_a_row: int) -> timedelta:
    return min(HALT_CAP, HALT_BASE * (2 ** max(0, halts_in_a_row - 1)))
