"""Disk full while watching: the writes wait, nothing is skipped, everything is stored once
space is back (a real tmpfs filled to the last byte, real inotify, real SQLite)."""

from __future__ import annotations

from pathlib import Path

from stacklens_desktop.workers.live_monitor import LiveMonitor
from tests.qt_wait import wait_worker_signal
from tests.store.disks import fill, small_disk
from tests.workers.test_live_monitor import _append, err, stored_offsets, stored_orders


def test_a_full_disk_holds_the_writes_and_loses_nothing(qtbot, tmp_path: Path) -> None:
    log = tmp_path / "pos.log"  # the log is on another disk: only the profile's disk fills
    log.write_text("")
    with small_disk(tmp_path / "disk", "16m") as disk:
        profile = disk / "profile"
        monitor = LiveMonitor(profile, poll_interval=0.2)
        blocked: list[tuple[str, list]] = []
        monitor.analysis.write_blocked.connect(lambda r, p: blocked.append((r, p)))
        monitor.start()
        try:
            monitor.add(str(log))
            with wait_worker_signal(qtbot, monitor.analysis.source_state_changed, 20_000):
                pass
            _append(log, "".join(err(i) for i in range(50)))
            qtbot.waitUntil(lambda: len(stored_offsets(profile)) == 50, timeout=20_000)
            filler = fill(disk)
            with wait_worker_signal(qtbot, monitor.analysis.write_blocked, 20_000):
                for start in range(50, 2_050, 250):  # several batches while the disk is full
                    _append(log, "".join(err(i) for i in range(start, start + 250)))
            assert "full" in blocked[0][0] and blocked[0][1] == [str(log)]
            assert len(stored_offsets(profile)) < 2_050
            with wait_worker_signal(qtbot, monitor.analysis.write_resumed, 30_000):
                filler.unlink()
            qtbot.waitUntil(lambda: len(stored_offsets(profile)) >= 2_050, timeout=30_000)
        finally:
            monitor.stop()
        orders = stored_orders(profile)
        assert sorted(orders) == sorted(f"ORD-{i}" for i in range(2_050))  # each exactly once
        assert len(blocked) == 1  # said once per outage, not once per retry
