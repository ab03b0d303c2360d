"""The long-lived heap is kept away from the cyclic GC (the cause of 100+ ms GUI stalls)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from stacklens_desktop.gcheap import BATCH_THRESHOLD, freeze_long_lived, frozen_heap


@pytest.fixture
def thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic GC can free it


def test_frozen_heap_thaws_after_a_batch_job(thawed: None) -> None:
    with frozen_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_frozen_heap_keeps_a_long_lived_freeze(thawed: None) -> None:
    freeze_long_lived()
    before = gc.get_freeze_count()
    with frozen_heap():
        pass
    assert gc.get_freeze_count() >= before > 0


def test_freeze_long_lived_collects_garbage_first(thawed: None) -> None:
    gc.disable()  # no automatic collection may free it before the call under test
    try:
        ref = weakref.ref(Node())  # unreachable at once, but alive until a collection
        assert ref() is not None
        freeze_long_lived()
        assert ref() is None  # collected, not frozen for ever
    finally:
        gc.enable()


def test_objects_made_after_the_freeze_are_still_collected(thawed: None) -> None:
    freeze_long_lived()
    ref = weakref.ref(Node())
    gc.collect()
    assert ref() is None


def test_frozen_heap_raises_and_restores_the_young_threshold(thawed: None) -> None:
    before = gc.get_threshold()
    with frozen_heap():
        assert gc.get_threshold()[0] == BATCH_THRESHOLD
    assert gc.get_threshold() == before
