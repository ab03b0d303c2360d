""".NET (Serilog, NLog), Ruby's Logger, klog/glog, and the Celery/gunicorn/`name:` Python
layouts: headers read, scan regexes agree with the parsed level, detection picks them."""

from __future__ import annotations

import pytest

from stacklens_desktop.core.analyzer import to_record
from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.scanner import RawRecord

WARN_UP = ("WARN", "ERROR", "FATAL")


@pytest.mark.parametrize(("line", "name", "ts", "level", "source", "message"), [
    ("2026-11-25 10:00:09.318 +01:00 [ERR] Order ORD-10443 failed", "serilog",
     "2026-11-25T10:00:09.318+01:00", "ERROR", None, "Order ORD-10443 failed"),
    ("2026-11-25 10:00:01.215 +01:00 [DBG] Loaded 1432 products", "serilog",
     "2026-11-25T10:00:01.215+01:00", "DEBUG", None, "Loaded 1432 products"),
    ("[10:00:00 WRN] Printer queue backing up", "serilog", "10:00:00", "WARN", None,
     "Printer queue backing up"),
    ("[10:00:00 FTL] Host terminated unexpectedly", "serilog", "10:00:00", "FATAL", None,
     "Host terminated unexpectedly"),
    ("2026-11-25 10:01:10.9021|ERROR|Pos.Sync.Uploader|Upload failed: HTTP 503", "nlog",
     "2026-11-25T10:01:10.9021", "ERROR", "Pos.Sync.Uploader", "Upload failed: HTTP 503"),
    ("2026-11-25 10:00:00.1021|INFO|Pos.Sync|started", "nlog", "2026-11-25T10:00:00.1021",
     "INFO", "Pos.Sync", "started"),
    ("E, [2026-11-25T10:00:00.131877 #4121] ERROR -- : Order 10443 rejected", "ruby-logger",
     "2026-11-25T10:00:00.131877", "ERROR", None, "Order 10443 rejected"),
    ("W, [2026-11-25T10:00:02.004002 #4122]  WARN -- sidekiq: Retrying PriceSyncJob",
     "ruby-logger", "2026-11-25T10:00:02.004002", "WARN", "sidekiq", "Retrying PriceSyncJob"),
    ("A, [2026-11-25T10:00:05.000000 #4123]   ANY -- payments: unknown state", "ruby-logger",
     "2026-11-25T10:00:05.000000", "FATAL", "payments", "unknown state"),
    ("I, [2026-11-25T10:00:00.102311 #4121]  INFO -- : Started POST", "ruby-logger",
     "2026-11-25T10:00:00.102311", "INFO", None, "Started POST"),
    ("E1125 10:00:05.877002       1 controller.go:114] error syncing 'store-07/till-3'", "klog",
     "1125 10:00:05.877002", "ERROR", "controller.go:114", "error syncing 'store-07/till-3'"),
    ("I1125 10:00:00.102311       1 main.go:112] Starting pos-edge-agent", "klog",
     "1125 10:00:00.102311", "INFO", "main.go:112", "Starting pos-edge-agent"),
    ("[2026-11-25 10:00:05,877: WARNING/ForkPoolWorker-2] Price service slow", "python",
     "2026-11-25T10:00:05.877", "WARN", None, "Price service slow"),
    ("[2026-11-25 10:00:31 +0000] [8] [ERROR] Error handling request /api/orders", "python",
     "2026-11-25T10:00:31+0000", "ERROR", None, "Error handling request /api/orders"),
    ("2026-11-25 10:00:00,123 ERROR app.db: Database connection refused", "python",
     "2026-11-25T10:00:00.123", "ERROR", "app.db", "Database connection refused"),
])
def test_headers(line: str, name: str, ts: str, level: str, source: str | None,
                 message: str) -> None:
    fmt = detect_format([line] * 3)
    assert fmt.name == name
    header = fmt.parse(line)
    assert header is not None
    assert (header.timestamp, header.level, header.source, header.message) == (
        ts, level, source, message)
    assert fmt.start.match(line.encode())
    assert bool(fmt.warn_or_above.search(line.encode())) == (level in WARN_UP)


def test_a_capitalised_word_before_a_colon_is_not_taken_for_a_logger_name() -> None:
    line = "2026-11-25 10:00:00,123 ERROR Payment: declined by issuer"
    header = detect_format([line] * 3).parse(line)
    assert header is not None and header.source is None
    assert "Payment: declined" in header.message


def test_stack_lines_are_continuations_of_their_format() -> None:
    cases = {
        "2026-11-25 10:00:09.318 +01:00 [ERR] x": "   at Pos.Api.Orders.OrderService.Place()",
        "E, [2026-11-25T10:00:00.131877 #4121] ERROR -- : x": "app/models/order.rb:18:in `t'",
        "F1125 10:00:15.993001       1 main.go:150] x": "goroutine 1 [running]:",
        "2026-11-25 10:00:00.1021|ERROR|Pos.Sync|x": "   at Pos.Sync.Uploader.UploadAsync()",
    }
    for header, continuation in cases.items():
        fmt = detect_format([header] * 3)
        assert fmt.start.match(header.encode())
        assert not fmt.start.match(continuation.encode()), (fmt.name, continuation)


def test_a_header_without_a_message_takes_the_next_line() -> None:
    text = ("F, [2026-11-25T10:00:00.132410 #4121] FATAL -- :\n"
            "NoMethodError (undefined method `*' for nil:NilClass):\n"
            "app/models/order_line.rb:18:in `total'")
    fmt = detect_format([text.split("\n")[0]] * 3)
    record = to_record(RawRecord(text.encode(), 0, 1), fmt)
    assert record.level == "FATAL"
    assert record.message == "NoMethodError (undefined method `*' for nil:NilClass):"


def test_dotnet_console_logger_record_takes_its_indented_message() -> None:
    lines = ["info: Microsoft.Hosting.Lifetime[14]", "      Now listening on: http://[::]:8080",
             "fail: Pos.Api.Controllers.OrdersController[0]",
             "      Order ORD-10443 failed: product 999 has no price"]
    fmt = detect_format(lines)
    assert fmt.name == "dotnet-console"
    header = fmt.parse(lines[2])
    assert header is not None
    assert (header.level, header.source, header.fields) == (
        "ERROR", "Pos.Api.Controllers.OrdersController", {"event_id": 0})
    assert fmt.warn_or_above.search(lines[2].encode())
    assert not fmt.warn_or_above.search(lines[0].encode())
    assert not fmt.start.match(lines[3].encode())
    record = to_record(RawRecord("\n".join(lines[2:]).encode(), 0, 3), fmt)
    assert record.message == "Order ORD-10443 failed: product 999 has no price"
