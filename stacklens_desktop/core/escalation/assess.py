"""The escalation rules: how far a pattern's behaviour raises it above its text severity.

Each rule that holds now raises the severity one step (orders failing: straight to
critical); when none holds, the pattern is back at its text severity. The text severity is
the stored one, which carries a user's correction: escalation only ever adds to it.

- **spike**: records in the last minute at least ``SPIKE_FACTOR`` times the pattern's own
  baseline rate, at least ``SPIKE_MIN``, and above a busy trickle's chance clusters (after
  ``MIN_HISTORY_S`` of history, so that a pattern's first minutes are not a spike against
  nothing); it lasts until the rate falls under half that threshold.
- **spread**: seen from ``SPREAD_PLACES`` or more hosts/tills, or files, in ``SPREAD_S``.
- **duration**: the spike is still going after ``DURATION_S`` (a pattern's steady rate is
  its normal, however long it lasts: only an abnormal rate that goes on is news).
- **orders failing**: ``ORDERS_FAILING`` or more records at ERROR or worse naming an order
  within ``ORDERS_S`` — the POS's checkout failures — unless the fault is one device's
  (a printer offline at a till: the sale stands).

Spread applies from medium up (a deprecation warning on every till stays low); duration to
medium only (a medium fault is one that should recover: still spiking, it has not; a high
one already will not fix itself, and lasting does not widen it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from stacklens_desktop.core.escalation.behaviour import Behaviour

SEVERITIES = ("low", "medium", "high", "critical")
_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
WINDOW_S = 60
MIN_HISTORY_S = 5 * 60
SPIKE_FACTOR = 5.0
SPIKE_MIN = 10
SPREAD_PLACES = 3
SPREAD_S = 10 * 60
DURATION_S = 15 * 60
ORDERS_FAILING = 5
ORDERS_S = 10 * 60
#: Types whose order failures are one device's, not the checkout's.
DEVICE_TYPES = frozenset({"hardware_device"})


@dataclass(frozen=True)
class Escalation:
    """``severity`` is None when the pattern is at its text severity; ``reason`` says why."""

    severity: str | None
    reason: str | None


def raised(text_severity: str, escalation: str | None) -> str:
    """The severity that counts: the higher of the two."""
    if escalation is None:
        return text_severity
    return max(text_severity, escalation, key=lambda s: _RANK.get(s, 0))


def assess(behaviour: Behaviour, now: int, text_severity: str, error_type: str) -> Escalation:
    """Judge ``behaviour`` at ``now`` (epoch seconds, log time); updates its baseline and
    spike state and drops buckets it no longer needs."""
    window_start = now - WINDOW_S
    behaviour.fold(window_start + 10)
    reasons: list[str] = []
    steps = 0
    if _spiking(behaviour, now):
        steps += 1
        reasons.append(f"escalating: {behaviour.count_since(window_start)}/min vs "
                       f"{behaviour.baseline_per_min():.2g}/min baseline")
    base = _RANK.get(text_severity, 0)
    if base >= _RANK["medium"]:
        steps, reasons = _spread(behaviour, now, steps, reasons)
    if base == _RANK["medium"]:
        steps, reasons = _duration(behaviour, now, steps, reasons)
    orders = behaviour.count_since(now - ORDERS_S, orders=True)
    ordered = orders >= ORDERS_FAILING and error_type not in DEVICE_TYPES
    if ordered:
        reasons.append(f"orders failing: {orders} in {ORDERS_S // 60} min")
    behaviour.prune(now)
    level = _RANK["critical"] if ordered else min(base + steps, _RANK["critical"])
    if level <= base:
        return Escalation(None, None)
    return Escalation(SEVERITIES[level], "; ".join(reasons))


def _spiking(behaviour: Behaviour, now: int) -> bool:
    current = behaviour.count_since(now - WINDOW_S)
    baseline = behaviour.baseline_per_min()
    # the last term keeps a busy random trickle's chance clusters under it (Poisson tail)
    threshold = max(SPIKE_MIN, SPIKE_FACTOR * baseline, baseline + 3 + 5 * math.sqrt(baseline))
    if behaviour.spiking:
        behaviour.spiking = current >= threshold / 2
    else:
        old_enough = behaviour.first is not None and now - behaviour.first >= MIN_HISTORY_S
        behaviour.spiking = old_enough and current >= threshold
        behaviour.spike_start = now if behaviour.spiking else None
    return behaviour.spiking


def _spread(behaviour: Behaviour, now: int, steps: int,
            reasons: list[str]) -> tuple[int, list[str]]:
    hosts = sum(1 for p, t in behaviour.places.items() if p[0] == "h" and t > now - SPREAD_S)
    files = sum(1 for p, t in behaviour.places.items() if p[0] == "s" and t > now - SPREAD_S)
    if max(hosts, files) >= SPREAD_PLACES:
        steps += 1
        where = f"{hosts} hosts/tills" if hosts >= files else f"{files} files"
        reasons.append(f"spreading: {where} in {SPREAD_S // 60} min")
    return steps, reasons


def _duration(behaviour: Behaviour, now: int, steps: int,
              reasons: list[str]) -> tuple[int, list[str]]:
    start = behaviour.spike_start
    if behaviour.spiking and start is not None and now - start >= DURATION_S:
        steps += 1
        reasons.append(f"ongoing: still escalating after {(now - start) // 60} min")
    return steps, reasons
