"""Leave-one-set-out on the hand-written sets: ``bench_classifier --loso``.

For each hand-written set S (``resources/corpus/handwritten``, the former evaluation sets
A-D) a model is trained on the generated corpus plus the other sets and scored on S. Beside
it, in the same run, the corpus-only model (round 4's training input) on the same sets. Each
candidate also gets the phrasing-grouped 4-fold CV on the corpus with all hand sets in every
fold's training: does weighting the hand rows cost the corpus's own wording?
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import numpy as np
from sklearn.model_selection import GroupKFold

from stacklens_desktop.core.classify import Prediction
from stacklens_desktop.core.classify import model as model_module
from stacklens_desktop.core.classify.corpus import CorpusRow
from stacklens_desktop.core.classify.model import Classifier, LabeledExample
from stacklens_desktop.core.classify.trainingset import interleave
from tests.bench.classifier_scores import SetScore, labels_of, macro_f1, set_score

Overrides = tuple[tuple[str, object], ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A training recipe: hand-row weight (``None``: corpus only), where the hand rows sit
    in the training order, and module constants of ``core/classify/model.py`` to change."""

    hand_weight: float | None
    placement: str = "interleave"
    overrides: Overrides = ()

    @property
    def name(self) -> str:
        base = ("corpus only" if self.hand_weight is None
                else f"+hand w={self.hand_weight:g} {self.placement}")
        return base + "".join(f" {k}={v}" for k, v in self.overrides)


def parse_overrides(items: Sequence[str]) -> Overrides:
    """``NAME=VALUE`` pairs; VALUE is JSON (``0.6``, ``null``) or else a plain string."""
    out = []
    for item in items:
        name, _, text = item.partition("=")
        if not hasattr(model_module, name):
            raise SystemExit(f"--set: core/classify/model.py has no {name}")
        try:
            value: object = json.loads(text)
        except json.JSONDecodeError:
            value = text
        out.append((name, value))
    return tuple(out)


@contextmanager
def overridden(overrides: Overrides) -> Iterator[None]:
    saved = {name: getattr(model_module, name) for name, _ in overrides}
    try:
        for name, value in overrides:
            setattr(model_module, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(model_module, name, value)


def place(corpus: Sequence[LabeledExample], hand: Sequence[LabeledExample], weight: float,
          placement: str) -> list[LabeledExample]:
    """The training order: hand rows (at ``weight``) interleaved or appended."""
    weighted = [replace(e, weight=weight) for e in hand]
    return interleave(corpus, weighted) if placement == "interleave" else [*corpus, *weighted]


def score(model: Classifier, examples: Sequence[LabeledExample]) -> SetScore:
    records = [e.record for e in examples]
    return set_score(records, labels_of(model.predict(records)),
                     [e.severity for e in examples], [e.error_type for e in examples])


def loso_scores(candidate: Candidate, corpus: Sequence[LabeledExample],
                sets: dict[str, list[LabeledExample]]) -> dict[str, SetScore]:
    """Each set scored by a model that never saw it (for corpus only: one model)."""
    if candidate.hand_weight is None:
        model = Classifier.train(corpus)
        return {name: score(model, held) for name, held in sets.items()}
    out = {}
    for name, held in sets.items():
        others = [e for other, rows in sets.items() if other != name for e in rows]
        model = Classifier.train(place(corpus, others, candidate.hand_weight,
                                       candidate.placement))
        out[name] = score(model, held)
    return out


def grouped_cv(corpus: Sequence[LabeledExample], groups: Sequence[str],
               hand: Sequence[LabeledExample] = (), weight: float = 1.0,
               placement: str = "interleave") -> tuple[list[Prediction], np.ndarray, list[str]]:
    """Out-of-fold predictions on the corpus, 4 folds grouped by ``groups`` (the phrasing),
    with ``hand`` in every fold's training. Also the severity probabilities before the
    prior shift, and their classes (for ``--fit-bias``)."""
    predictions: list[Prediction | None] = [None] * len(corpus)
    raw = np.zeros((len(corpus), 4))
    classes: list[str] = []
    for train, held in GroupKFold(4).split(corpus, groups=groups):
        model = Classifier.train(place([corpus[i] for i in train], hand, weight, placement))
        records = [corpus[i].record for i in held]
        for i, prediction in zip(held, model.predict(records), strict=True):
            predictions[i] = prediction
        matrix = model_module._columns(model.featurizer.transform(records),
                                       model.severity_columns)
        raw[held] = model.severity_model.predict_proba(matrix)
        classes = [str(c) for c in model.severity_model.classes_]
    return [p for p in predictions if p is not None], raw, classes


def cv_cells(candidate: Candidate, corpus: Sequence[LabeledExample], groups: Sequence[str],
             sets: dict[str, list[LabeledExample]]) -> str:
    hand = [e for rows in sets.values() for e in rows]
    done, _raw, _classes = grouped_cv(corpus, groups, hand if candidate.hand_weight else (),
                                      candidate.hand_weight or 1.0, candidate.placement)
    return (f"{macro_f1([e.severity for e in corpus], [p.severity for p in done]):.3f} / "
            f"{macro_f1([e.error_type for e in corpus], [p.error_type for p in done]):.3f}")


def run(candidates: Sequence[Candidate], corpus_rows: Sequence[CorpusRow],
        set_rows: dict[str, list[CorpusRow]], with_cv: bool) -> None:
    """Print one row per candidate: each set's severity / type macro-F1 / level-trap
    accuracy, the mean of the sets' macro-F1s, and the grouped CV on the corpus. Examples
    are built under the candidate's overrides (some constants act on them)."""
    print("\n== leave-one-set-out on the hand-written sets (cells: severity / type macro-F1"
          " / level-trap accuracy)")
    print(f"{'candidate':44s} " + " ".join(f"{name:20s}" for name in set_rows)
          + f" {'mean sev / type':16s} {'CV sev / type' if with_cv else ''}")
    groups = [r.origin for r in corpus_rows]
    for candidate in candidates:
        with overridden(candidate.overrides):
            corpus = model_module.examples_from_rows(corpus_rows)
            sets = {name: model_module.examples_from_rows(rows)
                    for name, rows in set_rows.items()}
            scores = loso_scores(candidate, corpus, sets)
            cv = cv_cells(candidate, corpus, groups, sets) if with_cv else ""
        mean_sev = float(np.mean([s.severity_f1 for s in scores.values()]))
        mean_type = float(np.mean([s.type_f1 for s in scores.values()]))
        print(f"{candidate.name:44s} " + " ".join(f"{s.cells():20s}" for s in scores.values())
              + f" {mean_sev:.3f} / {mean_type:.3f}   {cv}", flush=True)
