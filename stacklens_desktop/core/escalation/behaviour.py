"""What the store keeps per pattern between batches to judge its behaviour (JSON text in the
pattern row): the recent 10-second buckets, the baseline rate and the current run.

The baseline is an exponentially weighted mean of records per bucket, with the empty buckets
counted (a pattern seen once an hour has a baseline near zero). ``weighted_sum`` and
``weight`` are kept apart so that a young pattern's mean is not biased towards zero. Buckets
join the baseline once they leave the current one-minute window, and not while the pattern is
spiking: a burst does not teach the baseline that bursts are normal.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from stacklens_desktop.core.escalation.activity import BUCKET_S, Activity, bucket_epoch

#: The baseline's memory (time constant of the weighting).
BASELINE_TAU_S = 3600
#: Buckets kept after they joined the baseline (spread, orders and duration look back this far).
KEEP_S = 15 * 60
#: A pause this long ends a run of activity.
GAP_S = 5 * 60
_DECAY = math.exp(-BUCKET_S / BASELINE_TAU_S)


@dataclass
class Behaviour:
    buckets: dict[int, int] = field(default_factory=dict)  # bucket start (epoch s) -> records
    orders: dict[int, int] = field(default_factory=dict)  # bucket start -> failing orders
    places: dict[str, int] = field(default_factory=dict)  # "h:host" / "s:source" -> newest
    weighted_sum: float = 0.0
    weight: float = 0.0
    folded_to: int | None = None  # newest bucket start in the baseline
    first: int | None = None
    last: int | None = None
    run_start: int | None = None
    spiking: bool = False
    spike_start: int | None = None

    # -- baseline ------------------------------------------------------------------------
    def baseline_per_min(self) -> float:
        if self.weight <= 0:
            return 0.0
        return self.weighted_sum / self.weight * (60 / BUCKET_S)

    def fold(self, cutoff: int) -> None:
        """Move the buckets that start before ``cutoff`` (the current window's first bucket)
        into the baseline; while spiking they are left out of it."""
        if self.first is None:
            return
        start = self.folded_to if self.folded_to is not None else self.first - BUCKET_S
        last = cutoff - BUCKET_S
        if last <= start:
            return
        if not self.spiking:
            prev = start
            for when in sorted(t for t in self.buckets if start < t <= last):
                self._decay((when - prev) // BUCKET_S - 1)
                self._add(self.buckets[when])
                prev = when
            self._decay((last - prev) // BUCKET_S)
        self.folded_to = last

    def _decay(self, empty_buckets: int) -> None:
        if empty_buckets <= 0:
            return
        factor = _DECAY**empty_buckets
        self.weighted_sum *= factor
        self.weight = self.weight * factor + (1 - factor) / (1 - _DECAY)

    def _add(self, count: int) -> None:
        self.weighted_sum = self.weighted_sum * _DECAY + count
        self.weight = self.weight * _DECAY + 1

    # -- new activity --------------------------------------------------------------------
    def add(self, activity: Activity, source: str | None) -> None:
        """Take in one batch's activity (``source``: the file it was read from)."""
        epochs: dict[str, int] = {}
        for key, count in activity.buckets.items():
            when = bucket_epoch(key)
            if when is None:
                continue
            epochs[key] = when
            self.buckets[when] = self.buckets.get(when, 0) + count
        for key, count in activity.orders.items():
            if key in epochs:
                self.orders[epochs[key]] = self.orders.get(epochs[key], 0) + count
        for place, key in activity.places.items():
            if key in epochs:
                self.places[place] = max(self.places.get(place, 0), epochs[key])
        for when in sorted(set(epochs.values())):
            self._extend_run(when)
        if source is not None and self.last is not None:
            self.places["s:" + source] = self.last

    def _extend_run(self, when: int) -> None:
        if self.first is None or when < self.first:
            self.first = when
        if self.last is None or when - self.last > GAP_S:
            self.run_start = when
        if self.last is None or when > self.last:
            self.last = when

    def prune(self, now: int) -> None:
        oldest = now - KEEP_S
        self.buckets = {t: n for t, n in self.buckets.items() if t > oldest}
        self.orders = {t: n for t, n in self.orders.items() if t > oldest}
        self.places = {p: t for p, t in self.places.items() if t > oldest}

    def count_since(self, since: int, orders: bool = False) -> int:
        source = self.orders if orders else self.buckets
        return sum(n for t, n in source.items() if t > since)

    # -- storage -------------------------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps({
            "b": [[t, n] for t, n in sorted(self.buckets.items())],
            "o": [[t, n] for t, n in sorted(self.orders.items())],
            "p": self.places, "s": self.weighted_sum, "w": self.weight,
            "f": self.folded_to, "first": self.first, "last": self.last,
            "run": self.run_start, "spike": self.spiking,
            "spike_start": self.spike_start,
        }, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | None) -> Behaviour:
        """A damaged or empty value starts afresh (it is derived state, never user data)."""
        try:
            data = json.loads(text or "{}")
            return cls(
                buckets={int(t): int(n) for t, n in data.get("b", [])},
                orders={int(t): int(n) for t, n in data.get("o", [])},
                places={str(p): int(t) for p, t in data.get("p", {}).items()},
                weighted_sum=float(data.get("s", 0.0)), weight=float(data.get("w", 0.0)),
                folded_to=data.get("f"), first=data.get("first"), last=data.get("last"),
                run_start=data.get("run"), spiking=bool(data.get("spike", False)),
                spike_start=data.get("spike_start"),
            )
        except (ValueError, TypeError, AttributeError):
            return cls()
