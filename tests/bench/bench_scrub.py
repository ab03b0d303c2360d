"""Cost of scrubbing secrets from each record before it is mined and stored.

Run: ``.venv/bin/python -m tests.bench.bench_scrub [--lines N] [--repeat R]``. Scans the
bench_analyze log (about 5% warning+ records, in the POS format), then times
``Analyzer.prepare`` (decode, parse, scrub, mine) over all its records with the app's scrubber
and, as the baseline, with scrubbing skipped; CPU time of this process (``process_time``), so
other jobs on the machine disturb it less than wall time. Also times the scrubber alone on
the same records and on a log whose every record carries a secret (the slow path).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from stacklens_desktop.core.analyzer import Analyzer, to_record
from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.record import Record
from stacklens_desktop.core.scanner import RawRecord, RecordScanner
from stacklens_desktop.core.scrub import Scrubber
from tests.bench.loggen import generate

SECRET_LINES = (
    'Login failed: {"user":"bob","password":"hunter2hunter2","till":"T4"}',
    "Charge failed for card 4111 1111 1111 1111 on till T4",
    "request failed Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    "DB down postgres://pos:urlPw-808@db.internal:5432/pos",
    'Card rejected: {"orderId":"ORD-1","cvv":"739","pin":"9027"}',
)


class NoScrub(Scrubber):
    """The baseline: records pass untouched (what the analyzer did before scrubbing)."""

    def record(self, record: Record) -> Record:
        return record


def scan(path: Path) -> tuple[list[RawRecord], object]:
    data = path.read_bytes()
    fmt = detect_format(data[:20000].decode().splitlines())
    scanner = RecordScanner(fmt)
    records = scanner.feed(0, data).records + scanner.finish().records
    return records, fmt


def cpu_seconds(work: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        runs.append(time.process_time() - start)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stacklens-scrub-") as work:
        log = Path(work) / "pos.log"
        lines = generate(log, args.lines)
        raws, fmt = scan(log)
        secret_log = Path(work) / "secrets.log"
        secret_log.write_text("".join(
            f"2026-11-25T10:00:{i % 60:02d}.000Z [ERROR] {SECRET_LINES[i % 5]} n={i}\n"
            for i in range(20000)))
        secret_raws, secret_fmt = scan(secret_log)
    n = len(raws)
    print(f"{lines:,} lines, {n:,} records to prepare (warning and above)")

    def prepare(scrubber: Scrubber) -> Callable[[], object]:
        return lambda: Analyzer(fmt=fmt, judge=None, scrubber=scrubber).prepare(raws)

    base = cpu_seconds(prepare(NoScrub()), args.repeat)
    ours = cpu_seconds(prepare(Scrubber()), args.repeat)
    parsed = [to_record(r, fmt, NoScrub()) for r in raws]
    scrubber = Scrubber()
    alone = cpu_seconds(lambda: [scrubber.record(r) for r in parsed], args.repeat)
    changed = sum(1 for r in parsed if "[" in r.text and "#" in r.text)
    m = len(secret_raws)
    with_scrub = cpu_seconds(
        lambda: [scrubber.record(to_record(r, secret_fmt, NoScrub())) for r in secret_raws],
        args.repeat)
    parse_only = cpu_seconds(lambda: [to_record(r, secret_fmt, NoScrub()) for r in secret_raws],
                             args.repeat)
    slow = with_scrub - parse_only
    print(f"\n| work (CPU s, median of {args.repeat}) | seconds | µs per record |")
    print("|---|---|---|")
    print(f"| prepare {n:,} records without scrubbing (baseline) | {base:.3f} | "
          f"{base / n * 1e6:.2f} |")
    print(f"| prepare {n:,} records with scrubbing | {ours:.3f} | {ours / n * 1e6:.2f} |")
    print(f"| scrubber alone on them (no secret: the pre-check) | {alone:.3f} | "
          f"{alone / n * 1e6:.2f} |")
    print(f"| scrubber alone, {m:,} records each carrying a secret | {slow:.3f} | "
          f"{slow / m * 1e6:.2f} |")
    print(f"\nscrubbing adds {(ours - base) / base * 100:.1f}% to prepare, "
          f"{ours - base:.3f} CPU-s per {lines:,} lines ({changed} bench records changed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
