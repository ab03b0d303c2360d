"""The numpy predictor (what the app uses) beside the scikit-learn model it is exported from.

Run: ``.venv/bin/python -m tests.bench.bench_predictor``. Prints, for both: records/s in
batches on distinct hand-written records and on a pattern stream, the time a fresh process
takes to import and load the cached model, and how often the two agree (labels; largest
probability difference).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from stacklens_desktop.core.classify import Classifier, load_predictor, record_from_text
from stacklens_desktop.core.classify.prediction import Prediction
from stacklens_desktop.core.record import Record

#: the former evaluation sets A-C (training data since classifier round 5)
HAND_SETS = Path(__file__).resolve().parents[2] / "resources" / "corpus" / "handwritten"
BATCH = 512
LOAD_SCRIPT = {
    "numpy predictor": "from stacklens_desktop.core.classify import load_predictor as load\n",
    "scikit-learn model": "from stacklens_desktop.core.classify.model import Classifier\n"
                          "load = Classifier.load_or_train\n",
}


def _texts() -> list[str]:
    texts: list[str] = []
    for name in ("set_a.jsonl", "set_b.jsonl", "set_c.jsonl"):
        path = HAND_SETS / name
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


def _stream(texts: list[str], count: int = 10_000) -> list[str]:
    """A live-like stream: 200 patterns repeating with their numbers varied."""
    base = texts[:200]
    return [base[i % len(base)].replace("1", str(i % 10)) for i in range(count)]


def _rate(predict: Callable[[Sequence[Record]], list[Prediction]],
          records: list[Record]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for i in range(0, len(records), BATCH):
            predict(records[i : i + BATCH])
        best = min(best, time.perf_counter() - started)
    return len(records) / best


def _load_seconds(cache: Path, kind: str, runs: int = 5) -> float:
    script = (LOAD_SCRIPT[kind] + "from pathlib import Path\n"
              f"load(Path({str(cache)!r}))\n")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", script], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    cache = Path(tempfile.mkdtemp(prefix="stacklens-predictor-"))
    models = {"scikit-learn model": Classifier.load_or_train(cache),
              "numpy predictor": load_predictor(cache)}
    texts = _texts()
    distinct = [record_from_text(t) for t in texts]
    stream = [record_from_text(t) for t in _stream(texts)]
    print(f"{len(distinct)} distinct hand-written records, {len(stream)} stream records\n")
    print("| model | distinct rec/s | stream rec/s | import + load, fresh process (s) |")
    print("|---|---|---|---|")
    for name, model in models.items():
        print(f"| {name} | {_rate(model.predict, distinct):,.0f} | "
              f"{_rate(model.predict, stream):,.0f} | {_load_seconds(cache, name):.2f} |")
    ours, theirs = (models[k].predict(distinct) for k in ("numpy predictor",
                                                            "scikit-learn model"))
    same = sum((a.severity, a.error_type) == (b.severity, b.error_type)
               for a, b in zip(ours, theirs, strict=True))
    gap = max(max(abs(a.severity_confidence - b.severity_confidence),
                  abs(a.type_confidence - b.type_confidence))
              for a, b in zip(ours, theirs, strict=True))
    print(f"\nagreement: {same}/{len(distinct)} same labels; largest probability difference "
          f"{gap:.2e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
