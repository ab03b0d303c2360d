"""First import on a fresh profile vs a warm one: does a new user wait for training?

Run: ``.venv/bin/python -m tests.bench.bench_first_start [--lines N] [--repeat R]``.
``stacklens analyze`` of the 1M-line benchmark log, each run its own process:

- fresh profile: a new, empty data dir each run, no shared model cache (a new user);
- warm profile: one data dir that has analyzed a file before (its database removed between
  runs, as bench_analyze does);
- baseline, fresh profile without the shipped model: the same code run from a copy of the
  tree whose ``resources/model`` is left out, i.e. what a new user got before the model was
  shipped (the classifier is trained before the first analysis).

Target: fresh within 1.25x of warm.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.app_tree import ROOT, copy_app_tree
from tests.bench.loggen import generate
from tests.bench.measure import Measurement, run_measured

TARGET_RATIO = 1.25


def _tree_without_model(work: Path) -> Path:
    """The app's code and resources, minus the shipped model, byte-compiled."""
    copy = copy_app_tree(work / "no-shipped-model", "model")
    compileall.compile_dir(copy, quiet=1)
    return copy


def _runs(work: Path, log: Path) -> dict[str, Callable[[], Measurement]]:
    env = {k: v for k, v in os.environ.items() if k != "STACKLENS_MODEL_CACHE"}
    os.environ.clear()
    os.environ.update(env)  # run_measured passes os.environ on: no shared model cache
    # -P: the working directory is not put first on sys.path, so PYTHONPATH picks the tree
    exe = [sys.executable, "-P", "-m", "stacklens_desktop", "analyze", str(log), "--json"]
    warm = work / "warm"
    copy = _tree_without_model(work)
    counter = iter(range(1_000_000))

    def fresh(name: str, tree: dict[str, str]) -> Callable[[], Measurement]:
        def run() -> Measurement:
            profile = work / f"fresh-{next(counter)}"
            return run_measured(name, exe + ["--data-dir", str(profile)], env=tree)
        return run

    def warm_run() -> Measurement:
        for stale in warm.glob("stacklens.db*"):
            stale.unlink()
        return run_measured("warm profile", exe + ["--data-dir", str(warm)])

    return {"fresh": fresh("fresh profile (shipped model)", {}),
            "warm": warm_run,
            "before": fresh("fresh profile, no shipped model (before: trains)",
                            {"PYTHONPATH": str(copy)})}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "stacklens_desktop", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="stacklens-first-start-"))
    try:
        log = work / "pos-1m.log"
        lines = generate(log, args.lines)
        small = work / "small.log"
        small.write_text(log.open().read(200_000))
        run_measured("warm-up", [sys.executable, "-m", "stacklens_desktop", "analyze",
                                 str(small), "--data-dir", str(work / "warm")])
        runs = _runs(work, log)
        times: dict[str, list[float]] = {key: [] for key in runs}
        names = {}
        for _ in range(args.repeat):  # interleaved: load changes hit every variant alike
            for key, run in runs.items():
                m = run()
                times[key].append(m.seconds)
                names[key] = m.name
        medians = {key: statistics.median(t) for key, t in times.items()}
        print(f"{lines:,} lines; {args.repeat} runs each, median seconds (all runs)")
        print("| variant | seconds | vs warm |\n|---|---|---|")
        for key, seconds in medians.items():
            every = ", ".join(f"{t:.2f}" for t in times[key])
            print(f"| {names[key]} | {seconds:.2f} ({every}) | "
                  f"{seconds / medians['warm']:.2f}x |")
        ratio = medians["fresh"] / medians["warm"]
        print(f"\nfresh/warm {ratio:.2f}x (target <= {TARGET_RATIO}: "
              f"{'met' if ratio <= TARGET_RATIO else 'NOT met'}); before the shipped model "
              f"{medians['before'] / medians['warm']:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
