"""Grouping Accuracy (GA) as defined in ``shared/bench/README.md``.

A line counts as right when the set of lines its predicted group holds is exactly the set
of lines of its ground-truth group; GA is the share of right lines. Kept apart from the
benchmark script so a plain pytest can check the scorer on a hand-made example.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence


def grouping_accuracy(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Return GA of ``predicted`` group labels against ``truth`` labels (same line order)."""
    if len(truth) != len(predicted):
        raise ValueError(f"{len(truth)} truth labels but {len(predicted)} predictions")
    if not truth:
        return 0.0
    truth_sizes = Counter(truth)
    members: dict[Hashable, list[Hashable]] = defaultdict(list)
    for true_label, group in zip(truth, predicted, strict=True):
        members[group].append(true_label)
    right = 0
    for labels in members.values():
        first = labels[0]
        if all(label == first for label in labels) and truth_sizes[first] == len(labels):
            right += len(labels)
    return right / len(truth)
