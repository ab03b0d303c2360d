"""Severity and error-type classification of log records (plain Python, no Qt).

Entry points: :func:`load_predictor` (the cached model, compiled to numpy: what the app
predicts with), :meth:`Classifier.load_or_train` (the scikit-learn model, for training),
:func:`record_from_text` (a record from raw text), :func:`apply_feedback`/:class:`Overrides`
(user corrections win) and :func:`retrain` (corpus + feedback, with before/after scores).
"""

from stacklens_desktop.core.classify.feedback import (
    Correction,
    FeedbackExample,
    Overrides,
    apply_feedback,
)
from stacklens_desktop.core.classify.labels import ERROR_TYPES, SEVERITIES
from stacklens_desktop.core.classify.prediction import Prediction, combine_confidence
from stacklens_desktop.core.classify.predictor import Predictor, load_predictor
from stacklens_desktop.core.classify.rawrecord import record_from_text

__all__ = [
    "ERROR_TYPES", "SEVERITIES", "Classifier", "Correction", "FeedbackExample", "Overrides",
    "Prediction", "Predictor", "apply_feedback", "combine_confidence", "load_predictor",
    "record_from_text",
]


def __getattr__(name: str) -> object:
    """``Classifier`` (training, scikit-learn) is imported on first use only: importing
    scikit-learn costs about a second, and predicting needs numpy alone
    (:func:`load_predictor`)."""
    if name == "Classifier":
        from stacklens_desktop.core.classify.model import Classifier

        return Classifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
