"""The benchmark's Grouping Accuracy scorer, on hand-made examples."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SCORER = Path(__file__).resolve().parents[1] / "bench" / "ga_score.py"
_spec = importlib.util.spec_from_file_location("ga_score", _SCORER)
assert _spec is not None and _spec.loader is not None
ga_score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ga_score)


def test_a_line_is_right_only_when_its_whole_group_matches() -> None:
    truth = ["A", "A", "B", "B", "C", "D", "D"]
    # group 1 == {A lines}: right (2); group 2 mixes B and C: wrong (3);
    # D is split in two groups: both wrong (2)
    predicted = [1, 1, 2, 2, 2, 3, 4]
    assert ga_score.grouping_accuracy(truth, predicted) == pytest.approx(2 / 7)


def test_labels_may_differ_in_name_but_not_in_grouping() -> None:
    truth = ["x", "y", "x", "z"]
    assert ga_score.grouping_accuracy(truth, [7, 8, 7, 9]) == 1.0
    assert ga_score.grouping_accuracy(truth, [1, 1, 1, 1]) == 0.0


def test_lengths_must_agree() -> None:
    with pytest.raises(ValueError):
        ga_score.grouping_accuracy(["a"], [1, 2])
