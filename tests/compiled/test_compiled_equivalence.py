"""The numpy export answers exactly like the scikit-learn model it comes from."""

from __future__ import annotations

import pytest

from stacklens_desktop.core.classify.compiled import CompiledClassifier
from stacklens_desktop.core.classify.corpus import default_corpus_path
from stacklens_desktop.core.classify.export import export
from stacklens_desktop.core.classify.model import Classifier
from stacklens_desktop.core.classify.prediction import Prediction
from stacklens_desktop.core.classify.rawrecord import record_from_text
from stacklens_desktop.core.classify.trainingset import load_training_rows
from stacklens_desktop.paths import model_cache_dir


@pytest.fixture(scope="module")
def sklearn_model(tmp_path_factory: pytest.TempPathFactory) -> Classifier:
    return Classifier.load_or_train(model_cache_dir(tmp_path_factory.mktemp("profile")))


@pytest.fixture(scope="module")
def compiled(sklearn_model: Classifier, tmp_path_factory: pytest.TempPathFactory
             ) -> CompiledClassifier:
    """Exported, saved and loaded back: what the app predicts with."""
    path = tmp_path_factory.mktemp("compiled") / "model.npz"
    export(sklearn_model).save(path)
    return CompiledClassifier.load(path)


def _texts() -> list[str]:
    """The training rows: the generated corpus and the hand-written sets of other
    ecosystems' styles."""
    return [row.text for row in load_training_rows(default_corpus_path())]


def _agree(a: Prediction, b: Prediction) -> bool:
    return (a.severity, a.error_type) == (b.severity, b.error_type) and all(
        abs(x - y) <= 2e-4 for x, y in ((a.severity_confidence, b.severity_confidence),
                                        (a.type_confidence, b.type_confidence)))


def test_same_labels_and_probabilities_on_corpus_and_unseen_records(
        sklearn_model: Classifier, compiled: CompiledClassifier) -> None:
    records = [record_from_text(t) for t in _texts()]
    expected = sklearn_model.predict(records)
    got = compiled.predict(records)
    assert len(records) > 5000
    disagreeing = [i for i, (a, b) in enumerate(zip(expected, got, strict=True))
                   if not _agree(a, b)]
    assert disagreeing == []


def test_key_and_classes_survive_the_file(sklearn_model: Classifier,
                                          compiled: CompiledClassifier) -> None:
    assert compiled.key == sklearn_model.key
    assert compiled.heads["severity"].classes == list(sklearn_model.severity_model.classes_)
    assert compiled.heads["type"].classes == list(sklearn_model.type_model.classes_)


def test_seed_record(compiled: CompiledClassifier) -> None:
    [p] = compiled.predict_texts(['2026-11-25T10:00:00.000Z [ERROR] Product has no price: '
                                  '{"productId":999,"productName":"Premium Item"}'])
    assert (p.severity, p.error_type) == ("high", "data_validation")
    assert p.confidence > 0.75


def test_unsupported_vectoriser_option_is_refused(sklearn_model: Classifier) -> None:
    words = sklearn_model.featurizer.words
    words.set_params(stop_words=["error"])
    try:
        with pytest.raises(ValueError, match="not reproduced"):
            export(sklearn_model)
    finally:
        words.set_params(stop_words=None)
