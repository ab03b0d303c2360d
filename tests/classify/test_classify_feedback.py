"""Corrections win over the model, and retraining learns them."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacklens_desktop.core.classify import (
    Classifier,
    Correction,
    FeedbackExample,
    Overrides,
    Prediction,
    apply_feedback,
)
from stacklens_desktop.core.classify.train import complete_feedback, retrain

PATTERN = "Loyalty sync finished with 3 skipped members"


def test_apply_feedback_replaces_corrected_labels() -> None:
    predicted = Prediction.of("high", "network", 0.81, 0.64)
    corrected = apply_feedback(predicted, Correction(severity="low"))
    assert (corrected.severity, corrected.error_type) == ("low", "network")
    assert corrected.severity_confidence == 1.0
    assert corrected.type_confidence == pytest.approx(0.64)
    both = apply_feedback(predicted, Correction("medium", "other"))
    assert (both.severity, both.error_type, both.confidence) == ("medium", "other", 1.0)
    assert apply_feedback(predicted, None) is predicted


def test_overrides_apply_per_fingerprint() -> None:
    overrides = Overrides({"abc": Correction(error_type="configuration")})
    predicted = Prediction.of("high", "network", 0.9, 0.9)
    assert overrides.apply("abc", predicted).error_type == "configuration"
    assert overrides.apply("other-fingerprint", predicted) is predicted


def test_bad_labels_are_refused() -> None:
    with pytest.raises(ValueError):
        FeedbackExample("x", "urgent", "network")
    with pytest.raises(ValueError):
        Correction(error_type="cosmic_rays")


def test_retraining_with_a_correction_changes_that_pattern(model: Classifier,
                                                           tmp_path: Path) -> None:
    texts = [f"2024-05-01 10:0{i}:00 ERROR [sync] {PATTERN} run={i}" for i in range(3)]
    before = model.predict_texts(texts)
    wanted = ("low", "other")
    assert all((p.severity, p.error_type) != wanted for p in before)
    feedback = [FeedbackExample(texts[0], *wanted)]
    report = retrain(tmp_path / "models", feedback)
    after = report.classifier.predict_texts(texts)
    assert all((p.severity, p.error_type) == wanted for p in after)
    assert report.feedback_agreement_before == 0.0
    assert report.feedback_agreement_after == 1.0
    assert report.before.count == report.after.count > 500
    assert report.after.type_f1 > 0.9


def test_partial_correction_keeps_the_model_label(model: Classifier) -> None:
    text = "Receipt printer offline at till-07"
    [example] = complete_feedback([(text, "critical", None)], model)
    assert example.severity == "critical"
    assert example.error_type == model.predict_texts([text])[0].error_type
