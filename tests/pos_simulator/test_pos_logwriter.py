"""The log writer: the seed's line format, flush per record, rotation, unwritable paths."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pos_helpers import FIXED_TIME, HEADER

from pos_simulator.logformat import format_record, format_timestamp
from pos_simulator.logwriter import LogUnavailableError, PosLogWriter


def test_timestamp_is_utc_with_milliseconds_and_z() -> None:
    moment = datetime(2026, 11, 25, 11, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    assert format_timestamp(moment) == "2026-11-25T10:00:00.123Z"


def test_record_matches_the_seed_format() -> None:
    text = format_record(
        FIXED_TIME,
        "ERROR",
        "Product has no price",
        {"orderId": "ORD-1", "productId": 999, "productName": "Premium Item"},
    )
    assert text == (
        "2026-11-25T10:00:00.000Z [ERROR] Product has no price: "
        '{"orderId":"ORD-1","productId":999,"productName":"Premium Item"}\n'
    )
    assert format_record(FIXED_TIME, "INFO", "Started") == (
        "2026-11-25T10:00:00.000Z [INFO] Started\n"
    )


def test_trace_lines_follow_without_a_header() -> None:
    trace = ["java.lang.X: y", "\tat a.B.c(B.java:1)"]
    text = format_record(FIXED_TIME, "ERROR", "Boom", {"a": 1}, trace)
    first, *rest = text.splitlines()
    assert re.match(HEADER, first)
    assert rest == ["java.lang.X: y", "\tat a.B.c(B.java:1)"]


def test_bad_level_is_refused_and_line_breaks_are_escaped() -> None:
    with pytest.raises(ValueError):
        format_record(FIXED_TIME, "FATALISH", "x")
    fake = "2026-11-25T10:00:00.000Z [ERROR] planted"
    for brk in ("\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"):
        text = format_record(FIXED_TIME, "INFO", f"two{brk}{fake}", {"note": f"x{brk}{fake}"},
                             [f"\tat a.B{brk}{fake}"])
        assert len(text.splitlines()) == 2, repr(text)  # the header and the one trace line
        assert all(not line.startswith("2026-11-25T10:00:00.000Z [ERROR]")
                   for line in text.splitlines())


def test_each_record_is_on_disk_before_write_returns(tmp_path: Path) -> None:
    path = tmp_path / "pos.log"
    with PosLogWriter(path) as log:
        for index in range(3):
            log.write("INFO", "Order placed", {"n": index})
            # a separate reader (like a tailer) sees the line while the writer stays open
            assert path.read_text().count("\n") == index + 1
        assert log.lines_written == 3 and log.records_written == 3


def test_appends_to_an_existing_log(tmp_path: Path) -> None:
    path = tmp_path / "pos.log"
    path.write_text("2026-11-25T09:00:00.000Z [INFO] earlier\n")
    with PosLogWriter(path) as log:
        log.write("INFO", "later")
    assert path.read_text().splitlines()[0].endswith("earlier")
    assert len(path.read_text().splitlines()) == 2


def test_rotation_by_size_keeps_n_backups(tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    with PosLogWriter(path, max_bytes=1000, backups=2) as log:
        for index in range(100):
            log.write("INFO", "Order placed", {"orderId": f"ORD-{index:04d}", "pad": "x" * 40})
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["app.log", "app.log.1", "app.log.2"]
    for name in files:
        size = (tmp_path / name).stat().st_size
        assert 0 < size <= 1000
    newest = (tmp_path / "app.log").read_text().splitlines()[-1]
    assert '"orderId":"ORD-0099"' in newest
    older = (tmp_path / "app.log.1").read_text().splitlines()[-1]
    current_first = (tmp_path / "app.log").read_text().splitlines()[0]
    # no record lost or split between app.log.1 and app.log
    last_n = int(re.search(r"ORD-(\d+)", older).group(1))  # type: ignore[union-attr]
    first_n = int(re.search(r"ORD-(\d+)", current_first).group(1))  # type: ignore[union-attr]
    assert first_n == last_n + 1


def test_rotation_never_splits_a_stack_trace(tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    frames = [f"\tat a.B.m{i}(B.java:{i})" for i in range(8)]
    trace = ["java.lang.IllegalStateException: boom", *frames]
    with PosLogWriter(path, max_bytes=600, backups=3) as log:
        for _ in range(6):
            log.write("ERROR", "Failure", {"k": 1}, trace)
    for name in ("app.log", "app.log.1", "app.log.2"):
        lines = (tmp_path / name).read_text().splitlines()
        assert re.match(HEADER, lines[0])
        assert len(lines) % 10 == 0


def test_zero_max_bytes_never_rotates(tmp_path: Path) -> None:
    with PosLogWriter(tmp_path / "a.log", max_bytes=0) as log:
        for _ in range(50):
            log.write("INFO", "x" * 100)
    assert [p.name for p in tmp_path.iterdir()] == ["a.log"]


def test_parent_that_is_a_file_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("I am a file")
    with pytest.raises(LogUnavailableError) as info:
        PosLogWriter(blocker / "data" / "pos.log")
    message = str(info.value)
    assert str(blocker / "data" / "pos.log") in message
    assert "cannot write the POS log" in message
    assert "Not a directory" in message or "File exists" in message


def test_writing_after_close_is_a_clear_error(tmp_path: Path) -> None:
    log = PosLogWriter(tmp_path / "closed.log")
    log.close()
    with pytest.raises(LogUnavailableError, match="closed"):
        log.write("INFO", "late")
