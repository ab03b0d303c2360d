"""The model shipped in resources/model: fresh for the corpus in the tree, the same model a
fresh training gives, loaded by a new profile without training or scikit-learn."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stacklens_desktop.core.classify import Classifier
from stacklens_desktop.core.classify.cachekey import shipped_key
from stacklens_desktop.core.classify.compiled import CompiledClassifier
from stacklens_desktop.core.classify.corpus import default_corpus_path
from stacklens_desktop.core.classify.export import export
from stacklens_desktop.core.classify.rawrecord import record_from_text
from stacklens_desktop.core.classify.ship import REGENERATE
from stacklens_desktop.core.classify.ship import main as ship_main
from stacklens_desktop.core.classify.shipped import load_shipped, shipped_path
from stacklens_desktop.core.classify.trainingset import load_training_rows


def test_shipped_model_is_fresh_for_the_corpus_in_the_tree() -> None:
    """Fails the day the corpus, a hand-written set, the features, the estimators or the
    record parser change without the shipped model being rebuilt."""
    shipped = load_shipped(default_corpus_path())
    assert shipped is not None, f"resources/model is missing or stale: run {REGENERATE}"
    assert shipped.key == shipped_key(default_corpus_path())
    assert ship_main(["--check"]) == 0


def test_shipped_model_answers_as_a_fresh_training(model: Classifier) -> None:
    shipped = load_shipped(default_corpus_path())
    assert shipped is not None
    fresh = export(model)
    records = [record_from_text(r.text) for r in load_training_rows(default_corpus_path())]
    assert len(records) > 5000
    assert shipped.predict(records) == fresh.predict(records)


def test_fresh_profile_loads_it_without_training_or_scikit_learn(tmp_path: Path) -> None:
    cache = tmp_path / "models"
    cache.mkdir()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from stacklens_desktop.core.classify import load_predictor\n"
        f"p = load_predictor(Path({str(cache)!r}))\n"
        "print(p.key)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == [shipped_key(default_corpus_path()), "[]"]
    assert list(cache.iterdir()) == []  # nothing trained, nothing written


def test_stale_or_damaged_shipped_model_is_not_used(
        tmp_path: Path, tiny_corpus: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert load_shipped(tiny_corpus) is None  # built from another corpus
    damaged = tmp_path / "classifier.npz"
    damaged.write_bytes(shipped_path().read_bytes()[:5000])
    with caplog.at_level(logging.WARNING, "stacklens.classify"):
        assert load_shipped(default_corpus_path(), damaged) is None
    assert "unreadable" in caplog.text


def test_corpus_change_makes_it_stale(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(default_corpus_path().parent, corpus_dir,
                    ignore=shutil.ignore_patterns("*.py", "README.md"))
    corpus = corpus_dir / default_corpus_path().name
    assert isinstance(load_shipped(corpus), CompiledClassifier)  # same files, same key
    with (corpus_dir / "handwritten" / "set_a.jsonl").open("a", encoding="utf-8") as out:
        out.write('{"text": "Till 4 drawer jammed", "severity": "medium", '
                  '"error_type": "hardware_device"}\n')
    assert load_shipped(corpus) is None
