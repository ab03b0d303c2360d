"""Cost of the Jira automation step inside the analysis transaction.

Runs the same batches twice into fresh stores: once plain (the baseline), once with the
automation hook (decide + log + enqueue per touched pattern). Prints events/s for both and the
ratio, plus how many outbox and automation-log rows the flood produced.

    .venv/bin/python -m tests.bench.bench_automation
"""

from __future__ import annotations

import tempfile
import time
from datetime import timedelta
from pathlib import Path

from stacklens_desktop.core.batch import Batch
from stacklens_desktop.jira.automation import make_hook
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.store import open_store
from tests.jira_automation.helpers import T0, PatternSpec, batch_for, events_at

BATCHES = 200
PATTERNS_PER_BATCH = 50
EVENTS_PER_PATTERN = 20  # 1,000 events per batch, 200,000 in all
SEVERITIES = ("critical", "high", "medium", "low")


def _batches() -> list[Batch]:
    out = []
    for index in range(BATCHES):
        now = T0 + timedelta(seconds=index * 10)
        merged = Batch(position=None)
        for p in range(PATTERNS_PER_BATCH):
            fp = f"bench{p:04d}"
            spec = PatternSpec(fingerprint=fp, severity=SEVERITIES[p % 4], confidence=0.95)
            one = batch_for(spec, events_at(index * 1000 + p * 20, EVENTS_PER_PATTERN, now, fp))
            merged.events += one.events
            merged.patterns.update(one.patterns)
        merged.position = batch_for(PatternSpec(), []).position
        out.append(merged)
    return out


def _run(batches: list[Batch], automated: bool) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        hook = make_hook(AutomationConfig(), lambda: T0)
        start = time.perf_counter()
        for batch in batches:
            if automated:
                store.writer.write(batch, after=hook)
            else:
                store.writer.write(batch)
        elapsed = time.perf_counter() - start
        with store.engine.connect() as conn:
            outbox = conn.exec_driver_sql("SELECT COUNT(*) FROM outbox").scalar() or 0
            log = conn.exec_driver_sql("SELECT COUNT(*) FROM automationlog").scalar() or 0
        store.close()
    return elapsed, int(outbox), int(log)


def main() -> None:
    batches = _batches()
    events = BATCHES * PATTERNS_PER_BATCH * EVENTS_PER_PATTERN
    _run(batches[:10], True)  # warm-up
    base, _, _ = _run(batches, False)
    auto, outbox, log = _run(batches, True)
    print(f"events: {events:,} in {BATCHES} batches of {PATTERNS_PER_BATCH} patterns")
    print(f"baseline (write only):    {base:6.2f} s  {events / base:10,.0f} events/s")
    print(f"with automation hook:     {auto:6.2f} s  {events / auto:10,.0f} events/s")
    print(f"automation overhead:      {(auto - base) / BATCHES * 1000:6.2f} ms per batch "
          f"(ratio {auto / base:.2f}x)")
    print(f"outbox rows: {outbox}  automation log rows: {log} "
          f"(patterns touched {BATCHES * PATTERNS_PER_BATCH:,} times)")


if __name__ == "__main__":
    main()
