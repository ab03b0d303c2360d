"""Opening a run of the history: the patterns of the events that run stored, on a big
profile (``bench_window``'s: 10,000 patterns, 1,000,000 events of one source) split into
three runs of 400,000, 400,000 and 200,000 events.

Run: ``.venv/bin/python -m tests.bench.bench_run_patterns``.

Figures: best of 5 in milliseconds, read on the store worker's thread (never the GUI's).
Baseline side by side: the distinct patterns of the whole source (one index range, what a
read of "the patterns of its source" costs), so the ratio is what skipping to the run's
events adds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import Connection, Engine

from stacklens_desktop.store import open_store, runs
from tests.bench.bench_window import build_profile
from tests.bench.bench_window_reads import _best

RUNS = (400_000, 400_000, 200_000)


def _source_patterns(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql(
            "SELECT DISTINCT pattern_id FROM event WHERE source_id = 1")]


def _add_runs(conn: Connection) -> None:
    conn.exec_driver_sql(
        "INSERT INTO analysisrun (id, source_id, kind, started_at, lines, records, errors, "
        "new_patterns, state) VALUES (?, 1, 'import', '2026-11-25T10:00:00.000Z', ?, ?, ?, "
        "0, 'done')", [(n, count, count, count) for n, count in enumerate(RUNS, 1)])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "profile"
        build_profile(base)
        store = open_store(base)
        try:
            store.write(_add_runs)
            baseline = _best(lambda: _source_patterns(store.engine))
            print(f"whole source (baseline): {baseline:7.1f} ms")
            for run_id, count in enumerate(RUNS, 1):
                found = len(runs.run_pattern_ids(store.engine, run_id))
                took = _best(lambda r=run_id: runs.run_pattern_ids(store.engine, r))
                print(f"run {run_id} ({count:,} events, {found:,} patterns): {took:7.1f} ms "
                      f"({took / baseline:.2f}x)")
        finally:
            store.close()


if __name__ == "__main__":
    main()
