"""Helpers of the agent tests: POS-like log lines with a known number of errors, an agent
configuration on a test store, and the store's view of what arrived."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from stacklens_desktop.store.team import schema
from tests.team.conftest import TeamDb

SECRET = "sk_live_abcdef1234567890"


def pos_lines(start: int, count: int, till: str = "till-1") -> tuple[str, int]:
    """``count`` lines numbered from ``start``; every fourth is an error (returned count)."""
    out: list[str] = []
    errors = 0
    for i in range(start, start + count):
        if i % 4 == 0:
            errors += 1
            out.append(f"2026-12-06 10:{i // 60 % 60:02d}:{i % 60:02d}.123 ERROR [{till}] "
                       f"PaymentService - card declined for order {i} token={SECRET}\n")
        else:
            out.append(f"2026-12-06 10:{i // 60 % 60:02d}:{i % 60:02d}.123 INFO [{till}] "
                       f"Basket - item {i} scanned\n")
    return "".join(out), errors


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()


@dataclass
class AgentSetup:
    host: str
    role: str
    password: str
    config_path: Path
    log_path: Path
    spool_path: Path
    status_path: Path

    def status(self) -> dict:
        return json.loads(self.status_path.read_text(encoding="utf-8"))


def agent_setup(db: TeamDb, tmp: Path, host: str = "till-1", spool_max_mb: float = 64,
                poll_seconds: float = 0.05) -> AgentSetup:
    role = "agent_" + host.replace("-", "_")
    with db.admin.begin() as conn:
        schema.add_agent(conn, role, "agent-secret", host)
    tmp.mkdir(parents=True, exist_ok=True)
    log_path = tmp / f"{host}.log"
    log_path.touch()
    spool = tmp / f"{host}-spool.db"
    status = tmp / f"{host}-status.json"
    config = tmp / f"{host}.json"
    config.write_text(json.dumps({
        "host": host, "store": db.url(role), "sources": [str(tmp / f"{host}*.log")],
        "spool": str(spool), "spool_max_mb": spool_max_mb, "poll_seconds": poll_seconds,
        "status_file": str(status)}), encoding="utf-8")
    return AgentSetup(host, role, "agent-secret", config, log_path, spool, status)


def stored_events(admin: Engine, host: str) -> tuple[int, int, int]:
    """(events, distinct offsets, stored source offset) of ``host``."""
    with admin.connect() as conn:
        total, distinct = conn.exec_driver_sql(
            'SELECT count(*), count(DISTINCT "offset") FROM event WHERE host = %s',
            (host,)).one()
        offset = conn.exec_driver_sql(
            'SELECT COALESCE(max("offset"), 0) FROM source WHERE host = %s', (host,)).scalar()
    return int(total), int(distinct), int(offset or 0)
