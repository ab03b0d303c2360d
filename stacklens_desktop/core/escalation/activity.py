"""What one batch adds to a pattern's behaviour, gathered record by record by the analyzer.

Times stay strings here (the hot path): records are counted per 10-second bucket keyed by the
first 18 characters of their ISO-8601 time (``2026-12-06T21:08:3``); only the few distinct
keys of a batch are parsed, by the writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from stacklens_desktop.core.record import LEVEL_RANK, Record

BUCKET_S = 10
_KEY_CHARS = 18
ERROR_RANK = LEVEL_RANK["ERROR"]
#: Fields that name the machine or till a record came from when the header has no host.
PLACE_FIELDS = ("terminalId", "terminal", "hostname", "pod", "node", "instance")
#: Fields that carry the order a record is about.
ORDER_FIELDS = ("orderId", "order_id", "orderNo")


@dataclass(slots=True)
class Activity:
    """Per pattern and batch: records per bucket, the newest bucket per place (host or till),
    and whether the pattern's records are failing orders (ERROR or worse, naming an order).

    The records of one pattern share their shape, so which field names the place and whether
    they name an order is read from the first record; each later record costs a bucket
    count and one lookup (this runs for every stored event)."""

    buckets: dict[str, int] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    failing_orders: bool = False
    #: "host", a field name of :data:`PLACE_FIELDS`, or "" (none); None until the first record
    place_field: str | None = None

    @property
    def orders(self) -> dict[str, int]:
        """Failing-order records per bucket."""
        return self.buckets if self.failing_orders else {}

    def merge(self, other: Activity) -> None:
        for key, n in other.buckets.items():
            self.buckets[key] = self.buckets.get(key, 0) + n
        for place, key in other.places.items():
            self.places[place] = max(self.places.get(place, key), key)
        self.failing_orders = self.failing_orders or other.failing_orders


def _first(activity: Activity, record: Record) -> None:
    fields = record.fields
    activity.place_field = "host" if record.host is not None else next(
        (name for name in PLACE_FIELDS if isinstance(fields.get(name), str | int)), "")
    activity.failing_orders = record.level_rank >= ERROR_RANK and any(
        fields.get(name) for name in ORDER_FIELDS)


def note(activity: Activity, record: Record, when: str) -> None:
    """Count one record that has a time (``when``, its ISO-8601 timestamp)."""
    key = when[:_KEY_CHARS]
    buckets = activity.buckets
    buckets[key] = buckets.get(key, 0) + 1
    name = activity.place_field
    if name is None:
        _first(activity, record)
        name = activity.place_field
    if name:
        place = record.host if name == "host" else record.fields.get(name)
        if place is not None:
            activity.places[f"h:{place}"] = key


def bucket_epoch(key: str) -> int | None:
    """The bucket key's start in epoch seconds (UTC when the time has no zone), or ``None``
    when the time is not an ISO-8601 date and time (a time of day alone, a syslog stamp)."""
    if len(key) < _KEY_CHARS or key[10] not in "T ":
        return None
    try:
        moment = datetime.fromisoformat(key[:_KEY_CHARS] + "0")
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp()) // BUCKET_S * BUCKET_S
