"""A record's time as stored: a year for year-less stamps, UTC for stamps with a zone.

Parsers give the time as written (ISO-8601 where the layout has a year). Two things need the
file around the line, so they happen here, when a record is built:

* syslog (``Nov 25 10:00:00``) and klog/glog (``1125 10:00:00.123456``) write no year. The
  year is the reference date's (the file's modification time on import, today when watching
  live), or the year before when the stamp would otherwise lie more than a day after the
  reference: a file written across New Year gets December of the old year and January of
  the new one.
* A stamp with a zone (``+01:00``, ``-0500``) is stored in UTC (``...Z``, sortable with the
  other sources) and the offset it was written with is returned to keep beside it.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta

from stacklens_desktop.core.formats.timestamps import MONTHS

_SYSLOG = re.compile(r"([A-Z][a-z]{2}) +(\d{1,2}) (\d\d:\d\d:\d\d(?:\.\d+)?)$")
_KLOG = re.compile(r"(\d\d)(\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)$")
_ZONED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?([+-]\d\d:?\d\d)$")
_FRACTION = re.compile(r"\.(\d+)")


def with_year(written: str, reference: date) -> str | None:
    """ISO-8601 for a year-less syslog or klog stamp; None when ``written`` is not one."""
    m = _SYSLOG.match(written)
    if m is not None:
        month, day, clock = MONTHS.get(m.group(1), 0), int(m.group(2)), m.group(3)
    else:
        m = _KLOG.match(written)
        if m is None:
            return None
        month, day, clock = int(m.group(1)), int(m.group(2)), m.group(3)
    year = reference.year
    try:
        if date(year, month, day) > reference + timedelta(days=1):
            year -= 1
        date(year, month, day)  # 29 February of a year that has none
    except ValueError:
        return None
    return f"{year}-{month:02d}-{day:02d}T{clock}"


def in_utc(written: str) -> tuple[str, str | None] | None:
    """(UTC time ``...Z``, offset as written, None for a zero offset) for an ISO stamp
    with an offset; None for any other stamp."""
    m = _ZONED.match(written)
    if m is None:
        return None
    try:
        moment = datetime.fromisoformat(written)
    except ValueError:
        return None
    fraction = _FRACTION.search(written)
    digits = len(fraction.group(1)) if fraction else 0
    spec = "seconds" if digits == 0 else "milliseconds" if digits <= 3 else "microseconds"
    utc = moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec=spec)
    zero = m.group(1).replace(":", "") in ("+0000", "-0000")
    return utc + "Z", None if zero else m.group(1)


def stored_time(written: str | None, reference: date | None) -> tuple[str | None, str | None]:
    """(time to store, offset it was written with or None)."""
    if not written:
        return written, None
    if written[:4].isdigit() and written[4:5] == "-":
        if written.endswith("Z") or len(written) < 20:
            return written, None  # the common cases: UTC already, or no zone
        zoned = in_utc(written)
        return zoned if zoned is not None else (written, None)
    if reference is None:
        return written, None
    return with_year(written, reference) or written, None


def today() -> date:
    return datetime.now(UTC).date()


def modified_date(file: str | os.PathLike[str] | int) -> date | None:
    """The UTC date a file (path or descriptor) was last written; None if unknown."""
    try:
        mtime = os.stat(file).st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(mtime, UTC).date()
