"""Runs the self-test's steps in order and says which one failed.

Prints one line per step (``ok``/``FAILED``, its name, what it found, its time) and exits 0
when all passed, 1 naming the first failed step (later steps that need its result are not
run). A step's unexpected exception is a failure of that step, with its type and message.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from stacklens_desktop.selftest import steps_app, steps_io, steps_team
from stacklens_desktop.selftest.context import SelfTestContext, StepFailed

Step = tuple[str, Callable[[SelfTestContext], str]]

STEPS: tuple[Step, ...] = (
    ("qt", steps_app.start_qt),
    ("profile", steps_app.make_profile),
    ("model", steps_app.load_model),
    ("training", steps_app.train_small_model),
    ("analyze", steps_app.analyze_sample),
    ("watcher", steps_io.watch_file),
    ("jira", steps_io.file_ticket),
    ("keyring", steps_io.keyring_backend),
    ("team", steps_team.team_driver),
)

EXIT_OK = 0
EXIT_FAILED = 1


def run_self_test(out: TextIO = sys.stdout, steps: tuple[Step, ...] = STEPS) -> int:
    from stacklens_desktop import __version__

    print(f"StackLens {__version__} self-test", file=out, flush=True)
    ctx = SelfTestContext()
    failed: str | None = None
    try:
        for name, step in steps:
            started = time.perf_counter()
            try:
                detail = step(ctx)
            except StepFailed as exc:
                detail = str(exc)
                failed = name
            except Exception as exc:  # noqa: BLE001 - any crash is that step's failure
                detail = f"{type(exc).__name__}: {exc}"
                failed = name
            status = "FAILED" if failed else "ok"
            print(f"{status:6} {name:8} {detail} ({time.perf_counter() - started:.2f} s)",
                  file=out, flush=True)
            if failed:
                break
    finally:
        for cleanup in reversed(ctx.cleanups):
            cleanup()
    if failed:
        print(f"self-test FAILED at step '{failed}'", file=out, flush=True)
        return EXIT_FAILED
    print("self-test passed", file=out, flush=True)
    return EXIT_OK
