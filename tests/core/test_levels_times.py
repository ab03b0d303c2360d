"""Numeric and letter levels read on their writer's scale; times as stored."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from stacklens_desktop.core.analyzer import to_record
from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.scanner import RawRecord
from stacklens_desktop.core.times import stored_time, with_year

NEXTCLOUD = [
    '{"reqId":"a1","level":1,"time":"2024-01-15T10:23:45+00:00","remoteAddr":"10.0.0.2",'
    '"user":"admin","app":"core","method":"GET","url":"/login","message":"Login successful",'
    '"userAgent":"curl","version":"28.0.1.1"}',
    '{"reqId":"a2","level":3,"time":"2024-01-15T10:23:46+00:00","remoteAddr":"10.0.0.2",'
    '"user":"admin","app":"files","method":"PUT","url":"/dav","message":"Storage full",'
    '"userAgent":"curl","version":"28.0.1.1"}',
    '{"reqId":"a3","level":2,"time":"2024-01-15T10:23:47+00:00","remoteAddr":"10.0.0.2",'
    '"user":"admin","app":"core","method":"GET","url":"/","message":"Slow query",'
    '"userAgent":"curl","version":"28.0.1.1"}',
]
BUNYAN = [
    '{"name":"api","hostname":"h1","pid":7,"level":30,"msg":"listening","time":'
    '"2024-01-15T10:23:45.123Z","v":0}',
    '{"name":"api","hostname":"h1","pid":7,"level":50,"msg":"db down","time":'
    '"2024-01-15T10:23:46.123Z","v":0}',
    '{"name":"api","hostname":"h1","pid":7,"level":40,"msg":"slow","time":1705314225123,"v":0}',
]
MONGODB = [
    '{"t":{"$date":"2024-01-15T10:23:45.123+00:00"},"s":"I",  "c":"NETWORK",  "id":23016,  '
    ' "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017}}',
    '{"t":{"$date":"2024-01-15T10:23:46.123+01:00"},"s":"W",  "c":"CONTROL",  "id":22120,  '
    ' "ctx":"initandlisten","msg":"Access control is not enabled for the database"}',
    '{"t":{"$date":"2024-01-15T10:23:47.123+00:00"},"s":"E",  "c":"STORAGE",  "id":22435,  '
    ' "ctx":"initandlisten","msg":"WiredTiger error"}',
]
WINDOWS = [
    '{"Message":"The service started.","Id":7036,"Level":4,"LevelDisplayName":"Information",'
    '"ProviderName":"Service Control Manager","TimeCreated":"/Date(1705314225000)/"}',
    '{"Message":"The service terminated.","Id":7034,"Level":2,"LevelDisplayName":"Error",'
    '"ProviderName":"Service Control Manager","TimeCreated":"/Date(1705314226000)/"}',
    '{"Message":"Disk is almost full.","Id":2013,"Level":3,"LevelDisplayName":"Warning",'
    '"ProviderName":"srv","TimeCreated":"/Date(1705314227000)/"}',
]
GELF = [
    '{"version":"1.1","host":"pos-7","short_message":"started","timestamp":1705314225.5,'
    '"level":6}',
    '{"version":"1.1","host":"pos-7","short_message":"printer offline","timestamp":1705314226,'
    '"level":3}',
]


@pytest.mark.parametrize(("lines", "levels", "scale"), [
    (NEXTCLOUD, ["INFO", "ERROR", "WARN"], "nextcloud"),
    (BUNYAN, ["INFO", "ERROR", "WARN"], "bunyan"),
    (MONGODB, ["INFO", "WARN", "ERROR"], "mongodb"),
    (WINDOWS, ["INFO", "ERROR", "WARN"], "windows"),
    (GELF, ["INFO", "ERROR"], "syslog"),
])
def test_levels_read_on_the_writers_scale(lines, levels, scale) -> None:
    fmt = detect_format(lines)
    assert fmt.scale.name == scale
    assert [fmt.parse(line).level for line in lines] == levels
    # the chunk scan finds exactly the WARN-or-above lines
    found = [bool(fmt.warn_or_above.search(line.encode())) for line in lines]
    assert found == [level in ("WARN", "ERROR") for level in levels]


def test_json_times_epoch_seconds_millis_and_dotnet_dates() -> None:
    assert detect_format(BUNYAN).parse(BUNYAN[2]).timestamp == "2024-01-15T10:23:45.123Z"
    assert detect_format(WINDOWS).parse(WINDOWS[0]).timestamp == "2024-01-15T10:23:45.000Z"
    assert detect_format(GELF).parse(GELF[0]).timestamp == "2024-01-15T10:23:45.500Z"


@pytest.mark.parametrize(("written", "reference", "stored"), [
    ("Dec 31 23:59:58", date(2025, 1, 1), "2024-12-31T23:59:58"),
    ("Jan  1 00:00:02", date(2025, 1, 1), "2025-01-01T00:00:02"),
    ("Nov 25 10:00:00", date(2026, 12, 6), "2026-11-25T10:00:00"),
    ("1231 23:59:59.123456", date(2025, 1, 2), "2024-12-31T23:59:59.123456"),
    ("0102 08:00:00.5", date(2025, 1, 2), "2025-01-02T08:00:00.5"),
])
def test_year_less_stamps_get_the_year_of_the_reference(written, reference, stored) -> None:
    assert with_year(written, reference) == stored


@pytest.mark.parametrize(("written", "stored", "offset"), [
    ("2024-01-15T10:23:45.123+01:00", "2024-01-15T09:23:45.123Z", "+01:00"),
    ("2024-01-15T20:23:45-0500", "2024-01-16T01:23:45Z", "-0500"),
    ("2024-01-15T10:23:45.123Z", "2024-01-15T10:23:45.123Z", None),
    ("2024-01-15T10:23:45", "2024-01-15T10:23:45", None),
    ("2015-02-24T18:17:47.148+0000", "2015-02-24T18:17:47.148Z", None),
])
def test_zoned_stamps_are_stored_in_utc_with_their_offset(written, stored, offset) -> None:
    assert stored_time(written, None) == (stored, offset)


@pytest.mark.parametrize(("line", "stamp"), [
    ("081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating",
     "2008-11-09T20:36:15"),
    ("17/06/09 20:10:40 INFO spark.SecurityManager: Changing view acls to: yarn,curi",
     "2017-06-09T20:10:40"),
])
def test_compact_and_two_digit_year_layouts(line: str, stamp: str) -> None:
    assert detect_format([line]).parse(line).timestamp == stamp


def test_record_keeps_offset_drops_ansi_codes() -> None:
    line = "2024-01-15 10:23:45.123 +01:00 [ERR] \x1b[1mPayment failed\x1b[22m for order 7"
    fmt = detect_format([line])
    assert fmt.name == "serilog"
    record = to_record(RawRecord(line.encode(), 0, 1), fmt)
    assert "\x1b" not in record.text and record.level == "ERROR"
    assert record.message == "Payment failed for order 7"
    assert (record.timestamp, record.fields["utc_offset"]) == ("2024-01-15T09:23:45.123Z",
                                                               "+01:00")


def test_colour_codes_inside_the_header_fall_back_to_the_stamps() -> None:
    """A coloured level: records still begin at each line, the chunk scan finds the error
    lines, and the level is read from the line without its codes."""
    lines = [f"2024-01-15 10:23:4{n}.123 +01:00 [\x1b[3{n}m{level}\x1b[0m] Payment {n}"
             for n, level in enumerate(("INF", "ERR", "WRN"))]
    fmt = detect_format(lines)
    assert all(fmt.start.match(line.encode()) for line in lines)
    assert [bool(fmt.warn_or_above.search(line.encode())) for line in lines] == [
        False, True, True]
    record = to_record(RawRecord(lines[1].encode(), 0, 1), fmt)
    assert record.level == "ERROR" and record.message == "Payment 1"


def test_import_dates_syslog_by_the_files_mtime_across_new_year(tmp_path: Path) -> None:
    from stacklens_desktop.importer import import_file
    from stacklens_desktop.intelligence import build_judge
    from stacklens_desktop.store import open_store

    log = tmp_path / "syslog"
    log.write_text("Dec 31 23:59:58 pos-7 kernel: EXT4-fs error (device sda1): bad block\n"
                   "Jan  1 00:00:03 pos-7 kernel: EXT4-fs error (device sda1): bad block\n")
    stamp = datetime(2025, 1, 1, 12, 0, tzinfo=UTC).timestamp()
    os.utime(log, (stamp, stamp))
    store = open_store(tmp_path / "profile")
    try:
        import_file(store, log, build_judge(tmp_path / "profile", store.engine))
        with store.engine.connect() as conn:
            times = [t for (t,) in conn.exec_driver_sql("SELECT time FROM event ORDER BY id")]
    finally:
        store.close()
    assert times == ["2024-12-31T23:59:58", "2025-01-01T00:00:03"]


@pytest.mark.parametrize(("line", "stamp"), [
    ("nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi "
     '[req-38101a0b] 10.11.10.1 "GET /v2"', "2017-05-16T00:00:00.008"),
    ("till-7 | 2024-01-15T10:00:00Z | ERROR printer offline", "2024-01-15T10:00:00Z"),
    ("order 2024-01-15 paid in full", None),  # a date alone is not the record's time
])
def test_a_stamp_inside_the_header_is_the_records_time(line: str, stamp: str | None) -> None:
    from stacklens_desktop.core.formats import GENERIC

    assert GENERIC.parse(line).timestamp == stamp


def test_mongodb_text_log_letters() -> None:
    lines = [
        "2014-11-03T18:28:32.450-0500 I NETWORK [initandlisten] waiting for connections",
        "2015-02-24T18:17:47.148+0000 F -        [conn11] Got signal: 11 (Segmentation fault).",
        "2015-04-23T06:57:28.256+0200 W JOURNAL  [journal writer] journal file slow",
    ]
    fmt = detect_format(lines)
    assert fmt.name == "mongodb"
    assert [fmt.parse(line).level for line in lines] == ["INFO", "FATAL", "WARN"]
    assert [bool(fmt.warn_or_above.search(line.encode())) for line in lines] == [
        False, True, True]
