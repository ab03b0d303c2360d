"""The model cache: reused when fresh, rebuilt when the corpus changes, never fatal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stacklens_desktop.core.classify import Classifier, FeedbackExample
from stacklens_desktop.core.classify import model as model_module


@pytest.fixture
def train_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts real trainings (the method still runs)."""
    calls: list[int] = []
    original = model_module.Classifier.train.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Classifier], examples, key: str = "") -> Classifier:  # type: ignore[no-untyped-def]
        calls.append(len(examples))
        return original(cls, examples, key)

    monkeypatch.setattr(model_module.Classifier, "train", classmethod(counting))
    return calls


def _cache_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("classifier-*.pkl"))


def test_cache_is_written_then_reused(tmp_path: Path, tiny_corpus: Path,
                                      train_calls: list[int]) -> None:
    cache = tmp_path / "models"
    first = Classifier.load_or_train(cache, corpus_path=tiny_corpus)
    assert len(_cache_files(cache)) == 1
    second = Classifier.load_or_train(cache, corpus_path=tiny_corpus)
    assert len(train_calls) == 1
    assert second.key == first.key
    text = json.loads(tiny_corpus.read_text().splitlines()[0])["text"]
    assert second.predict_texts([text]) == first.predict_texts([text])


def test_changed_corpus_rebuilds_and_replaces_the_cache(
        tmp_path: Path, tiny_corpus: Path, train_calls: list[int]) -> None:
    cache = tmp_path / "models"
    old = Classifier.load_or_train(cache, corpus_path=tiny_corpus)
    extra = {"text": "Receipt printer jammed at till-99", "severity": "high",
             "error_type": "hardware_device", "ecosystem": "pos", "origin": "test"}
    with tiny_corpus.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(extra) + "\n")
    new = Classifier.load_or_train(cache, corpus_path=tiny_corpus)
    assert len(train_calls) == 2
    assert new.key != old.key
    # the old file stays until more than KEEP models were written (see test_cache_prune.py)
    assert cache / f"classifier-{new.key[:24]}.pkl" in _cache_files(cache)


def test_changed_added_or_removed_hand_written_set_rebuilds(
        tmp_path: Path, tiny_corpus: Path, train_calls: list[int]) -> None:
    """The hand-written sets next to the corpus (``handwritten/*.jsonl``) are training data:
    any change to them makes the cached model stale."""
    cache = tmp_path / "models"
    hand = tiny_corpus.parent / "handwritten"
    hand.mkdir()
    row = {"text": "Label printer ZD421 reports head open", "severity": "high",
           "error_type": "hardware_device", "ecosystem": "zebra"}
    (hand / "set_x.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    keys = [Classifier.load_or_train(cache, corpus_path=tiny_corpus).key]
    assert train_calls == [len(tiny_corpus.read_text().splitlines()) + 1]
    changed = dict(row, text="Label printer ZD421 head open")
    (hand / "set_x.jsonl").write_text(json.dumps(changed) + "\n", encoding="utf-8")
    keys.append(Classifier.load_or_train(cache, corpus_path=tiny_corpus).key)
    (hand / "set_y.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    keys.append(Classifier.load_or_train(cache, corpus_path=tiny_corpus).key)
    (hand / "set_x.jsonl").unlink()
    keys.append(Classifier.load_or_train(cache, corpus_path=tiny_corpus).key)
    assert len(set(keys)) == 4 and len(train_calls) == 4
    assert Classifier.load_or_train(cache, corpus_path=tiny_corpus).key == keys[-1]
    assert len(train_calls) == 4


def test_feedback_changes_the_key(tmp_path: Path, tiny_corpus: Path,
                                  train_calls: list[int]) -> None:
    cache = tmp_path / "models"
    plain = Classifier.load_or_train(cache, corpus_path=tiny_corpus)
    fed = Classifier.load_or_train(
        cache, [FeedbackExample("odd message", "low", "other")], corpus_path=tiny_corpus)
    assert plain.key != fed.key and len(train_calls) == 2


@pytest.mark.parametrize("damage", ["garbage", "truncate", "empty"])
def test_corrupt_cache_is_rebuilt(tmp_path: Path, tiny_corpus: Path, train_calls: list[int],
                                  damage: str) -> None:
    cache = tmp_path / "models"
    Classifier.load_or_train(cache, corpus_path=tiny_corpus)
    [path] = _cache_files(cache)
    blob = path.read_bytes()
    path.write_bytes({"garbage": b"not a model at all", "truncate": blob[: len(blob) // 2],
                      "empty": b""}[damage])
    rebuilt = Classifier.load_or_train(cache, corpus_path=tiny_corpus)
    assert len(train_calls) == 2
    assert rebuilt.predict_texts(["Receipt printer offline"])[0].error_type
    assert path.read_bytes()[:18] == b"STACKLENS-MODEL-2\n"


def test_missing_cache_dir_is_created(tmp_path: Path, tiny_corpus: Path) -> None:
    cache = tmp_path / "not" / "yet" / "there"
    Classifier.load_or_train(cache, corpus_path=tiny_corpus)
    assert len(_cache_files(cache)) == 1


def test_unwritable_cache_still_gives_a_model(tmp_path: Path, tiny_corpus: Path) -> None:
    blocker = tmp_path / "models"
    blocker.write_text("a file where the folder should be")
    model = Classifier.load_or_train(blocker, corpus_path=tiny_corpus)
    assert model.predict_texts(["Out of memory: Killed process 4242 (java)"])


def test_training_is_deterministic(tiny_corpus: Path, tmp_path: Path) -> None:
    a = Classifier.load_or_train(tmp_path / "a", corpus_path=tiny_corpus)
    b = Classifier.load_or_train(tmp_path / "b", corpus_path=tiny_corpus)
    texts = [json.loads(line)["text"] for line in tiny_corpus.read_text().splitlines()]
    assert a.predict_texts(texts) == b.predict_texts(texts)
