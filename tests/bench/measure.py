"""Running a command in a child process and measuring its wall time and peak RSS."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass


@dataclass
class Measurement:
    name: str
    seconds: float
    peak_rss_mb: float
    output: str
    #: peak of the summed RSS of the process and its children, sampled every 10 ms (a
    #: forked child shares pages with its parent, so the sum over-counts: an upper bound)
    tree_rss_mb: float = 0.0


class TreeSampler:
    """Samples the RSS of a process plus its children (and theirs) in a thread, from
    ``/proc`` directly: psutil's ``children()`` scans every process and would steal CPU
    from the measured run."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.peak = 0
        self._pid, self._interval = pid, interval
        self._page = os.sysconf("SC_PAGE_SIZE")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _tree(self, pid: int) -> list[int]:
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as handle:
                children = [int(c) for c in handle.read().split()]
        except OSError:
            return [pid]
        return [pid, *(p for child in children for p in self._tree(child))]

    def _rss(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/statm") as handle:
                return int(handle.read().split()[1]) * self._page
        except (OSError, IndexError, ValueError):
            return 0

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(self._rss(p) for p in self._tree(self._pid)))
            self._stop.wait(self._interval)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def run_measured(name: str, argv: list[str], env: dict[str, str] | None = None) -> Measurement:
    """Wall time and peak RSS of one child: reaped with ``wait4``, which reports that child's
    own resource usage (and not the maximum over all children, as RUSAGE_CHILDREN would)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env={**os.environ, **(env or {})})
        sampler = TreeSampler(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        tree_mb = sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{name} failed ({proc.returncode}): {stderr[-2000:]}")
    own_mb = usage.ru_maxrss / 1024
    return Measurement(name, seconds, own_mb, stdout, max(tree_mb, own_mb))
