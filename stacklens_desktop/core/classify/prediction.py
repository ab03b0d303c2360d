"""What the classifier answers for one record."""

from __future__ import annotations

import math
from dataclasses import dataclass


def combine_confidence(severity_confidence: float, type_confidence: float) -> float:
    """The overall confidence: the geometric mean of the two calibrated probabilities.

    Each input is the calibrated probability of the chosen label. The geometric mean stays
    on the same 0..1 scale as its inputs, is high only when both are high, and is dragged
    down by the weaker one (0.9 and 0.4 give 0.6, where an average would say 0.65).
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
