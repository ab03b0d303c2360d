"""Fleet spread (team mode): a pattern seen on enough hosts rises one step, with a reason."""

from __future__ import annotations

from stacklens_desktop.core.escalation.assess import Escalation
from stacklens_desktop.core.escalation.fleet import fleet_spread

HOSTS = ("store-1-till-1", "store-2-till-1", "store-3-till-1", "store-4-till-2")


def test_three_hosts_raise_high_to_critical_naming_them() -> None:
    assert fleet_spread("high", HOSTS[:3]) == Escalation(
        "critical", "spread across the fleet: seen on 3 hosts: store-1-till-1, "
        "store-2-till-1, store-3-till-1")


def test_more_hosts_than_named_are_counted() -> None:
    verdict = fleet_spread("medium", HOSTS)
    assert verdict.severity == "high"
    assert verdict.reason is not None and verdict.reason.endswith(
        "seen on 4 hosts: store-1-till-1, store-2-till-1, store-3-till-1 and 1 more")


def test_below_the_threshold_nothing() -> None:
    assert fleet_spread("high", HOSTS[:2]) == Escalation(None, None)
    assert fleet_spread("high", [HOSTS[0]] * 5) == Escalation(None, None)  # one host, repeated


def test_low_stays_low_and_critical_has_nowhere_to_go() -> None:
    assert fleet_spread("low", HOSTS) == Escalation(None, None)
    assert fleet_spread("critical", HOSTS) == Escalation(None, None)


def test_the_threshold_is_a_parameter() -> None:
    assert fleet_spread("medium", HOSTS[:2], min_hosts=2).severity == "high"
    assert fleet_spread("medium", HOSTS[:3], min_hosts=5).severity is None


def test_only_hosts_near_the_last_occurrence_count() -> None:
    from datetime import datetime, timedelta

    last = datetime(2026, 12, 6, 10, 0)
    at_once = [last, last - timedelta(minutes=20), last - timedelta(minutes=59)]
    assert fleet_spread("high", HOSTS[:3], last_seen=at_once).severity == "critical"
    weeks = [last, last - timedelta(days=7), last - timedelta(days=14)]
    assert fleet_spread("high", HOSTS[:3], last_seen=weeks) == Escalation(None, None)
    unknown = [last, None, None]  # hosts without a log time count
    assert fleet_spread("high", HOSTS[:3], last_seen=unknown).severity == "critical"
