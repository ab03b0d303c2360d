"""JSON lines with the usual key names, and logfmt."""

from __future__ import annotations

import json

import pytest

from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.formats.jsonlines import JSON_LINES
from stacklens_desktop.core.formats.logfmt import LOGFMT


def _parse(obj: dict[str, object]):  # noqa: ANN202 - Header
    header = JSON_LINES.parse(json.dumps(obj))
    assert header is not None
    return header


def test_pino_numeric_level_epoch_millis_and_nested_err() -> None:
    stack = "TypeError: x is undefined\n    at f (/app/a.js:1:2)"
    header = _parse({"level": 50, "time": 1795600800123, "pid": 7, "hostname": "api-1",
                     "name": "checkout", "msg": "boom", "err": {"type": "TypeError",
                                                               "stack": stack}})
    assert (header.level, header.timestamp, header.source, header.host, header.message) == (
        "ERROR", "2026-11-25T10:00:00.123Z", "checkout", "api-1", "boom")
    assert header.fields == {"pid": 7, "err": {"type": "TypeError", "stack": stack}}


@pytest.mark.parametrize(("value", "level"), [
    (10, "TRACE"), (20, "DEBUG"), (30, "INFO"), (40, "WARN"), (50, "ERROR"), (60, "FATAL"),
    (3, "ERROR"), (6, "INFO"), ("warning", "WARN"), ("CRITICAL", "FATAL"), ("Error", "ERROR"),
    ("notice", "NOTICE"), ("FINER", "TRACE"), ("bogus", None), (99, None),
])
def test_level_values(value: object, level: str | None) -> None:
    assert _parse({"level": value, "msg": "m"}).level == level


@pytest.mark.parametrize(("obj", "expected"), [
    ({"@timestamp": "2026-11-25T10:00:00.000Z", "log.level": "error", "message": "ecs flat",
      "host.name": "h"}, ("ERROR", "ecs flat", "h")),
    ({"timestamp": "2026-11-25T10:00:00Z", "severity": "WARNING", "message": "gcp"},
     ("WARN", "gcp", None)),
    ({"ts": 1795600800.5, "lvl": "info", "msg": "zap", "logger": "db"}, ("INFO", "zap", None)),
    ({"asctime": "2026-11-25 10:00:00,123", "levelname": "ERROR", "message": "py json",
      "name": "app"}, ("ERROR", "py json", None)),
    ({"event": "structlog event", "level": "warning", "timestamp": "2026-11-25T10:00:00Z"},
     ("WARN", "structlog event", None)),
    ({"log": "docker line\n", "stream": "stderr", "time": "2026-11-25T10:00:00.1Z"},
     (None, "docker line", None)),
])
def test_key_name_dialects(obj: dict[str, object], expected: tuple[object, ...]) -> None:
    header = _parse(obj)
    assert (header.level, header.message, header.host) == expected
    assert header.timestamp is not None and header.timestamp.startswith("2026-11-25T10:00:00")


def test_ecs_nested_log_and_host_objects() -> None:
    header = _parse({"@timestamp": "2026-11-25T10:00:00Z", "message": "m",
                     "log": {"level": "error", "logger": "shop.api"},
                     "host": {"name": "pos-api-3"}})
    assert (header.level, header.source, header.host) == ("ERROR", "shop.api", "pos-api-3")


def test_log4j2_json_layout() -> None:
    header = _parse({"instant": {"epochSecond": 1795600800, "nanoOfSecond": 250000000},
                     "thread": "main", "level": "ERROR", "loggerName": "com.shop.Order",
                     "message": "failed", "thrown": {"name": "java.lang.IllegalStateException"}})
    assert (header.timestamp, header.level, header.source) == (
        "2026-11-25T10:00:00.250Z", "ERROR", "com.shop.Order")
    assert header.fields == {"thread": "main",
                             "thrown": {"name": "java.lang.IllegalStateException"}}


def test_journald_export() -> None:
    header = _parse({"__REALTIME_TIMESTAMP": "1795600800000000", "PRIORITY": "3",
                     "_HOSTNAME": "pos-store-42", "SYSLOG_IDENTIFIER": "pos-terminal",
                     "MESSAGE": "printer gone"})
    assert (header.timestamp, header.level, header.host, header.source, header.message) == (
        "2026-11-25T10:00:00.000Z", "ERROR", "pos-store-42", "pos-terminal", "printer gone")


@pytest.mark.parametrize("line", ['{"level": "error"', "[1, 2, 3]", "not json", '"text"',
                                  '{"a": 1} trailing'])
def test_non_objects_are_not_json_lines(line: str) -> None:
    assert JSON_LINES.parse(line) is None


def test_warn_regex_on_numeric_and_string_levels() -> None:
    lines = [b'{"level":50,"msg":"a"}', b'{"level":30,"msg":"b"}', b'{"level": "warn"}',
             b'{"severity":"ERROR"}', b'{"level":"info","msg":"error happened"}']
    assert [bool(JSON_LINES.warn_or_above.search(line)) for line in lines] == [
        True, False, True, True, False]


def test_specialized_to_the_files_level_key() -> None:
    sample = ['{"level":30,"msg":"a"}', '{"level":50,"msg":"b"}']
    fmt = detect_format(sample)
    assert fmt.name == "jsonlines"
    assert fmt.warn_or_above.pattern.startswith(b'"level"')
    assert fmt.warn_or_above.search(b'{"level":50,"msg":"b"}')
    assert not fmt.warn_or_above.search(b'{"severity":"ERROR"}')


def test_logfmt_line() -> None:
    line = ('time=2026-11-25T10:00:07Z level=error msg="Product has no price" product_id=999 '
            'err="price \\"list\\" not found" empty=')
    header = LOGFMT.parse(line)
    assert header is not None
    assert (header.timestamp, header.level, header.message) == (
        "2026-11-25T10:00:07Z", "ERROR", "Product has no price")
    assert header.fields == {"product_id": "999", "err": 'price "list" not found', "empty": ""}
    assert LOGFMT.warn_or_above.search(line.encode())
    assert not LOGFMT.warn_or_above.search(b"time=x level=info msg=ok")


@pytest.mark.parametrize("line", ["a=1", "just some words level=error", "x=1 y=2",
                                  '2026-11-25 level=error msg="x"'])
def test_logfmt_rejects_lines_not_made_of_pairs(line: str) -> None:
    assert LOGFMT.parse(line) is None
