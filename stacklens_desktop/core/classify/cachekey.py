"""The model cache key, computable without importing scikit-learn.

Both caches use it: the fitted scikit-learn model (``cache.py``) and its numpy export
(``compiled.py``), so a change of corpus (generated or hand-written), feedback, features,
estimators, record parser or scikit-learn version makes both stale at once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from stacklens_desktop.core.classify.features import FEATURE_VERSION
from stacklens_desktop.core.classify.feedback import FeedbackExample, feedback_hash
from stacklens_desktop.core.classify.rawrecord import PARSER_ID
from stacklens_desktop.core.classify.trainingset import training_hash

#: bump when the estimators, their post-processing or the shape of the training input change
#: (model.py, prior.py, trainingset.py): part of the cache key
MODEL_VERSION = 6


def sklearn_version() -> str:
    """The installed scikit-learn's version, read from its metadata (no import)."""
    return metadata.version("scikit-learn")


def cache_key(**parts: str) -> str:
    """SHA-256 over the named parts plus the scikit-learn version."""
    return _digest(dict(parts, sklearn=sklearn_version()))


def _digest(material: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


def _training_parts(corpus_path: Path) -> dict[str, str]:
    return {"corpus": training_hash(corpus_path), "features": str(FEATURE_VERSION),
            "model": str(MODEL_VERSION), "parser": PARSER_ID}


def model_key(corpus_path: Path, feedback: Sequence[FeedbackExample]) -> str:
    return cache_key(**_training_parts(corpus_path), feedback=feedback_hash(feedback))


def shipped_key(corpus_path: Path) -> str:
    """The key of the model shipped in ``resources/model`` (see :mod:`.shipped`): the
    training files, features, estimators and record parser, without the scikit-learn
    version (a numpy export predicts the same whatever scikit-learn is installed later)."""
    return _digest(dict(_training_parts(corpus_path), shipped="1"))
