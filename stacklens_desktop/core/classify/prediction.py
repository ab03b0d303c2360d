"""What the classifier answers for one record."""

from __future__ import annotations

import math
from dataclasses import dataclass


def combine_confidence(severity_confidence: float, type_confidence: float) -> float:
    """The overall confidence: an estimate of the chance that *both* labels are right.

    Each input is the calibrated probability of the chosen label. What a user (and the
    ticket policy) needs is P(severity right and type right). If the two heads erred
    independently that would be the product, but they fail on the same records (an
    unfamiliar record is hard for both), so the product is systematically low: on
    out-of-fold corpus predictions (CV grouped by phrasing) it averages 0.51 where 70% of
    records have both labels right (calibration error 0.19), and a clear-cut record at
    0.95/0.95 would show 0.90. The minimum (error 0.09) and the geometric mean (0.08) are
    both close; the geometric mean is kept because it is the best calibrated there and on
    hand-labeled set A (0.06), and it still drops when one label is unsure (0.9 and 0.4
    give 0.6). Measured by ``tests/bench/bench_classifier.py`` (see RESULTS.md): records
    with confidence >= 0.8 have both labels right 96% of the time out of fold.
    """
    return math.sqrt(max(0.0, severity_confidence) * max(0.0, type_confidence))


@dataclass(frozen=True, slots=True)
class Prediction:
    """Severity and error type with calibrated probabilities (0..1) and their combination."""

    severity: str
    error_type: str
    confidence: float
    severity_confidence: float
    type_confidence: float

    @classmethod
    def of(cls, severity: str, error_type: str, sev_p: float, type_p: float) -> Prediction:
        return cls(severity, error_type, round(combine_confidence(sev_p, type_p), 4),
                   round(sev_p, 4), round(type_p, 4))
