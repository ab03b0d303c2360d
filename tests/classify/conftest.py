"""Fixtures: the real model (trained once per session) and a tiny corpus for fast tests."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from stacklens_desktop.core.classify import Classifier
from stacklens_desktop.core.classify.corpus import default_corpus_path


@pytest.fixture(scope="session")
def model_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A profile folder whose model cache holds the model trained on the shipped corpus."""
    base = tmp_path_factory.mktemp("profile")
    Classifier.load_or_train(base / "models")
    return base


@pytest.fixture(scope="session")
def model(model_data_dir: Path) -> Classifier:
    return Classifier.load_or_train(model_data_dir / "models")


def write_tiny_corpus(path: Path, per_type: int = 10) -> Path:
    """The first ``per_type`` rows of every type of the shipped corpus (trains in ~1 s)."""
    kept: dict[str, list[str]] = defaultdict(list)
    with default_corpus_path().open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if len(kept[row["error_type"]]) < per_type:
                kept[row["error_type"]].append(line)
    path.write_text("".join(line for rows in kept.values() for line in rows), encoding="utf-8")
    return path


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    return write_tiny_corpus(tmp_path / "corpus.jsonl")
