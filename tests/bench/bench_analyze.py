"""Speed benchmark of ``stacklens analyze`` end to end (file → SQLite), beside baselines.

Run: ``.venv/bin/python -m tests.bench.bench_analyze [--lines N] [--repeat R]``. Prints
lines/s and peak RSS for StackLens, lnav (indexing with a level query), drain3 mining the
same lines, and ``grep -c ERROR`` (the I/O floor), with the ratios. Every tool runs as its
own process, ``--repeat`` times in turn; the table shows the median time and the largest
peak RSS. StackLens is also run on a one-line file: its start-up (interpreter, imports,
loading the cached model), which the end-to-end figure includes.
"""

from __future__ import annotations

import argparse
import compileall
import json
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import stacklens_desktop
from tests.bench.loggen import generate
from tests.bench.measure import Measurement, run_measured

TARGET_LINES_PER_S = 1_000_000
TARGET_RSS_MB = 300

DRAIN3_SCRIPT = """
import sys
from drain3 import TemplateMiner
from drain3.template_miner_config import TemplateMinerConfig
cfg = TemplateMinerConfig()
cfg.drain_sim_th = 0.4
cfg.drain_depth = 4
cfg.profiling_enabled = False
miner = TemplateMiner(config=cfg)
n = 0
with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
    for line in f:
        miner.add_log_message(line.rstrip("\\n"))
        n += 1
print(n, len(miner.drain.clusters))
"""


def _median(runs: list[Measurement]) -> Measurement:
    """The run with the median time, carrying the largest peak RSS of all runs."""
    ordered = sorted(runs, key=lambda m: m.seconds)
    mid = ordered[len(ordered) // 2]
    return Measurement(mid.name, statistics.median(m.seconds for m in runs),
                       max(m.peak_rss_mb for m in runs), mid.output,
                       max(m.tree_rss_mb for m in runs))


def _row(m: Measurement, lines: int | None, ref: Measurement) -> str:
    rate = f"{lines / m.seconds:,.0f}" if lines else "-"
    return (f"| {m.name} | {m.seconds:.2f} | {rate} | {m.peak_rss_mb:.0f} | "
            f"{m.tree_rss_mb:.0f} | {m.seconds / ref.seconds:.2f}x |")


def _tools(work: Path, log: Path, skip_drain3: bool) -> dict[str, Callable[[], Measurement]]:
    """Name → a fresh measured run. StackLens starts from an empty database each time (the
    model cache stays: it is trained once, outside the measured runs)."""
    exe = [sys.executable, "-m", "stacklens_desktop"]
    profile = work / "profile"
    one_line = work / "one-line.log"
    one_line.write_text(log.open().readline())

    def stacklens(path: Path, name: str, scan_ahead: str = "1") -> Callable[[], Measurement]:
        def run() -> Measurement:
            for stale in profile.glob("stacklens.db*"):
                stale.unlink()
            return run_measured(name, exe + ["analyze", str(path), "--json", "--data-dir",
                                             str(profile)],
                                env={"STACKLENS_SCAN_AHEAD": scan_ahead})
        return run

    tools = {
        "stacklens": stacklens(log, "stacklens analyze (end to end)"),
        "startup": stacklens(one_line, "stacklens analyze, 1-line file (start-up)"),
        "in-process": stacklens(log, "stacklens analyze, no scanning process "
                                     "(STACKLENS_SCAN_AHEAD=0)", "0"),
    }
    if shutil.which("lnav"):
        tools["lnav"] = lambda: run_measured("lnav -n (level query)", [
            "lnav", "-n", "-c",
            ';SELECT count(*) FROM all_logs WHERE log_level >= "warning"', str(log)],
            env={"HOME": str(work)})
    if not skip_drain3:
        tools["drain3"] = lambda: run_measured(
            "drain3 (mining all lines)", [sys.executable, "-c", DRAIN3_SCRIPT, str(log)])
    tools["grep"] = lambda: run_measured("grep -c ERROR", ["grep", "-c", "ERROR", str(log)])
    return tools


def _verdicts(ours: Measurement, startup: Measurement, lines: int,
              others: dict[str, Measurement]) -> None:
    rate = lines / ours.seconds
    pipeline = ours.seconds - startup.seconds
    memory = max(ours.peak_rss_mb, ours.tree_rss_mb)
    print(f"\nstacklens end to end: {rate:,.0f} lines/s (target {TARGET_LINES_PER_S:,}: "
          f"{'met' if rate >= TARGET_LINES_PER_S else 'NOT met'}); peak RSS "
          f"{memory:.0f} MB, parent and scanning child together (target < {TARGET_RSS_MB}: "
          f"{'met' if memory < TARGET_RSS_MB else 'NOT met'})")
    print(f"  of which start-up {startup.seconds:.2f} s, import pipeline {pipeline:.2f} s "
          f"({lines / max(pipeline, 1e-9):,.0f} lines/s after start-up)")
    for key, m in others.items():
        print(f"  stacklens takes {ours.seconds / m.seconds:.1f}x the time of {key}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-drain3", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="stacklens-bench-"))
    # byte-compiled like an installed package (pip and PyInstaller compile; an editable
    # checkout under PYTHONDONTWRITEBYTECODE would recompile every module at each start)
    compileall.compile_dir(Path(stacklens_desktop.__file__).parent, quiet=1)
    try:
        log = work / "pos-1m.log"
        lines = generate(log, args.lines)
        print(f"generated {lines:,} lines, {log.stat().st_size / 1e6:.1f} MB at {log}")
        warm = work / "warm.log"
        warm.write_text(log.open().read(200_000))
        run_measured("warm-up", [sys.executable, "-m", "stacklens_desktop", "analyze",
                                 str(warm), "--data-dir", str(work / "profile")])
        tools = _tools(work, log, args.skip_drain3)
        runs: dict[str, list[Measurement]] = {key: [] for key in tools}
        for _ in range(args.repeat):  # interleaved: load changes hit every tool alike
            for key, run in tools.items():
                runs[key].append(run())
        results = {key: _median(r) for key, r in runs.items()}
        ours, startup = results.pop("stacklens"), results.pop("startup")
        in_process = results.pop("in-process")
        doc = json.loads(ours.output)
        print(f"stacklens: lines {doc['lines']:,}, records {doc['records']:,}, errors "
              f"{doc['errors']:,}, patterns {len(doc['patterns'])}")
        if "lnav" in results:
            print(f"lnav: warning+ lines {results['lnav'].output.split()[-1]}")
        print(f"\n| tool ({args.repeat} runs, median) | seconds | lines/s | peak RSS MB | "
              "peak RSS MB, with children | time vs stacklens |")
        print("|---|---|---|---|---|---|")
        for m in (ours, startup, in_process, *results.values()):
            print(_row(m, None if m is startup else lines, ours))
        _verdicts(ours, startup, lines, results)
        print(f"  scanning in a forked process: {in_process.seconds:.2f} s -> "
              f"{ours.seconds:.2f} s ({in_process.seconds / ours.seconds:.2f}x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
