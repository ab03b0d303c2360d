"""The fitted classifier as plain arrays: predicting without scikit-learn.

A :class:`CompiledClassifier` holds what prediction needs from the fitted model (see
:mod:`.export`): the TF-IDF blocks' vocabularies and idf weights, and for each head (severity,
type) the linear models of the calibration folds with their sigmoid calibrators. Predicting
reproduces ``CalibratedClassifierCV.predict_proba``: per fold, the decision value of each
class goes through its sigmoid ``1 / (1 + exp(a*f + b))``, the fold's probabilities are
normalised, and the folds are averaged; then the head's prior shift (:mod:`.prior`) is
applied. A head's own block weights are already folded into its coefficients by the export.

Saved as one ``.npz`` file (no pickle) next to the scikit-learn cache and loaded in a few
milliseconds; the app's start-up then needs numpy only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from stacklens_desktop.core.classify import quiet
from stacklens_desktop.core.classify.features import char_document, word_document
from stacklens_desktop.core.classify.prediction import Prediction
from stacklens_desktop.core.classify.prior import apply_scale
from stacklens_desktop.core.classify.rawrecord import record_from_text
from stacklens_desktop.core.classify.textblock import BlockSpec, TextBlock
from stacklens_desktop.core.record import Record

FORMAT = "stacklens-compiled-3"
HEADS = ("severity", "type")
#: the arrays of a :class:`Head` in the saved file
HEAD_ARRAYS = ("weights", "intercept", "sigmoid_a", "sigmoid_b", "column_fold", "column_class",
               "class_scale")
#: records vectorised together (bounds the temporary (entries x columns) array to ~30 MB)
BATCH = 256


@dataclass(frozen=True)
class Head:
    """The linear models of one head's calibration folds, side by side as columns.

    ``weights`` is (n_features, n_columns), one column per (fold, class the fold's estimator
    knows); ``column_fold``/``column_class`` say which.
    """

    classes: list[str]
    weights: np.ndarray
    intercept: np.ndarray
    sigmoid_a: np.ndarray
    sigmoid_b: np.ndarray
    column_fold: np.ndarray
    column_class: np.ndarray
    folds: int
    #: prior shift applied after calibration (see :mod:`.prior`); ones = none
    class_scale: np.ndarray

    def probabilities(self, decision: np.ndarray) -> np.ndarray:
        """Calibrated probabilities with the head's prior shift applied."""
        return apply_scale(self.calibrate(decision), self.class_scale)

    def calibrate(self, decision: np.ndarray) -> np.ndarray:
        """(records, columns) decision values -> (records, classes) mean probabilities."""
        calibrated = 1.0 / (1.0 + np.exp(self.sigmoid_a * decision + self.sigmoid_b))
        classes = len(self.classes)
        proba = np.zeros((decision.shape[0], self.folds, classes))
        proba[:, self.column_fold, self.column_class] = calibrated
        if classes == 2:
            proba[:, :, 0] = 1.0 - proba[:, :, 1]
        else:
            total = proba.sum(axis=2, keepdims=True)
            uniform = np.full_like(proba, 1.0 / classes)
            proba = np.divide(proba, total, out=uniform, where=total != 0)
        proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        return proba.mean(axis=1)


class CompiledClassifier:
    """Same answers as :class:`.model.Classifier` (to float precision), numpy only."""

    def __init__(self, blocks: dict[str, TextBlock], heads: dict[str, Head], key: str) -> None:
        self.blocks = blocks
        self.heads = heads
        self.key = key
        # both heads' columns side by side: one gather per record serves both
        self._weights = np.hstack([heads[h].weights for h in HEADS])
        self._intercept = np.concatenate([heads[h].intercept for h in HEADS])
        self._split = heads[HEADS[0]].weights.shape[1]

    def _decision(self, records: Sequence[Record]) -> np.ndarray:
        """(records, columns of both heads): the linear models' decision values.

        Each distinct pair of documents is vectorised once: records of one pattern that
        differ only in numbers and ids share their documents, so live batches shrink a lot.
        """
        index: dict[tuple[str, str], int] = {}
        rows_of = [index.setdefault((word_document(r), char_document(r)), len(index))
                   for r in records]
        return self._unique_decision(list(index))[rows_of]

    def _unique_decision(self, docs: list[tuple[str, str]]) -> np.ndarray:
        by_kind = {"word": [word for word, _ in docs], "char": [char for _, char in docs]}
        parts = [block.entries(by_kind[block.spec.document]) for block in self.blocks.values()]
        # one zero entry per document, so that none is without entries for reduceat
        count = len(docs)
        rows = np.concatenate([p.rows for p in parts] + [np.arange(count)])
        columns = np.concatenate([p.columns for p in parts] + [np.zeros(count, np.int64)])
        values = np.concatenate([p.values for p in parts] + [np.zeros(count)])
        order = np.argsort(rows, kind="stable")
        contributions = self._weights[columns[order]] * values[order, None]
        starts = np.searchsorted(rows[order], np.arange(count))
        decision = np.add.reduceat(contributions, starts, axis=0, dtype=np.float64)
        return decision + self._intercept

    def predict(self, records: Sequence[Record]) -> list[Prediction]:
        """One prediction per record, in order (batches are much faster than single calls)."""
        if not records:
            return []
        decision = np.vstack([self._decision(records[i : i + BATCH])
                              for i in range(0, len(records), BATCH)])
        sev = self.heads["severity"].probabilities(decision[:, : self._split])
        if quiet.QUIET_CAP:
            sev = quiet.cap_quiet(sev, self.heads["severity"].classes, records)
        typ = self.heads["type"].probabilities(decision[:, self._split :])
        sev_i, typ_i = sev.argmax(axis=1), typ.argmax(axis=1)
        sev_names, typ_names = self.heads["severity"].classes, self.heads["type"].classes
        return [Prediction.of(sev_names[s], typ_names[t], float(sev[i, s]), float(typ[i, t]))
                for i, (s, t) in enumerate(zip(sev_i, typ_i, strict=True))]

    def predict_texts(self, texts: Sequence[str]) -> list[Prediction]:
        return self.predict([record_from_text(t) for t in texts])

    def save(self, path: Path) -> None:
        """Write atomically (a reader never sees half a file)."""
        arrays: dict[str, np.ndarray] = {}
        blocks: dict[str, object] = {}
        heads: dict[str, object] = {}
        for name, block in self.blocks.items():
            blocks[name] = block.spec.as_json()
            terms = sorted(block.vocabulary, key=block.vocabulary.__getitem__)
            arrays[f"terms_{name}"] = np.array(terms, dtype=str)
            if block.idf is not None:
                arrays[f"idf_{name}"] = np.asarray(block.idf, dtype=np.float64)
        for name, head in self.heads.items():
            heads[name] = {"classes": head.classes, "folds": head.folds}
            for field in HEAD_ARRAYS:
                arrays[f"{name}_{field}"] = getattr(head, field)
        meta = {"format": FORMAT, "key": self.key, "blocks": blocks, "heads": heads}
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
        with tmp.open("wb") as out:
            # numpy's stub cannot tell that no key is named "allow_pickle"
            np.savez(out, **arrays)  # type: ignore[arg-type]
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> CompiledClassifier:
        """Raises ``OSError``/``ValueError``/``KeyError`` for a missing or damaged file."""
        # our own handle: np.load leaks the one it opens when the zip is damaged
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            meta = json.loads(data["meta"].tobytes())
            if meta.get("format") != FORMAT:
                raise ValueError(f"not a compiled model: {meta.get('format')!r}")
            blocks = {}
            for name, spec in meta["blocks"].items():
                idf = data[f"idf_{name}"] if f"idf_{name}" in data else None
                blocks[name] = TextBlock(BlockSpec(**spec), data[f"terms_{name}"].tolist(), idf)
            heads = {name: Head(classes=info["classes"], folds=info["folds"],
                                **{f: data[f"{name}_{f}"] for f in HEAD_ARRAYS})
                     for name, info in meta["heads"].items()}
        return cls(blocks, heads, meta["key"])
