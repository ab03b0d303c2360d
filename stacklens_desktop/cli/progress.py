"""A plain progress bar on stderr, only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

MIN_BYTES_FOR_BAR = 8 * 1024 * 1024


class ProgressBar:
    def __init__(self, label: str, stream: TextIO = sys.stderr) -> None:
        self._label = label
        self._stream = stream
        self._last = 0.0
        self._enabled = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self._enabled or total < MIN_BYTES_FOR_BAR:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        width = 30
        filled = int(width * done / total) if total else width
        pct = 100 * done / total if total else 100
        self._stream.write(f"\r{self._label} [{'#' * filled}{'.' * (width - filled)}] {pct:5.1f}%")
        if done >= total:
            self._stream.write("\n")
        self._stream.flush()
