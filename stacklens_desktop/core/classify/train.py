"""Retraining with before/after scores: what ``stacklens train`` and the app's retrain run.

The evaluation split is the stable held-out 20% of the training rows (:mod:`.evaluate`;
the corpus and its hand-written sets, :mod:`.trainingset`); both the
"before" model (corpus only) and the "after" model (corpus plus corrections) are trained on
the other 80% and scored on it, and on the corrections themselves. Then the production
model (100% of the corpus plus corrections) is trained and cached.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from stacklens_desktop.core.classify.corpus import default_corpus_path
from stacklens_desktop.core.classify.evaluate import Scores, score, split
from stacklens_desktop.core.classify.feedback import FeedbackExample
from stacklens_desktop.core.classify.feedback import complete_feedback as complete_feedback
from stacklens_desktop.core.classify.model import (
    Classifier,
    examples_from_feedback,
    examples_from_rows,
)
from stacklens_desktop.core.classify.rawrecord import record_from_text
from stacklens_desktop.core.classify.trainingset import load_training_rows


@dataclass(frozen=True)
class TrainReport:
    before: Scores
    after: Scores
    feedback_count: int
    #: share of corrections the model already agreed with, before and after retraining
    feedback_agreement_before: float
    feedback_agreement_after: float
    seconds: float
    classifier: Classifier


def _agreement(model: Classifier, feedback: Sequence[FeedbackExample]) -> float:
    if not feedback:
        return 1.0
    predictions = model.predict_texts([f.text for f in feedback])
    hits = sum(p.severity == f.severity and p.error_type == f.error_type
               for p, f in zip(predictions, feedback, strict=True))
    return hits / len(feedback)


def retrain(cache_dir: Path, feedback: Sequence[FeedbackExample] = (),
            corpus_path: Path | None = None) -> TrainReport:
    """Score before/after on the evaluation split, then train and cache the full model."""
    started = time.perf_counter()
    corpus_path = corpus_path or default_corpus_path()
    train_rows, eval_rows = split(load_training_rows(corpus_path))
    eval_records = [record_from_text(r.text) for r in eval_rows]
    truth = ([r.severity for r in eval_rows], [r.error_type for r in eval_rows])
    base_examples = examples_from_rows(train_rows)
    base = Classifier.train(base_examples)
    before = score(base.predict(eval_records), *truth)
    tuned = Classifier.train(base_examples + examples_from_feedback(feedback)) if feedback else base
    after = score(tuned.predict(eval_records), *truth) if feedback else before
    final = Classifier.load_or_train(cache_dir, feedback, corpus_path)
    return TrainReport(before, after, len(feedback), _agreement(base, feedback),
                       _agreement(final, feedback), time.perf_counter() - started, final)
