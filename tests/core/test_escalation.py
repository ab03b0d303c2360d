"""Escalation rules on simulated streams of records (log time, batches every few seconds)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from stacklens_desktop.core.escalation import Activity, Behaviour, assess, note, raised
from stacklens_desktop.core.escalation.activity import bucket_epoch
from stacklens_desktop.core.record import Record

T0 = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)


def iso(seconds: float) -> str:
    return (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def record(level: str = "ERROR", **fields: object) -> Record:
    return Record(text="x", message="x", level=level, fields=dict(fields))


class Stream:
    """Feeds record times to one pattern's behaviour in batches of ``batch_s`` seconds."""

    def __init__(self, severity: str = "high", error_type: str = "database",
                 batch_s: float = 5.0) -> None:
        self.behaviour = Behaviour()
        self.severity, self.error_type, self.batch_s = severity, error_type, batch_s
        self.verdicts: list[tuple[float, str | None, str | None]] = []

    def run(self, times: list[float], until: float, make=lambda t: record()) -> None:
        times = sorted(times)
        start = self.verdicts[-1][0] if self.verdicts else 0.0
        edge, i = start + self.batch_s, 0
        while i < len(times) and times[i] < start:
            i += 1
        while edge <= until:
            activity = Activity()
            while i < len(times) and times[i] < edge:
                note(activity, make(times[i]), iso(times[i]))
                i += 1
            self.behaviour.add(activity, "1")
            now = bucket_epoch(iso(edge - 0.001))
            assert now is not None
            verdict = assess(self.behaviour, now, self.severity, self.error_type)
            self.verdicts.append((edge, verdict.severity, verdict.reason))
            edge += self.batch_s

    def first_escalation(self, after: float = 0.0) -> tuple[float, str | None, str | None]:
        return next(v for v in self.verdicts if v[0] > after and v[1] is not None)

    def escalated(self, after: float = 0.0) -> bool:
        return any(v[1] for v in self.verdicts if v[0] > after)


def every(period: float, start: float, end: float) -> list[float]:
    n = int((end - start) / period)
    return [start + k * period for k in range(n)]


def test_a_spike_is_flagged_within_a_minute() -> None:
    stream = Stream(severity="high")
    trickle = every(120.0, 0.0, 1800.0)  # 0.5/min for 30 min
    spike = every(60 / 14, 1800.0, 2100.0)  # then 14/min
    stream.run(trickle + spike, until=2100.0)
    assert stream.first_escalation()[0] > 1800  # the trickle itself was not
    when, severity, reason = stream.first_escalation()
    assert when - 1800 <= 60, f"flagged {when - 1800:.0f} s after the spike began"
    assert severity == "critical"
    assert reason is not None and "/min vs 0.5/min baseline" in reason


def test_a_steady_trickle_is_never_flagged() -> None:
    for rate_per_min in (0.5, 2.0, 6.0, 60.0):
        stream = Stream(severity="high")
        stream.run(every(60 / rate_per_min, 0.0, 7200.0), until=7200.0)
        assert not stream.escalated(), rate_per_min


def test_a_random_trickle_is_not_flagged() -> None:
    for seed in range(10):  # 20 hours of a Poisson trickle, chance clusters included
        rng = random.Random(seed)
        times, t = [], 0.0
        while t < 7200:
            t += rng.expovariate(2 / 60)  # 2 per minute on average
            times.append(t)
        stream = Stream(severity="medium")
        stream.run(times, until=7200.0)
        assert not stream.escalated(), seed


def test_a_young_pattern_at_a_high_rate_is_no_spike() -> None:
    stream = Stream(severity="medium")
    stream.run(every(1.0, 0.0, 600.0), until=600.0)  # 60/min from its first second
    assert not stream.escalated()


def test_the_spike_falls_back_when_it_stops() -> None:
    stream = Stream(severity="medium")
    times = every(120.0, 0.0, 1800.0) + every(3.0, 1800.0, 2000.0)
    stream.run(times, until=2400.0)
    assert stream.first_escalation()[1] == "high"
    assert stream.verdicts[-1][1] is None  # quiet for 400 s: back at its text severity


def test_a_low_pattern_spikes_to_medium_only() -> None:
    stream = Stream(severity="low")
    stream.run(every(120.0, 0.0, 1800.0) + every(2.0, 1800.0, 1900.0), until=1900.0)
    assert stream.first_escalation()[1] == "medium"


def test_spread_across_tills_raises_a_medium_pattern() -> None:
    tills = ["POS-01", "POS-02", "POS-03"]
    times = every(20.0, 0.0, 300.0)

    def at_till(t: float) -> Record:
        return record("WARN", terminalId=tills[int(t / 20) % 3])

    medium = Stream(severity="medium")
    medium.run(times, until=300.0, make=at_till)
    _, severity, reason = medium.first_escalation()
    assert severity == "high" and reason == "spreading: 3 hosts/tills in 10 min"
    low = Stream(severity="low")
    low.run(times, until=300.0, make=at_till)
    assert not low.escalated()


def test_a_spike_that_goes_on_raises_a_medium_pattern_again() -> None:
    stream = Stream(severity="medium")
    stream.run(every(120.0, 0.0, 1800.0) + every(3.0, 1800.0, 3000.0), until=3000.0)
    assert stream.first_escalation()[1] == "high"
    when, severity, reason = next(v for v in stream.verdicts if v[1] == "critical")
    assert 2700 <= when <= 2700 + 65  # the spike began within a minute after 1800
    assert reason is not None and "ongoing: still escalating after 15 min" in reason


def test_a_medium_trickle_that_goes_on_for_hours_stays_medium() -> None:
    stream = Stream(severity="medium")
    stream.run(every(20.0, 0.0, 3 * 3600.0), until=3 * 3600.0)
    assert not stream.escalated()


def test_orders_failing_is_critical_unless_one_device() -> None:
    def failing(t: float) -> Record:
        return record("ERROR", orderId=f"ORD-{int(t)}", terminalId="POS-01")

    times = every(40.0, 0.0, 400.0)
    checkout = Stream(severity="high", error_type="configuration")
    checkout.run(times, until=400.0, make=failing)
    when, severity, reason = checkout.first_escalation()
    assert severity == "critical" and reason == "orders failing: 5 in 10 min"
    assert when <= 5 * 40 + 5
    printer = Stream(severity="high", error_type="hardware_device")
    printer.run(times, until=400.0, make=failing)
    assert not printer.escalated()
    warnings = Stream(severity="low", error_type="not_found")
    warnings.run(times, until=400.0, make=lambda t: record("WARN", orderId=f"O{t}"))
    assert not warnings.escalated()


def test_escalation_never_lowers_the_text_severity() -> None:
    assert raised("critical", "high") == "critical"
    assert raised("low", "medium") == "medium"
    assert raised("high", None) == "high"
    stream = Stream(severity="critical")  # e.g. a user's correction
    stream.run(every(120.0, 0.0, 1800.0) + every(2.0, 1800.0, 1900.0), until=1900.0)
    assert not stream.escalated()  # nothing above critical: no escalation to show


def test_behaviour_survives_storage_and_damage() -> None:
    stream = Stream()
    stream.run(every(10.0, 0.0, 900.0), until=900.0)
    text = stream.behaviour.to_json()
    again = Behaviour.from_json(text)
    assert again == stream.behaviour
    assert again.baseline_per_min() == stream.behaviour.baseline_per_min() > 5.5
    assert Behaviour.from_json("{not json") == Behaviour()
    assert Behaviour.from_json(None) == Behaviour()


def test_times_without_a_date_are_not_counted() -> None:
    assert bucket_epoch("10:00:00.123") is None
    assert bucket_epoch("Dec  6 10:00:00 host") is None
    assert bucket_epoch("2026-12-06T10:00:07.5Z") == bucket_epoch("2026-12-06T10:00:00Z")
