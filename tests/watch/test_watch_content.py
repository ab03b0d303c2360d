"""What the tailer reads: binary content refused with a reason, UTF-16 followed as UTF-8 lines
with exact file offsets, blocks of NULs between lines passed on."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from stacklens_desktop.watch import EventKind, Resume, SourceState, StartAt, Tailer
from stacklens_desktop.watch.model import FileId
from stacklens_desktop.watch.utf16lines import Utf16LineAssembler

LINES = ["2026-11-25 10:00:00.12 spid52 Error: 18456, Severity: 14, State: 8.",
         "2026-11-25 10:00:00.12 Logon  Login failed for user 'pos_sync'. [CLIENT: 10.8.0.21]",
         "2026-11-25 10:00:01.50 spid9s  Café № 7: I/O is frozen on database posdb."]


def _utf16(lines: list[str], codec: str, bom: bytes = b"") -> bytes:
    return bom + "".join(f"{line}\r\n" for line in lines).encode(codec)


def test_binary_content_is_an_error_state_with_the_reason(tmp_path: Path) -> None:
    log = tmp_path / "data.bin"
    log.write_bytes(bytes(range(256)) * 40)
    with Tailer(log, StartAt.BEGINNING) as t:
        r = t.poll()
        assert r.lines == [] and r.state is SourceState.ERROR and "binary" in r.reason
        assert r.kinds == [EventKind.ERROR]
        again = t.poll()
        assert again.lines == [] and again.kinds == []  # still refused, reported once


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE),
                                        ("utf-16-be", codecs.BOM_UTF16_BE),
                                        ("utf-16-le", b"")])
def test_utf16_is_followed_as_utf8_lines_with_file_offsets(tmp_path: Path, codec: str,
                                                           bom: bytes) -> None:
    log = tmp_path / "ERRORLOG"
    log.write_bytes(_utf16(LINES[:2], codec, bom))
    with Tailer(log, StartAt.BEGINNING) as t:
        r = t.poll()
        assert r.state is SourceState.WATCHING
        assert [line.decode() for line in r.lines] == [f"{line}\r" for line in LINES[:2]]
        assert r.chunks[0].start == len(bom) and r.offset == log.stat().st_size
        whole = _utf16(LINES[2:], codec)
        with log.open("ab") as out:  # an append cut inside a code unit and a line
            out.write(whole[:7])
        assert t.poll().lines == []
        with log.open("ab") as out:
            out.write(whole[7:])
        r = t.poll()
        assert [line.decode() for line in r.lines] == [f"{LINES[2]}\r"]
        assert r.offset == log.stat().st_size


def test_a_utf16_log_resumes_at_its_committed_offset_and_starts_at_its_end(
        tmp_path: Path) -> None:
    log = tmp_path / "ERRORLOG"
    log.write_bytes(_utf16(LINES[:2], "utf-16-le", codecs.BOM_UTF16_LE))
    with Tailer(log, StartAt.BEGINNING) as t:
        committed = t.poll().chunks[0].start + len(_utf16(LINES[:1], "utf-16-le"))
    file_id = FileId.of(log.stat())
    with Tailer(log, Resume(committed, file_id)) as t:
        assert [line.decode() for line in t.poll().lines] == [f"{LINES[1]}\r"]
    with Tailer(log, StartAt.END) as t:
        assert t.poll().offset == log.stat().st_size
        with log.open("ab") as out:
            out.write(_utf16(LINES[2:], "utf-16-le"))
        assert [line.decode() for line in t.poll().lines] == [f"{LINES[2]}\r"]


def test_a_log_that_starts_empty_is_read_as_utf16_once_it_has_content(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.BEGINNING) as t:
        assert t.poll().state is SourceState.WATCHING
        log.write_bytes(_utf16(LINES[:1], "utf-16-le", codecs.BOM_UTF16_LE))
        assert [line.decode() for line in t.poll().lines] == [f"{LINES[0]}\r"]


def test_an_over_long_utf16_line_is_cut_and_its_extent_kept() -> None:
    lines = Utf16LineAssembler(0, 100, "utf-16-le")
    data = ("x" * 600 + "\nnext\n").encode("utf-16-le")
    pieces = [p for i in range(0, len(data), 7) for p in lines.feed(data[i:i + 7])]
    long, after = pieces
    assert long.truncated and (long.start, long.end) == (0, 1202)
    assert long.data.startswith(b"x" * 50 + " …[line truncated".encode())
    assert (after.data, after.start, after.end) == (b"next\n", 1202, 1212)


def test_a_block_of_nuls_between_lines_does_not_stop_the_tail(tmp_path: Path) -> None:
    log = tmp_path / "till.log"  # a till switched off mid-write
    log.write_bytes(b"before\n" + bytes(2048) + b"\nafter\n")
    with Tailer(log, StartAt.BEGINNING) as t:
        r = t.poll()
        assert r.state is SourceState.WATCHING
        assert r.lines[0] == b"before" and r.lines[-1] == b"after"
