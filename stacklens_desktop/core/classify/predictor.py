"""The classifier the app predicts with: the shipped or cached compiled export, else built.

Start-up cost is the reason: importing scikit-learn takes about a second, loading the
compiled ``.npz`` a few milliseconds. The compiled file carries the same key as the
scikit-learn cache (corpus, feedback, features, estimators, parser, scikit-learn version), so
it goes stale with it. When it is missing, stale or damaged, the scikit-learn model is
loaded (or trained) and exported again; a model that cannot be exported is used as it is.
Without corrections the model shipped in ``resources/model`` (:mod:`.shipped`) comes first:
a fresh profile does not train.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from stacklens_desktop.core.classify import cache
from stacklens_desktop.core.classify.cachekey import model_key
from stacklens_desktop.core.classify.compiled import CompiledClassifier
from stacklens_desktop.core.classify.corpus import default_corpus_path
from stacklens_desktop.core.classify.feedback import FeedbackExample
from stacklens_desktop.core.classify.prediction import Prediction
from stacklens_desktop.core.classify.shipped import load_shipped
from stacklens_desktop.core.record import Record

log = logging.getLogger("stacklens.classify")

PREFIX = "compiled-"


class Predictor(Protocol):
    key: str

    def predict(self, records: Sequence[Record]) -> list[Prediction]: ...

    def predict_texts(self, texts: Sequence[str]) -> list[Prediction]: ...


def compiled_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"{PREFIX}{key[:24]}.npz"


def load_predictor(cache_dir: Path, feedback: Sequence[FeedbackExample] = (),
                   corpus_path: Path | None = None) -> Predictor:
    corpus_path = corpus_path or default_corpus_path()
    if not feedback:
        shipped = load_shipped(corpus_path)
        if shipped is not None:
            return shipped
    key = model_key(corpus_path, feedback)
    path = compiled_path(cache_dir, key)
    try:
        compiled = CompiledClassifier.load(path)
        if compiled.key == key:
            return compiled
        log.warning("compiled model %s has another key; rebuilding", path)
    except FileNotFoundError:
        log.info("no compiled model for this corpus and feedback yet; building %s", path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        log.warning("compiled model %s unreadable (%s); rebuilding", path, exc)
    return _build(cache_dir, feedback, corpus_path, path)


def _build(cache_dir: Path, feedback: Sequence[FeedbackExample], corpus_path: Path,
           path: Path) -> Predictor:
    from stacklens_desktop.core.classify.export import export  # imports scikit-learn
    from stacklens_desktop.core.classify.model import Classifier

    model = Classifier.load_or_train(cache_dir, feedback, corpus_path)
    try:
        compiled = export(model)
    except ValueError as exc:
        log.warning("model not exportable (%s); predicting with scikit-learn", exc)
        return model
    try:
        compiled.save(path)
        cache.prune(cache_dir, f"{PREFIX}*.npz")
    except OSError as exc:
        log.warning("could not write compiled model %s: %s", path, exc)
    return compiled
