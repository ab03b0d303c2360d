"""The training rows: the generated corpus with its hand-written sets spread through it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from stacklens_desktop.core.classify.corpus import CorpusRow, default_corpus_path, load_corpus
from stacklens_desktop.core.classify.model import HAND_WEIGHT, examples_from_rows
from stacklens_desktop.core.classify.trainingset import (
    HANDWRITTEN_PREFIX,
    handwritten_paths,
    interleave,
    load_handwritten,
    load_training_rows,
)


def _row(origin: str, severity: str = "high") -> CorpusRow:
    return CorpusRow(f"text of {origin}", severity, "other", "test", origin)


def test_shipped_hand_sets_are_loaded_in_order_with_their_origins() -> None:
    paths = handwritten_paths(default_corpus_path())
    assert [p.name for p in paths] == ["set_a.jsonl", "set_b.jsonl", "set_c.jsonl",
                                       "set_d.jsonl", "set_f.jsonl", "set_g.jsonl",
                                       "train_catalog.jsonl"]
    rows = load_training_rows(default_corpus_path())
    hand = [r for r in rows if r.origin.startswith(HANDWRITTEN_PREFIX)]
    assert len(rows) == len(load_corpus(default_corpus_path())) + len(hand)
    assert len(hand) >= 900
    assert hand[0].origin == "handwritten/set_a.jsonl#1"
    sets = [r.origin for r in hand if r.origin.startswith("handwritten/set_")]
    assert sets == [f"handwritten/{p.name}#{n}" for p in paths[:-1]
                    for n in range(1, len(load_handwritten(p)) + 1)]
    catalog = [i for i, r in enumerate(hand) if "train_catalog" in r.origin]
    assert len(catalog) == 250  # spread through the whole order, not a block of its own
    assert catalog[0] < len(hand) // 10 and catalog[-1] > len(hand) * 9 // 10


def test_a_row_without_origin_is_named_by_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    lines = [{"text": "Printer out of paper", "severity": "medium",
              "error_type": "hardware_device"},
             {"text": "x", "severity": "low", "error_type": "other", "origin": "kept"}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert [r.origin for r in load_handwritten(path)] == ["handwritten/mine.jsonl#1", "kept"]


def test_interleave_keeps_both_orders_and_spreads_the_extra_rows() -> None:
    base = [_row(f"base#{i}") for i in range(90)]
    extra = [_row(f"{HANDWRITTEN_PREFIX}x#{j}") for j in range(9)]
    merged = interleave(base, extra)
    assert [r for r in merged if r in base] == base
    assert [r for r in merged if r in extra] == extra
    positions = [i for i, r in enumerate(merged) if r in extra]
    assert [p * 3 // len(merged) for p in positions] == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    assert interleave(base, []) == base and interleave([], extra) == extra


def test_every_calibration_fold_of_both_heads_sees_hand_rows_of_every_class() -> None:
    """CalibratedClassifierCV(cv=3) splits each class in file order: with the hand rows
    appended, one of its three models would never train on them."""
    rows = load_training_rows(default_corpus_path())
    hand = np.array([r.origin.startswith(HANDWRITTEN_PREFIX) for r in rows])
    for labels in ([r.severity for r in rows], [r.error_type for r in rows]):
        y = np.array(labels)
        for _train, held in StratifiedKFold(3).split(np.zeros(len(y)), y):
            per_class = Counter(y[held][hand[held]])
            assert set(per_class) == set(y[hand]), per_class
            assert min(per_class.values()) >= 5


def test_hand_rows_weigh_hand_weight_in_both_models() -> None:
    rows = [_row("generated: scenarios_a.py#1.1"), _row(f"{HANDWRITTEN_PREFIX}set_z.jsonl#1")]
    generated, hand = examples_from_rows(rows)
    assert (generated.weight, hand.weight) == (1.0, HAND_WEIGHT)
    assert hand.type_weight == 1.0
    assert examples_from_rows(rows, hand_weight=3.0)[1].weight == 3.0
