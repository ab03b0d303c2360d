"""The window's reads (``ui/reads``) on a big profile, this tree against a baseline tree.

Run: ``.venv/bin/python -m tests.bench.bench_window_reads --baseline DIR`` where DIR holds
another checkout (e.g. ``git archive main | tar -x -C DIR``). One profile of 10,000 patterns
and 1,000,000 events (``bench_window``'s) is built once; each tree then reads it in a child
process of its own (``PYTHONPATH`` = that tree), the trees taking turns at going first,
``--rounds`` times.
Figures are the median over the rounds of each child's best of 5, in milliseconds:

- pattern list: every pattern, in the model's pages of 500 (keyset paging), as the window's
  eager load reads them; refresh: 500 known ids re-read (the count check included);
- detail, event page, timeline and statistics: one read each, as the panes ask for them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = 500


def _best(action: Callable[[], object], tries: int = 5) -> float:
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def measure(base: Path) -> dict[str, float]:
    """In the child: the reads of whichever ``stacklens_desktop`` is on the path."""
    from stacklens_desktop.store import open_store
    from stacklens_desktop.ui import reads

    tree = Path(os.environ["PYTHONPATH"]).resolve()
    assert Path(reads.__file__).resolve().is_relative_to(tree), "measured the wrong tree"
    store = open_store(base)
    engine = store.engine

    def pattern_list() -> int:
        rows, below = 0, None
        while True:
            page = reads.pattern_page(engine, below, PAGE)
            rows += len(page)
            if len(page) < PAGE:
                return rows
            below = page[-1].id

    ids = [r.id for r in reads.pattern_page(engine, None, PAGE)]
    try:
        return {
            "pattern list (10,000)": _best(pattern_list),
            "refresh 500 ids": _best(lambda: reads.refresh_patterns(engine, ids, ids[-1],
                                                                    len(ids))),
            "detail": _best(lambda: reads.pattern_detail(engine, ids[0])),
            "event page (500)": _best(lambda: reads.event_page(engine, None, PAGE)),
            "timeline": _best(lambda: reads.event_timeline(engine)),
            "statistics": _best(lambda: reads.breakdown(engine)),
        }
    finally:
        store.close()


def _child(tree: Path, base: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", "import json, runpy, sys; from pathlib import Path; "
         "measure = runpy.run_path(sys.argv[1])['measure']; "
         "print(json.dumps(measure(Path(sys.argv[2]))))", __file__, str(base)],
        env=env, capture_output=True, text=True, check=True, cwd=tree)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", type=Path, required=True, help="another checkout")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from tests.bench.bench_window import EVENTS, PATTERNS, build_profile

    trees = {"baseline": args.baseline.resolve(), "this tree": ROOT}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "profile"
        build_profile(base)
        print(f"profile: {PATTERNS:,} patterns, {EVENTS:,} events; load {os.getloadavg()[0]:.1f}")
        _child(ROOT, base)  # warm-up: the OS cache holds the database after it
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for n in range(args.rounds):  # the trees take turns at going first
            for name, tree in sorted(trees.items(), reverse=n % 2 == 1):
                runs[name].append(_child(tree, base))
    median = {name: {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
              for name, rounds in runs.items()}
    print(f"{'ms (median of best-of-5)':26}{'baseline':>12}{'this tree':>12}{'ratio':>8}")
    for key, before in median["baseline"].items():
        after = median["this tree"][key]
        print(f"{key:26}{before:>12.2f}{after:>12.2f}{after / before:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
