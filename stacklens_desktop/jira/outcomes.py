"""The automation log in words: each logged decision or Jira result as an outcome group
(for the filter) and a short label (created / updated / skipped: muted ...). No Qt."""

from __future__ import annotations

from dataclasses import dataclass

CREATED, UPDATED, QUEUED, SKIPPED, FAILED, STATUS = (
    "created", "updated", "queued", "skipped", "failed", "status")
#: The filter's choices, in the order the panel offers them.
OUTCOMES: tuple[str, ...] = (CREATED, UPDATED, QUEUED, SKIPPED, FAILED, STATUS)

#: "Do nothing" decisions by their code: why nothing was done.
SKIP_REASONS: dict[str, str] = {
    "severity_not_filed": "low severity",
    "muted": "muted",
    "below_confidence": "low confidence",
    "too_few_occurrences": "below minimum",
    "disabled": "automation off",
    "create_pending": "already queued",
    "regression_pending": "already queued",
    "coalesced": "throttled",
    "no_news": "nothing new",
    "done_quiet": "done, not recurring",
    "noop": "nothing to do",
}
_RESULTS: dict[str, tuple[str, str]] = {
    "filed": (CREATED, "created"),
    "adopted": (CREATED, "created (existing issue adopted)"),
    "commented": (UPDATED, "updated"),
    "reopened": (UPDATED, "updated: reopened"),
    "comment_unknown": (UPDATED, "updated? (outcome unknown)"),
}
_QUEUED: dict[str, str] = {
    "create": "queued: file ticket",
    "new_linked": "queued: new linked ticket",
    "comment": "queued: update",
    "reopen": "queued: reopen (regression)",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    group: str
    label: str


def _answer(reason: str) -> str:
    """``create: POST /rest/api/3/issue -> HTTP 400 (...)``: what Jira answered (the call
    stays in the reason)."""
    return reason.split(" -> ", 1)[-1]


def outcome(decision: str, code: str | None, reason: str) -> Outcome:
    """What one automation-log row means for a person reading the log."""
    if decision in _RESULTS:
        return Outcome(*_RESULTS[decision])
    if decision == "failed":
        return Outcome(FAILED, f"failed: {_answer(reason)}")
    if decision == "retry":
        return Outcome(FAILED, f"failed, will retry: {_answer(reason)}")
    if decision == "status":
        return Outcome(STATUS, "status synced")
    if decision == "comment" and "(throttle" in reason:
        return Outcome(QUEUED, "throttled: the update waits")
    if decision in _QUEUED:
        return Outcome(QUEUED, _QUEUED[decision])
    why = SKIP_REASONS.get(code or decision, (code or decision).replace("_", " "))
    return Outcome(SKIPPED, f"skipped: {why}")
