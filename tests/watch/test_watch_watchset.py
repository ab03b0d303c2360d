"""WatchSet with real files: inotify wake-ups, polling fallback, globs, rotation, removal.

``poll_interval=3600`` makes a test prove that inotify alone delivered; ``use_inotify=False``
with a short interval proves the polling fallback alone does.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from stacklens_desktop.watch import EventKind, SourceState, StartAt, TailResult, WatchSet

NO_POLL = 3600.0
Drainer = Callable[..., list[TailResult]]


def append(path: Path, data: bytes) -> None:
    with open(path, "ab") as fh:
        fh.write(data)


def lines_of(results: list[TailResult], path: Path | None = None) -> list[bytes]:
    return [ln for r in results if path is None or r.path == str(path) for ln in r.lines]


def has_lines(n: int, path: Path | None = None) -> Callable[[list[TailResult]], bool]:
    return lambda results: len(lines_of(results, path)) >= n


@pytest.fixture
def inotify_only() -> Iterator[WatchSet]:
    ws = WatchSet(poll_interval=NO_POLL)
    yield ws
    ws.close()


def test_inotify_wakes_the_reader(
    tmp_path: Path, inotify_only: WatchSet, drain_until: Drainer
) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"history\n")
    inotify_only.add_file(log)
    inotify_only.drain(1.0)  # first poll: start at end
    append(log, b"one\n")
    started = time.monotonic()
    got = drain_until(inotify_only, has_lines(1))
    assert lines_of(got) == [b"one"]
    assert time.monotonic() - started < 1.0  # far below the (disabled) polling interval


def test_polling_fallback_alone_delivers(tmp_path: Path, drain_until: Drainer) -> None:
    log = tmp_path / "app.log"
    with WatchSet(use_inotify=False, poll_interval=0.05) as ws:
        ws.add_file(log)
        got = drain_until(ws, lambda rs: any(EventKind.MISSING in r.kinds for r in rs))
        log.write_bytes(b"a\n")
        got = drain_until(ws, has_lines(1))
        append(log, b"b\nc\n")
        got += drain_until(ws, has_lines(2))
        assert lines_of(got) == [b"a", b"b", b"c"]


def test_glob_existing_files_start_at_end_new_files_at_zero(
    tmp_path: Path, inotify_only: WatchSet, drain_until: Drainer
) -> None:
    old = tmp_path / "a.log"
    old.write_bytes(b"old history\n")
    inotify_only.add_glob(str(tmp_path / "*.log"))
    inotify_only.drain(1.0)
    append(old, b"a new\n")
    (tmp_path / "ignored.txt").write_bytes(b"not matched\n")
    (tmp_path / "b.log").write_bytes(b"b first\nb second\n")
    got = drain_until(inotify_only, has_lines(3))
    assert lines_of(got, old) == [b"a new"]
    assert lines_of(got, tmp_path / "b.log") == [b"b first", b"b second"]
    paths = {s.path for s in inotify_only.sources()}
    assert paths == {str(old), str(tmp_path / "b.log")}
    assert all(s.patterns == {str(tmp_path / "*.log")} for s in inotify_only.sources())


def test_glob_over_rotated_names_reads_each_line_once(tmp_path: Path, drain_until: Drainer) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with WatchSet(poll_interval=0.05) as ws:  # polling too: rescans the glob often
        ws.add_glob(str(tmp_path / "app.log*"))
        ws.drain(1.0)
        append(log, b"1\n2\n")
        got = drain_until(ws, has_lines(2))
        append(log, b"3\n")
        log.rename(tmp_path / "app.log.1")  # now also a match of the pattern
        log.write_bytes(b"4\n")
        got += drain_until(ws, has_lines(2))
        append(tmp_path / "app.log.1", b"5 late write to the old file\n")
        got += drain_until(ws, has_lines(1))
        deadline = time.monotonic() + 0.3  # several full poll + rescan cycles
        while time.monotonic() < deadline:
            got += ws.drain(0.1)
    assert sorted(lines_of(got)) == [b"1", b"2", b"3", b"4", b"5 late write to the old file"]


def test_concurrent_writer_with_rotations_nothing_lost_or_repeated(
    tmp_path: Path, inotify_only: WatchSet, drain_until: Drainer
) -> None:
    log = tmp_path / "pos.log"
    total, per_file = 6000, 1000

    def writer() -> None:
        fh = open(log, "ab")
        for n in range(total):
            fh.write(b"line %06d\n" % n)
            fh.flush()
            if n % 100 == 99:
                time.sleep(0.002)  # a busy but not insane writer
            if n % per_file == per_file - 1 and n < total - 1:
                fh.close()
                log.rename(tmp_path / f"pos.log.{n // per_file}")
                fh = open(log, "ab")
        fh.close()

    log.write_bytes(b"")
    inotify_only.add_file(log)
    inotify_only.drain(1.0)
    thread = threading.Thread(target=writer)
    thread.start()
    got = drain_until(inotify_only, has_lines(total), timeout=30)
    thread.join()
    assert lines_of(got) == [b"line %06d" % n for n in range(total)]
    # the reader sees each rotation either as ROTATED (new file already there) or as
    # DELETED + RECREATED (polled between the rename and the writer's open)
    switches = [k for r in got for k in r.kinds if k in (EventKind.ROTATED, EventKind.DELETED)]
    assert len(switches) == total // per_file - 1


def test_directory_removed_and_recreated(
    tmp_path: Path, inotify_only: WatchSet, drain_until: Drainer
) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    log = folder / "app.log"
    log.write_bytes(b"")
    inotify_only.add_file(log)
    inotify_only.drain(1.0)
    append(log, b"before\n")
    got = drain_until(inotify_only, has_lines(1))
    log.unlink()
    folder.rmdir()
    drain_until(inotify_only, lambda rs: any(r.state is SourceState.WAITING for r in rs))
    folder.mkdir()
    log.write_bytes(b"after\n")
    got += drain_until(inotify_only, has_lines(1))
    assert lines_of(got) == [b"before", b"after"]
    append(log, b"and more\n")  # the new directory is watched again
    assert lines_of(drain_until(inotify_only, has_lines(1))) == [b"and more"]


def test_directory_that_does_not_exist_yet(
    tmp_path: Path, inotify_only: WatchSet, drain_until: Drainer
) -> None:
    log = tmp_path / "not" / "yet" / "app.log"
    inotify_only.add_file(log)
    inotify_only.drain(1.0)
    log.parent.mkdir(parents=True)
    log.write_bytes(b"hello\n")
    assert lines_of(drain_until(inotify_only, has_lines(1))) == [b"hello"]


def test_permission_denied_then_fixed(
    open_dir: Path,
    unprivileged: Callable[[], AbstractContextManager[None]],
    drain_until: Drainer,
) -> None:
    log = open_dir / "app.log"
    log.write_bytes(b"secret\n")
    log.chmod(0o600)
    with WatchSet(poll_interval=NO_POLL) as ws:
        ws.add_file(log, StartAt.BEGINNING)
        with unprivileged():
            got = drain_until(ws, lambda rs: bool(rs))
            assert got[0].kinds == [EventKind.PERMISSION_DENIED]
            (status,) = ws.sources()
            assert status.state is SourceState.ERROR and "permission denied" in status.reason
        log.chmod(0o644)  # the attribute change (inotify) wakes the reader for a retry
        with unprivileged():
            got = drain_until(ws, has_lines(1))
        assert lines_of(got) == [b"secret"] and got[-1].state is SourceState.WATCHING


def test_remove_at_run_time(tmp_path: Path, inotify_only: WatchSet, drain_until: Drainer) -> None:
    keep, drop = tmp_path / "keep.log", tmp_path / "drop.log"
    for f in (keep, drop):
        f.write_bytes(b"")
        inotify_only.add_file(f)
    inotify_only.drain(1.0)
    inotify_only.remove(drop)
    append(drop, b"unwanted\n")
    append(keep, b"wanted\n")
    got = drain_until(inotify_only, has_lines(1))
    assert lines_of(got) == [b"wanted"]
    assert [s.path for s in inotify_only.sources()] == [str(keep)]


def test_remove_glob_keeps_explicit_file(tmp_path: Path, drain_until: Drainer) -> None:
    a, b = tmp_path / "a.log", tmp_path / "b.log"
    a.write_bytes(b"")
    b.write_bytes(b"")
    with WatchSet(poll_interval=NO_POLL) as ws:
        ws.add_glob(str(tmp_path / "*.log"))
        ws.add_file(a)
        ws.drain(1.0)
        assert len(ws.sources()) == 2
        ws.remove(str(tmp_path / "*.log"))
        ws.drain(0.5)
        assert [s.path for s in ws.sources()] == [str(a)]
        append(b, b"no\n")
        append(a, b"yes\n")
        assert lines_of(drain_until(ws, has_lines(1))) == [b"yes"]


def test_glob_member_that_vanishes_is_forgotten_and_rediscovered(
    tmp_path: Path, drain_until: Drainer
) -> None:
    log = tmp_path / "x.log"
    log.write_bytes(b"")
    with WatchSet(poll_interval=0.05) as ws:
        ws.add_glob(str(tmp_path / "*.log"))
        ws.drain(1.0)
        log.unlink()
        drain_until(ws, lambda rs: any(EventKind.DELETED in r.kinds for r in rs))
        drain_until(ws, lambda rs: not ws.sources())
        log.write_bytes(b"again\n")
        assert lines_of(drain_until(ws, has_lines(1))) == [b"again"]


def test_run_until_stop_event(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    batches: list[list[TailResult]] = []
    got_line = threading.Event()
    stop = threading.Event()

    def on_batch(results: list[TailResult]) -> None:
        batches.append(results)
        if lines_of(results):
            got_line.set()

    with WatchSet(poll_interval=NO_POLL) as ws:
        ws.add_file(log)
        reader = threading.Thread(target=ws.run_until, args=(stop, on_batch), kwargs={"timeout": 5})
        reader.start()
        deadline = time.monotonic() + 5
        while not ws.sources() or ws.sources()[0].state is not SourceState.WATCHING:
            assert time.monotonic() < deadline
            time.sleep(0.005)  # waiting for the reader's first poll of the file
        append(log, b"hello\n")
        assert got_line.wait(5)
        stop.set()
        ws.wake()
        reader.join(2)
        assert not reader.is_alive()
    assert [ln for b in batches for ln in lines_of(b)] == [b"hello"]


def test_linger_coalesces_a_burst(tmp_path: Path, inotify_only: WatchSet) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    inotify_only.add_file(log)
    inotify_only.drain(1.0)

    def writer() -> None:
        for n in range(20):
            append(log, b"%d\n" % n)
            time.sleep(0.001)

    thread = threading.Thread(target=writer)
    thread.start()
    got = inotify_only.drain(5.0, linger=0.5)
    thread.join()
    assert lines_of(got) == [b"%d" % n for n in range(20)]


def test_batch_budget_leaves_rest_for_next_drain(tmp_path: Path, drain_until: Drainer) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with WatchSet(poll_interval=NO_POLL, tailer_options={"chunk_size": 4096}) as ws:
        ws.add_file(log)
        ws.drain(1.0)
        append(log, (b"y" * 99 + b"\n") * 1000)
        first = ws.drain(5.0, max_bytes=10_000)
        assert 0 < sum(r.byte_count for r in first) <= 10_000 and first[-1].more
        rest = drain_until(ws, has_lines(1000 - len(lines_of(first))), timeout=5)
        assert len(lines_of(first + rest)) == 1000
        assert (first + rest)[-1].offset == 100_000


def test_linger_stops_at_max_lines(tmp_path: Path, inotify_only: WatchSet) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    inotify_only.add_file(log)
    inotify_only.drain(1.0)
    append(log, b"a\nb\nc\n")
    started = time.monotonic()
    got = inotify_only.drain(5.0, linger=30.0, max_lines=3)
    assert lines_of(got) == [b"a", b"b", b"c"]
    assert time.monotonic() - started < 10.0  # did not sit out the 30 s linger


def test_glob_in_directories_that_appear_later(
    tmp_path: Path, inotify_only: WatchSet, drain_until: Drainer
) -> None:
    """Magic in the directory part too; every directory is created after watching began."""
    inotify_only.add_glob(str(tmp_path / "fleet" / "shop-*" / "pos.log"))
    inotify_only.drain(0.5)
    for shop in ("shop-1", "shop-2"):
        folder = tmp_path / "fleet" / shop
        folder.mkdir(parents=True)
        (folder / "pos.log").write_bytes(b"%s up\n" % shop.encode())
        (folder / "other.log").write_bytes(b"ignored\n")
    got = drain_until(inotify_only, has_lines(2))
    assert sorted(lines_of(got)) == [b"shop-1 up", b"shop-2 up"]
    append(tmp_path / "fleet" / "shop-2" / "pos.log", b"sale\n")
    assert lines_of(drain_until(inotify_only, has_lines(1))) == [b"sale"]
