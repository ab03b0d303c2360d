"""Set E, the evaluation set no model is trained or tuned on: ``bench_classifier --with-e``.

Only aggregate figures are printed (macro-F1 of both labels, level-trap accuracy, the
level-only baseline): no per-record output and no confusion matrix, so that looking at E
teaches nothing about single records. ``--e-tree DIR`` also scores E with the model another
checkout trains (e.g. a ``git worktree`` of an older round), run in a child process with
that checkout's code and corpus; its labels come back through a pipe and are only
aggregated here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from stacklens_desktop.core.classify import record_from_text
from stacklens_desktop.core.classify.model import Classifier
from tests.bench.classifier_scores import labels_of, level_severity, macro_f1, set_score

SET_E = Path(__file__).with_name("data") / "handlabeled_e.jsonl"
SET_H = Path(__file__).with_name("data") / "handlabeled_h.jsonl"

#: run in the other checkout: train its shipped model, print its labels for the texts
_CHILD = """
import json, sys
import stacklens_desktop
from stacklens_desktop.core.classify.corpus import default_corpus_path, load_corpus
from stacklens_desktop.core.classify.model import Classifier, examples_from_rows
from stacklens_desktop.core.classify.rawrecord import record_from_text
try:
    from stacklens_desktop.core.classify.trainingset import load_training_rows
except ImportError:
    load_training_rows = load_corpus
assert stacklens_desktop.__file__.startswith(sys.argv[2]), stacklens_desktop.__file__
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")
         if line.strip()]
model = Classifier.train(examples_from_rows(load_training_rows(default_corpus_path())))
print(json.dumps([[p.severity, p.error_type]
                  for p in model.predict([record_from_text(t) for t in texts])]))
"""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def report(name: str, rows: Sequence[dict[str, str]], predicted: Sequence[tuple[str, str]]
           ) -> None:
    records = [record_from_text(r["text"]) for r in rows]
    sev, typ = [r["severity"] for r in rows], [r["error_type"] for r in rows]
    got = set_score(records, predicted, sev, typ)
    level_only = macro_f1(sev, [level_severity(r) for r in records])
    print(f"{name}: n={got.n}, severity macro-F1 {got.severity_f1:.3f}, type "
          f"macro-F1 {got.type_f1:.3f}, level traps {got.traps} at "
          f"{got.trap_accuracy:.3f} severity accuracy (level-only severity {level_only:.3f})")


def labels_in_tree(tree: Path, path: Path) -> list[tuple[str, str]]:
    tree = tree.resolve()
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path.resolve()), str(tree)],
                         cwd=tree, env=env, capture_output=True, text=True, check=True).stdout
    return [(s, t) for s, t in json.loads(out.splitlines()[-1])]


def measure(model: Classifier, tree: Path | None, path: Path = SET_E) -> None:
    rows = _rows(path)
    print(f"\n== held-out set {path.name}, aggregates only")
    report("this tree's model", rows,
           labels_of(model.predict([record_from_text(r["text"]) for r in rows])))
    if tree is not None:
        report(f"model of {tree}", rows, labels_in_tree(tree, path))
