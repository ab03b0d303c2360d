"""Shared set-up for the automation tests: a real store, batches like the analyzer's, a clock."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from stacklens_desktop.core.batch import Batch, EventRow, PatternDelta, SourcePosition
from stacklens_desktop.jira.automation import AutomationDecision, make_hook
from stacklens_desktop.jira.backoff import RetryPolicy
from stacklens_desktop.jira.client import JiraClient
from stacklens_desktop.jira.payloads import TicketOptions
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira.processor import OutboxProcessor
from stacklens_desktop.jira.stamps import iso
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.store import Store

T0 = datetime(2026, 11, 25, 10, 0, 0, tzinfo=UTC)
FAST_RETRIES = RetryPolicy(max_retries=8, base_delay=0.05, max_delay=0.2, jitter=0.1)
MISSING_PRICE_FP = "a1b2c3d4e5f60718"


@dataclass
class Clock:
    """An injectable "now" that only moves when the test says so."""

    now: datetime = T0

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass
class PatternSpec:
    fingerprint: str = MISSING_PRICE_FP
    template: str = "Product has no price"
    severity: str = "high"
    confidence: float = 0.9
    error_type: str = "data_validation"
    root_cause: str = "The product was published without a price in the catalog."
    steps: list[str] = field(default_factory=lambda: [
        "Open the catalog entry of the product and set its price.",
        "Re-sync the till catalogs.",
    ])


def missing_price_event(order: int, when: datetime, product: int = 999,
                        name: str = "Premium Item", fingerprint: str = MISSING_PRICE_FP
                        ) -> EventRow:
    fields = {"orderId": f"ORD-{order}", "productId": product, "productName": name,
              "code": "MISSING_PRICE"}
    raw = (f"{iso(when)} [ERROR] Product has no price: "
           f"{json.dumps(fields, separators=(',', ':'))}")
    return EventRow(fingerprint, iso(when), "ERROR", "Product has no price", [], fields,
                    raw, order * 100, order)


def batch_for(spec: PatternSpec, events: Sequence[EventRow], path: str = "/var/log/pos.log"
              ) -> Batch:
    times = [e.time for e in events if e.time]
    delta = PatternDelta(
        fingerprint=spec.fingerprint, template=spec.template, count=len(events),
        first_seen=min(times) if times else None, last_seen=max(times) if times else None,
        level="ERROR", parameters=[], sample_text=events[0].raw if events else None,
        host="till-07", severity=spec.severity, error_type=spec.error_type,
        confidence=spec.confidence, root_cause=spec.root_cause,
        resolution_steps=list(spec.steps))
    position = SourcePosition(path=path, offset=len(events) * 100, lines_added=len(events))
    return Batch(position=position, events=list(events), patterns={spec.fingerprint: delta})


def analyse(store: Store, batch: Batch, config: AutomationConfig, now: datetime
            ) -> list[AutomationDecision]:
    """What the analysis worker does: store the batch and automate in ONE transaction (the
    writer's ``after`` hook)."""
    _result, decisions = store.writer.write(batch, after=make_hook(config, lambda: now))
    return decisions


def client_factory(sandbox: JiraSandbox, token: str | None = None):  # noqa: ANN201
    def make() -> JiraClient:
        return JiraClient.connect(sandbox.url, sandbox.user.email, token or sandbox.user.token,
                                  deployment="cloud", timeout=(2.0, 5.0), policy=FAST_RETRIES)
    return make


def processor(store: Store, sandbox: JiraSandbox, config: AutomationConfig,
              project: str = "DEMO", token: str | None = None) -> OutboxProcessor:
    return OutboxProcessor(store.engine, client_factory(sandbox, token), config,
                           options=TicketOptions(project_key=project))


def rows(engine: Engine, sql: str, params: tuple = ()) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql, params)]


def sandbox_issues(sandbox: JiraSandbox) -> list[dict]:
    with sandbox.state.lock:
        return [dict(i) for i in sandbox.state.issues.values()]


def adf_text(node: object) -> str:
    """The text of an Atlassian document (a description or comment body), run together."""
    if isinstance(node, dict):
        return str(node.get("text", "")) + "".join(adf_text(c) for c in node.get("content", []))
    return ""


def data_dir_text(base: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in base.rglob("*") if p.is_file()]


def jira_client(sandbox: JiraSandbox) -> JiraClient:
    """A separate client for the test itself (plays the human in Jira)."""
    return client_factory(sandbox)()


def events_at(start: int, count: int, when: datetime,
              fingerprint: str = MISSING_PRICE_FP) -> list[EventRow]:
    return [missing_price_event(i, when, fingerprint=fingerprint)
            for i in range(start, start + count)]


def seed_patterns(store: Store, how_many: int, config: AutomationConfig, now: datetime
                  ) -> list[str]:
    """``how_many`` distinct high-severity patterns, each with one occurrence."""
    fingerprints = [f"{i:04d}feedc0ffee{i:04d}" for i in range(how_many)]
    for index, fp in enumerate(fingerprints):
        spec = PatternSpec(fingerprint=fp)
        analyse(store, batch_for(spec, events_at(index * 10, 1, now, fp)), config, now)
    return fingerprints


def drain_until_empty(drain: OutboxProcessor, clock: Clock, rounds: int = 20) -> None:
    """Run the drainer, moving the clock past every backoff, until nothing waits."""
    from stacklens_desktop.store.outbox import counts

    for _ in range(rounds):
        drain.process_due(clock.now)
        if counts(drain.engine)[0] == 0:
            return
        clock.advance(hours=1)
    raise AssertionError(f"outbox not drained: {counts(drain.engine)}")
