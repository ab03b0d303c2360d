"""Start-up of the bundled app: launch to the main window's first painted frame.

Run: ``.venv/bin/python -m tests.bench.bench_bundle_start [--bundle dist/StackLens]
[--repeat N]`` after ``make package``. Each run is a new process with a new profile and HOME
(``StackLens gui --data-dir NEW``) on an X server (an Xvfb of its own when ``DISPLAY`` is
unset). The end point is Qt's own log line for the first flush of the painted main window
(:mod:`tests.first_paint`).
Baseline: the same code unfrozen (``python -m stacklens_desktop gui``, byte-compiled).
The first bundled run comes right after the build, so its files are in the page cache: this
is a warm-cache launch of a never-started app, not a launch after a reboot.

Target: under 2 s.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
from pathlib import Path

from tests.app_tree import ROOT
from tests.first_paint import first_paint_seconds

TARGET_S = 2.0


def _own_display() -> tuple[subprocess.Popen, str]:
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    return server, f":{number}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "StackLens")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    executable = args.bundle / "StackLens"
    if not executable.is_file():
        print(f"no bundle at {args.bundle}: run make package first", file=sys.stderr)
        return 2
    compileall.compile_dir(ROOT / "stacklens_desktop", quiet=1)
    server, display = (None, os.environ["DISPLAY"]) if os.environ.get("DISPLAY") \
        else _own_display()
    variants = {"bundle (StackLens gui)": [str(executable)],
                "unfrozen (python -m stacklens_desktop gui)": [
                    sys.executable, "-P", "-m", "stacklens_desktop"]}
    times: dict[str, list[float]] = {name: [] for name in variants}
    try:
        for _ in range(args.repeat):  # interleaved
            for name, argv in variants.items():
                times[name].append(first_paint_seconds(argv, {"DISPLAY": display}))
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    print(f"launch -> first painted main window, {args.repeat} runs each, new profile each")
    print("| variant | median s | runs |\n|---|---|---|")
    for name, runs in times.items():
        print(f"| {name} | {statistics.median(runs):.2f} | "
              f"{', '.join(f'{t:.2f}' for t in runs)} |")
    bundle = statistics.median(times["bundle (StackLens gui)"])
    first = times["bundle (StackLens gui)"][0]
    print(f"\nbundle median {bundle:.2f} s, first launch {first:.2f} s (target < {TARGET_S} s: "
          f"{'met' if max(bundle, first) < TARGET_S else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
