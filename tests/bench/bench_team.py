"""Team mode on one PostgreSQL server: sustained ingest from N agents, write-to-desktop
latency, and the desktop's queries on a large store.

``python -m tests.bench.bench_team --agents 50 --seconds 60 --events 10000000``

* Ingest: N simulated agents, each its own login (row-level security on), ship what 1,000
  lines/s of POS traffic (``loggen``: 5% WARN and above) becomes after the local analysis:
  one shipment per agent per second, through the real ``apply_shipment`` (events, pattern
  upserts shared by every host, per-host counts, the offset, NOTIFY). The analysis itself
  runs on each POS server, not on the store; it is done once here, beforehand, and its
  throughput printed apart. Agents run as threads in a few worker processes.
* Latency: from the start of an agent's transaction to the desktop's LISTEN receiving its
  notification (same machine, wall clock).
* Queries: events bulk-loaded over 10 daily partitions, 50 hosts, 2,000 patterns; the pattern
  list and a pattern's detail as the desktop role (median of 5, after one warm-up); the Jira
  automation pass (roll-up, fleet spread, policy) first, after a change, and idle.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine

from stacklens_desktop.store.team import fleet, schema
from stacklens_desktop.store.team.engine import make_team_engine, parse_address
from stacklens_desktop.store.team.ingest import Outcome, apply_shipment
from stacklens_desktop.store.team.notify import Listener
from stacklens_desktop.team.shipment import Shipment
from tests.team.pgcluster import PgCluster, find_bindir

LINES_PER_SECOND = 1000
AGENT_PASSWORD = "bench-agent"


# -- traffic, analysed once ------------------------------------------------------------------
def prepare_shipments(folder: Path, seconds: int) -> tuple[list[Shipment], float]:
    """``seconds`` shipments of 1,000 lines each, analysed by the agent's own reader;
    returns them and the analysis rate (lines/s, one core)."""
    from stacklens_desktop.core.analyzer import Analyzer
    from stacklens_desktop.intelligence import build_judge
    from stacklens_desktop.team import reader as reader_module
    from tests.bench.loggen import generate

    log = folder / "pos.log"
    generate(log, LINES_PER_SECOND * seconds + 100)
    data = log.read_bytes()
    judge = build_judge(folder / "profile")
    cut = 0
    starts = [0]
    for _ in range(seconds):
        for _ in range(LINES_PER_SECOND):
            cut = data.index(b"\n", cut) + 1
        starts.append(cut)
    out: list[Shipment] = []
    reader = reader_module.SourceReader("host", str(log), reader_module.Position(),
                                        lambda _p: Analyzer(fmt=None, judge=judge))
    started = time.perf_counter()
    lines = 0
    for end in starts[1:]:
        reader_module.MAX_SHIPMENT_BYTES = end - reader.committed.offset
        shipment = reader.poll()
        if shipment is None:
            continue
        reader.shipped(shipment)
        lines += shipment.lines
        out.append(shipment)
    return out, lines / (time.perf_counter() - started)


# -- one worker process: several agents ------------------------------------------------------
def worker(spec_path: Path) -> None:
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    shipments = [Shipment.from_json(s) for s in spec["shipments"]]
    results: list[list] = []
    lock = threading.Lock()

    def agent(host: str, role: str) -> None:
        engine = make_team_engine(parse_address(spec["url"].format(role=role)), AGENT_PASSWORD)
        engine.connect().close()  # logged in before the clock starts
        offset = 0
        begin = spec["start_at"]
        mine: list[list] = []
        for k, template in enumerate(shipments):
            due = begin + k
            delay = due - time.time()
            if delay > 0:
                time.sleep(delay)
            size = template.end - template.start
            s = Shipment(host, "/var/log/pos/pos.log", offset, offset + size, template.lines,
                         inode=1, format_name=template.format_name, events=template.events,
                         patterns=template.patterns)
            started = time.time()
            with engine.begin() as conn:
                applied = apply_shipment(conn, s)
            assert applied.outcome is Outcome.APPLIED, applied
            mine.append([host, s.end, started, time.time(), due, len(s.events), s.lines])
            offset += size
        engine.dispose()
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=agent, args=(h, r)) for h, r in spec["agents"]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    Path(spec["out"]).write_text(json.dumps(results), encoding="utf-8")


# -- the run ----------------------------------------------------------------------------------
def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run_ingest(cluster: PgCluster, db: str, agents: int, seconds: int, processes: int,
               folder: Path) -> dict:
    shipments, analysis_rate = prepare_shipments(folder, seconds)
    admin = create_engine(cluster.admin_url(db))
    roles = [(f"till-{i:03d}", f"agent_{i:03d}") for i in range(agents)]
    with admin.begin() as conn:
        for host, role in roles:
            schema.add_agent(conn, role, AGENT_PASSWORD, host)
    received: dict[tuple[str, int], float] = {}
    listener = Listener(cluster.admin_dsn(db))
    stop = threading.Event()

    def listen() -> None:
        while not stop.is_set():
            for message in listener.stream(timeout=0.2):
                if message.get("kind") == "events":
                    received[(message["host"], message["end"])] = time.time()

    listening = threading.Thread(target=listen)
    listening.start()
    start_at = time.time() + 10.0  # the workers start and log in first
    url = cluster.tcp_url("{role}", db)
    procs = []
    outs = []
    body = [s.to_json() for s in shipments]
    for p in range(processes):
        out = folder / f"worker{p}.json"
        spec = folder / f"spec{p}.json"
        spec.write_text(json.dumps({"shipments": body, "agents": roles[p::processes],
                                    "url": url, "start_at": start_at, "out": str(out)}),
                        encoding="utf-8")
        procs.append(subprocess.Popen([sys.executable, "-m", "tests.bench.bench_team",
                                       "--worker", str(spec)]))
        outs.append(out)
    for proc in procs:
        proc.wait()
    time.sleep(1.0)
    stop.set()
    listening.join()
    listener.close()
    rows = [r for out in outs for r in json.loads(out.read_text(encoding="utf-8"))]
    first = start_at
    last = max(r[3] for r in rows)
    lines = sum(r[6] for r in rows)
    events = sum(r[5] for r in rows)
    latencies = [(received[(r[0], r[1])] - r[2]) * 1000 for r in rows if (r[0], r[1]) in received]
    delivery = [(received[(r[0], r[1])] - r[3]) * 1000 for r in rows if (r[0], r[1]) in received]
    transaction = [(r[3] - r[2]) * 1000 for r in rows]
    lateness = [max(0.0, r[2] - r[4]) for r in rows]
    with admin.connect() as conn:
        stored = conn.exec_driver_sql("SELECT count(*) FROM event").scalar()
    admin.dispose()
    return {
        "agents": agents, "seconds": seconds, "shipments": len(rows),
        "target_lines_s": agents * LINES_PER_SECOND, "lines_s": lines / (last - first),
        "events_s": events / (last - first), "events_stored": stored, "events_sent": events,
        "events_per_1000_lines": events / max(1, lines) * 1000,
        "latency_p50_ms": percentile(latencies, 50), "latency_p99_ms": percentile(latencies, 99),
        "latency_max_ms": max(latencies), "notified": len(latencies),
        "transaction_p50_ms": percentile(transaction, 50),
        "transaction_p99_ms": percentile(transaction, 99),
        "commit_to_listener_p99_ms": percentile(delivery, 99),
        "late_p99_s": percentile(lateness, 99), "late_max_s": max(lateness),
        "analysis_lines_s_one_core": analysis_rate,
    }


BULK = """
INSERT INTO pattern (fingerprint, template, level, error_type, severity, confidence, count,
    first_seen, last_seen, status, resolution_steps, parameters_sample, host, updated_at)
SELECT 'bulk-' || g, 'Bulk pattern ' || g || ' <*> failed', 'ERROR', 'other', 'high', 0.9, 0,
    '2026-11-27T00:00:00.000Z', to_char(timestamp '2026-12-06' - (g || ' minutes')::interval,
    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'new', '[]', '[]', 'till-000', '2026-12-06'
FROM generate_series(1, {patterns}) g ON CONFLICT DO NOTHING;
"""
BULK_EVENTS = """
INSERT INTO event (received_at, host, pattern_id, source_id, time, level, message,
    parameters, fields, raw, "offset", line_no)
SELECT %s::date + (g %% 86400) * interval '1 second',
    'till-' || lpad((g %% 50)::text, 3, '0'), p.id, %s,
    '2026-12-06T10:00:00.000Z', 'ERROR', 'Bulk pattern failed for order ' || g,
    '["' || g || '"]', '{}', '2026-12-06T10:00:00.000Z [ERROR] Bulk pattern ' || g, g, g
FROM generate_series(%s::bigint, %s::bigint) g
JOIN LATERAL (SELECT id FROM pattern WHERE fingerprint = 'bulk-' || (1 + (g * 7919) %% %s))
    p ON true
"""


def run_queries(cluster: PgCluster, db: str, events: int, patterns: int = 2000) -> dict:
    from datetime import date, timedelta

    admin = create_engine(cluster.admin_url(db))
    days = 10
    first_day = date.today() - timedelta(days=days - 1)
    started = time.perf_counter()
    with admin.begin() as conn:
        conn.exec_driver_sql("SELECT stacklens_ensure_partitions(%s, %s)", (first_day, days + 3))
        conn.exec_driver_sql(BULK.format(patterns=patterns))
        conn.exec_driver_sql(
            "INSERT INTO source (host, path) VALUES ('till-bulk', '/bulk') ON CONFLICT DO NOTHING")
        source_id = conn.exec_driver_sql("SELECT id FROM source WHERE path = '/bulk'").scalar()
        conn.exec_driver_sql(
            "INSERT INTO pattern_host (pattern_id, host, count, last_seen) "
            "SELECT p.id, 'till-' || lpad(h::text, 3, '0'), 100, p.last_seen FROM pattern p, "
            "generate_series(0, 49) h WHERE p.fingerprint LIKE 'bulk-%%' ON CONFLICT DO NOTHING")
    per_day = events // days
    for d in range(days):
        with admin.begin() as conn:
            conn.exec_driver_sql(BULK_EVENTS, (first_day + timedelta(days=d), source_id,
                                               d * per_day + 1, (d + 1) * per_day, patterns))
        print(f"  loaded day {d + 1}/{days} ({(d + 1) * per_day:,} events, "
              f"{time.perf_counter() - started:.0f} s)", flush=True)
    with admin.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
        total = conn.exec_driver_sql("SELECT count(*) FROM event").scalar()
        size = conn.exec_driver_sql("SELECT pg_size_pretty(pg_database_size(current_database()))"
                                    ).scalar()
        schema.add_desktop(conn, "desk_bench", "bench-desk")
        some = conn.exec_driver_sql(
            "SELECT id FROM pattern WHERE fingerprint LIKE 'bulk-%%' ORDER BY id "
            "LIMIT 5 OFFSET 100").scalars().all()
    load_s = time.perf_counter() - started
    admin.dispose()
    desk = make_team_engine(parse_address(cluster.tcp_url("desk_bench", db)), "bench-desk")
    timings: dict[str, list[float]] = {"list": [], "list_host": [], "detail": []}
    with desk.connect() as conn:
        fleet.patterns(conn)
        fleet.pattern_detail(conn, some[0])
        for pattern_id in some:
            for name, call in (("list", lambda: fleet.patterns(conn)),
                               ("list_host", lambda: fleet.patterns(conn, host="till-007")),
                               ("detail", lambda pid=pattern_id: fleet.pattern_detail(conn, pid))):
                t = time.perf_counter()
                call()
                timings[name].append((time.perf_counter() - t) * 1000)
    passes = run_passes(cluster, db, desk, some)
    desk.dispose()
    return {"events_in_store": total, "database_size": size, "load_s": load_s,
            **{f"{k}_median_ms": statistics.median(v) for k, v in timings.items()},
            **{f"{k}_max_ms": max(v) for k, v in timings.items()}, **passes}


def run_passes(cluster: PgCluster, db: str, desk: Engine, some: list[int]) -> dict:
    """The Jira automation pass as the desktop role: the first (every pattern unjudged),
    one after a host's counts of five patterns changed, and one with nothing new."""
    from stacklens_desktop.jira.policy import AutomationConfig
    from stacklens_desktop.jira.stamps import utcnow
    from stacklens_desktop.store.executor import write
    from stacklens_desktop.team.automation_pass import run_pass
    from stacklens_desktop.team.fleet_merge import FleetMerger

    merger = FleetMerger()  # the holder's fleet merge runs first in each pass

    def timed() -> tuple[float, int]:
        t = time.perf_counter()
        report = write(desk, lambda conn: run_pass(conn, AutomationConfig(), utcnow(),
                                                   merger=merger))
        return (time.perf_counter() - t) * 1000, len(report.judged)

    first_ms, first_judged = timed()
    # the bench's bulk templates differ only in a number, which the miner masks: the fleet
    # merge sees one fault in all 2,000 and folds them, MAX_FOLDED_PER_PASS a pass
    backlog = [timed()[0] for _ in range(1000) if merger.behind]
    admin = create_engine(cluster.admin_url(db))
    with admin.begin() as conn:
        conn.exec_driver_sql("UPDATE pattern_host SET count = count + 1 WHERE host = 'till-007' "
                             "AND pattern_id = ANY(%s)", (list(some),))
    admin.dispose()
    changed_ms, changed_judged = timed()
    idle_ms, _ = timed()
    return {"pass_first_ms": first_ms, "pass_first_judged": first_judged,
            "fold_backlog_passes": len(backlog),
            "fold_backlog_max_ms": max(backlog, default=0.0),
            "fold_backlog_total_s": sum(backlog) / 1000,
            "pass_changed_ms": changed_ms, "pass_changed_judged": changed_judged,
            "pass_idle_ms": idle_ms}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--worker", type=Path)
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--processes", type=int, default=5)
    parser.add_argument("--events", type=int, default=2_000_000)
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return 0
    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL is not installed (apt-get install postgresql)")
        return 1
    cluster = PgCluster(bindir)
    cluster.start()
    try:
        with tempfile.TemporaryDirectory(prefix="stacklens-bench-team-") as tmp:
            results: dict = {"load_average_before": os.getloadavg()}
            if not args.skip_ingest:
                cluster.create_database("ingest")
                admin = create_engine(cluster.admin_url("ingest"))
                with admin.begin() as conn:
                    schema.install(conn)
                admin.dispose()
                results["ingest"] = run_ingest(cluster, "ingest", args.agents, args.seconds,
                                               args.processes, Path(tmp))
                print(json.dumps(results["ingest"], indent=2), flush=True)
            if args.events:
                cluster.create_database("big")
                admin = create_engine(cluster.admin_url("big"))
                with admin.begin() as conn:
                    schema.install(conn)
                admin.dispose()
                results["queries"] = run_queries(cluster, "big", args.events)
            results["load_average_after"] = os.getloadavg()
            print(json.dumps(results, indent=2))
    finally:
        cluster.destroy()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
