"""Escalation through the real writer and automation: a spike raises a pattern in the store
within a minute, files or updates its ticket at once, and falls back when it stops."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from stacklens_desktop.core.batch import Batch, EventRow, PatternDelta, SourcePosition
from stacklens_desktop.core.escalation import note
from stacklens_desktop.core.record import Record
from stacklens_desktop.jira.automation import make_hook
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira.stamps import iso
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.store import Store
from stacklens_desktop.store.feedback import add_correction
from tests.jira_automation.helpers import T0, Clock, processor, rows, sandbox_issues

CONFIG = AutomationConfig()
POOL_FP = "0badc0de0badc0de"
OTHER_FP = "5eed5eed5eed5eed"


def pool_batch(times: list[datetime], fingerprint: str = POOL_FP,
               severity: str = "medium", confidence: float = 0.6) -> Batch:
    """One batch of a medium 'pool near its limit' warning at ``times``, built the way the
    analyzer builds it (events plus the pattern's activity)."""
    template = "Connection pool <*> at 95% of its limit" if fingerprint == POOL_FP else "other"
    delta = PatternDelta(fingerprint=fingerprint, template=template, count=0,
                         first_seen=None, last_seen=None, level="WARN", severity=severity,
                         error_type="database", confidence=confidence)
    batch = Batch(position=SourcePosition(path="/var/log/app.log", offset=0, lines_added=0))
    for n, when in enumerate(times):
        stamp = iso(when)
        raw = f"{stamp} WARN Connection pool main at 95% of its limit"
        batch.events.append(EventRow(fingerprint, stamp, "WARN", raw[25:], [], {}, raw, n, n))
        note(delta.activity, Record(text=raw, message=raw[25:], level="WARN"), stamp)
        delta.count += 1
        delta.first_seen = min(delta.first_seen or stamp, stamp)
        delta.last_seen = max(delta.last_seen or stamp, stamp)
    batch.patterns[fingerprint] = delta
    return batch


def write(store: Store, batch: Batch, now: datetime):  # noqa: ANN201
    return store.writer.write(batch, after=make_hook(CONFIG, lambda: now))


def escalation(store: Store) -> tuple:
    return rows(store.engine, "SELECT escalation, escalation_reason, escalated_at FROM pattern "
                              "WHERE fingerprint = ?", (POOL_FP,))[0]


def trickle(store: Store, minutes: int) -> datetime:
    """One warning every two minutes (a batch each), the pattern's normal."""
    when = T0
    for _ in range(minutes // 2):
        write(store, pool_batch([when]), when)
        when += timedelta(minutes=2)
    return when


def spike(store: Store, start: datetime, seconds: int, per_min: float = 20.0) -> list:
    """Batches every 5 s at ``per_min``; returns (seconds since start, write result)."""
    out, step = [], 60.0 / per_min
    for edge in range(5, seconds + 1, 5):
        times = [start + timedelta(seconds=k * step) for k in range(int(seconds / step))
                 if edge - 5 <= k * step < edge]
        result, _ = write(store, pool_batch(times), start + timedelta(seconds=edge))
        out.append((edge, result))
    return out


def test_a_spike_escalates_within_a_minute_and_files_a_ticket(store: Store) -> None:
    start = trickle(store, 30)
    assert escalation(store) == (None, None, None)
    log = rows(store.engine, "SELECT code FROM automationlog")
    assert log == [("below_confidence",)]  # medium at 0.60: not filed on its text alone
    results = spike(store, start, 90)
    [(after, result)] = [(s, r) for s, r in results if any(c.escalated for c in r.patterns)][:1]
    assert after <= 60
    level, reason, since = escalation(store)
    assert level == "high" and since is not None
    assert reason.startswith("escalating: ") and "/min vs 0.5/min baseline" in reason
    outbox = rows(store.engine, "SELECT operation, payload FROM outbox")
    assert [op for op, _ in outbox] == ["create"]
    assert json.loads(outbox[0][1])["reason"].startswith("escalated to high (escalating: ")


def test_it_falls_back_when_it_stops(store: Store) -> None:
    start = trickle(store, 30)
    spike(store, start, 60)
    assert escalation(store)[0] == "high"
    later = start + timedelta(minutes=10)
    result, _ = write(store, pool_batch([later], fingerprint=OTHER_FP), later)
    assert escalation(store) == (None, None, None)
    [fell] = [c for c in result.patterns if c.fingerprint == POOL_FP]
    assert not fell.escalated and not fell.is_new  # told to the window, nothing to file


def test_a_correction_is_never_undercut(store: Store) -> None:
    start = trickle(store, 30)
    add_correction(store.engine, POOL_FP, "critical", None)
    spike(store, start, 60)
    assert escalation(store)[0] is None  # nothing above critical
    assert rows(store.engine, "SELECT severity FROM pattern")[0] == ("critical",)


def test_an_escalation_comments_on_the_open_ticket_at_once(
        store: Store, sandbox: JiraSandbox, clock: Clock) -> None:
    drain = processor(store, sandbox, CONFIG)
    start = trickle(store, 30)
    add_correction(store.engine, POOL_FP, "high", None)  # files it on the next occurrence
    write(store, pool_batch([start]), start)
    clock.now = start
    assert drain.process_due(clock.now).done == 1
    [issue] = sandbox_issues(sandbox)
    write(store, pool_batch([start + timedelta(seconds=30)]), start)  # an ordinary update
    spike(store, start + timedelta(minutes=1), 60)
    clock.now = start + timedelta(minutes=2)  # well inside the 15-minute comment throttle
    report = drain.process_due(clock.now)
    assert report.done == 1
    text = json.dumps(sandbox_issues(sandbox)[0]["comments"])
    assert "Escalated to critical: escalating: " in text
