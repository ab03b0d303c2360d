"""Escalation on simulated streams: how soon a spike is flagged, and how often steady or
random trickles are flagged by mistake, beside two baselines.

Run: ``.venv/bin/python -m tests.bench.bench_escalation``. Streams are record times fed in
5-second batches to one pattern's behaviour (``core.escalation``), in log time. Baselines in
the same run: a fixed rate threshold (>= 10 records in the last minute, no baseline) and an
hourly comparison in the manner of Sentry's escalating issues (the last hour's count above
both 10x the mean hourly count so far and 10 records; checked once per batch).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from stacklens_desktop.core.escalation import Activity, Behaviour, assess, note
from stacklens_desktop.core.escalation.activity import bucket_epoch
from stacklens_desktop.core.record import Record

T0 = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
BATCH_S = 5.0
RECORD = Record(text="x", message="x", level="WARN")
Detector = Callable[[list[float], float], bool]  # (times so far, now) -> flagged


def iso(seconds: float) -> str:
    return (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def ours() -> Callable[[list[float], float], bool]:
    behaviour, fed = Behaviour(), [0]

    def detect(times: list[float], now: float) -> bool:
        activity = Activity()
        for t in times[fed[0]:]:
            note(activity, RECORD, iso(t))
        fed[0] = len(times)
        behaviour.add(activity, "1")
        at = bucket_epoch(iso(now - 0.001))
        assert at is not None
        return assess(behaviour, at, "medium", "database").severity is not None

    return detect


def fixed_threshold() -> Detector:
    return lambda times, now: sum(1 for t in times if now - 60 < t <= now) >= 10


def hourly() -> Detector:
    def detect(times: list[float], now: float) -> bool:
        hours = max(1.0, now / 3600)
        last_hour = sum(1 for t in times if now - 3600 < t <= now)
        return last_hour >= max(10, 10 * len(times) / hours) and now >= 3600
    return detect


def run(detector: Detector, times: list[float], until: float) -> list[float]:
    """Batch end times at which the detector flagged."""
    times = sorted(times)
    flagged, seen, i, edge = [], [], 0, BATCH_S
    while edge <= until:
        while i < len(times) and times[i] < edge:
            seen.append(times[i])
            i += 1
        if detector(seen, edge):
            flagged.append(edge)
        edge += BATCH_S
    return flagged


def every(period: float, start: float, end: float) -> list[float]:
    return [start + k * period for k in range(int((end - start) / period))]


def poisson(rate_per_min: float, end: float, seed: int) -> list[float]:
    rng, t, out = random.Random(seed), 0.0, []
    while t < end:
        t += rng.expovariate(rate_per_min / 60)
        out.append(t)
    return out


DETECTORS: dict[str, Callable[[], Detector]] = {
    "stacklens (baseline x5, 1 min)": ours,
    "fixed >= 10/min": fixed_threshold,
    "hourly x10 (Sentry-like)": hourly,
}


def main() -> int:
    print("== spike after 2 h at the base rate: seconds until flagged (- : never)")
    print(f"{'detector':34s} " + " ".join(f"{b:>4g}->{s:<4g}/min" for b, s in
                                         ((0.5, 14), (2, 30), (20, 200), (60, 600))))
    for name, make in DETECTORS.items():
        cells = []
        for base, spike in ((0.5, 14), (2, 30), (20, 200), (60, 600)):
            times = every(60 / base, 0, 7200) + every(60 / spike, 7200, 7800)
            hits = [t for t in run(make(), times, 7800) if t > 7200]
            cells.append(f"{hits[0] - 7200:>12.0f}" if hits else f"{'-':>12s}")
        print(f"{name:34s} " + " ".join(cells))
    print("\n== no spike: share of 5-s checks flagged over 6 h (steady and Poisson trickles)")
    print(f"{'detector':34s} " + " ".join(f"{r:>10g}/min" for r in (0.5, 2, 20, 60)))
    for name, make in DETECTORS.items():
        cells = []
        for rate in (0.5, 2, 20, 60):
            flagged = checks = 0
            for times in (every(60 / rate, 0, 21600), poisson(rate, 21600, 1),
                          poisson(rate, 21600, 2)):
                flagged += len(run(make(), times, 21600))
                checks += int(21600 / BATCH_S)
            cells.append(f"{flagged / checks:>13.2%}")
        print(f"{name:34s} " + " ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
