"""The automation policy: what to do with a pattern's Jira ticket, and why. Pure: no I/O.

``decide`` looks at a snapshot of a pattern (:class:`PatternState`) and of its ticket and
pending Jira operations (:class:`TicketState`) and returns one :class:`Decision` with a
human-readable reason and a stable ``code`` (used to log each distinct decision once).

Defaults follow the seed: file critical always, high above 75 % confidence, medium above 90 %,
low never; at least ``min_occurrences`` within ``window``; one comment per ticket per 15 min;
a done ticket that sees new occurrences is a regression (reopen, or a new linked ticket).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from stacklens_desktop.core.escalation import raised
from stacklens_desktop.wording import plural


class Action(StrEnum):
    CREATE = "create"
    COMMENT = "comment"
    REOPEN = "reopen"
    NEW_LINKED = "new_linked"
    NONE = "none"


#: Actions that put a row in the outbox.
ENQUEUING = frozenset({Action.CREATE, Action.COMMENT, Action.REOPEN, Action.NEW_LINKED})


class RegressionMode(StrEnum):
    REOPEN = "reopen"
    NEW_LINKED = "new_linked"


@dataclass(frozen=True)
class SeverityRule:
    """Whether a severity is filed, and the confidence it must exceed (``None``: any)."""

    file: bool
    confidence_above: float | None = None


DEFAULT_RULES: Mapping[str, SeverityRule] = {
    "critical": SeverityRule(True, None),
    "high": SeverityRule(True, 0.75),
    "medium": SeverityRule(True, 0.9),
    "low": SeverityRule(False),
}


@dataclass(frozen=True)
class AutomationConfig:
    """Everything the policy and the outbox need to know; saved as JSON in settings."""

    enabled: bool = True
    rules: Mapping[str, SeverityRule] = field(default_factory=lambda: dict(DEFAULT_RULES))
    min_occurrences: int = 1
    window: timedelta = timedelta(hours=1)
    comment_throttle: timedelta = timedelta(minutes=15)
    regression_mode: RegressionMode = RegressionMode.REOPEN
    resolve_pattern_on_done: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled,
            "rules": {
                k: {"file": r.file, "confidence_above": r.confidence_above}
                for k, r in self.rules.items()
            },
            "min_occurrences": self.min_occurrences,
            "window_minutes": self.window.total_seconds() / 60,
            "comment_throttle_minutes": self.comment_throttle.total_seconds() / 60,
            "regression_mode": self.regression_mode.value,
            "resolve_pattern_on_done": self.resolve_pattern_on_done,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AutomationConfig:
        """Missing keys keep their defaults; unknown keys are ignored."""
        base = cls()
        rules = dict(base.rules)
        for name, raw in (data.get("rules") or {}).items():
            above = raw.get("confidence_above")
            rules[str(name)] = SeverityRule(bool(raw.get("file")), _opt_float(above))
        return replace(
            base,
            enabled=bool(data.get("enabled", base.enabled)),
            rules=rules,
            min_occurrences=max(1, int(data.get("min_occurrences", base.min_occurrences))),
            window=_minutes(data.get("window_minutes"), base.window),
            comment_throttle=_minutes(data.get("comment_throttle_minutes"), base.comment_throttle),
            regression_mode=RegressionMode(data.get("regression_mode", base.regression_mode)),
            resolve_pattern_on_done=bool(
                data.get("resolve_pattern_on_done", base.resolve_pattern_on_done)
            ),
        )


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _minutes(value: Any, default: timedelta) -> timedelta:
    return default if value is None else timedelta(minutes=float(value))


#: A ticket status read longer ago than this is read again before an update waits for the
#: comment throttle (a recurrence on a ticket closed meanwhile reopens it at once).
STATUS_FRESH = timedelta(minutes=1)


@dataclass(frozen=True)
class PatternState:
    """What the policy needs to know about a pattern (read from the store by the caller)."""

    pattern_id: int
    severity: str
    confidence: float
    status: str  # new / acknowledged / muted / resolved
    count: int
    #: occurrences within ``config.window`` before the last one (None: not counted, because
    #: ``count`` alone already decides)
    recent_count: int | None = None
    #: the severity its behaviour raised it to (None: none), why, and whether that rose in
    #: the write being decided (an escalation files, or updates a ticket at once)
    escalation: str | None = None
    escalation_reason: str | None = None
    escalated_now: bool = False

    @property
    def escalated(self) -> bool:
        return raised(self.severity, self.escalation) != self.severity


@dataclass(frozen=True)
class TicketState:
    """The pattern's ticket (if any) and its pending outbox operations."""

    issue_key: str | None = None
    status_category: str | None = None  # new / indeterminate / done
    count_reported: int = 0  # pattern count covered by the ticket or its last comment
    count_at_done: int | None = None  # pattern count when the ticket was seen done
    last_comment_at: datetime | None = None
    pending: frozenset[str] = frozenset()  # operations waiting in the outbox
    status_read_at: datetime | None = None  # when the status was last read from Jira

    def status_stale(self, now: datetime) -> bool:
        """The ticket may have been closed in Jira since we last looked."""
        return self.status_read_at is None or now - self.status_read_at > STATUS_FRESH

    @property
    def filed(self) -> bool:
        return self.issue_key is not None


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: str
    code: str  # stable key of the reason, e.g. "below_confidence"
    not_before: datetime | None = None  # earliest time to run (comment throttle)

    @property
    def enqueues(self) -> bool:
        return self.action in ENQUEUING


def _none(code: str, reason: str) -> Decision:
    return Decision(Action.NONE, reason, code)


def decide(
    pattern: PatternState,
    ticket: TicketState | None,
    config: AutomationConfig,
    now: datetime,
) -> Decision:
    """The one thing to do now for ``pattern`` (see the module docstring for the rules)."""
    if not config.enabled:
        return _none("disabled", "automation is turned off")
    if pattern.status == "muted":
        return _none("muted", "the pattern is muted: it is never filed or updated")
    ticket = ticket or TicketState()
    if Action.CREATE in ticket.pending or Action.NEW_LINKED in ticket.pending:
        return _none("create_pending", "a ticket for this pattern is already being filed")
    if not ticket.filed:
        return _decide_filing(pattern, config)
    return _decide_update(pattern, ticket, config, now)


def _decide_filing(pattern: PatternState, config: AutomationConfig) -> Decision:
    severity = raised(pattern.severity.lower(), pattern.escalation)
    rule = config.rules.get(severity)
    if rule is None or not rule.file:
        return _none("severity_not_filed", f"{severity} severity is not filed automatically")
    if pattern.escalated:  # measured behaviour, not a prediction: no confidence to pass
        return Decision(Action.CREATE, f"escalated to {severity} ({pattern.escalation_reason})",
                        "file_escalated")
    above = rule.confidence_above
    if above is not None and not pattern.confidence > above:
        return _none(
            "below_confidence",
            f"{severity} with confidence {pattern.confidence:.2f}, not above {above:.2f}",
        )
    seen = pattern.count if pattern.recent_count is None else pattern.recent_count
    window = _describe(config.window)
    if seen < config.min_occurrences:
        return _none(
            "too_few_occurrences",
            f"{plural(seen, 'occurrence')} within {window}; {config.min_occurrences} needed",
        )
    why = (
        "any confidence" if above is None else f"confidence {pattern.confidence:.2f} > {above:.2f}"
    )
    return Decision(
        Action.CREATE,
        f"{severity} with {why}, {plural(seen, 'occurrence')} within {window} "
        f"(at least {config.min_occurrences})",
        "file",
    )


def _decide_update(
    pattern: PatternState, ticket: TicketState, config: AutomationConfig, now: datetime
) -> Decision:
    key = ticket.issue_key
    if ticket.status_category == "done":
        since_done = pattern.count - (ticket.count_at_done or 0)
        if since_done <= 0 or ticket.count_at_done is None:
            return _none("done_quiet", f"{key} is done and the error has not come back")
        if Action.REOPEN in ticket.pending:
            return _none("regression_pending", f"the regression of {key} is already queued")
        if config.regression_mode is RegressionMode.NEW_LINKED:
            return Decision(
                Action.NEW_LINKED,
                f"regression: {key} is done but the error "
                f"occurred {plural(since_done, 'more time')}; filing a new linked ticket",
                "regression_new",
            )
        return Decision(
            Action.REOPEN,
            f"regression: {key} is done but the error occurred "
            f"{plural(since_done, 'more time')}; commenting and reopening",
            "regression",
        )
    if pattern.escalated_now and pattern.escalated:
        # the reason is the comment's heading too; a waiting summary comment becomes this one
        return Decision(Action.COMMENT, f"escalated to {pattern.escalation}: "
                        f"{pattern.escalation_reason}", "escalation")
    new = pattern.count - ticket.count_reported
    if new <= 0:
        return _none("no_news", f"no occurrences since {key} was last updated")
    if Action.COMMENT in ticket.pending or Action.REOPEN in ticket.pending:
        return _none("coalesced", f"the pending update of {key} will include these occurrences")
    not_before = None
    if ticket.last_comment_at is not None:
        due = ticket.last_comment_at + config.comment_throttle
        not_before = due if due > now else None
    when = f", not before {not_before:%H:%M:%S} (throttle)" if not_before else ""
    if not_before is not None and ticket.status_stale(now):
        # run now to read the status: closed meanwhile is a regression at once, open waits
        when = f", after a status check (throttle until {not_before:%H:%M:%S})"
        not_before = None
    return Decision(
        Action.COMMENT,
        f"{plural(new, 'new occurrence')} since {key} was last updated; one summary "
        f"comment{when}",
        "comment",
        not_before,
    )


def _describe(span: timedelta) -> str:
    minutes = span.total_seconds() / 60
    if minutes >= 60 and minutes % 60 == 0:
        return f"{int(minutes // 60)} h"
    return f"{minutes:g} min"
