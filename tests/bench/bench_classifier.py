"""Classifier benchmark: quality, level traps, speed, training time, against baselines.

Run: ``.venv/bin/python -m tests.bench.bench_classifier``. The model trains on the generated
corpus plus the hand-written sets (``resources/corpus/handwritten``, the former evaluation
sets A-D). Prints macro-F1 of severity and type on the held-out 20% of those rows, the
phrasing-grouped CV on the corpus, accuracy on level traps, records/s in batches and
training time. Baselines in the same run: severity from the level alone, and a keyword
baseline for both labels.

``--loso``: leave-one-set-out on the hand-written sets, beside the corpus-only model
(:mod:`tests.bench.classifier_loso`); this is what model choices are made on, with the CV.
``--with-e``: set E (``tests/bench/data/handlabeled_e.jsonl``), never trained or tuned on,
aggregates only (:mod:`tests.bench.classifier_sete`); ``--with-h`` the same for set H
(``handlabeled_h.jsonl``, written blind for issue 18).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score

from stacklens_desktop.core.classify import Classifier, Prediction, record_from_text
from stacklens_desktop.core.classify.compiled import CompiledClassifier
from stacklens_desktop.core.classify.corpus import CorpusRow, default_corpus_path, load_corpus
from stacklens_desktop.core.classify.evaluate import split
from stacklens_desktop.core.classify.export import export
from stacklens_desktop.core.classify.labels import SEVERITIES
from stacklens_desktop.core.classify.model import HAND_WEIGHT, examples_from_rows
from stacklens_desktop.core.classify.trainingset import (
    HANDWRITTEN_PREFIX,
    SET_PREFIX,
    handwritten_paths,
    interleave,
    load_handwritten,
    load_training_rows,
)
from tests.bench import classifier_loso, classifier_sete
from tests.bench.classifier_scores import level_severity, macro_f1, trap_indices

BATCH = 512
#: first matching keyword list wins (a plain, honest keyword classifier)
TYPE_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("concurrency", ("deadlock", "lock wait", "locked", "race", "concurrent", "optimistic")),
    ("null_reference", ("null", "none", "undefined", "nil ")),
    ("resource_exhaustion", ("out of memory", "oom", "no space", "too many open", "quota",
                             "memory")),
    ("auth", ("unauthorized", "forbidden", "401", "403", "permission", "password", "token",
              "access denied", "login")),
    ("parsing", ("parse", "json", "decode", "xml", "malformed", "unexpected token")),
    ("hardware_device", ("printer", "scanner", "card reader", "drawer", "disk", "device",
                         "i/o error")),
    ("configuration", ("config", "environment variable", "setting", "not configured")),
    ("network", ("connection refused", "timed out", "timeout", "dns", "unreachable",
                 "connection reset", "host")),
    ("external_service", ("502", "503", "500", "gateway", "upstream", "provider")),
    ("database", ("sql", "database", "query", "table", "duplicate key", "constraint")),
    ("not_found", ("not found", "404", "no such", "does not exist", "unknown")),
    ("data_validation", ("invalid", "validation", "must be", "missing", "price")),
]
SEVERITY_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("critical", ("all ", "every ", "crash", "killed", "fatal", "down", "corrupt", "panic")),
    ("low", ("ignored", "expected", "skipped", "404", "debug", "deprecated")),
    ("medium", ("retry", "retrying", "slow", "fallback", "degraded", "near")),
]


def keyword_label(table: list[tuple[str, tuple[str, ...]]], default: str) -> Callable[[str], str]:
    def classify(text: str) -> str:
        lower = text.lower()
        for label, words in table:
            if any(w in lower for w in words):
                return label
        return default
    return classify


def quality(name: str, model: Classifier, texts: list[str], sev: list[str],
            typ: list[str], confusion: bool = True) -> dict[str, float]:
    records = [record_from_text(t) for t in texts]
    predictions = model.predict(records)
    kw_type, kw_sev = keyword_label(TYPE_KEYWORDS, "other"), keyword_label(SEVERITY_KEYWORDS,
                                                                             "high")
    traps = trap_indices(records, sev)
    out = {
        "n": len(texts),
        "severity_f1": macro_f1(sev, [p.severity for p in predictions]),
        "type_f1": macro_f1(typ, [p.error_type for p in predictions]),
        "severity_f1_level_baseline": macro_f1(sev, [level_severity(r) for r in records]),
        "severity_f1_keyword_baseline": macro_f1(sev, [kw_sev(t) for t in texts]),
        "type_f1_keyword_baseline": macro_f1(typ, [kw_type(t) for t in texts]),
        "level_traps": len(traps),
        "trap_accuracy": (sum(predictions[i].severity == sev[i] for i in traps) / len(traps))
        if traps else float("nan"),
    }
    print(f"\n== {name} (n={out['n']})")
    print(f"severity macro-F1 {out['severity_f1']:.3f}  | level-only baseline "
          f"{out['severity_f1_level_baseline']:.3f}, keyword baseline "
          f"{out['severity_f1_keyword_baseline']:.3f}")
    print(f"type macro-F1     {out['type_f1']:.3f}  | keyword baseline "
          f"{out['type_f1_keyword_baseline']:.3f}")
    print(f"level traps: {out['level_traps']} records, model severity accuracy "
          f"{out['trap_accuracy']:.3f} (level-only baseline: 0 by definition)")
    calibration(predictions, sev, typ)
    if confusion:
        severity_confusion(sev, [p.severity for p in predictions])
    return out


def severity_confusion(truth: Sequence[str], predicted: Sequence[str]) -> None:
    """Rows: true severity, columns: predicted (critical, high, medium, low)."""
    matrix = confusion_matrix(truth, predicted, labels=list(SEVERITIES))
    print("  severity confusion (rows true, cols predicted): "
          + " ".join(f"{s[:4]:>5}" for s in SEVERITIES))
    for label, row in zip(SEVERITIES, matrix, strict=True):
        print(f"  {label:>47s} " + " ".join(f"{v:5d}" for v in row))


def calibration(predictions: Sequence[Prediction], sev: list[str], typ: list[str]) -> None:
    """How well each way of combining the two probabilities predicts "both labels right":
    mean confidence vs the share right, expected calibration error (10 bins), and the
    share right among records the model is sure of (confidence >= 0.8)."""
    ok = np.array([p.severity == s and p.error_type == t
                   for p, s, t in zip(predictions, sev, typ, strict=True)], dtype=float)
    s_p = np.array([p.severity_confidence for p in predictions])
    t_p = np.array([p.type_confidence for p in predictions])
    rules = {"geometric mean (shipped)": np.sqrt(s_p * t_p), "product": s_p * t_p,
             "min": np.minimum(s_p, t_p)}
    for name, conf in rules.items():
        bins = np.minimum((conf * 10).astype(int), 9)
        ece = sum(abs(conf[bins == b].mean() - ok[bins == b].mean()) * (bins == b).sum()
                  for b in range(10) if (bins == b).any()) / len(conf)
        sure = conf >= 0.8
        sure_acc = f"{ok[sure].mean():.3f}" if sure.any() else "-"
        print(f"  confidence = {name:25s} mean {conf.mean():.3f} vs both right "
              f"{ok.mean():.3f}, ECE {ece:.3f}; conf>=0.8: {int(sure.sum())} records, "
              f"{sure_acc} right")


def _rate(model: Classifier | CompiledClassifier, texts: list[str],
          with_parsing: bool) -> float:
    """Best of 3 runs (the machine is shared), after one warm-up batch."""
    records = [record_from_text(t) for t in texts]
    model.predict(records[:BATCH])
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for i in range(0, len(texts), BATCH):
            chunk = texts[i:i + BATCH]
            model.predict([record_from_text(t) for t in chunk] if with_parsing
                          else records[i:i + BATCH])
        best = min(best, time.perf_counter() - started)
    return len(texts) / best


def speed(model: Classifier, unique_texts: list[str]) -> None:
    """Distinct records (worst case) and a live-like stream: 200 patterns, varying numbers."""
    rng = random.Random(7)
    stream = [re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group()))), t)
              for t in (unique_texts[:200] * 50)]
    compiled = export(model)
    print(f"\n== speed (batches of {BATCH})")
    for name, predictor in (("scikit-learn", model), ("compiled (app)", compiled)):
        for label, texts in (("distinct records", unique_texts), ("pattern stream", stream)):
            print(f"{name:14s} {label:17s} n={len(texts):5d}: predict "
                  f"{_rate(predictor, texts, False):8.0f} rec/s, with record building "
                  f"{_rate(predictor, texts, True):8.0f} rec/s")


def grouped_cv(rows: Sequence[CorpusRow], hand: Sequence[CorpusRow]
               ) -> tuple[np.ndarray, list[str]]:
    """4-fold CV on the corpus with rows grouped by the hand-written sentence they come from
    (``origin``): the held-out fold's wording was never seen in training. The hand-written
    sets are in every fold's training (at ``HAND_WEIGHT``, interleaved, as shipped). Returns
    the out-of-fold severity probabilities before the prior shift, and their classes, for
    :func:`fit_severity_scale`."""
    done, raw, classes = classifier_loso.grouped_cv(
        examples_from_rows(rows), [r.origin for r in rows], examples_from_rows(hand),
        HAND_WEIGHT)
    sev, typ = [r.severity for r in rows], [r.error_type for r in rows]
    print("\n== corpus, 4-fold CV grouped by phrasing, hand sets always in training "
          f"(out-of-fold predictions, n={len(rows)})")
    print(f"severity macro-F1 {macro_f1(sev, [p.severity for p in done]):.3f}, "
          f"type macro-F1 {macro_f1(typ, [p.error_type for p in done]):.3f}")
    calibration(done, sev, typ)
    severity_confusion(sev, [p.severity for p in done])
    return raw, classes


def fit_severity_scale(raw: np.ndarray, classes: list[str], truth: Sequence[str],
                       anchor: str = "high") -> dict[str, float]:
    """Per-class scales (``core/classify/prior.py``) that maximise severity macro-F1 on the
    out-of-fold CV probabilities: coordinate ascent over log-scales in [-1.5, 1.5], the
    anchor class fixed at 1; ties go to the smaller shift."""
    target = np.array([classes.index(t) for t in truth])
    logs = np.zeros(len(classes))
    grid = sorted(np.round(np.linspace(-1.5, 1.5, 61), 3), key=abs)

    def score(candidate: np.ndarray) -> float:
        chosen = (raw * np.exp(candidate)).argmax(axis=1)
        return float(f1_score(target, chosen, average="macro", zero_division=0))

    best = score(logs)
    for _ in range(4):
        for c, name in enumerate(classes):
            if name == anchor:
                continue
            for value in grid:
                trial = logs.copy()
                trial[c] = value
                if (f := score(trial)) > best + 1e-9:
                    best, logs = f, trial
    unshifted = score(np.zeros(len(classes)))
    print(f"\n== severity prior shift fitted on out-of-fold CV: macro-F1 {unshifted:.3f}"
          f" unshifted -> {best:.3f}")
    scales = {name: round(float(np.exp(v)), 3) for name, v in zip(classes, logs, strict=True)}
    print(f"SEVERITY_CLASS_SCALE = {scales}")
    return scales


def cross_fit_scale(raw: np.ndarray, classes: list[str], rows: Sequence[CorpusRow]) -> None:
    """Does a fitted shift carry over to wording it was not fitted on? Fit it on the rows of
    half of the phrasings, score it on the other half, and the other way round."""
    half = np.array([int(hashlib.sha256(r.origin.encode()).hexdigest()[:8], 16) % 2
                     for r in rows])
    truth = np.array([r.severity for r in rows])
    for fit_on in (0, 1):
        fit, test = half == fit_on, half != fit_on
        scales = fit_severity_scale(raw[fit], classes, list(truth[fit]))
        vector = np.array([scales[c] for c in classes])
        before = macro_f1(list(truth[test]), list(np.array(classes)[raw[test].argmax(1)]))
        after = macro_f1(list(truth[test]),
                         list(np.array(classes)[(raw[test] * vector).argmax(1)]))
        print(f"  cross-fit: fitted on half {fit_on}, other half {before:.3f} -> {after:.3f}")


SEED = ('2026-11-25T10:00:00.000Z [ERROR] Product has no price: '
        '{"productId":999,"productName":"Premium Item"}')


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--loso", action="store_true",
                        help="leave-one-set-out on the hand-written sets, then stop")
    parser.add_argument("--hand-weights", default="1,2,4,8",
                        help="--loso: hand-row weights to try (comma-separated)")
    parser.add_argument("--placement", default="interleave",
                        help="--loso: interleave and/or end (comma-separated)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="--loso: a constant of core/classify/model.py for the candidates")
    parser.add_argument("--no-cv", action="store_true", help="--loso: skip the grouped CV")
    parser.add_argument("--with-e", action="store_true",
                        help="also measure set E, aggregates only (count how often you do)")
    parser.add_argument("--e-tree", type=Path,
                        help="--with-e/--with-h: also score the set with this checkout's model")
    parser.add_argument("--with-h", action="store_true",
                        help="measure set H (written blind 2026-12-06), aggregates only")
    parser.add_argument("--fit-bias", action="store_true",
                        help="fit the severity prior shift on out-of-fold CV predictions")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed runs")
    return parser.parse_args(argv)


def loso(args: argparse.Namespace, corpus: list[CorpusRow],
         sets: dict[str, list[CorpusRow]]) -> None:
    overrides = classifier_loso.parse_overrides(args.set)
    candidates = [classifier_loso.Candidate(None)]
    if overrides:
        candidates.append(classifier_loso.Candidate(None, overrides=overrides))
    candidates += [classifier_loso.Candidate(float(w), placement, overrides)
                   for placement in args.placement.split(",")
                   for w in args.hand_weights.split(",")]
    classifier_loso.run(candidates, corpus, sets, not args.no_cv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    corpus = load_corpus(default_corpus_path())
    sets = {p.stem: load_handwritten(p) for p in handwritten_paths(default_corpus_path())}
    # hand-written training files that are not sets (the message catalogue rows) are always
    # trained on, spread through the corpus; only the ``set_*`` files are left out in turn
    always = [r for name, rows in sets.items() if not name.startswith(SET_PREFIX) for r in rows]
    sets = {name: rows for name, rows in sets.items() if name.startswith(SET_PREFIX)}
    corpus = interleave(corpus, always)
    print(f"corpus {len(corpus)} rows ({len(always)} of them hand-written training rows); "
          "hand-written sets " + ", ".join(f"{name} {len(rows)}" for name, rows in sets.items()))
    if args.loso:
        loso(args, corpus, sets)
        return 0
    rows = load_training_rows(default_corpus_path())
    train_rows, eval_rows = split(rows)
    started = time.perf_counter()
    split_model = Classifier.train(examples_from_rows(train_rows))
    split_seconds = time.perf_counter() - started
    started = time.perf_counter()
    full_model = Classifier.train(examples_from_rows(rows))
    full_seconds = time.perf_counter() - started
    print(f"training rows {len(rows)} (hand-written at weight {HAND_WEIGHT:g}); training: 80% "
          f"split {split_seconds:.1f} s, all rows {full_seconds:.1f} s (target < 30 s)")
    held_hand = [r for r in eval_rows if r.origin.startswith(HANDWRITTEN_PREFIX)]
    for label, held in (("held-out 20% of the training rows", eval_rows),
                        ("hand-written rows of that 20%", held_hand)):
        quality(label, split_model, [r.text for r in held], [r.severity for r in held],
                [r.error_type for r in held])
    raw, classes = grouped_cv(corpus, [r for rows_h in sets.values() for r in rows_h])
    if args.fit_bias:
        fit_severity_scale(raw, classes, [r.severity for r in corpus])
        cross_fit_scale(raw, classes, corpus)
    [seed] = full_model.predict_texts([SEED])
    print(f"\nseed POS missing-price record: {seed.severity}/{seed.error_type}, "
          f"confidence {seed.confidence:.3f}")
    if not args.no_speed:
        hand_texts = [r.text for rows_h in sets.values() for r in rows_h]
        speed(full_model, hand_texts + [r.text for r in eval_rows])
    if args.with_e:
        classifier_sete.measure(full_model, args.e_tree)
    if args.with_h:
        classifier_sete.measure(full_model, args.e_tree, classifier_sete.SET_H)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
