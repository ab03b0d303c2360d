"""Wiring the classifier and the knowledge base into the analyzer's pattern judge."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from stacklens_desktop.core.analyzer import PatternJudge
from stacklens_desktop.core.classify import Prediction, Predictor, load_predictor, record_from_text
from stacklens_desktop.core.classify.feedback import complete_feedback
from stacklens_desktop.core.explain import explain
from stacklens_desktop.core.record import Record
from stacklens_desktop.paths import model_cache_dir
from stacklens_desktop.store.feedback import feedback_rows

if TYPE_CHECKING:  # scikit-learn loads only when a retraining runs
    from stacklens_desktop.core.classify.train import TrainReport

log = logging.getLogger("stacklens.intelligence")


def load_classifier(data_dir: Path, engine: Engine | None = None) -> Predictor:
    """The model trained on the corpus plus the users' corrections (as ``stacklens train``
    builds it: a label left alone in a correction comes from the corpus-only model)."""
    cache = model_cache_dir(data_dir)
    base = load_predictor(cache)
    rows = feedback_rows(engine) if engine is not None else []
    if not rows:
        return base
    return load_predictor(cache, complete_feedback(rows, base))


def build_judge(data_dir: Path, engine: Engine | None = None) -> PatternJudge:
    classifier = load_classifier(data_dir, engine)

    def predict(records: Sequence[Record]) -> list[Prediction]:
        """Judge each record as read on its own, as the model was trained and as ``stacklens
        classify`` reads it: the file's format (which may not know this record's header,
        in a mixed or foreign file) does not change the verdict."""
        return classifier.predict([record_from_text(r.text) for r in records])

    return PatternJudge(predict, explain)


def retrain_profile(data_dir: Path, engine: Engine) -> TrainReport:
    """``stacklens train`` for the window: the corpus plus the profile's corrections, scored
    before and after, cached for the next judge that is built (seconds of scikit-learn)."""
    from stacklens_desktop.core.classify.model import Classifier
    from stacklens_desktop.core.classify.train import retrain

    cache = model_cache_dir(data_dir)
    rows = feedback_rows(engine)
    feedback = complete_feedback(rows, Classifier.load_or_train(cache)) if rows else []
    return retrain(cache, feedback)
