"""The chunked reader: gzip, binary refusal, overlong lines, invalid UTF-8, exact offsets."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from stacklens_desktop.core.reading import (
    Chunk,
    UnreadableFileError,
    iter_chunks,
    open_log,
    read_text_sample,
)


def _read_all(path: Path, **kwargs: int) -> list[Chunk]:
    with open_log(path) as stream:
        return list(iter_chunks(stream, **kwargs))


def test_chunks_end_on_line_boundaries_and_cover_the_file(tmp_path: Path) -> None:
    lines = [f"2026-11-25T10:00:{i % 60:02d}.000Z [INFO] line {i}\n" for i in range(5000)]
    path = tmp_path / "a.log"
    path.write_text("".join(lines))
    chunks = _read_all(path, chunk_size=4096)
    assert len(chunks) > 10
    assert all(c.data.endswith(b"\n") for c in chunks)
    assert b"".join(c.data for c in chunks) == path.read_bytes()
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert before.end == after.offset


def test_start_offset_resumes_mid_file(tmp_path: Path) -> None:
    path = tmp_path / "a.log"
    path.write_bytes(b"first\nsecond\nthird\n")
    chunks = _read_all(path, start=6)
    assert chunks[0].offset == 6
    assert b"".join(c.data for c in chunks) == b"second\nthird\n"


def test_last_line_without_newline_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.log"
    path.write_bytes(b"one\ntwo")
    assert b"".join(c.data for c in _read_all(path)) == b"one\ntwo"


def test_gzip_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "a.log.gz"
    with gzip.open(path, "wb") as out:
        out.write(b"hello\nworld\n")
    assert b"".join(c.data for c in _read_all(path)) == b"hello\nworld\n"


def test_binary_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "image.bin"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(UnreadableFileError, match="binary"):
        open_log(path)


def test_missing_file_and_directory_are_clear(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="no such file"):
        open_log(tmp_path / "nope.log")
    with pytest.raises(UnreadableFileError, match="directory"):
        open_log(tmp_path)


def test_ten_megabyte_line_is_truncated_with_marker_and_offsets_stay_true(tmp_path: Path) -> None:
    path = tmp_path / "long.log"
    big = b"x" * (10 * 1024 * 1024)
    path.write_bytes(b"before\n" + big + b"\nafter\n")
    chunks = _read_all(path, chunk_size=64 * 1024, max_line=1024 * 1024)
    data = b"".join(c.data for c in chunks)
    assert data.startswith(b"before\n")
    assert data.endswith(b"after\n")
    assert b"line truncated by StackLens" in data
    assert len(data) < 2 * 1024 * 1024
    assert chunks[-1].end == path.stat().st_size
    after = next(c for c in chunks if c.data.endswith(b"after\n"))
    assert path.read_bytes()[after.end - 6 : after.end] == b"after\n"


def test_invalid_utf8_is_replaced_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "latin1.log"
    path.write_bytes("caf\xe9 ERROR bad byte\n".encode("latin-1"))
    sample = read_text_sample(path)
    assert sample == ["caf\ufffd ERROR bad byte"]


def test_gzip_cut_short_raises_a_readable_error_after_the_good_chunks(tmp_path: Path) -> None:
    text = b"".join(b"2026-11-25 10:00:00 ERROR line %d\n" % n for n in range(400_000))
    blob = gzip.compress(text)
    path = tmp_path / "cut.log.gz"
    path.write_bytes(blob[: len(blob) // 2])
    got = 0
    with open_log(path) as stream, pytest.raises(UnreadableFileError, match="unreadable after"):
        for chunk in iter_chunks(stream, 0, chunk_size=1 << 20):
            got += len(chunk.data)
    assert got > 0  # the chunks before the damage were delivered
