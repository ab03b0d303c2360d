"""User corrections: they win over the model for their pattern, and retraining learns them.

A correction is stored per pattern (keyed by the pattern's fingerprint). At prediction time
:func:`apply_feedback` (or :class:`Overrides` for many patterns) replaces the corrected
labels; at training time every :class:`FeedbackExample` joins the corpus with
:data:`FEEDBACK_WEIGHT` times the weight of a corpus example.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from stacklens_desktop.core.classify.labels import check_labels
from stacklens_desktop.core.classify.prediction import Prediction
from stacklens_desktop.core.record import Record

#: how much one correction weighs against one corpus example when retraining
FEEDBACK_WEIGHT = 8.0


@dataclass(frozen=True, slots=True)
class FeedbackExample:
    """A record (its raw text or a :class:`Record`) with the labels a person gave it."""

    record: str | Record
    severity: str
    error_type: str

    def __post_init__(self) -> None:
        check_labels(self.severity, self.error_type)

    @property
    def text(self) -> str:
        return self.record if isinstance(self.record, str) else self.record.text


@dataclass(frozen=True, slots=True)
class Correction:
    """A person's answer for one pattern; ``None`` leaves that label to the model."""

    severity: str | None = None
    error_type: str | None = None

    def __post_init__(self) -> None:
        check_labels(self.severity or "low", self.error_type or "other")


def apply_feedback(prediction: Prediction, correction: Correction | None) -> Prediction:
    """The prediction with the corrected labels; a corrected label has confidence 1.0."""
    if correction is None or not (correction.severity or correction.error_type):
        return prediction
    sev, sev_p = prediction.severity, prediction.severity_confidence
    typ, typ_p = prediction.error_type, prediction.type_confidence
    if correction.severity:
        sev, sev_p = correction.severity, 1.0
    if correction.error_type:
        typ, typ_p = correction.error_type, 1.0
    return Prediction.of(sev, typ, sev_p, typ_p)


class Overrides:
    """Corrections by pattern fingerprint, applied to the model's predictions."""

    def __init__(self, corrections: Mapping[str, Correction] | None = None) -> None:
        self._by_fingerprint: dict[str, Correction] = dict(corrections or {})

    def set(self, fingerprint: str, correction: Correction) -> None:
        self._by_fingerprint[fingerprint] = correction

    def get(self, fingerprint: str) -> Correction | None:
        return self._by_fingerprint.get(fingerprint)

    def apply(self, fingerprint: str, prediction: Prediction) -> Prediction:
        return apply_feedback(prediction, self._by_fingerprint.get(fingerprint))

    def __len__(self) -> int:
        return len(self._by_fingerprint)


def feedback_hash(feedback: Iterable[FeedbackExample]) -> str:
    """Order-independent hash of the corrections (the feedback part of the cache key)."""
    items = sorted((f.text, f.severity, f.error_type) for f in feedback)
    return hashlib.sha256(json.dumps(items).encode("utf-8")).hexdigest()


class TextPredictor(Protocol):
    def predict_texts(self, texts: Sequence[str]) -> list[Prediction]: ...


def complete_feedback(rows: Iterable[tuple[str, str | None, str | None]],
                      model: TextPredictor) -> list[FeedbackExample]:
    """Corrections as training examples; a label the user left alone comes from ``model``."""
    rows = [r for r in rows if r[1] or r[2]]
    predictions = model.predict_texts([text for text, _, _ in rows])
    return [FeedbackExample(text, severity or p.severity, error_type or p.error_type)
            for (text, severity, error_type), p in zip(rows, predictions, strict=True)]
