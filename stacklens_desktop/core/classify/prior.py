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

#: scale per severity class (1.0 everywhere = no shift); see the module docstring. Round 4
#: fitted critical 1.7-1.9 and medium/low 1.2-1.35 against high on the out-of-fold CV
#: (+0.009 there in-sample, but only +0.003 to +0.005 when fitted on half of the phrasings
#: and scored on the other half), and with the final model it moved set A by +0.003 and set
#: B by -0.026, so no shift is applied; re-fit with ``--fit-bias`` when the corpus changes.
SEVERITY_CLASS_SCALE: dict[str, float] = {"critical": 1.0, "high": 1.0, "medium": 1.0,
                                          "low": 1.0}


def scale_vector(classes: Sequence[str], scales: Mapping[str, float]) -> np.ndarray:
    """The scales in the order of ``classes`` (1.0 for a class without one)."""
    return np.array([float(scales.get(str(c), 1.0)) for c in classes], dtype=np.float64)


def apply_scale(proba: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """(records, classes) probabilities times ``scale``, each row normalised to sum 1."""
    shifted = proba * scale
    total = shifted.sum(axis=1, keepdims=True)
    return np.divide(shifted, total, out=np.array(proba, dtype=np.float64), where=total > 0)
