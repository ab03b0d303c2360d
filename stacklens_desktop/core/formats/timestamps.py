"""Timestamps as written → ISO-8601 (cheap string work, no datetime parsing on the hot path)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

MONTHS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
_YMD = re.compile(
    r"\d{4}[-/]\d\d[-/]\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?: ?(?:Z|[+-]\d\d:?\d\d))?)?$"
)
_CTIME = re.compile(r"[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d\d:\d\d:\d\d(?:\.\d+)?) (\d{4})$")
_EPOCH = re.compile(r"\d{9,19}(?:\.\d+)?$")
#: .NET's JSON dates (PowerShell ``ConvertTo-Json``): ``/Date(1705314225000)/``
_DOTNET_DATE = re.compile(r"\\?/Date\((\d{9,16})(?:[+-]\d{4})?\)\\?/$")


def iso_ymd(ts: str) -> str:
    """``2026/11/25 10:00:00,123`` or ``2026-11-25 10:00:00.123 +0100`` → ISO-8601.

    The caller guarantees the year-month-day shape (its regex matched it).
    """
    if len(ts) > 10 and ts[10] == "T" and "," not in ts and ts[4] == "-" and " " not in ts:
        return ts  # already ISO-8601: the common case costs four comparisons
    date, time = ts[:10].replace("/", "-"), ts[11:].replace(",", ".", 1)
    if " " in time:  # "10:00:00 +0100"
        time = time.replace(" ", "", 1)
    return f"{date}T{time}" if time else date


def iso_ctime(ts: str) -> str:
    """Apache's ``Wed Nov 25 10:00:00.123456 2026`` → ``2026-11-25T10:00:00.123456``."""
    m = _CTIME.match(ts)
    if m is None or m.group(1) not in MONTHS:
        return ts
    month, day, time, year = MONTHS[m.group(1)], int(m.group(2)), m.group(3), m.group(4)
    return f"{year}-{month:02d}-{day:02d}T{time}"


def _century(yy: str) -> str:
    """Two-digit years as POSIX reads them: 69-99 are 19xx, 00-68 are 20xx."""
    return ("19" if int(yy) >= 69 else "20") + yy


def iso_yy(ts: str) -> str:
    """Spark's and Hadoop's ``17/06/09 20:10:40`` (yy/MM/dd) → ``2017-06-09T20:10:40``."""
    return f"{_century(ts[:2])}-{ts[3:5]}-{ts[6:8]}T{ts[9:].replace(',', '.', 1)}"


def iso_compact(ts: str) -> str:
    """HDFS's ``081109 203615`` (yyMMdd HHmmss) → ``2008-11-09T20:36:15``."""
    clock = f"{ts[7:9]}:{ts[9:11]}:{ts[11:13]}{ts[13:].replace(',', '.', 1)}"
    return f"{_century(ts[:2])}-{ts[2:4]}-{ts[4:6]}T{clock}"


def iso_epoch(value: float) -> str | None:
    """Epoch seconds, milliseconds, microseconds or nanoseconds → ISO-8601 UTC (ms precision)."""
    seconds = float(value)
    for _ in range(3):
        if seconds < 1e11:  # later than 5138 AD in seconds: must be a finer unit
            break
        seconds /= 1000.0
    try:
        moment = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def iso_any(value: object) -> str | None:
    """Whatever a JSON or logfmt ``time`` key holds → ISO-8601 when recognisable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return iso_epoch(value)
    if isinstance(value, dict):  # log4j2 {"epochSecond", "nanoOfSecond"}; MongoDB {"$date"}
        if isinstance(value.get("$date"), str | int | float):
            return iso_any(value["$date"])
        seconds = value.get("epochSecond")
        if isinstance(seconds, int):
            return iso_epoch(seconds + (value.get("nanoOfSecond") or 0) / 1e9)
        return None
    text = str(value).strip()
    if _YMD.match(text):
        return iso_ymd(text)
    if _EPOCH.match(text):
        return iso_epoch(float(text))
    if _CTIME.match(text):
        return iso_ctime(text)
    dotnet = _DOTNET_DATE.match(text)
    if dotnet:
        return iso_epoch(int(dotnet.group(1)) / 1000)
    return text or None
