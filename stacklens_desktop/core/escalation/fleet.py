"""Fleet spread (team mode): a pattern seen on several hosts of the team store is worse than
the same pattern on one till, so its spread raises its severity one step.

The hosts come from the team store's per-host counts (``pattern_host``); the agents keep the
per-record activity on their host, so this is the fleet's escalation rule, judged by the
automation holder in its pass. Like the local spread rule (:mod:`.assess`) it applies from
medium up (a deprecation warning on every till stays low). Only hosts that saw it within
:data:`SPREAD_WINDOW` of its last occurrence count (log time): a fault on three tills at
once is spread; the same line once a week on three tills in turn is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from stacklens_desktop.core.escalation.assess import SEVERITIES, Escalation

#: Hosts a pattern must be seen on to count as spread across the fleet.
FLEET_SPREAD_HOSTS = 3
#: Hosts count toward the spread when they saw the pattern this close to its last occurrence.
SPREAD_WINDOW = timedelta(hours=1)
#: Hosts named in the reason (the busiest first); the rest are counted.
NAMED_HOSTS = 3
_FROM = SEVERITIES.index("medium")


def fleet_spread(text_severity: str, hosts: Sequence[str],
                 min_hosts: int = FLEET_SPREAD_HOSTS,
                 last_seen: Sequence[datetime | None] | None = None,
                 window: timedelta = SPREAD_WINDOW) -> Escalation:
    """The escalation of a pattern seen on ``hosts`` (busiest first): one step above
    ``text_severity`` when they are at least ``min_hosts``; none otherwise, or when the
    severity is below medium or already critical. ``last_seen`` (one per host, None: not
    known): hosts whose last occurrence is more than ``window`` before the newest one do
    not count."""
    distinct = list(dict.fromkeys(recent(hosts, last_seen, window)))
    rank = SEVERITIES.index(text_severity) if text_severity in SEVERITIES else 0
    if len(distinct) < max(1, min_hosts) or rank < _FROM or rank + 1 >= len(SEVERITIES):
        return Escalation(None, None)
    return Escalation(SEVERITIES[rank + 1], f"spread across the fleet: {where(distinct)}")


def recent(hosts: Sequence[str], last_seen: Sequence[datetime | None] | None,
           window: timedelta) -> list[str]:
    """The hosts that saw it within ``window`` of its newest occurrence (a host whose time
    is not known counts)."""
    if not last_seen:
        return list(hosts)
    known = [t for t in last_seen if t is not None]
    if not known:
        return list(hosts)
    cutoff = max(known) - window
    return [h for h, t in zip(hosts, last_seen, strict=True) if t is None or t >= cutoff]


def where(hosts: Sequence[str]) -> str:
    """``seen on 4 hosts: a, b, c and 1 more``."""
    named = ", ".join(hosts[:NAMED_HOSTS])
    rest = len(hosts) - NAMED_HOSTS
    tail = f" and {rest:,} more" if rest > 0 else ""
    return f"seen on {len(hosts):,} hosts: {named}{tail}"
