"""Tailer against real files: appends, partial lines, rotation, truncation, deletion."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from stacklens_desktop.watch import EventKind, FileId, Resume, SourceState, StartAt, Tailer

K = EventKind


def append(path: Path, data: bytes) -> None:
    with open(path, "ab") as fh:
        fh.write(data)


def file_id(path: Path) -> FileId:
    return FileId.of(os.stat(path))


def test_appended_lines_come_out_once_with_offsets(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"old history\n")
    with Tailer(log, StartAt.END) as t:
        first = t.poll()
        assert first.kinds == [] and first.state is SourceState.WATCHING and first.state_changed
        assert first.offset == 12 and first.file_id == file_id(log)
        append(log, b"one\ntwo\n")
        r = t.poll()
        assert r.kinds == [K.DATA_ADDED] and r.lines == [b"one", b"two"]
        (chunk,) = r.chunks
        assert (chunk.start, chunk.end, chunk.file_id) == (12, 20, file_id(log))
        assert r.offset == 20 and not r.state_changed
        assert not t.poll()  # nothing new: an empty, falsy result


def test_partial_line_waits_for_its_newline(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.END) as t:
        t.poll()
        append(log, b"complete\nhalf a li")
        r = t.poll()
        assert r.lines == [b"complete"] and r.offset == 9
        assert t.poll().lines == []
        append(log, b"ne\n")
        r = t.poll()
        assert r.lines == [b"half a line"] and r.chunks[0].start == 9 and r.offset == 21


def test_start_at_end_begins_on_a_line_boundary(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"history\nbeing writ")
    with Tailer(log, StartAt.END) as t:
        assert t.poll().offset == 8
        append(log, b"ten\nnew\n")
        assert t.poll().lines == [b"being written", b"new"]


def test_start_at_beginning_imports_history(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"a\nb\n")
    with Tailer(log, StartAt.BEGINNING) as t:
        assert t.poll().lines == [b"a", b"b"]


def test_rotation_rename_create_loses_and_repeats_nothing(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.END) as t:
        t.poll()
        append(log, b"1\n2\n")
        assert t.poll().lines == [b"1", b"2"]
        old_id = file_id(log)
        append(log, b"3\n4\n")  # written after our last poll, before rotation
        log.rename(tmp_path / "app.log.1")
        append(tmp_path / "app.log.1", b"5\n")  # writer still had the old file open
        log.write_bytes(b"6\n7\n")
        new_id = file_id(log)
        r = t.poll()
        assert r.kinds == [K.DATA_ADDED, K.ROTATED, K.DATA_ADDED]
        assert r.lines == [b"3", b"4", b"5", b"6", b"7"]
        old_chunk, new_chunk = r.chunks
        assert (old_chunk.file_id, old_chunk.start, old_chunk.end) == (old_id, 4, 10)
        assert (new_chunk.file_id, new_chunk.start, new_chunk.end) == (new_id, 0, 4)
        assert (r.offset, r.file_id) == (4, new_id)
        assert t.last_retired == (old_id, 10)
        append(log, b"8\n")
        assert t.poll().lines == [b"8"]


def test_rotation_hands_on_the_unterminated_last_line_of_the_old_file(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.END) as t:
        t.poll()
        append(log, b"a\nno newline")
        assert t.poll().lines == [b"a"]
        log.rename(tmp_path / "app.log.1")
        log.write_bytes(b"b\n")
        r = t.poll()
        assert r.lines == [b"no newline", b"b"] and r.chunks[0].end == 12


def test_rotation_while_new_file_not_yet_created(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.END) as t:
        t.poll()
        append(log, b"x\n")
        log.rename(tmp_path / "app.log.1")
        r = t.poll()
        assert r.lines == [b"x"] and r.kinds[-1] is K.DELETED
        assert r.state is SourceState.WAITING
        log.write_bytes(b"y\n")
        r = t.poll()
        assert r.kinds == [K.RECREATED, K.DATA_ADDED] and r.lines == [b"y"]
        assert r.state is SourceState.WATCHING and r.state_changed


def test_copy_truncate_restarts_at_zero(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.END) as t:
        t.poll()
        append(log, b"before 1\nbefore 2\n")
        assert t.poll().offset == 18
        (tmp_path / "app.log.1").write_bytes(log.read_bytes())  # copy ...
        with open(log, "r+b") as fh:  # ... then truncate in place (same inode)
            fh.truncate(0)
        append(log, b"after\n")
        r = t.poll()
        assert r.kinds == [K.TRUNCATED, K.DATA_ADDED]
        assert r.lines == [b"after"] and r.offset == 6 and r.file_id == file_id(log)


def test_truncated_and_regrown_past_offset_is_noticed(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.END) as t:
        t.poll()
        append(log, b"short\n")
        t.poll()
        with open(log, "r+b") as fh:
            fh.truncate(0)
        append(log, b"a much longer first line\nsecond\n")
        r = t.poll()
        assert r.kinds == [K.TRUNCATED, K.DATA_ADDED]
        assert r.lines == [b"a much longer first line", b"second"]


def test_partial_line_is_dropped_by_truncation(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.END) as t:
        t.poll()
        append(log, b"full\nparti")
        t.poll()
        os.truncate(log, 0)
        r = t.poll()
        assert r.kinds == [K.TRUNCATED] and r.offset == 0
        append(log, b"fresh\n")
        assert t.poll().lines == [b"fresh"]


def test_deletion_then_recreation(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.END) as t:
        t.poll()
        append(log, b"last words\n")
        log.unlink()
        r = t.poll()
        assert r.kinds == [K.DATA_ADDED, K.DELETED] and r.lines == [b"last words"]
        assert (r.state, r.reason, r.offset, r.file_id) == (
            SourceState.WAITING,
            "waiting for file",
            0,
            None,
        )
        assert not t.poll()  # still gone: no repeated event
        log.write_bytes(b"born again\n")
        r = t.poll()
        assert r.kinds == [K.RECREATED, K.DATA_ADDED] and r.lines == [b"born again"]


def test_file_not_existing_yet_is_read_from_first_byte(tmp_path: Path) -> None:
    log = tmp_path / "later.log"
    with Tailer(log, StartAt.END) as t:
        r = t.poll()
        assert r.kinds == [K.MISSING] and r.state is SourceState.WAITING
        assert not t.poll()
        log.write_bytes(b"first\nsecond\n")
        r = t.poll()
        assert r.kinds == [K.CREATED, K.DATA_ADDED] and r.lines == [b"first", b"second"]


def test_directory_removed_and_recreated(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    log = folder / "app.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.END) as t:
        t.poll()
        append(log, b"a\n")
        log.unlink()
        folder.rmdir()
        r = t.poll()
        assert r.lines == [b"a"] and r.kinds[-1] is K.DELETED
        folder.mkdir()
        assert not t.poll()
        log.write_bytes(b"b\n")
        assert t.poll().lines == [b"b"]


def test_permission_denied_is_an_error_state_and_is_retried(
    open_dir: Path, unprivileged: Callable[[], AbstractContextManager[None]]
) -> None:
    log = open_dir / "secret.log"
    log.write_bytes(b"hidden\n")
    log.chmod(0o600)
    with Tailer(log, StartAt.BEGINNING) as t:
        with unprivileged():
            r = t.poll()
        assert r.kinds == [K.PERMISSION_DENIED] and r.state is SourceState.ERROR
        assert "permission denied" in r.reason and r.state_changed
        with unprivileged():
            again = t.poll()
        assert not again and again.state is SourceState.ERROR  # retried, reported once
        log.chmod(0o644)
        with unprivileged():
            r = t.poll()
        assert r.lines == [b"hidden"] and r.state is SourceState.WATCHING and r.state_changed


def test_path_that_is_a_directory_is_an_error(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.mkdir()
    with Tailer(log, StartAt.BEGINNING) as t:
        r = t.poll()
        assert r.kinds == [K.ERROR] and r.state is SourceState.ERROR
        assert "directory" in r.reason
        log.rmdir()
        log.write_bytes(b"now a file\n")
        assert t.poll().lines == [b"now a file"]


def test_path_through_a_file_is_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "logs"
    blocker.write_bytes(b"")  # a file where a directory should be: open() fails ENOTDIR
    with Tailer(blocker / "app.log") as t:
        r = t.poll()
        assert r.kinds == [K.ERROR] and r.reason == "Not a directory"


def test_resume_from_stored_offset_and_inode(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"seen 1\nseen 2\nunseen 3\n")
    with Tailer(log, Resume(14, file_id(log))) as t:
        assert t.offset == 14
        r = t.poll()
        assert r.lines == [b"unseen 3"] and r.chunks[0].start == 14


def test_resume_ignores_a_device_number_changed_by_a_reboot(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"seen\nunseen\n")
    stored = Resume(5, FileId(dev=file_id(log).dev + 1, ino=file_id(log).ino))
    with Tailer(log, stored) as t:
        assert t.poll().lines == [b"unseen"]


def test_resume_on_a_file_shorter_than_offset_restarts(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"new\n")
    with Tailer(log, Resume(500, file_id(log))) as t:
        r = t.poll()
        assert r.kinds == [K.TRUNCATED, K.DATA_ADDED] and r.lines == [b"new"]


def test_rotated_while_down_drains_old_file_then_new(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"stored\nmissed while down\n")
    stored = Resume(7, file_id(log))
    log.rename(tmp_path / "app.log.1")
    log.write_bytes(b"new file\n")
    with Tailer(log, stored) as t:
        r = t.poll()
        assert r.kinds == [K.DATA_ADDED, K.ROTATED, K.DATA_ADDED]
        assert r.lines == [b"missed while down", b"new file"]
        assert (r.offset, r.file_id) == (9, file_id(log))


def test_rotated_while_down_old_file_gone_reads_new_from_zero(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"stored\n")
    stored = Resume(7, file_id(log))
    log.rename(tmp_path / "gone")
    log.write_bytes(b"new file\n")
    (tmp_path / "gone").unlink()
    with Tailer(log, stored) as t:
        r = t.poll()
        assert r.kinds == [K.ROTATED, K.DATA_ADDED] and r.lines == [b"new file"]


def test_ten_megabyte_line_comes_whole(tmp_path: Path) -> None:
    log = tmp_path / "big.log"
    log.write_bytes(b"")
    big = b"x" * (10 * 1024 * 1024)
    with Tailer(log, StartAt.END) as t:
        t.poll()
        append(log, b"before\n" + big[:3_000_000])
        assert t.poll().lines == [b"before"]
        append(log, big[3_000_000:] + b"\nafter\n")
        results = [t.poll()]
        while results[-1].more:
            results.append(t.poll())
        lines = [ln for r in results for ln in r.lines]
        assert len(lines) == 2 and lines[0] == big and lines[1] == b"after"
        assert not any(c.truncated for r in results for c in r.chunks)


def test_line_over_the_cap_is_truncated_not_buffered(tmp_path: Path) -> None:
    log = tmp_path / "big.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.END, chunk_size=64 * 1024, max_line=1024 * 1024) as t:
        t.poll()
        append(log, b"y" * (5 * 1024 * 1024))
        while t.poll().more:
            pass
        append(log, b"\nnext\n")
        r = t.poll()
        long_chunk, rest = r.chunks
        assert long_chunk.truncated and len(long_chunk.data) == 1024 * 1024 + 1
        assert (long_chunk.start, long_chunk.end) == (0, 5 * 1024 * 1024 + 1)
        assert rest.lines() == [b"next"] and r.offset == 5 * 1024 * 1024 + 6


def test_reads_are_bounded_per_poll(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    line = b"z" * 99 + b"\n"
    with Tailer(log, StartAt.END, chunk_size=4096, max_poll_bytes=10_000) as t:
        t.poll()
        append(log, line * 1000)
        polls = [t.poll()]
        while polls[-1].more:
            polls.append(t.poll())
        assert all(p.byte_count <= 10_000 for p in polls) and len(polls) >= 10
        assert sum(p.line_count for p in polls) == 1000
        assert polls[-1].offset == 100_000


def test_invalid_utf8_is_passed_through_as_bytes(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    junk = b"bad \xff\xfe \xc3\x28 \x00 nul \xe2\x82\n"
    log.write_bytes(junk + b"ok\r\n")
    with Tailer(log, StartAt.BEGINNING) as t:
        r = t.poll()
        assert r.lines == [junk[:-1], b"ok\r"]


def test_offsets_allow_an_exact_restart(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    delivered: list[bytes] = []
    with Tailer(log, StartAt.END) as t:
        t.poll()
        append(log, b"a\nb\nc")
        r = t.poll()
        delivered += r.lines
        stored = Resume(r.offset, r.file_id)
    append(log, b"\nd\n")
    with Tailer(log, stored) as t2:
        delivered += t2.poll().lines
    assert delivered == [b"a", b"b", b"c", b"d"]


def test_many_small_reads_do_not_fake_a_truncation(tmp_path: Path) -> None:
    """The bytes remembered to spot truncate-and-regrow span several small reads."""
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.END, chunk_size=16) as t:
        t.poll()
        for n in range(0, 30, 3):  # 51 bytes per poll: reads of 16, 16, 16 and 3 bytes
            append(log, b"".join(b"line number %04d\n" % i for i in range(n, n + 3)))
            r = t.poll()
            assert r.kinds == [K.DATA_ADDED] and len(r.lines) == 3
