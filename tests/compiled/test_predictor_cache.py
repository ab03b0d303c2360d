"""load_predictor: the compiled file is used when fresh, rebuilt when missing, stale or
damaged, and the prediction path does not import scikit-learn."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from stacklens_desktop.core.classify.cachekey import model_key
from stacklens_desktop.core.classify.compiled import CompiledClassifier
from stacklens_desktop.core.classify.feedback import FeedbackExample
from stacklens_desktop.core.classify.predictor import compiled_path, load_predictor
from tests.classify.conftest import write_tiny_corpus

SEED = ('2026-11-25T10:00:00.000Z [ERROR] Product has no price: '
        '{"productId":999,"productName":"Premium Item"}')


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_tiny_corpus(tmp_path / "tiny.jsonl")


def test_first_load_builds_and_saves_then_loads_the_file(tmp_path: Path, corpus: Path) -> None:
    cache = tmp_path / "models"
    cache.mkdir()
    first = load_predictor(cache, corpus_path=corpus)
    assert isinstance(first, CompiledClassifier)
    path = compiled_path(cache, model_key(corpus, ()))
    assert path.is_file()
    second = load_predictor(cache, corpus_path=corpus)
    assert isinstance(second, CompiledClassifier)
    assert second.predict_texts([SEED]) == first.predict_texts([SEED])


def test_damaged_file_is_rebuilt_not_fatal(tmp_path: Path, corpus: Path,
                                           caplog: pytest.LogCaptureFixture) -> None:
    cache = tmp_path / "models"
    cache.mkdir()
    expected = load_predictor(cache, corpus_path=corpus).predict_texts([SEED])
    path = compiled_path(cache, model_key(corpus, ()))
    path.write_bytes(path.read_bytes()[:1000])
    with caplog.at_level(logging.WARNING, "stacklens.classify"):
        rebuilt = load_predictor(cache, corpus_path=corpus)
    assert "unreadable" in caplog.text
    assert rebuilt.predict_texts([SEED]) == expected
    assert CompiledClassifier.load(path).key == model_key(corpus, ())


def test_feedback_gives_another_file_and_both_are_kept(tmp_path: Path, corpus: Path) -> None:
    cache = tmp_path / "models"
    cache.mkdir()
    feedback = [FeedbackExample(SEED, "critical", "configuration")]
    base = load_predictor(cache, corpus_path=corpus)
    tuned = load_predictor(cache, feedback, corpus_path=corpus)
    assert base.key != tuned.key
    assert compiled_path(cache, base.key).is_file()
    assert compiled_path(cache, tuned.key).is_file()


def test_prediction_path_does_not_import_scikit_learn(tmp_path: Path, corpus: Path) -> None:
    cache = tmp_path / "models"
    cache.mkdir()
    expected = load_predictor(cache, corpus_path=corpus).predict_texts([SEED])[0]  # and saves
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from stacklens_desktop.core.classify.predictor import load_predictor\n"
        f"p = load_predictor(Path({str(cache)!r}), corpus_path=Path({str(corpus)!r}))\n"
        f"print(repr(p.predict_texts([{SEED!r}])[0]))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[1] == "[]"
    assert out[0] == repr(expected)
