"""Live record assembly: records written line by line stay whole, offsets stay exactly-once.

A real file, the real tailer and the real pipeline and store; time is passed explicitly
(``now``) so the idle gap is tested without sleeping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.importer import import_file
from stacklens_desktop.intelligence import build_judge
from stacklens_desktop.live import LivePipeline
from stacklens_desktop.live_assembly import RecordAssembly
from stacklens_desktop.store import Store, open_store
from stacklens_desktop.watch import Chunk, FileId, StartAt, Tailer
from stacklens_desktop.watch.start import Resume

HEAD = "2026-11-25 10:00:{s:02d},123 ERROR [main] com.shop.pos.Checkout - Payment failed for {n}\n"
TRACE = (
    "java.lang.IllegalStateException: card reader timeout after {n} ms\n",
    "\tat com.shop.pos.CardReader.read(CardReader.java:88)\n",
    "\tat com.shop.pos.Checkout.pay(Checkout.java:41)\n",
    "Caused by: java.net.SocketTimeoutException: Read timed out\n",
    "\tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:168)\n",
    "\t... 12 more\n",
)
INFO = "2026-11-25 10:00:{s:02d},456 INFO  [main] com.shop.pos.Checkout - Order {n} placed\n"


def java_error(n: int) -> list[str]:
    return [HEAD.format(s=n % 60, n=n)] + [line.format(n=n) for line in TRACE]


def events(store: Store) -> list[tuple[int, str, str]]:
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.exec_driver_sql(
            "SELECT offset, fingerprint, raw FROM event e JOIN pattern p ON p.id = e.pattern_id "
            "ORDER BY e.id")]


def source_row(store: Store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        return tuple(conn.exec_driver_sql("SELECT offset, lines FROM source").one())


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path / "profile")
    yield opened
    opened.close()


@pytest.fixture
def pipeline(store: Store, tmp_path: Path) -> LivePipeline:
    return LivePipeline(store, build_judge(tmp_path / "profile", store.engine))


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(text)


def test_trace_written_line_by_line_is_one_event_per_error(tmp_path, store, pipeline) -> None:
    log = tmp_path / "app.log"
    log.write_text("")
    tailer = Tailer(log, StartAt.BEGINNING)
    now = 0.0
    for n in range(8):
        for line in java_error(n) + [INFO.format(s=n, n=n)]:
            _append(log, line)
            now += 0.1  # 100 ms between lines: under the 250 ms wait
            pipeline.process([tailer.poll()], now=now)
            pipeline.close_idle(now)
    assert source_row(store)[1] == 8 * (len(TRACE) + 2) - 1  # the last line: still open
    pipeline.close_idle(now + 0.25)
    stored = events(store)
    assert len(stored) == 8
    assert len({fingerprint for _, fingerprint, _ in stored}) == 1
    assert all(raw.count("\n") == len(TRACE) for _, _, raw in stored)  # head + whole trace
    assert source_row(store) == (log.stat().st_size, 8 * (len(TRACE) + 2))


def test_open_record_is_not_committed_until_idle_gap_ends(tmp_path, store, pipeline) -> None:
    log = tmp_path / "app.log"
    log.write_text(INFO.format(s=0, n=0))
    tailer = Tailer(log, StartAt.BEGINNING)
    pipeline.process([tailer.poll()], now=10.0)
    first = len(INFO.format(s=0, n=0))
    _append(log, "".join(java_error(1)[:3]))
    pipeline.process([tailer.poll()], now=10.1)
    assert events(store) == []
    assert source_row(store)[0] == first  # committed up to the open record's first line
    assert pipeline.next_deadline() == pytest.approx(10.35)
    assert not pipeline.close_idle(10.3).events
    _append(log, "".join(java_error(1)[3:]))
    pipeline.process([tailer.poll()], now=10.3)
    assert pipeline.close_idle(10.54).events == []  # the wait restarted with the new lines
    report = pipeline.close_idle(10.56)
    assert [e.offset for e in report.events] == [first]
    assert source_row(store) == (log.stat().st_size, 1 + len(java_error(1)))


def test_next_record_start_closes_the_open_one_at_once(tmp_path, store, pipeline) -> None:
    log = tmp_path / "app.log"
    log.write_text("".join(java_error(1)))
    tailer = Tailer(log, StartAt.BEGINNING)
    assert pipeline.process([tailer.poll()], now=1.0).events == []
    _append(log, HEAD.format(s=2, n=2))
    report = pipeline.process([tailer.poll()], now=1.01)  # no wait: a new record began
    assert [e.offset for e in report.events] == [0]


def test_live_records_equal_imported_records(tmp_path, store, pipeline) -> None:
    """Same record rules on import and live: same events, offsets and fingerprints."""
    log = tmp_path / "app.log"
    log.write_text("")
    tailer = Tailer(log, StartAt.BEGINNING)
    lines = [line for n in range(5) for line in java_error(n) + [INFO.format(s=n, n=n)]]
    for index, line in enumerate(lines):
        _append(log, line)
        if index % 3 == 0:
            pipeline.process([tailer.poll()], now=float(index))
    pipeline.process([tailer.poll()], now=100.0)
    pipeline.close_all()
    other = open_store(tmp_path / "import")
    try:
        import_file(other, log, build_judge(tmp_path / "import", other.engine))
        assert [(o, f) for o, f, _ in events(other)] == [(o, f) for o, f, _ in events(store)]
    finally:
        other.close()


def test_rotation_in_the_middle_of_a_record_closes_it_with_the_old_file(
        tmp_path, store, pipeline) -> None:
    log = tmp_path / "app.log"
    log.write_text("")
    tailer = Tailer(log, StartAt.BEGINNING)
    error = java_error(1)
    _append(log, INFO.format(s=0, n=0) + "".join(error[:4]))
    pipeline.process([tailer.poll()], now=1.0)
    _append(log, "".join(error[4:]))  # the rest, written just before the rename
    os.rename(log, tmp_path / "app.log.1")
    _append(log, "".join(java_error(2)))
    pipeline.process([tailer.poll()], now=1.05)  # old file drained, ROTATED, new file
    stored = events(store)
    assert len(stored) == 1 and stored[0][2] == "".join(error).rstrip("\n")
    pipeline.close_idle(2.0)
    stored = events(store)
    assert [o for o, _, _ in stored] == [len(INFO.format(s=0, n=0)), 0]
    assert stored[0][1] == stored[1][1]
    inode = os.stat(log).st_ino
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT offset, inode FROM source").one() == (
            log.stat().st_size, inode)


def _chunk(data: bytes, start: int, end: int | None = None) -> Chunk:
    return Chunk(data, start, start + len(data) if end is None else end, FileId(1, 2))


def test_assembly_holds_from_the_last_record_start() -> None:
    fmt = detect_format([HEAD.format(s=1, n=1).rstrip()])
    assembly = RecordAssembly(fmt, 1, wait=0.25)
    data = "".join(java_error(1) + java_error(2)[:2]).encode()
    [closed] = assembly.feed(_chunk(data, 0), now=5.0)
    held_from = len("".join(java_error(1)).encode())
    assert (closed.offset, closed.lines, len(closed.records)) == (held_from, 7, 1)
    assert assembly.committed == (held_from, FileId(1, 2))
    assert assembly.deadline() == 5.25 and not assembly.due(5.2) and assembly.due(5.25)
    tail = assembly.close()
    assert (tail.offset, tail.lines, tail.records[0].offset) == (len(data), 2, held_from)
    assert assembly.committed is None


def test_assembly_closes_at_a_chunk_it_cannot_hold_at_a_line() -> None:
    """A UTF-16 chunk (lines handed on as UTF-8: data shorter than its file extent) closes
    the open record and is closed at its own end."""
    fmt = detect_format([HEAD.format(s=1, n=1).rstrip()])
    assembly = RecordAssembly(fmt, 1)
    first = "".join(java_error(1)).encode()
    assembly.feed(_chunk(first, 0), now=1.0)
    second = "".join(java_error(2)).encode()
    out = assembly.feed(_chunk(second, len(first), len(first) + 2 * len(second)), now=1.1)
    assert [c.offset for c in out] == [len(first), len(first) + 2 * len(second)]
    assert [len(c.records) for c in out] == [1, 1]
    assert not assembly.is_open


def test_following_again_from_the_open_records_start_stores_it_once(tmp_path, store,
                                                                     pipeline) -> None:
    """Pause and resume (the window's F5): the source is followed again from its committed
    offset, which is the start of the record still held open. The held copy is dropped; the
    record is stored once, when it closes."""
    log = tmp_path / "app.log"
    log.write_text(INFO.format(s=0, n=0) + "".join(java_error(1)))
    pipeline.process([Tailer(log, StartAt.BEGINNING).poll()], now=1.0)
    held_from, _ = source_row(store)
    assert held_from == len(INFO.format(s=0, n=0)) and events(store) == []
    resumed = Tailer(log, Resume(held_from))  # a new follower from the committed offset
    pipeline.process([resumed.poll()], now=1.1)
    pipeline.close_idle(2.0)
    assert [offset for offset, _, _ in events(store)] == [held_from]
    assert source_row(store) == (log.stat().st_size, 1 + len(java_error(1)))


def test_assembly_fed_the_open_record_again_holds_one_copy_numbered_from_its_start() -> None:
    """The assembly itself drops the held copy when a chunk starts at the open record's start
    (same file): what closes is one record, with the line numbers it had the first time."""
    fmt = detect_format([HEAD.format(s=1, n=1).rstrip()])
    assembly = RecordAssembly(fmt, 1)
    first = "".join(java_error(1)).encode()
    assembly.feed(_chunk(first, 0), now=1.0)
    assert assembly.committed == (0, FileId(1, 2))
    assert assembly.feed(_chunk(first, 0), now=1.1) == []  # read again from its start
    tail = assembly.close()
    assert [r.offset for r in tail.records] == [0]
    assert (tail.lines, tail.records[0].line_no) == (len(java_error(1)), 1)
