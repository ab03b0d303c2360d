"""Non-errors stay quiet: a short notice that names no failure is at most low, whatever the
model says ("Log every 3, iteration 19", "Configuration Notice: ..."). Applied to the
severity probabilities of both predictors alike (:mod:`.model`, :mod:`.compiled`).

Only one-line records with a short message: a long INFO line that tells of harm in words of
its own ("customers locked out", "selling at 0.000") is left to the model (a cap on every
quiet notice cost 0.003 severity macro-F1 on leave-one-set-out and 0.016 on the CV)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from stacklens_desktop.core.classify.consequence import quiet_notice
from stacklens_desktop.core.record import Record

QUIET_CAP = True
#: the longest message the rule trusts its word lists for
MAX_MESSAGE = 80


def is_quiet(record: Record) -> bool:
    message = record.message or ""
    return (record.level is not None and "\n" not in record.text
            and len(message) <= MAX_MESSAGE and quiet_notice(message, record.level))


def cap_quiet(severity_p: np.ndarray, classes: Sequence[str],
              records: Sequence[Record]) -> np.ndarray:
    """``severity_p`` with each quiet record's row moved wholly onto ``low``."""
    low = list(classes).index("low")
    out = severity_p
    for i, record in enumerate(records):
        if is_quiet(record):
            if out is severity_p:
                out = severity_p.copy()
            out[i] = 0.0
            out[i, low] = 1.0
    return out
