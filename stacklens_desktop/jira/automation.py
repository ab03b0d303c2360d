"""The automation step of the analysis worker: decide per pattern, log, enqueue.

:func:`automate` runs inside the caller's transaction (the same ``engine.begin()`` block as
the batch write), so a decision and its outbox row are committed together with the events
that caused them, or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from stacklens_desktop.jira.policy import (
    Action,
    AutomationConfig,
    Decision,
    PatternState,
    TicketState,
    decide,
)
from stacklens_desktop.jira.stamps import parse, utcnow
from stacklens_desktop.store import audit, automation_reads, event_reads, outbox


@dataclass(frozen=True)
class AutomationDecision:
    pattern_id: int
    decision: Decision
    outbox_id: int | None = None  # the row enqueued (or converted) for it
    logged: bool = False


def automate(
    conn: Connection,
    pattern_ids: Sequence[int],
    config: AutomationConfig,
    now: datetime,
    escalated: frozenset[int] = frozenset(),
) -> list[AutomationDecision]:
    """Decide for each pattern; log decisions (see :mod:`audit`); enqueue Jira operations.
    ``escalated``: the patterns whose escalation rose in the write being decided."""
    ids = sorted(set(pattern_ids))
    patterns = _pattern_states(conn, ids, config, escalated)
    tickets = _ticket_states(conn, ids)
    pending = outbox.open_operations(conn, ids)
    last = audit.last_codes(conn, ids)
    out: list[AutomationDecision] = []
    for pid in ids:
        pattern = patterns.get(pid)
        if pattern is None:
            continue
        ops = pending.get(pid, {})
        ticket = tickets.get(pid, TicketState())
        ticket = TicketState(**{**ticket.__dict__, "pending": frozenset(ops)})
        decision = decide(pattern, ticket, config, now)
        row_id = _enqueue(conn, pid, decision, ticket, ops, now)
        logged = decision.enqueues or last.get(pid) != decision.code
        if logged:
            audit.write(conn, pid, now, decision.action.value, decision.reason, decision.code)
        out.append(AutomationDecision(pid, decision, row_id, logged))
    return out


def _enqueue(
    conn: Connection,
    pattern_id: int,
    decision: Decision,
    ticket: TicketState,
    ops: dict[str, int],
    now: datetime,
) -> int | None:
    if not decision.enqueues:
        return None
    action = decision.action
    payload: dict[str, object] = {"reason": decision.reason}
    if decision.code == "escalation":
        payload["escalation"] = decision.reason  # told in the comment, which is not throttled
    if action is Action.NEW_LINKED:
        payload["previous_key"] = ticket.issue_key
    if decision.code == "escalation" and Action.COMMENT in ops:
        # the escalation is told now, with the occurrences the waiting comment would have had
        outbox.convert(conn, ops[Action.COMMENT], action.value, payload, now, now)
        return ops[Action.COMMENT]
    if action is Action.REOPEN and Action.COMMENT in ops:
        # the regression comment replaces the waiting summary comment
        outbox.convert(conn, ops[Action.COMMENT], action.value, payload, now, now)
        return ops[Action.COMMENT]
    due = decision.not_before or now
    return outbox.enqueue(conn, pattern_id, action.value, payload, due, now)


def _pattern_states(
    conn: Connection, ids: Sequence[int], config: AutomationConfig,
    escalated: frozenset[int] = frozenset(),
) -> dict[int, PatternState]:
    out: dict[int, PatternState] = {}
    for pid, severity, confidence, status, count, level, why, unfiled in (
            automation_reads.pattern_facts(conn, ids)):
        recent = None
        if unfiled and config.min_occurrences > 1 and (count or 0) >= config.min_occurrences:
            recent = _recent_count(conn, int(pid), config)
        out[int(pid)] = PatternState(
            int(pid),
            str(severity or "low"),
            float(confidence or 0.0),
            str(status or "new"),
            int(count or 0),
            recent,
            level,
            why,
            int(pid) in escalated,
        )
    return out


def _recent_count(conn: Connection, pattern_id: int, config: AutomationConfig) -> int:
    """How many of the newest ``min_occurrences`` events fall within the window ending at the
    newest one (log time, so that an import of an old file is judged like a live watch)."""
    times = [parse(t) for t in event_reads.newest_times(conn, pattern_id,
                                                        config.min_occurrences)]
    known = [t for t in times if t is not None]
    if not known:  # no timestamps: the stored count is all we know
        return len(times)
    newest = max(known)
    return sum(1 for t in known if newest - t <= config.window)


def _ticket_states(conn: Connection, ids: Sequence[int]) -> dict[int, TicketState]:
    out: dict[int, TicketState] = {}
    for pid, key, category, reported, at_done, last_comment, synced in (
            automation_reads.ticket_facts(conn, ids)):
        out[int(pid)] = TicketState(
            issue_key=key,
            status_category=category,
            count_reported=int(reported or 0),
            count_at_done=at_done,
            last_comment_at=parse(last_comment),
            status_read_at=parse(synced),
        )
    return out


def describe(decisions: Sequence[AutomationDecision]) -> str:
    """A one-line summary for the app log."""
    counts: dict[str, int] = {}
    for item in decisions:
        counts[item.decision.action.value] = counts.get(item.decision.action.value, 0) + 1
    return json.dumps(counts, sort_keys=True)


def make_hook(
    config: AutomationConfig | Callable[[], AutomationConfig],
    clock: Callable[[], datetime] = utcnow,
) -> Callable[[Connection, Sequence[Any]], list[AutomationDecision]]:
    """The analysis pipeline's ``AutomationHook``: called inside the batch transaction with
    the batch's ``PatternChange`` list. ``config`` may be a callable, read on every batch, so
    that a settings change applies to the next batch."""

    def hook(conn: Connection, changes: Sequence[Any]) -> list[AutomationDecision]:
        current = config() if callable(config) else config
        rose = frozenset(c.pattern_id for c in changes if getattr(c, "escalated", False))
        return automate(conn, [c.pattern_id for c in changes], current, clock(), rose)

    return hook
