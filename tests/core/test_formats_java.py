"""log4j / logback layouts and Spring Boot's console format."""

from __future__ import annotations

import pytest

from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.formats.java import LOG4J, SPRING_BOOT


@pytest.mark.parametrize(
    ("line", "ts", "level", "source", "thread", "message"),
    [
        ("2026-11-25 10:00:00,123 ERROR [main] com.shop.OrderService - msg",
         "2026-11-25T10:00:00.123", "ERROR", "com.shop.OrderService", "main", "msg"),
        ("2026-11-25 10:00:00.123 [http-nio-8080-exec-1] ERROR c.s.OrderService - msg",
         "2026-11-25T10:00:00.123", "ERROR", "c.s.OrderService", "http-nio-8080-exec-1", "msg"),
        ("2026-11-25 10:00:00,123 WARN  [pool-1-thread-3] com.shop.Sync - late by 2s - retrying",
         "2026-11-25T10:00:00.123", "WARN", "com.shop.Sync", "pool-1-thread-3",
         "late by 2s - retrying"),
        ("10:00:00.123 [main] INFO  c.s.App - logback default, time only",
         "10:00:00.123", "INFO", "c.s.App", "main", "logback default, time only"),
        ("2026-11-25 10:00:00,123 FATAL c.s.Ledger [scheduler-1] aborted",
         "2026-11-25T10:00:00.123", "FATAL", "c.s.Ledger", "scheduler-1", "aborted"),
        ("2026-11-25T10:00:00,123 SEVERE [main] com.shop.Jul - java.util.logging name",
         "2026-11-25T10:00:00.123", "FATAL", "com.shop.Jul", "main", "java.util.logging name"),
        ("2026-11-25 10:00:00,123 ERROR [main] com.shop.Inner$Helper:42 - with line number",
         "2026-11-25T10:00:00.123", "ERROR", "com.shop.Inner$Helper", "main", "with line number"),
    ],
)
def test_log4j_layouts(line: str, ts: str, level: str, source: str, thread: str,
                       message: str) -> None:
    header = LOG4J.parse(line)
    assert header is not None
    assert (header.timestamp, header.level, header.source, header.message) == (
        ts, level, source, message)
    assert header.fields == {"thread": thread}


def test_log4j_without_thread() -> None:
    header = LOG4J.parse("2026-11-25 10:00:00,123 ERROR com.shop.OrderService - no thread")
    assert header is not None
    assert (header.source, header.message, header.fields) == (
        "com.shop.OrderService", "no thread", {})


@pytest.mark.parametrize(
    "line",
    [
        "java.lang.IllegalStateException: Product 999 has no price",
        "\tat com.shop.catalog.PriceBook.priceOf(PriceBook.java:112)",
        "Caused by: java.util.NoSuchElementException: No value present",
        "\t... 3 more",
        "\t... 48 common frames omitted",
        "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
    ],
)
def test_stack_trace_lines_do_not_start_records(line: str) -> None:
    assert LOG4J.parse(line) is None
    assert LOG4J.start.match(line.encode()) is None
    assert SPRING_BOOT.start.match(line.encode()) is None


def test_spring_boot_3_with_application_name() -> None:
    line = "2026-11-25T10:00:00.123+00:00 ERROR 12345 --- [app] [main] c.s.Foo : msg"
    header = SPRING_BOOT.parse(line)
    assert header is not None
    assert (header.timestamp, header.level, header.source, header.message) == (
        "2026-11-25T10:00:00.123+00:00", "ERROR", "c.s.Foo", "msg")
    assert header.fields == {"pid": 12345, "thread": "main", "application": "app"}


def test_spring_boot_2_padded_columns() -> None:
    line = ("2026-11-25 10:00:00.123  WARN 41822 --- [           main] "
            "o.s.b.a.orm.jpa.DatabaseLookup           : Unable to determine jdbc url : x")
    header = SPRING_BOOT.parse(line)
    assert header is not None
    assert (header.timestamp, header.level, header.source) == (
        "2026-11-25T10:00:00.123", "WARN", "o.s.b.a.orm.jpa.DatabaseLookup")
    assert header.message == "Unable to determine jdbc url : x"
    assert header.fields == {"pid": 41822, "thread": "main"}


def test_spring_boot_correlation_and_tomcat_logger() -> None:
    line = ("2026-11-25T10:00:00.123Z ERROR 7 --- [shop] [nio-8080-exec-4] "
            "[0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331] "
            "o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() threw exception")
    header = SPRING_BOOT.parse(line)
    assert header is not None
    assert header.source == "o.a.c.c.C.[.[.[/].[dispatcherServlet]"
    assert header.fields == {
        "pid": 7, "thread": "nio-8080-exec-4", "application": "shop",
        "correlation": "0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",
    }


def test_detection_prefers_log4j_over_python_on_ambiguous_lines() -> None:
    lines = ["2026-11-25 10:00:00,123 ERROR [main] com.shop.OrderService - failed",
             "2026-11-25 10:00:01,123 INFO  [main] com.shop.OrderService - placed"]
    assert detect_format(lines).name == "log4j"
    spring = ["2026-11-25T10:00:00.123+00:00  INFO 1 --- [main] c.s.App : started"]
    assert detect_format(spring).name == "spring-boot"
