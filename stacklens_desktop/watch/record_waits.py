"""How long a live source's open record waits for more lines: a setting per source.

Kept in the profile as ``watch.json`` (the watch layer's own settings, apart from the store)::

    {"record_wait_ms": {"default": 250, "/var/log/pos/*.log": 1000, "/srv/app/err.log": 50}}

Keys other than ``default`` are paths or glob patterns (``fnmatch``); the first that matches a
source's absolute path wins, in the order written. A value of 0 closes a record at the end of
each read (the behaviour before records waited).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

#: Idle gap after which an open record is closed, when the source has no setting of its own.
DEFAULT_WAIT_S = 0.25
FILE_NAME = "watch.json"
_KEY = "record_wait_ms"


class WaitSettingsError(ValueError):
    """``watch.json`` is not in the expected shape (the message says what and where)."""


@dataclass(slots=True)
class RecordWaits:
    default_s: float = DEFAULT_WAIT_S
    #: (path or glob, seconds), in the order written
    per_source: list[tuple[str, float]] = field(default_factory=list)

    def wait_for(self, path: str) -> float:
        for pattern, seconds in self.per_source:
            if fnmatchcase(path, pattern):
                return seconds
        return self.default_s

    @classmethod
    def load(cls, data_dir: Path) -> RecordWaits:
        """The profile's settings; defaults when the file does not exist."""
        file = data_dir / FILE_NAME
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise WaitSettingsError(f"{file}: {exc}") from None
        table = raw.get(_KEY, {}) if isinstance(raw, dict) else None
        if not isinstance(table, dict):
            raise WaitSettingsError(f"{file}: '{_KEY}' must be an object of milliseconds")
        waits = cls()
        for key, value in table.items():
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise WaitSettingsError(f"{file}: {_KEY}[{key!r}] must be a number >= 0")
            if key == "default":
                waits.default_s = value / 1000
            else:
                waits.per_source.append((key, value / 1000))
        return waits

    def save(self, data_dir: Path) -> None:
        table: dict[str, float] = {"default": self.default_s * 1000}
        table.update((pattern, seconds * 1000) for pattern, seconds in self.per_source)
        (data_dir / FILE_NAME).write_text(json.dumps({_KEY: table}, indent=2) + "\n",
                                          encoding="utf-8")
