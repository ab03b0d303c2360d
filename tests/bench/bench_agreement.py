"""How far two careful people agree on set E's labels: the ceiling for the classifier's score.

Run: ``.venv/bin/python -m tests.bench.bench_agreement``. Set E (``data/handlabeled_e.jsonl``)
was labeled by its writer; ``data/handlabeled_e_second.jsonl`` holds a second, blind labeling
of the same texts by another annotator who saw only the texts and ``TAXONOMY.md``. The bench
prints macro-F1 and accuracy of the second labeling against the first (the measure the
classifier is scored by) and the severity confusion between the two. No model is involved,
so running it spends nothing of set E.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from sklearn.metrics import accuracy_score

from tests.bench.classifier_scores import macro_f1

DATA = Path(__file__).with_name("data")
FIRST = DATA / "handlabeled_e.jsonl"
SECOND = DATA / "handlabeled_e_second.jsonl"
SEVERITIES = ("critical", "high", "medium", "low")


def _rows(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main() -> int:
    first, second = _rows(FIRST), _rows(SECOND)
    assert [r["line"] for r in second] == list(range(1, len(first) + 1)), "one label per line"
    print(f"set E: {len(first)} records, second labeling blind (texts and TAXONOMY.md only)")
    print("| label | macro-F1 | accuracy |\n| --- | --- | --- |")
    for key in ("severity", "error_type"):
        truth, other = [r[key] for r in first], [r[key] for r in second]
        print(f"| {key} | {macro_f1(truth, other):.3f} | {accuracy_score(truth, other):.3f} |")
    pairs = Counter((a["severity"], b["severity"]) for a, b in zip(first, second, strict=True))
    print("\nseverity, first labeling (rows) vs second (columns)")
    print("| | " + " | ".join(SEVERITIES) + " |\n|---|---|---|---|---|")
    for row in SEVERITIES:
        print(f"| {row} | " + " | ".join(str(pairs[(row, col)]) for col in SEVERITIES) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
