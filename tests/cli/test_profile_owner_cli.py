"""One process owns a profile; bad data dirs give one line and exit 2 (real processes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.cli.test_watch_cli import ERR, _count_events, _stop, _wait_for, _watch
from tests.store.disks import fill, remount_read_only, small_disk


def _stacklens(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stacklens_desktop", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=300, env={**os.environ})


def test_a_second_watcher_is_refused_and_nothing_is_counted_twice(tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("".join(ERR.format(n=n) for n in range(5)))
    profile = tmp_path / "profile"
    first = _watch(profile, str(log), jsonl=True)
    try:
        _wait_for(lambda: _count_events(profile)[0] == 5)
        second = subprocess.run(
            [sys.executable, "-m", "stacklens_desktop", "watch", "--headless", "--from-start",
             "--data-dir", str(profile), str(log)],
            capture_output=True, text=True, timeout=120)
        assert second.returncode == 2
        assert f"pid {first.pid}" in second.stderr and "stacklens watch" in second.stderr
        assert second.stderr.count("\n") == 1 and "Traceback" not in second.stderr
        sync = _stacklens("jira", "sync", data_dir=profile)
        assert sync.returncode == 2 and f"pid {first.pid}" in sync.stderr
        assert _count_events(profile) == (5, 5)
    finally:
        _stop(first)
    assert first.returncode == 0
    assert not (profile / "stacklens.owner.json").exists()


def test_the_owner_lock_goes_with_a_killed_process(tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    log.write_text(ERR.format(n=1))
    profile = tmp_path / "profile"
    first = _watch(profile, str(log), jsonl=True)
    assert json.loads(first.stdout.readline())["offset"] == 0
    _stop(first, signal.SIGKILL)
    again = _watch(profile, str(log), jsonl=True)
    try:
        with log.open("a") as out:
            out.write(ERR.format(n=2))
        assert json.loads(again.stdout.readline())["offset"] == len(ERR.format(n=1))
    finally:
        _stop(again)
    assert _count_events(profile) == (2, 2)


def _one_line_read_only(profile: Path, log: Path, backup: Path) -> None:
    for args in (("stats",), ("analyze", str(log)), ("backup", str(backup)),
                 ("jira", "sync"), ("watch", "--headless", str(log))):
        done = _stacklens(*args, data_dir=profile)
        assert done.returncode == 2, (args, done.stderr)
        assert "read-only" in done.stderr, (args, done.stderr)
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_a_read_only_data_dir_is_one_line(tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    log.write_text(ERR.format(n=1))
    with small_disk(tmp_path / "ro", "1m", read_only=True) as disk:
        _one_line_read_only(disk / "profile", log, tmp_path / "b.db")
    with small_disk(tmp_path / "ro2", "4m") as disk:  # a profile whose disk turned read-only
        assert _stacklens("analyze", str(log), data_dir=disk / "profile").returncode == 0
        remount_read_only(disk)
        _one_line_read_only(disk / "profile", log, tmp_path / "b.db")


def test_a_full_data_dir_is_one_line_and_keeps_nothing_half_written(tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("".join(ERR.format(n=n) for n in range(20_000)))
    with small_disk(tmp_path / "full", "48m") as disk:
        profile = disk / "profile"
        assert _stacklens("stats", data_dir=profile).returncode == 0
        filler = fill(disk)
        done = _stacklens("analyze", str(log), data_dir=profile)
        assert done.returncode == 2, done.stderr
        assert "full" in done.stderr and "Traceback" not in done.stderr
        filler.unlink()
        again = _stacklens("analyze", str(log), "--json", data_dir=profile)
        assert again.returncode == 0, again.stderr
        assert _count_events(profile) == (20_000, 20_000)
