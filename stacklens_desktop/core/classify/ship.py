"""Build the shipped model: ``python -m stacklens_desktop.core.classify.ship [--check]``.

Trains the corpus-only classifier from scratch (no cache is read: what ships is built from
the files in the tree), exports it to numpy and writes ``resources/model/classifier.npz``
with the :func:`.cachekey.shipped_key` of the corpus. ``--check`` writes nothing and exits 1
when the shipped file is missing or stale (the packaging build runs it).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from stacklens_desktop.core.classify.cachekey import shipped_key
from stacklens_desktop.core.classify.compiled import CompiledClassifier
from stacklens_desktop.core.classify.corpus import default_corpus_path
from stacklens_desktop.core.classify.shipped import load_shipped, shipped_path

REGENERATE = "python -m stacklens_desktop.core.classify.ship"


def build(corpus_path: Path) -> CompiledClassifier:
    """The corpus model trained now, exported, keyed for shipping."""
    from stacklens_desktop.core.classify.export import export  # imports scikit-learn
    from stacklens_desktop.core.classify.model import Classifier, examples_from_rows
    from stacklens_desktop.core.classify.trainingset import load_training_rows

    model = Classifier.train(examples_from_rows(load_training_rows(corpus_path)))
    compiled = export(model)
    return CompiledClassifier(compiled.blocks, compiled.heads, shipped_key(corpus_path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="stacklens-ship-model", description=__doc__)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the shipped model is missing or stale; write nothing")
    args = parser.parse_args(argv)
    corpus, target = default_corpus_path(), shipped_path()
    if args.check:
        if load_shipped(corpus, target) is None:
            print(f"{target} is missing or stale: run {REGENERATE}", file=sys.stderr)
            return 1
        print(f"{target} matches the corpus")
        return 0
    started = time.perf_counter()
    build(corpus).save(target)
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB) in "
          f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
