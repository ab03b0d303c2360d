"""Running a command in a child process and measuring its wall time and peak RSS."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class Measurement:
    name: str
    seconds: float
    peak_rss_mb: float
    output: str


def run_measured(name: str, argv: list[str], env: dict[str, str] | None = None) -> Measurement:
    """Wall time and peak RSS of one child: reaped with ``wait4``, which reports that child's
    own resource usage (and not the maximum over all children, as RUSAGE_CHILDREN would)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{name} failed ({proc.returncode}): {stderr[-2000:]}")
    return Measurement(name, seconds, usage.ru_maxrss / 1024, stdout)
