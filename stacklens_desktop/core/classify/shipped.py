"""The model shipped with the app: the corpus model's numpy export, built at build time.

A fresh profile used to train the classifier before its first analysis (4 s on an idle
machine, 12-18 s on a busy one). The corpus-only model is the same for every user, so it is
built once (``python -m stacklens_desktop.core.classify.ship``) and shipped as
``resources/model/classifier.npz``; the app loads it with ``allow_pickle=False`` when its key
(:func:`.cachekey.shipped_key`: training files, features, estimators, record parser) matches
the corpus it runs with. Only a model with the user's corrections is trained on the user's
machine.
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

from stacklens_desktop.core.classify.cachekey import shipped_key
from stacklens_desktop.core.classify.compiled import CompiledClassifier
from stacklens_desktop.core.classify.corpus import default_corpus_path
from stacklens_desktop.paths import resources_dir

log = logging.getLogger("stacklens.classify")

SHIPPED_FILE = "classifier.npz"


def shipped_path() -> Path:
    return resources_dir() / "model" / SHIPPED_FILE


def load_shipped(corpus_path: Path, path: Path | None = None) -> CompiledClassifier | None:
    """The shipped model when it was built from ``corpus_path`` as it is now, else ``None``
    (missing, damaged or stale: the caller builds one)."""
    path = path or shipped_path()
    try:
        compiled = CompiledClassifier.load(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        log.warning("shipped model %s unreadable (%s); building one", path, exc)
        return None
    if compiled.key != shipped_key(corpus_path):
        if corpus_path == default_corpus_path():
            log.warning("shipped model %s is stale (the corpus changed since it was built: "
                        "python -m stacklens_desktop.core.classify.ship)", path)
        return None
    return compiled
