"""Wiring the classifier and the knowledge base into the analyzer's pattern judge."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine

from stacklens_desktop.core.analyzer import PatternJudge
from stacklens_desktop.core.classify import Classifier, FeedbackExample
from stacklens_desktop.core.explain import explain
from stacklens_desktop.paths import model_cache_dir

log = logging.getLogger("stacklens.intelligence")


def stored_feedback(engine: Engine) -> list[FeedbackExample]:
    """Users' corrections, as training examples (a correction of one field keeps the other)."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT f.record_text, COALESCE(f.severity, p.severity), "
            "COALESCE(f.error_type, p.error_type) FROM feedback f "
            "LEFT JOIN pattern p ON p.id = f.pattern_id ORDER BY f.id"
        ).all()
    return [FeedbackExample(text, severity, error_type) for text, severity, error_type in rows]


def load_classifier(data_dir: Path, engine: Engine | None = None) -> Classifier:
    feedback = stored_feedback(engine) if engine is not None else []
    return Classifier.load_or_train(model_cache_dir(data_dir), feedback)


def build_judge(data_dir: Path, engine: Engine | None = None) -> PatternJudge:
    classifier = load_classifier(data_dir, engine)
    return PatternJudge(classifier.predict, explain)
