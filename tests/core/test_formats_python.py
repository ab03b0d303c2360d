"""Python ``logging`` formats: basicConfig's default and the usual asctime layouts."""

from __future__ import annotations

import pytest

from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.formats.python_logging import ASCTIME, BASIC


@pytest.mark.parametrize(
    ("line", "level", "source", "message"),
    [
        ("ERROR:app.db:connection lost", "ERROR", "app.db", "connection lost"),
        ("WARNING:root:disk at 91%: /var", "WARN", "root", "disk at 91%: /var"),
        ("CRITICAL:pos.printer:driver crashed", "FATAL", "pos.printer", "driver crashed"),
        ("DEBUG:urllib3.connectionpool:Starting new HTTPS connection (1): x:443", "DEBUG",
         "urllib3.connectionpool", "Starting new HTTPS connection (1): x:443"),
        ("INFO::empty logger name", "INFO", "", "empty logger name"),
    ],
)
def test_basic_config_default(line: str, level: str, source: str, message: str) -> None:
    header = BASIC.parse(line)
    assert header is not None
    assert (header.level, header.source, header.message, header.timestamp) == (
        level, source, message, None)


@pytest.mark.parametrize(
    "line",
    ["ValueError: invalid literal for int() with base 10: 'x'", "ERROR: something happened",
     "Traceback (most recent call last):", "NOTE:x:y"],
)
def test_basic_config_rejects_other_lines(line: str) -> None:
    assert BASIC.parse(line) is None


@pytest.mark.parametrize(
    ("line", "ts", "level", "source", "message"),
    [
        ("2026-11-25 10:00:00,123 - app.db - ERROR - connection lost",
         "2026-11-25T10:00:00.123", "ERROR", "app.db", "connection lost"),
        ("2026-11-25 10:00:00,123 - ERROR - connection lost - retrying",
         "2026-11-25T10:00:00.123", "ERROR", None, "connection lost - retrying"),
        ("2026-11-25 10:00:00,123 WARNING [pos.sync] upload slow",
         "2026-11-25T10:00:00.123", "WARN", "pos.sync", "upload slow"),
        ("2026-11-25 10:00:00,123 INFO     [pos.sync] padded levelname (%-8s)",
         "2026-11-25T10:00:00.123", "INFO", "pos.sync", "padded levelname (%-8s)"),
        ("2026-11-25 10:00:00,123 [ERROR] pos.db: locked",
         "2026-11-25T10:00:00.123", "ERROR", "pos.db", "locked"),
        ("[2026-11-25 10:00:00,123] ERROR in app: Exception on /orders [POST]",
         "2026-11-25T10:00:00.123", "ERROR", "app", "Exception on /orders [POST]"),
        ("2026-11-25 10:00:00 - svc - CRITICAL - no millis",
         "2026-11-25T10:00:00", "FATAL", "svc", "no millis"),
    ],
)
def test_asctime_formats(line: str, ts: str, level: str, source: str | None, message: str) -> None:
    header = ASCTIME.parse(line)
    assert header is not None
    assert (header.timestamp, header.level, header.source, header.message) == (
        ts, level, source, message)
    assert ASCTIME.start.match(line.encode())
    assert bool(ASCTIME.warn_or_above.search(line.encode())) == (level in ("WARN", "FATAL",
                                                                           "ERROR"))


def test_traceback_lines_are_continuations() -> None:
    traceback = [
        "Traceback (most recent call last):",
        '  File "/opt/pos/sync/store.py", line 88, in write_order',
        "    cursor.execute(INSERT_ORDER, row)",
        "sqlite3.OperationalError: database is locked",
        "During handling of the above exception, another exception occurred:",
    ]
    for line in traceback:
        assert ASCTIME.start.match(line.encode()) is None, line
        assert ASCTIME.parse(line) is None


def test_detection_tells_the_two_python_styles_apart() -> None:
    assert detect_format(["ERROR:app.db:connection lost", "INFO:root:ok"]).name == (
        "python-basic")
    lines = ["2026-11-25 10:00:00,123 ERROR [app.db] connection lost",
             "2026-11-25 10:00:01,001 INFO [app.web] GET /orders 200"]
    assert detect_format(lines).name == "python"


def test_specialize_narrows_the_scan_to_the_files_layout() -> None:
    dash = ["2026-11-25 10:00:00,123 - app.db - INFO - ok",
            "2026-11-25 10:00:01,123 - app.db - ERROR - ERROR [x] quoted in a message"]
    fmt = detect_format(dash)
    assert fmt is not ASCTIME and fmt.name == "python"
    assert fmt.warn_or_above.pattern.startswith(b" - ")
    assert [bool(fmt.warn_or_above.search(line.encode())) for line in dash] == [False, True]
    # a line in another layout no longer parses as a header of the narrowed format
    assert fmt.parse("2026-11-25 10:00:00,123 ERROR [app.db] other layout") is None
    mixed = [dash[0], "2026-11-25 10:00:00,123 ERROR [app.db] other layout"]
    assert detect_format(mixed) is ASCTIME
