"""What the tray notifies about, and how often: plain Python (no Qt), tested alone.

A notification for each new critical pattern and for each pattern that came back after it
was resolved (a regression; once per return). Muted patterns never notify. At most one
notification per ``min_gap``: what comes meanwhile is held and shown when the gap is over,
as itself when it is one, else as one summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

MIN_GAP = timedelta(seconds=30)
NEW_CRITICAL, REGRESSION, SUMMARY = "new_critical", "regression", "summary"


@dataclass(frozen=True, slots=True)
class PatternAlert:
    """A changed pattern as the tray sees it."""

    id: int
    severity: str
    status: str
    template: str
    is_new: bool


@dataclass(frozen=True, slots=True)
class Notification:
    kind: str
    title: str
    message: str
    #: the pattern a click on it opens (a summary opens its first pattern)
    pattern_id: int


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class NotifyRules:
    def __init__(self, min_gap: timedelta = MIN_GAP) -> None:
        self.min_gap = min_gap
        self._last_shown: datetime | None = None
        self._held: list[Notification] = []
        self._regressed: set[int] = set()  # regressions already told (until they end)

    def candidates(self, alerts: Iterable[PatternAlert]) -> list[Notification]:
        """The notifications these changes deserve, before any rate limit."""
        out: list[Notification] = []
        for alert in alerts:
            if alert.status != "regression":
                self._regressed.discard(alert.id)
            if alert.status == "muted":
                self._held = [n for n in self._held if n.pattern_id != alert.id]
                continue
            if alert.is_new and alert.severity == "critical":
                out.append(Notification(NEW_CRITICAL, "New critical error",
                                        _clip(alert.template), alert.id))
            elif alert.status == "regression" and alert.id not in self._regressed:
                self._regressed.add(alert.id)
                out.append(Notification(REGRESSION, f"Regression: {alert.severity} error is "
                                        "back", _clip(alert.template), alert.id))
        return out

    def offer(self, alerts: Iterable[PatternAlert], now: datetime) -> list[Notification]:
        """The notifications to show now; the rest is held for :meth:`flush`."""
        shown: list[Notification] = []
        for note in self.candidates(alerts):
            if self._may_show(now) and not self._held:
                self._last_shown = now
                shown.append(note)
            else:
                self._held.append(note)
        return shown

    def flush(self, now: datetime) -> list[Notification]:
        """Once the gap is over: the held notification, or one summary of them."""
        if not self._held or not self._may_show(now):
            return []
        held, self._held = self._held, []
        self._last_shown = now
        if len(held) == 1:
            return held
        critical = sum(1 for n in held if n.kind == NEW_CRITICAL)
        parts = []
        if critical:
            parts.append(f"{critical} new critical error{'s' if critical > 1 else ''}")
        if len(held) - critical:
            count = len(held) - critical
            parts.append(f"{count} regression{'s' if count > 1 else ''}")
        return [Notification(SUMMARY, f"{len(held)} more alerts", " and ".join(parts)
                             + f", the first: {held[0].message}", held[0].pattern_id)]

    def next_flush(self) -> datetime | None:
        """When :meth:`flush` has something to show (None: nothing held)."""
        if not self._held:
            return None
        return self._last_shown + self.min_gap if self._last_shown else None

    def _may_show(self, now: datetime) -> bool:
        return self._last_shown is None or now - self._last_shown >= self.min_gap
