"""Fixtures for the watch tests: a directory an unprivileged user can enter, running as
that user, and draining a WatchSet until a condition holds (no blind sleeps)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

import pytest

from stacklens_desktop.watch import TailResult, WatchSet

NOBODY = 65534

Drainer = Callable[..., list[TailResult]]


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A temp dir others may traverse (pytest's own tmp dirs are 0700)."""
    path = Path(tempfile.mkdtemp(prefix="stacklens-watch-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@contextmanager
def _as_nobody() -> Iterator[None]:
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def unprivileged() -> Callable[[], AbstractContextManager[None]]:
    """Context manager making file access checks apply (root bypasses chmod).

    As root it switches the effective uid to ``nobody`` for the block: the kernel then
    really refuses ``open`` with EACCES. As a normal user it does nothing.
    """
    return _as_nobody if os.geteuid() == 0 else nullcontext


@pytest.fixture
def drain_until() -> Drainer:
    """``drain_until(ws, pred, timeout=5)``: drain ``ws`` until ``pred(results)`` holds."""

    def run(
        ws: WatchSet, pred: Callable[[list[TailResult]], bool], timeout: float = 5.0
    ) -> list[TailResult]:
        results: list[TailResult] = []
        deadline = time.monotonic() + timeout
        while not pred(results):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"condition not met in {timeout}s; got {results!r:.2000}")
            results += ws.drain(min(left, 0.2))
        return results

    return run
