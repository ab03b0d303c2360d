"""The record scanner on a simple timestamped format: multi-line records, chunk seams."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stacklens_desktop.core.scanner import RawRecord, RecordScanner


@dataclass
class _IsoFormat:
    """A minimal format: every record starts with an ISO timestamp."""

    name: str = "iso"
    start: re.Pattern[bytes] = re.compile(rb"^\d{4}-\d\d-\d\dT", re.MULTILINE)
    warn_or_above: re.Pattern[bytes] = re.compile(
        rb"^\S+ \[(?:WARN|ERROR|FATAL)\]", re.MULTILINE)


LOG = (
    b"2026-11-25T10:00:00.000Z [INFO] Order placed\n"
    b"2026-11-25T10:00:01.000Z [ERROR] Payment failed\n"
    b"java.lang.IllegalStateException: gateway down\n"
    b"\tat com.shop.Pay.charge(Pay.java:42)\n"
    b"\tat com.shop.Order.place(Order.java:7)\n"
    b"Caused by: java.net.SocketTimeoutException: Read timed out\n"
    b"\t... 12 more\n"
    b"2026-11-25T10:00:02.000Z [INFO] Order placed\n"
    b"2026-11-25T10:00:03.000Z [WARN] Slow tax service\n"
    b"2026-11-25T10:00:04.000Z [INFO] done\n"
)


def _scan(data: bytes, cut: int | None = None) -> tuple[list[RawRecord], int]:
    scanner = RecordScanner(_IsoFormat())
    parts = [data] if cut is None else [data[:cut], data[cut:]]
    records: list[RawRecord] = []
    lines = 0
    offset = 0
    for part in parts:
        result = scanner.feed(offset, part)
        records += result.records
        lines += result.lines
        offset += len(part)
    final = scanner.finish()
    return records + final.records, lines + final.lines


def test_finds_error_with_its_stack_trace_and_the_warning() -> None:
    records, lines = _scan(LOG)
    assert lines == 10
    assert [r.line_no for r in records] == [2, 9]
    trace = records[0].data.decode()
    assert trace.startswith("2026-11-25T10:00:01.000Z [ERROR] Payment failed")
    assert trace.endswith("\t... 12 more")
    assert trace.count("\n") == 5
    assert records[0].offset == LOG.index(b"2026-11-25T10:00:01")
    assert records[1].data == b"2026-11-25T10:00:03.000Z [WARN] Slow tax service"


def test_same_records_whatever_the_chunk_seam() -> None:
    expected, _ = _scan(LOG)
    for cut in range(1, len(LOG)):
        if LOG[cut - 1 : cut] != b"\n":
            continue  # chunks always end on a line boundary
        records, lines = _scan(LOG, cut)
        assert lines == 10
        assert [(r.data, r.offset, r.line_no) for r in records] == [
            (r.data, r.offset, r.line_no) for r in expected
        ], cut


def test_exception_line_inside_info_record_is_a_candidate() -> None:
    data = (b"2026-11-25T10:00:00.000Z [INFO] retrying\n"
            b"Traceback (most recent call last):\n"
            b"  File \"app.py\", line 3, in <module>\n"
            b"ValueError: bad\n"
            b"2026-11-25T10:00:01.000Z [INFO] ok\n")
    records, _ = _scan(data)
    assert len(records) == 1
    assert records[0].data.startswith(b"2026-11-25T10:00:00.000Z [INFO] retrying")
    assert records[0].data.endswith(b"ValueError: bad")


def test_every_severe_word_makes_an_info_line_a_candidate_with_its_line_number() -> None:
    words = [b"Exception", b"Error", b"panic:", b"Segmentation fault", b"Killed process",
             b"Traceback (most recent call last)"]
    lines = [b"2026-11-25T10:00:%02d.000Z [INFO] quiet" % i for i in range(20)]
    for n, word in enumerate(words):
        lines[3 * n + 1] = b"2026-11-25T10:00:%02d.000Z [INFO] saw %s here" % (3 * n + 1, word)
    data = b"\n".join(lines)  # the last line has no newline: still counted
    for cut in (None, data.index(b"\n", 200) + 1):
        records, count = _scan(data, cut)
        assert count == 20
        assert [r.line_no for r in records] == [3 * n + 2 for n in range(len(words))]
        assert [r.data for r in records] == [lines[3 * n + 1] for n in range(len(words))]
