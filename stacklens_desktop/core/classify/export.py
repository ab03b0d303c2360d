"""Export a fitted :class:`.model.Classifier` to a :class:`.compiled.CompiledClassifier`.

Only reads attributes of the fitted scikit-learn objects; refuses (``ValueError``) any option
the plain-Python re-implementation does not reproduce, so a model change cannot silently give
different answers (the caller then keeps the scikit-learn model).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from stacklens_desktop.core.classify import model as sk
from stacklens_desktop.core.classify.compiled import CompiledClassifier, Head
from stacklens_desktop.core.classify.textblock import BlockSpec, TextBlock


def _block(vectorizer: Any, document: str, weight: float, offset: int) -> TextBlock:
    params = vectorizer.get_params()
    unsupported = {name: params[name] for name in ("stop_words", "preprocessor", "tokenizer",
                                                   "strip_accents", "vocabulary")
                   if params[name] is not None}
    if unsupported or params["analyzer"] not in ("word", "char") or params["norm"] not in (
            "l2", None) or params["input"] != "content":
        raise ValueError(f"vectoriser options not reproduced: {params}")
    low, high = params["ngram_range"]
    spec = BlockSpec(document=document, analyzer=params["analyzer"],
                     lowercase=bool(params["lowercase"]),
                     token_pattern=params["token_pattern"], ngram_min=low, ngram_max=high,
                     binary=bool(params["binary"]), sublinear_tf=bool(params["sublinear_tf"]),
                     use_idf=bool(params["use_idf"]), l2_norm=params["norm"] == "l2",
                     weight=float(weight), offset=offset)
    vocabulary: dict[str, int] = vectorizer.vocabulary_
    terms = sorted(vocabulary, key=vocabulary.__getitem__)
    idf = np.asarray(vectorizer.idf_, dtype=np.float64) if spec.use_idf else None
    return TextBlock(spec, terms, idf)


def _head(calibrated: Any, n_features: int, scale: np.ndarray | None = None,
          columns: np.ndarray | None = None) -> Head:
    """``columns``: per-feature factors the model's input was multiplied by (its own block
    weights); folded into the coefficients, since ``coef . (c * x) == (coef * c) . x``."""
    classes = [str(c) for c in calibrated.classes_]
    index = {c: i for i, c in enumerate(classes)}
    weights, intercept, a, b, folds_of, class_of = [], [], [], [], [], []
    for fold, member in enumerate(calibrated.calibrated_classifiers_):
        estimator = member.estimator
        if member.method != "sigmoid" or not hasattr(estimator, "coef_"):
            raise ValueError("only sigmoid-calibrated linear models are exported")
        coef = np.asarray(estimator.coef_, dtype=np.float64)
        if coef.shape[1] != n_features:
            raise ValueError(f"coef has {coef.shape[1]} features, blocks {n_features}")
        if columns is not None:
            coef = coef * columns
        coef = coef.astype(np.float32)
        known = [str(c) for c in estimator.classes_]
        positives = known[1:] if len(known) == 2 else known  # binary: one column, class 1
        for row, (label, calibrator) in enumerate(zip(positives, member.calibrators,
                                                      strict=True)):
            weights.append(coef[row])
            intercept.append(float(np.ravel(estimator.intercept_)[row]))
            a.append(float(calibrator.a_))
            b.append(float(calibrator.b_))
            folds_of.append(fold)
            class_of.append(index[label])
    return Head(classes=classes, weights=np.ascontiguousarray(np.stack(weights, axis=1)),
                intercept=np.array(intercept), sigmoid_a=np.array(a), sigmoid_b=np.array(b),
                column_fold=np.array(folds_of, dtype=np.int64),
                column_class=np.array(class_of, dtype=np.int64),
                folds=len(calibrated.calibrated_classifiers_),
                class_scale=np.ones(len(classes)) if scale is None
                else np.asarray(scale, dtype=np.float64))


def export(classifier: sk.Classifier) -> CompiledClassifier:
    featurizer = classifier.featurizer
    blocks: dict[str, TextBlock] = {}
    offset = 0
    for name, document, weight in featurizer.BLOCKS:
        block = _block(getattr(featurizer, name), document, weight, offset)
        blocks[name] = block
        offset += len(block)
    heads = {"severity": _head(classifier.severity_model, offset, classifier.severity_scale,
                               classifier.severity_columns),
             "type": _head(classifier.type_model, offset)}
    return CompiledClassifier(blocks, heads, classifier.key)
