"""What the classifier trains on: the generated corpus plus the hand-written sets beside it.

``resources/corpus/corpus.jsonl`` is generated from templates; ``resources/corpus/handwritten/
*.jsonl`` are records written and labeled by hand in other ecosystems' styles (the former
evaluation sets A-D). A corpus file's hand-written sets are the ``*.jsonl`` files of the
``handwritten`` folder next to it, so a test corpus in a temporary folder has none.

Calibration (``CalibratedClassifierCV``, 3 unshuffled folds) splits each class's rows in
file order, so appending the hand rows would put them all in the last fold: one of the three
calibrated models would never train on them. :func:`interleave` spreads them evenly instead.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from stacklens_desktop.core.classify.corpus import CorpusRow, file_hash, load_corpus

T = TypeVar("T")

HANDWRITTEN_DIR = "handwritten"
#: ``origin`` of a hand-written row starts with this (``handwritten/set_a.jsonl#17``)
HANDWRITTEN_PREFIX = HANDWRITTEN_DIR + "/"
#: the hand-written sets (``set_a.jsonl``...: also the leave-one-set-out sets of the
#: benchmark); the other files there (``train_catalog.jsonl``) are training rows only
SET_PREFIX = "set_"


def handwritten_paths(corpus_path: Path) -> list[Path]:
    """The hand-written sets that go with ``corpus_path``, in name order."""
    return sorted((corpus_path.parent / HANDWRITTEN_DIR).glob("*.jsonl"))


def load_handwritten(path: Path) -> list[CorpusRow]:
    """A hand-written set; a row without ``origin`` gets ``handwritten/<file>#<line>``."""
    rows = load_corpus(path)
    return [row if row.origin else CorpusRow(row.text, row.severity, row.error_type,
                                             row.ecosystem,
                                             f"{HANDWRITTEN_PREFIX}{path.name}#{number}")
            for number, row in enumerate(rows, 1)]


def interleave(base: Sequence[T], extra: Sequence[T]) -> list[T]:
    """``base`` in order with ``extra`` spread evenly through it (``extra[j]`` after about
    ``(j + 1) / (len(extra) + 1)`` of ``base``), deterministic."""
    out: list[T] = []
    start = 0
    for j, row in enumerate(extra):
        stop = (j + 1) * len(base) // (len(extra) + 1)
        out.extend(base[start:stop])
        out.append(row)
        start = stop
    out.extend(base[start:])
    return out


def load_training_rows(corpus_path: Path) -> list[CorpusRow]:
    """The corpus with its hand-written sets interleaved (see the module docstring)."""
    paths = handwritten_paths(corpus_path)
    sets = [row for path in paths if path.name.startswith(SET_PREFIX)
            for row in load_handwritten(path)]
    rows = interleave(load_corpus(corpus_path), sets)
    for path in paths:  # training-only files (the message catalogue), each spread afterwards
        if not path.name.startswith(SET_PREFIX):
            rows = interleave(rows, load_handwritten(path))
    return rows


def training_hash(corpus_path: Path) -> str:
    """SHA-256 over the name and content hash of every training file: a change, addition or
    removal of any of them makes the cached model stale."""
    parts = [(path.relative_to(corpus_path.parent).as_posix(), file_hash(path))
             for path in [corpus_path, *handwritten_paths(corpus_path)]]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()
