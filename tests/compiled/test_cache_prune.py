"""Model caches keep the few newest files (corpus model, model with corrections), not all."""

from __future__ import annotations

import os
from pathlib import Path

from stacklens_desktop.core.classify import cache


def test_prune_keeps_the_newest(tmp_path: Path) -> None:
    for n in range(7):
        path = tmp_path / f"compiled-{n}.npz"
        path.write_bytes(b"x")
        os.utime(path, ns=(n * 10**9, n * 10**9))
    (tmp_path / "classifier-a.pkl").write_bytes(b"other kind")
    cache.prune(tmp_path, "compiled-*.npz", keep=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "classifier-a.pkl", "compiled-4.npz", "compiled-5.npz", "compiled-6.npz"]


def test_save_keeps_corpus_and_feedback_models_side_by_side(tmp_path: Path) -> None:
    first, second = tmp_path / "classifier-a.pkl", tmp_path / "classifier-b.pkl"
    cache.save(first, {"model": "corpus"})
    cache.save(second, {"model": "with corrections"})
    assert cache.load(first) == {"model": "corpus"}
    assert cache.load(second) == {"model": "with corrections"}
