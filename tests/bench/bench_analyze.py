"""Speed benchmark of ``stacklens analyze`` end to end (file → SQLite), beside baselines.

Run: ``.venv/bin/python -m tests.bench.bench_analyze [--lines N]``. Prints lines/s and peak
RSS for StackLens, lnav (indexing with a level query), drain3 mining the same lines, and
``grep -c ERROR`` (the I/O floor), with the ratios.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from tests.bench.loggen import generate
from tests.bench.measure import Measurement, run_measured

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


def _row(m: Measurement, lines: int, ref: Measurement) -> str:
    rate = lines / m.seconds
    return (f"| {m.name} | {m.seconds:.2f} | {rate:,.0f} | {m.peak_rss_mb:.0f} | "
            f"{m.seconds / ref.seconds:.2f}x |")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--skip-drain3", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="stacklens-bench-"))
    log = work / "pos-1m.log"
    lines = generate(log, args.lines)
    size_mb = log.stat().st_size / 1e6
    print(f"generated {lines:,} lines, {size_mb:.1f} MB at {log}")
    exe = [sys.executable, "-m", "stacklens_desktop"]
    # the model is trained and cached once, outside the measured run
    warm = work / "warm.log"
    warm.write_text(log.open().read(200_000))
    run_measured("warm-up", exe + ["analyze", str(warm), "--data-dir", str(work / "profile")])
    (work / "profile" / "stacklens.db").unlink()
    results: list[Measurement] = []
    ours = run_measured("stacklens analyze", exe + ["analyze", str(log), "--json", "--data-dir",
                                                    str(work / "profile")])
    doc = json.loads(ours.output)
    print(f"stacklens: lines {doc['lines']:,}, records {doc['records']:,}, errors "
          f"{doc['errors']:,}, patterns {len(doc['patterns'])}")
    results.append(ours)
    if shutil.which("lnav"):
        results.append(run_measured("lnav -n (level query)", [
            "lnav", "-n", "-c",
            ';SELECT count(*) FROM all_logs WHERE log_level >= "warning"', str(log)],
            env={"HOME": str(work)}))
    if not args.skip_drain3:
        results.append(run_measured("drain3 (mining all lines)",
                                    [sys.executable, "-c", DRAIN3_SCRIPT, str(log)]))
    results.append(run_measured("grep -c ERROR", ["grep", "-c", "ERROR", str(log)]))
    print("\n| tool | seconds | lines/s | peak RSS MB | time vs stacklens |")
    print("|---|---|---|---|---|")
    for m in results:
        print(_row(m, lines, ours))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
