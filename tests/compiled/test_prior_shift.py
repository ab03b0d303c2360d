"""The severity head's prior shift (``core/classify/prior.py``) in both predictors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stacklens_desktop.core.classify.compiled import CompiledClassifier
from stacklens_desktop.core.classify.export import export
from stacklens_desktop.core.classify.model import Classifier
from stacklens_desktop.core.classify.prior import SEVERITY_CLASS_SCALE, apply_scale, scale_vector
from stacklens_desktop.paths import model_cache_dir


def test_apply_scale_renormalises_and_moves_the_argmax() -> None:
    proba = np.array([[0.30, 0.45, 0.25], [0.0, 0.0, 0.0]])
    shifted = apply_scale(proba, np.array([2.0, 1.0, 1.0]))
    assert np.allclose(shifted.sum(axis=1)[0], 1.0)
    assert shifted[0].argmax() == 0  # 0.60 vs 0.45 before normalising
    assert np.allclose(shifted[0], np.array([0.60, 0.45, 0.25]) / 1.30)
    assert np.array_equal(shifted[1], proba[1])  # an all-zero row is left alone


def test_scale_vector_follows_the_class_order() -> None:
    assert scale_vector(["low", "critical", "unknown"], {"critical": 2.0, "low": 0.5}).tolist() \
        == [0.5, 2.0, 1.0]


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Classifier:
    return Classifier.load_or_train(model_cache_dir(tmp_path_factory.mktemp("profile")))


def test_exported_file_carries_the_severity_scale(model: Classifier, tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    export(model).save(path)
    compiled = CompiledClassifier.load(path)
    severity = compiled.heads["severity"]
    assert severity.class_scale.tolist() == [SEVERITY_CLASS_SCALE[c] for c in severity.classes]
    assert compiled.heads["type"].class_scale.tolist() == [1.0] * len(compiled.heads["type"]
                                                                     .classes)


def test_scale_changes_the_answer_the_same_way_in_both(model: Classifier,
                                                       tmp_path: Path) -> None:
    """With an extreme shift towards ``low`` both predictors say low for a crash."""
    text = "2024-05-01 10:00:00 FATAL kernel panic, every till is down"
    saved = model.severity_scale
    try:
        model.severity_scale = scale_vector(model.severity_model.classes_, {"low": 1e6})
        compiled = export(model)
        compiled.save(tmp_path / "m.npz")
        loaded = CompiledClassifier.load(tmp_path / "m.npz")
        [a] = model.predict_texts([text])
        [b] = loaded.predict_texts([text])
    finally:
        model.severity_scale = saved
    assert a.severity == b.severity == "low"
    assert abs(a.severity_confidence - b.severity_confidence) <= 2e-4
