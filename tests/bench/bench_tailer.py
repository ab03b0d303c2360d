"""Benchmark of the watch layer: append-to-delivery latency and read throughput.

Run: ``.venv/bin/python -m tests.bench.bench_tailer [--lines N] [--rate R] [--mb M]``.

* Latency: a writer thread appends ``--lines`` lines at ``--rate`` lines/s to a watched file;
  each line carries its write time; the reader (``WatchSet.drain`` in another thread) notes
  the delivery time. p50 / p99 / max with inotify, beside the polling fallback alone (the
  baseline: what we would get without watchdog).
* Throughput: ``Tailer.poll`` over a ``--mb`` MB file already on disk (page cache), beside
  raw ``os.read`` of the same file (the floor) and Python's ``for line in file`` (a naive
  line reader); then a live run: a writer appends ``--live`` lines as fast as it can while
  the WatchSet delivers them, every line checked to arrive exactly once and in order.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import threading
import time
from pathlib import Path

from stacklens_desktop.watch import StartAt, Tailer, TailResult, WatchSet

LINE_PAD = b" ERROR [pos-17] PaymentService - card declined: code=51 terminal=T0042 "


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _reader(ws: WatchSet, stop: threading.Event, seen: list[tuple[int, int]]) -> None:
    """Drain until stopped; record (write_ns, delivery_ns) for every line."""
    while not stop.is_set():
        for result in ws.drain(0.05):
            now = time.perf_counter_ns()
            for line in result.lines:
                seen.append((int(line.split(b" ", 1)[0]), now))


def latency_run(folder: Path, lines: int, rate: float, use_inotify: bool) -> list[float]:
    """Milliseconds from write to delivery for each line."""
    log = folder / f"latency-{'inotify' if use_inotify else 'poll'}.log"
    log.write_bytes(b"")
    seen: list[tuple[int, int]] = []
    stop = threading.Event()
    with WatchSet(use_inotify=use_inotify, poll_interval=0.5) as ws:
        ws.add_file(log)
        ws.drain(1.0)
        reader = threading.Thread(target=_reader, args=(ws, stop, seen))
        reader.start()
        with open(log, "ab", buffering=0) as fh:
            start = time.perf_counter()
            for n in range(lines):
                delay = start + n / rate - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                fh.write(b"%d" % time.perf_counter_ns() + LINE_PAD + b"\n")
        deadline = time.monotonic() + 5
        while len(seen) < lines and time.monotonic() < deadline:
            time.sleep(0.01)
        stop.set()
        ws.wake()
        reader.join()
    if len(seen) != lines:
        raise SystemExit(f"latency run lost lines: {len(seen)} of {lines}")
    return [(got - wrote) / 1e6 for wrote, got in seen]


def print_latency(lines: int, rate: float) -> None:
    print(f"\n## Latency: {lines} lines at {rate:.0f} lines/s, write -> WatchSet.drain")
    print("| mode | p50 ms | p99 ms | max ms | p50 vs polling |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        inotify = latency_run(Path(tmp), lines, rate, use_inotify=True)
        polling = latency_run(Path(tmp), lines, rate, use_inotify=False)
    base = statistics.median(polling)
    for name, ms in (("inotify + 0.5 s poll", inotify), ("polling 0.5 s only (baseline)", polling)):
        p50 = statistics.median(ms)
        print(f"| {name} | {p50:.2f} | {_pct(ms, 0.99):.2f} | {max(ms):.2f} | {p50 / base:.3f}x |")


def _make_file(path: Path, megabytes: int) -> int:
    line = b"2024-05-01T10:00:00.000Z" + LINE_PAD + b"x" * 20 + b"\n"
    block = line * (1024 * 1024 // len(line))
    with open(path, "wb") as fh:
        for _ in range(megabytes):
            fh.write(block)
    return megabytes * block.count(b"\n")


def _time_tailer(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    count = 0
    with Tailer(path, StartAt.BEGINNING) as tailer:
        while True:
            result = tailer.poll()
            count += sum(c.data.count(b"\n") for c in result.chunks)
            if not result.more:
                break
    return time.perf_counter() - start, count


def _time_raw(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    count = 0
    fd = os.open(path, os.O_RDONLY)
    try:
        while data := os.read(fd, 1024 * 1024):
            count += data.count(b"\n")
    finally:
        os.close(fd)
    return time.perf_counter() - start, count


def _time_lines(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    count = 0
    with open(path, "rb") as fh:
        for _ in fh:
            count += 1
    return time.perf_counter() - start, count


def print_throughput(megabytes: int, repeat: int) -> None:
    print(f"\n## Throughput: a {megabytes} MB log in the page cache, best of {repeat}")
    print("| reader | s | MB/s | lines/s | vs raw os.read |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.log"
        lines = _make_file(path, megabytes)
        _time_raw(path)  # warm the page cache
        readers = [
            ("raw os.read 1 MiB (floor)", _time_raw),
            ("Tailer.poll (complete lines + offsets)", _time_tailer),
            ("for line in open(rb) (naive)", _time_lines),
        ]
        best: dict[str, tuple[float, int]] = {}
        for _ in range(repeat):  # interleaved, best of N: the machine is shared
            for name, reader in readers:
                seconds, count = reader(path)
                if name not in best or seconds < best[name][0]:
                    best[name] = (seconds, count)
        runs = [(name, best[name]) for name, _ in readers]
    floor = runs[0][1][0]
    for name, (seconds, count) in runs:
        assert count == lines, (name, count, lines)
        print(
            f"| {name} | {seconds:.3f} | {megabytes / seconds:,.0f} | "
            f"{count / seconds:,.0f} | {seconds / floor:.2f}x time |"
        )


def live_run(total: int) -> tuple[float, float]:
    """Writer appends ``total`` numbered lines flat out; returns (seconds, peak RSS MB)."""
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "live.log"
        log.write_bytes(b"")
        received: list[TailResult] = []
        with WatchSet(poll_interval=0.5) as ws:
            ws.add_file(log)
            ws.drain(1.0)

            def write() -> None:
                with open(log, "ab") as fh:
                    for n in range(total):
                        fh.write(b"%09d" % n + LINE_PAD + b"\n")

            start = time.perf_counter()
            writer = threading.Thread(target=write)
            writer.start()
            count = 0
            while count < total:
                batch = ws.drain(5.0)  # [] only after 5 s without anything new
                if not batch:
                    raise SystemExit(f"live run stalled at {count} of {total} lines")
                received += batch
                count += sum(r.line_count for r in batch)
            seconds = time.perf_counter() - start
            writer.join()
        numbers = [int(line[:9]) for r in received for line in r.lines]
        if numbers != list(range(total)):
            raise SystemExit("live run: lines lost, repeated or out of order")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return seconds, peak_mb


def print_live(total: int) -> None:
    seconds, peak = live_run(total)
    size_mb = total * (10 + len(LINE_PAD)) / 1e6
    print(f"\n## Live: {total:,} lines appended flat out, delivered by WatchSet (inotify)")
    print(
        f"{seconds:.2f} s, {total / seconds:,.0f} lines/s, {size_mb / seconds:.0f} MB/s, "
        f"all exactly once and in order; peak RSS of the bench process {peak:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--live", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print_throughput(args.mb, args.repeat)
    print_live(args.live)
    print_latency(args.lines, args.rate)


if __name__ == "__main__":
    main()
