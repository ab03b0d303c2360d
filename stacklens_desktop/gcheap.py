"""Keep Python's cyclic garbage collector off the long-lived heap.

The loaded model, the libraries and the Qt objects are hundreds of thousands of tracked
objects that never die. Each full (generation 2) collection rescans them all: measured 100 to
130 ms on this heap, with the GIL held, so a live burst stalled the GUI thread for as long.
Freezing moves them to the permanent generation, which collections skip.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def freeze_long_lived() -> None:
    """Call once the long-lived objects exist (model loaded, store open); process-wide.

    Only the young generations are collected first: a full collection of the window's heap
    held the GIL 55 ms in one piece (issue 13: a GUI stall at the start, measured). Cyclic
    garbage already in the old generation is frozen with the rest: a one-time, bounded cost."""
    gc.collect(1)
    gc.freeze()


#: generation-0 threshold during batch jobs: an import allocates tens of thousands of records
#: per chunk that live until the chunk is written, and the default (700) collected them over
#: and over (measured: 10% of ``analyze``'s CPU time on 1M lines)
BATCH_THRESHOLD = 20_000


def batch_thresholds() -> None:
    """Fewer young-generation collections, for a process that only runs a batch job."""
    _, second, third = gc.get_threshold()
    gc.set_threshold(BATCH_THRESHOLD, second, third)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Freeze for the length of a batch job (an import), with batch thresholds; thaw after,
    unless the heap was already frozen for good by :func:`freeze_long_lived` (thawing would
    undo that)."""
    frozen_before = gc.get_freeze_count() > 0
    thresholds = gc.get_threshold()
    gc.freeze()
    batch_thresholds()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if not frozen_before:
            gc.unfreeze()
