"""Held-out evaluation: a stable 20% split of the corpus and macro-F1 scores."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.metrics import accuracy_score, f1_score

from stacklens_desktop.core.classify.corpus import CorpusRow
from stacklens_desktop.core.classify.prediction import Prediction

EVAL_PERCENT = 20


def in_eval_split(text: str) -> bool:
    """True for the ~20% of rows held out; by text hash, so it never depends on order."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 100 < EVAL_PERCENT


def split(rows: Sequence[CorpusRow]) -> tuple[list[CorpusRow], list[CorpusRow]]:
    """(train, eval) rows."""
    train = [r for r in rows if not in_eval_split(r.text)]
    held = [r for r in rows if in_eval_split(r.text)]
    return train, held


@dataclass(frozen=True, slots=True)
class Scores:
    severity_f1: float
    type_f1: float
    severity_accuracy: float
    type_accuracy: float
    count: int

    def line(self) -> str:
        return (f"severity macro-F1 {self.severity_f1:.3f} (acc {self.severity_accuracy:.3f}), "
                f"type macro-F1 {self.type_f1:.3f} (acc {self.type_accuracy:.3f}), "
                f"n={self.count}")


def score(predictions: Sequence[Prediction], severities: Sequence[str],
          types: Sequence[str]) -> Scores:
    sev_pred = [p.severity for p in predictions]
    type_pred = [p.error_type for p in predictions]
    return Scores(
        severity_f1=float(f1_score(severities, sev_pred, average="macro", zero_division=0)),
        type_f1=float(f1_score(types, type_pred, average="macro", zero_division=0)),
        severity_accuracy=float(accuracy_score(severities, sev_pred)),
        type_accuracy=float(accuracy_score(types, type_pred)),
        count=len(predictions),
    )
