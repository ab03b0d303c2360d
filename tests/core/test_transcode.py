"""UTF-16 logs (SQL Server's ERRORLOG, PowerShell 5 redirections) read as UTF-8, and logs
with blocks of NULs (written through a power loss) read rather than refused as binary."""

from __future__ import annotations

import codecs
import gzip
import random
import subprocess
import sys
from pathlib import Path

import pytest

from stacklens_desktop.core.reading import UnreadableFileError, iter_chunks, open_log
from stacklens_desktop.core.transcode import utf16_layout

TEXT = "".join(
    f"2026-11-25T10:00:{i % 60:02d}.000Z [{'ERROR' if i % 7 == 0 else 'INFO'}] "
    f"Bestellung {i} für Filiale Zürich – café №{i}\r\n" for i in range(3000))


def _chunks(path: Path, **kwargs: int) -> list:
    with open_log(path) as stream:
        return list(iter_chunks(stream, chunk_size=4096, **kwargs))


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("utf-16-be", codecs.BOM_UTF16_BE),
                                           ("utf-16-le", b""), ("utf-16-be", b"")])
def test_utf16_with_or_without_bom_reads_as_the_same_utf8(tmp_path: Path, encoding: str,
                                                          bom: bytes) -> None:
    path = tmp_path / "ERRORLOG"
    path.write_bytes(bom + TEXT.encode(encoding))
    chunks = _chunks(path)
    assert b"".join(c.data for c in chunks) == TEXT.encode("utf-8")  # no BOM, no NULs
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert before.end == after.offset


def test_resuming_a_utf16_log_starts_at_the_same_utf8_offset(tmp_path: Path) -> None:
    path = tmp_path / "a.log"
    path.write_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    whole = TEXT.encode("utf-8")
    start = whole.index(b"\n", 50_000) + 1
    chunks = _chunks(path, start=start)
    assert chunks[0].offset == start
    assert b"".join(c.data for c in chunks) == whole[start:]


def test_seek_back_and_forth_in_a_utf16_stream(tmp_path: Path) -> None:
    path = tmp_path / "a.log"
    path.write_bytes(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"))
    whole = TEXT.encode("utf-8")
    with open_log(path) as stream:
        for offset in (70_000, 10, 123_457, 0):
            stream.seek(offset)
            assert stream.tell() == offset
            assert stream.read(300) == whole[offset:offset + 300]


def test_bad_code_units_are_replaced_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "a.log"
    lone_surrogate = b"\x00\xd8"  # a high surrogate with no low one (little-endian)
    path.write_bytes(codecs.BOM_UTF16_LE + "ERROR x ".encode("utf-16-le") + lone_surrogate
                     + " y\n".encode("utf-16-le") + b"\x41")  # and a dangling odd byte
    data = b"".join(c.data for c in _chunks(path)).decode("utf-8")
    assert data.startswith("ERROR x \ufffd y\n")
    assert data.endswith("\ufffd")


def test_gzipped_utf16_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ERRORLOG.1.gz"
    with gzip.open(path, "wb") as out:
        out.write(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    assert b"".join(c.data for c in _chunks(path)) == TEXT.encode("utf-8")


def test_utf8_and_binary_are_not_taken_for_utf16() -> None:
    assert utf16_layout(TEXT.encode("utf-8")) is None
    assert utf16_layout(bytes(random.Random(1).randrange(256) for _ in range(4096))) is None
    assert utf16_layout(b"\x7fELF\x02\x01\x01" + bytes(64)) is None


def test_blocks_of_nuls_between_lines_are_read_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "till.log"  # a till switched off mid-write: a block of NULs
    body = b"2026-11-25T10:00:00.000Z [INFO] ok\n" + bytes(4096) + \
        b"2026-11-25T10:05:00.000Z [ERROR] Receipt printer offline\n"
    path.write_bytes(body)
    assert b"".join(c.data for c in _chunks(path)) == body


@pytest.mark.parametrize("content", [bytes(range(256)) * 40, b"SQLite format 3\x00" +
                                     bytes(random.Random(2).randrange(256) for _ in range(4096)),
                                     bytes(8192)])
def test_binary_files_are_still_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match="binary"):
        open_log(path)


def test_analyze_reports_the_patterns_of_a_utf16_log_and_resumes(tmp_path: Path) -> None:
    path = tmp_path / "pos.log"
    line = ('2026-11-25T10:00:00.000Z [ERROR] Product has no price: '
            '{"productId": 999, "name": "Premium Item"}\r\n')
    path.write_bytes(codecs.BOM_UTF16_LE + (line * 3).encode("utf-16-le"))
    command = [sys.executable, "-m", "stacklens_desktop", "analyze", str(path), "--json",
               "--data-dir", str(tmp_path / "profile")]
    first = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert '"count": 3' in first and '"productId=999"' in first
    with path.open("ab") as out:
        out.write((line * 2).encode("utf-16-le"))
    second = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert '"errors": 2' in second and '"count": 5' in second
