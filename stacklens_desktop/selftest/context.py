"""What the self-test's steps share, and how a step says it failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class StepFailed(Exception):
    """A check did not hold: the message says what was expected and what was found."""


@dataclass
class SelfTestContext:
    """Filled in step by step; ``cleanups`` run in reverse order at the end, always."""

    profile: Path | None = None
    #: the store of the temporary profile, opened by the analysis step
    store: Any = None
    #: the missing-price pattern found by the analysis step
    missing_price: dict[str, Any] | None = None
    qt_app: Any = None
    cleanups: list[Any] = field(default_factory=list)

    def need_profile(self) -> Path:
        if self.profile is None:
            raise StepFailed("no temporary profile (an earlier step failed)")
        return self.profile
