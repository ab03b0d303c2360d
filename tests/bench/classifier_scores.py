"""Aggregate scores shared by the classifier bench's modes (macro-F1, level traps)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.metrics import f1_score

from stacklens_desktop.core.classify import Prediction
from stacklens_desktop.core.record import Record

LEVEL_SEVERITY = {"FATAL": "critical", "ERROR": "high", "WARN": "medium"}


def level_severity(record: Record) -> str:
    return LEVEL_SEVERITY.get(record.level or "", "low")


def macro_f1(truth: Sequence[str], predicted: Sequence[str]) -> float:
    return float(f1_score(truth, predicted, average="macro", zero_division=0))


def trap_indices(records: Sequence[Record], severities: Sequence[str]) -> list[int]:
    """Records whose log level disagrees with their true severity."""
    return [i for i, r in enumerate(records) if r.level and level_severity(r) != severities[i]]


@dataclass(frozen=True, slots=True)
class SetScore:
    """Macro-F1 of both labels and severity accuracy on the level traps of one set."""

    n: int
    severity_f1: float
    type_f1: float
    traps: int
    trap_accuracy: float

    def cells(self) -> str:
        return f"{self.severity_f1:.3f} / {self.type_f1:.3f} / {self.trap_accuracy:.2f}"


def set_score(records: Sequence[Record], predicted: Sequence[tuple[str, str]],
              severities: Sequence[str], types: Sequence[str]) -> SetScore:
    """``predicted``: (severity, type) per record, in order."""
    traps = trap_indices(records, severities)
    right = sum(predicted[i][0] == severities[i] for i in traps)
    return SetScore(len(records), macro_f1(severities, [p[0] for p in predicted]),
                    macro_f1(types, [p[1] for p in predicted]), len(traps),
                    right / len(traps) if traps else float("nan"))


def labels_of(predictions: Sequence[Prediction]) -> list[tuple[str, str]]:
    return [(p.severity, p.error_type) for p in predictions]
