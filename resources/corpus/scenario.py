"""The scenario record used by the corpus generator's data files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: application ecosystems whose loggers print free text (and stack traces)
SRV: tuple[str, ...] = ("java", "python", "node")
APP: tuple[str, ...] = SRV + ("pos",)

ACCESS_LINE = re.compile(r"^(GET|POST|HEAD|PUT|DELETE|PATCH) \S+ \d{3}$")


@dataclass(frozen=True)
class S:
    """One situation: its labels, where it is logged, and how people phrase it."""

    error_type: str
    severity: str
    ecos: tuple[str, ...]
    levels: str
    phrasings: list[str]
    exc: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    #: chance that a record of an ecosystem with traces carries one (1.0: the message alone
    #: does not say what failed, the trace does)
    trace: float = 0.45
    #: exception messages per trace language; default: the phrasing itself
    excmsg: dict[str, list[str]] = field(default_factory=dict)

    def phrasings_for(self, eco: str) -> list[str]:
        """Access logs take only ``METHOD PATH STATUS`` phrasings; the others take the rest."""
        want_access = eco == "access"
        chosen = [p for p in self.phrasings if bool(ACCESS_LINE.match(p)) == want_access]
        return chosen
