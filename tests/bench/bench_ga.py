"""Accuracy benchmark: Grouping Accuracy of ``stacklens templates --raw`` on Loghub-2k.

Run: ``.venv/bin/python -m tests.bench.bench_ga [--check-cli]``

For each of the 16 systems in ``<repo>/../shared/bench/loghub2k`` the ``Content`` column is
written to a temp file and mined through the function behind ``stacklens templates --raw``
(one configuration for every system; msg/s there includes writing and reading the temp
file), then scored against the original ``EventId`` labels
and the corrected ones (Khan et al.). drain3 0.9.11 (sim_th 0.4, depth 4, the common masks
of its example configuration) mines the same lines in the same run as the baseline.
A last section times the miners alone on all lines, fresh and repeated (cache hits).
``--check-cli`` also runs the real CLI in a subprocess and checks it prints the same groups.
The Loghub data never leaves the shared folder (research-only licence).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stacklens_desktop.cli.cmd_templates import template_lines
from tests.bench.ga_score import grouping_accuracy

REPO_ROOT = Path(__file__).resolve().parents[2]
LOGHUB = REPO_ROOT.parent / "shared" / "bench" / "loghub2k"
SYSTEMS = (
    "HDFS", "Hadoop", "Spark", "Zookeeper", "BGL", "HPC", "Thunderbird", "Windows",
    "Linux", "Android", "HealthApp", "Apache", "Proxifier", "OpenSSH", "OpenStack", "Mac",
)
#: The masks of drain3's example configuration (examples/drain3.ini), minus its one
#: dataset-specific rule ("executed cmd").
DRAIN3_MASKS = (
    (r"((?<=[^A-Za-z0-9])|^)(([0-9a-f]{2,}:){3,}([0-9a-f]{2,}))((?=[^A-Za-z0-9])|$)", "ID"),
    (r"((?<=[^A-Za-z0-9])|^)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})((?=[^A-Za-z0-9])|$)", "IP"),
    (r"((?<=[^A-Za-z0-9])|^)([0-9a-f]{6,} ?){3,}((?=[^A-Za-z0-9])|$)", "SEQ"),
    (r"((?<=[^A-Za-z0-9])|^)([0-9A-F]{4} ?){4,}((?=[^A-Za-z0-9])|$)", "SEQ"),
    (r"((?<=[^A-Za-z0-9])|^)(0x[a-f0-9A-F]+)((?=[^A-Za-z0-9])|$)", "HEX"),
    (r"((?<=[^A-Za-z0-9])|^)([\-\+]?\d+)((?=[^A-Za-z0-9])|$)", "NUM"),
)


@dataclass(slots=True)
class Dataset:
    name: str
    lines: list[str]
    labels: list[str]
    corrected: list[str]


@dataclass(slots=True)
class Score:
    ga: float
    ga_corrected: float
    rate: float


def _read_labels(path: Path) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["LineId"]: (row["Content"], row["EventId"]) for row in csv.DictReader(handle)}


def load_dataset(name: str) -> Dataset:
    folder = LOGHUB / name
    original = _read_labels(folder / f"{name}_2k.log_structured.csv")
    corrected = _read_labels(folder / f"{name}_2k.log_structured_corrected.csv")
    ids = list(original)
    return Dataset(
        name,
        [original[i][0] for i in ids],
        [original[i][1] for i in ids],
        [corrected[i][1] for i in ids],
    )


def stacklens_groups(lines: list[str], workdir: Path) -> list[int]:
    """Pattern id per line, via the code path of ``stacklens templates --raw``."""
    path = workdir / "content.log"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return [item.pattern_id for item in template_lines(str(path), raw=True)]


def cli_groups(workdir: Path) -> list[int]:
    """Pattern id per line as printed by the real CLI in a subprocess."""
    out = subprocess.run(
        [sys.executable, "-m", "stacklens_desktop", "templates", "--raw",
         str(workdir / "content.log"), "--data-dir", str(workdir / "profile")],
        capture_output=True, text=True, check=True, cwd=REPO_ROOT,
    ).stdout
    return [int(row.split("\t")[1]) for row in out.splitlines()]


def _drain3_config() -> object:
    from drain3.masking import MaskingInstruction
    from drain3.template_miner_config import TemplateMinerConfig

    config = TemplateMinerConfig()
    config.drain_sim_th = 0.4
    config.drain_depth = 4
    config.profiling_enabled = False
    config.masking_instructions = [MaskingInstruction(p, m) for p, m in DRAIN3_MASKS]
    return config


def drain3_groups(lines: list[str]) -> list[int]:
    from drain3 import TemplateMiner

    miner = TemplateMiner(config=_drain3_config())
    return [miner.add_log_message(line)["cluster_id"] for line in lines]


def score(data: Dataset, mine: Callable[[], list[int]]) -> Score:
    start = time.perf_counter()
    groups = mine()
    elapsed = time.perf_counter() - start
    return Score(
        grouping_accuracy(data.labels, groups),
        grouping_accuracy(data.corrected, groups),
        len(data.lines) / elapsed,
    )


def throughput(lines: list[str]) -> None:
    """Messages/s of the miners alone: a fresh pass, then the same lines again (repeats)."""
    from drain3 import TemplateMiner as Drain3Miner

    from stacklens_desktop.core.mining import TemplateMiner

    ours = TemplateMiner()
    base = Drain3Miner(config=_drain3_config())
    for label, first, second in (
        ("stacklens", ours.add, ours.add),
        ("drain3", base.add_log_message, base.add_log_message),
    ):
        rates = []
        for add in (first, second):
            start = time.perf_counter()
            for line in lines:
                add(line)
            rates.append(len(lines) / (time.perf_counter() - start))
        print(f"{label:<10} first pass {rates[0]:9,.0f} msg/s   repeated {rates[1]:9,.0f} msg/s")


def typical_throughput() -> None:
    """Messages/s on short POS-like messages (the test corpus generator), repeated shapes."""
    from stacklens_desktop.core.mining import TemplateMiner
    from tests.core.test_fingerprint import pos_lines

    lines = pos_lines(seed=11, count=100_000)
    miner = TemplateMiner()
    start = time.perf_counter()
    for line in lines:
        miner.add(line)
    rate = len(lines) / (time.perf_counter() - start)
    print(f"stacklens  POS-like messages {rate:9,.0f} msg/s ({len(lines):,} lines)")


def order_changes(datasets: list[Dataset]) -> int:
    """Lines whose final fingerprint changes when their file is mined in shuffled order."""
    import random

    from stacklens_desktop.core.mining import TemplateMiner

    def final(lines: list[str]) -> dict[str, str]:
        miner = TemplateMiner()
        ids = [miner.add(line).cluster_id for line in lines]
        return {line: miner.pattern(i).fingerprint for line, i in zip(lines, ids, strict=True)}

    changed = 0
    for data in datasets:
        shuffled = data.lines[:]
        random.Random(1).shuffle(shuffled)
        before, after = final(data.lines), final(shuffled)
        changed += sum(before[line] != after[line] for line in data.lines)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check-cli", action="store_true", help="also compare the real CLI")
    args = parser.parse_args(argv)
    if not LOGHUB.is_dir():
        print(f"Loghub data not found at {LOGHUB}", file=sys.stderr)
        return 2
    header = f"{'system':<12} {'GA':>6} {'drain3':>6} {'GA(c)':>6} {'d3(c)':>6} "
    print(header + f"{'msg/s':>9} {'d3 msg/s':>9}  win")
    ours_all: list[Score] = []
    datasets: list[Dataset] = []
    base_all: list[Score] = []
    with tempfile.TemporaryDirectory(prefix="bench_ga_") as tmp:
        workdir = Path(tmp)
        for name in SYSTEMS:
            data = load_dataset(name)
            datasets.append(data)
            ours = score(data, lambda d=data: stacklens_groups(d.lines, workdir))
            if args.check_cli and cli_groups(workdir) != stacklens_groups(data.lines, workdir):
                print(f"{name}: CLI output differs from the in-process path", file=sys.stderr)
                return 1
            base = score(data, lambda d=data: drain3_groups(d.lines))
            ours_all.append(ours)
            base_all.append(base)
            win = "yes" if ours.ga >= base.ga else "NO"
            print(f"{name:<12} {ours.ga:6.3f} {base.ga:6.3f} {ours.ga_corrected:6.3f} "
                  f"{base.ga_corrected:6.3f} {ours.rate:9,.0f} {base.rate:9,.0f}  {win}")
    wins = sum(o.ga >= b.ga for o, b in zip(ours_all, base_all, strict=True))
    print(f"{'mean':<12} {statistics.mean(s.ga for s in ours_all):6.3f} "
          f"{statistics.mean(s.ga for s in base_all):6.3f} "
          f"{statistics.mean(s.ga_corrected for s in ours_all):6.3f} "
          f"{statistics.mean(s.ga_corrected for s in base_all):6.3f} "
          f"{statistics.mean(s.rate for s in ours_all):9,.0f} "
          f"{statistics.mean(s.rate for s in base_all):9,.0f}  {wins}/16")
    every_line = [line for data in datasets for line in data.lines]
    print(f"\nSpeed of the miners alone on all {len(every_line):,} lines:")
    throughput(every_line)
    typical_throughput()
    print(f"\nOrder independence: {order_changes(datasets)} of {len(every_line):,} lines get "
          "another final fingerprint when each file is mined shuffled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
