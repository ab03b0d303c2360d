"""Numeric and letter levels: each writer's scale, declared once.

A number means nothing alone: ``"level": 1`` is *alert* in syslog, *info* in Nextcloud and
*critical* in Windows. A JSON-lines file is read with one scale, chosen from its sample by the
keys its writer puts beside the level (:func:`scale_for_sample`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stacklens_desktop.core.record import LEVEL_RANK, WARN_RANK


@dataclass(frozen=True, slots=True)
class LevelScale:
    """How one writer spells levels that are not words: value (as text) → normalised."""

    name: str
    values: Mapping[str, str]
    #: numeric levels between the listed ones round down to the one below (bunyan's 35)
    step: int = 1

    def read(self, value: int | str) -> str | None:
        key = str(value).strip()
        level = self.values.get(key)
        if level is None and self.step > 1 and key.isdigit():
            level = self.values.get(str(int(key) // self.step * self.step))
        return level

    def warn_values(self) -> list[str]:
        """The values at WARN and above (for scan regexes)."""
        return [v for v, level in self.values.items() if LEVEL_RANK[level] >= WARN_RANK]


#: syslog severities 0..7 (RFC 5424; GELF, journald's PRIORITY)
SYSLOG = LevelScale("syslog", {"0": "FATAL", "1": "FATAL", "2": "FATAL", "3": "ERROR",
                               "4": "WARN", "5": "NOTICE", "6": "INFO", "7": "DEBUG"})
#: bunyan and pino: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal
BUNYAN = LevelScale("bunyan", {"10": "TRACE", "20": "DEBUG", "30": "INFO", "40": "WARN",
                               "50": "ERROR", "60": "FATAL"}, step=10)
#: Nextcloud / ownCloud: 0 debug, 1 info, 2 warn, 3 error, 4 fatal
NEXTCLOUD = LevelScale("nextcloud", {"0": "DEBUG", "1": "INFO", "2": "WARN", "3": "ERROR",
                                     "4": "FATAL"})
#: Windows event levels: 0 LogAlways, 1 critical, 2 error, 3 warning, 4 information, 5 verbose
WINDOWS = LevelScale("windows", {"0": "INFO", "1": "FATAL", "2": "ERROR", "3": "WARN",
                                 "4": "INFO", "5": "TRACE"})
#: MongoDB's structured log ``"s"``: F, E, W, I, D1..D5
MONGODB = LevelScale("mongodb", {"F": "FATAL", "E": "ERROR", "W": "WARN", "I": "INFO",
                                 **{f"D{n}": "DEBUG" for n in range(1, 6)}, "D": "DEBUG"})
#: klog / glog line prefixes
KLOG_LETTERS = LevelScale("klog", {"I": "INFO", "W": "WARN", "E": "ERROR", "F": "FATAL"})


def numeric_default(value: int) -> str | None:
    """A number with no declared scale: 0..7 as syslog, 10..69 as bunyan."""
    if 0 <= value <= 7:
        return SYSLOG.read(value)
    return BUNYAN.read(value) if 10 <= value < 70 else None


def scale_for_sample(objects: Sequence[Mapping[str, object]]) -> tuple[str, LevelScale] | None:
    """(level key, scale) the sample's writer uses, when its keys give it away."""
    keys: set[str] = set()
    numbers: set[int] = set()
    for obj in objects:
        keys.update(obj)
        for key in ("level", "Level"):
            value = obj.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                numbers.add(value)
    if {"s", "c", "msg"} <= keys and "t" in keys:
        return "s", MONGODB
    if "LevelDisplayName" in keys or ("ProviderName" in keys and "Level" in keys):
        return "Level", WINDOWS
    if numbers and {"reqId", "app"} <= keys and max(numbers) <= 4:
        return "level", NEXTCLOUD
    if numbers and min(numbers) >= 10:
        return "level", BUNYAN
    if numbers and ("version" in keys or "short_message" in keys):
        return "level", SYSLOG
    return None
