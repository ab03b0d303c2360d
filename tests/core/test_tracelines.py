"""Generic multi-line rules, whatever the header format: where records begin and end.

The files in ``traces/`` are written the way each runtime writes its traces (the layouts
of logback, Python logging, Go's log + panic, Serilog, Ruby's Logger, winston, Laravel's
Monolog, PHP's error log, and bare stderr).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stacklens_desktop.core.analyzer import to_record
from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.scanner import RecordScanner

TRACES = Path(__file__).parent / "traces"

#: file → (first line number, line count) of every record the scanner hands on
EXPECTED = {
    "bare.log": [(1, 1), (2, 6), (8, 4)],
    # a bare trace ends at its last frame: the plain line after it is a record of its own
    "bare_end.log": [(3, 1), (4, 3), (7, 1)],
    "dotnet.log": [(2, 7)],
    "go.log": [(2, 1), (3, 15)],
    "laravel.log": [(1, 11), (13, 5)],
    "node.log": [(2, 5)],
    "php.log": [(1, 1), (2, 5), (7, 4)],
    "py_custom.log": [(2, 14)],
    "ruby.log": [(2, 4)],
    "stderr_mixed.log": [(1, 5), (6, 5), (11, 3), (14, 3)],
}


def records(name: str):
    data = (TRACES / name).read_bytes()
    fmt = detect_format(data.decode().splitlines())
    scanner = RecordScanner(fmt)
    found = scanner.feed(0, data).records + scanner.finish().records
    return fmt, found


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_records_begin_and_end_where_the_trace_does(name: str) -> None:
    _, found = records(name)
    assert [(r.line_no, r.data.count(b"\n") + 1) for r in found] == EXPECTED[name]


@pytest.mark.parametrize(("name", "index", "exception"), [
    ("bare.log", 1, "java.lang.IllegalStateException"),
    ("bare.log", 2, "ValueError"),
    ("go.log", 1, "panic"),
    ("laravel.log", 0, "BadMethodCallException"),
    ("stderr_mixed.log", 2, "java.io.IOException"),
    ("py_custom.log", 0, "app.errors.JobError"),
])
def test_each_trace_keeps_its_own_exception(name: str, index: int, exception: str) -> None:
    fmt, found = records(name)
    assert to_record(found[index], fmt).exception == exception


def test_split_traces_of_one_error_share_a_fingerprint() -> None:
    from stacklens_desktop.core.fingerprint import record_fingerprint

    fmt, found = records("stderr_mixed.log")
    recs = [to_record(r, fmt) for r in found]
    keys = [record_fingerprint(r, r.message) for r in recs]
    assert keys[0] == keys[1] and keys[2] == keys[3] and keys[0] != keys[2]
