"""Live updates through LISTEN/NOTIFY and the one Jira automation holder per team."""

from __future__ import annotations

import subprocess
import sys
import time

from stacklens_desktop.store.team import schema
from stacklens_desktop.store.team.engine import make_team_engine, parse_address
from stacklens_desktop.store.team.ingest import apply_shipment
from stacklens_desktop.store.team.lease import AutomationLease, holder_pid
from stacklens_desktop.store.team.notify import Listener
from stacklens_desktop.store.team.triage import set_status
from tests.team.conftest import TeamDb
from tests.team.test_team_schema import shipment


def test_triage_on_one_desktop_is_seen_by_another_within_a_second(team_db: TeamDb) -> None:
    with team_db.admin.begin() as conn:
        schema.add_desktop(conn, "desk_one", "pw1")
        schema.add_desktop(conn, "desk_two", "pw2")
        apply_shipment(conn, shipment("till-1", 0, 100, 2))
        pattern_id = conn.exec_driver_sql("SELECT id FROM pattern").scalar_one()
    listener = Listener(team_db.url("desk_two"), password="pw2")
    one = make_team_engine(parse_address(team_db.url("desk_one")), "pw1")
    try:
        started = time.monotonic()
        with one.begin() as conn:
            set_status(conn, pattern_id, "muted", muted_until="2099-01-01T00:00:00.000Z")
        messages = listener.wait(timeout=1.0)
        elapsed = time.monotonic() - started
    finally:
        one.dispose()
        listener.close()
    assert elapsed < 1.0
    assert messages and messages[0]["kind"] == "triage"
    assert (messages[0]["pattern"], messages[0]["status"], messages[0]["by"]) == (
        pattern_id, "muted", "desk_one")


def test_a_rolled_back_change_announces_nothing(team_db: TeamDb) -> None:
    listener = Listener(team_db.cluster.admin_dsn(team_db.name))
    try:
        with team_db.admin.connect() as conn:
            apply_shipment(conn, shipment("till-1", 0, 100, 2))
            conn.rollback()
        assert listener.wait(timeout=0.3) == []
        with team_db.admin.begin() as conn:
            apply_shipment(conn, shipment("till-1", 0, 100, 2))
        assert listener.wait(timeout=1.0)[0]["host"] == "till-1"
    finally:
        listener.close()


def test_one_automation_holder_and_takeover_when_it_dies(team_db: TeamDb) -> None:
    first, second = AutomationLease(team_db.admin), AutomationLease(team_db.admin)
    assert first.try_acquire() is True
    assert second.try_acquire() is False
    assert first.try_acquire() is True  # still the holder
    with team_db.admin.connect() as conn:  # the holder's session dies (crash, network)
        conn.exec_driver_sql("SELECT pg_terminate_backend(%s)", (holder_pid(conn),))
    assert second.try_acquire() is True  # taken over
    assert first.try_acquire() is False  # the old holder notices it lost the role
    second.release()
    assert first.try_acquire() is True
    first.release()


HOLDER = """
import sys, time
from sqlalchemy import create_engine
from stacklens_desktop.store.team.lease import AutomationLease
lease = AutomationLease(create_engine(sys.argv[1]))
print("held" if lease.try_acquire() else "refused", flush=True)
time.sleep(600)
"""


def test_holder_process_killed_hands_the_role_over(team_db: TeamDb) -> None:
    url = team_db.cluster.admin_url(team_db.name)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, url], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        contender = AutomationLease(team_db.admin)
        assert contender.try_acquire() is False
        holder.kill()
        holder.wait()
        deadline = time.monotonic() + 10
        while not contender.try_acquire():  # the server notices the closed socket
            assert time.monotonic() < deadline, "the role was not freed"
            time.sleep(0.05)
        contender.release()
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.wait()
        if holder.stdout:
            holder.stdout.close()
