"""Prior shift for the severity head: per-class scales applied after calibration.

The corpus has its own mix of severities and its own ways of saying them; real logs have
another. The calibrated probabilities are multiplied by one scale per class and normalised
again (Bayes' rule for a change of class priors), then the largest wins. The scales are
hyper-parameters chosen on out-of-fold predictions of the phrasing-grouped cross-validation
to maximise macro-F1 (``python -m tests.bench.bench_classifier --fit-bias``), never on a
hand-labeled set. Numpy only: the compiled predictor applies the same step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

#: scale per severity class (1.0 everywhere = no shift); see the module docstring
SEVERITY_CLASS_SCALE: dict[str, float] = {"critical": 1.916, "high": 1.0, "medium": 1.162,
                                          "low": 1.162}


def scale_vector(classes: Sequence[str], scales: Mapping[str, float]) -> np.ndarray:
    """The scales in the order of ``classes`` (1.0 for a class without one)."""
    return np.array([float(scales.get(str(c), 1.0)) for c in classes], dtype=np.float64)


def apply_scale(proba: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """(records, classes) probabilities times ``scale``, each row normalised to sum 1."""
    shifted = proba * scale
    total = shifted.sum(axis=1, keepdims=True)
    return np.divide(shifted, total, out=np.array(proba, dtype=np.float64), where=total > 0)
