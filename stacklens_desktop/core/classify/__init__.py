"""Severity and error-type classification of log records (plain Python, no Qt).

Entry points: :meth:`Classifier.load_or_train` (cached model), :meth:`Classifier.predict`,
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
from stacklens_desktop.core.classify.model import Classifier
from stacklens_desktop.core.classify.prediction import Prediction, combine_confidence
from stacklens_desktop.core.classify.rawrecord import record_from_text

__all__ = [
    "ERROR_TYPES", "SEVERITIES", "Classifier", "Correction", "FeedbackExample", "Overrides",
    "Prediction", "apply_feedback", "combine_confidence", "record_from_text",
]
