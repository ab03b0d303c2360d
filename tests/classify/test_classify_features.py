"""Records from raw text and the engineered features."""

from __future__ import annotations

from stacklens_desktop.core.classify import record_from_text
from stacklens_desktop.core.classify.features import char_document, normalise, word_document
from stacklens_desktop.core.stacktrace import find_exception, find_frames

JAVA = (
    "2024-05-01 10:00:00,123 [main] ERROR c.s.Sync - sync failed\n"
    "org.springframework.dao.DataAccessResourceFailureException: could not connect\n"
    "\tat com.shop.Sync.run(Sync.java:10)\n"
    "\tat java.base/java.lang.Thread.run(Thread.java:833)\n"
    "Caused by: java.net.ConnectException: Connection refused\n"
    "\tat java.base/sun.nio.ch.Net.connect0(Native Method)\n"
    "\t... 12 more"
)
PYTHON = (
    "2024-05-01 10:00:00,123 ERROR [app] import failed\n"
    "Traceback (most recent call last):\n"
    '  File "/srv/app/imp.py", line 12, in load\n'
    "    data = json.loads(raw)\n"
    "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)"
)
DOTNET = (
    "fail: Pos.Cart[0] boom\n"
    "      System.NullReferenceException: Object reference not set to an instance of an object.\n"
    "         at Pos.Cart.Total() in /src/Cart.cs:line 12"
)


def test_java_root_cause_and_frames() -> None:
    record = record_from_text(JAVA)
    assert record.exception == "java.net.ConnectException"
    assert record.frames[0].strip().startswith("at com.shop.Sync.run")
    assert len(record.frames) == 4


def test_python_traceback() -> None:
    record = record_from_text(PYTHON)
    assert record.exception == "json.decoder.JSONDecodeError"
    assert find_frames(PYTHON) == ['  File "/srv/app/imp.py", line 12, in load']


def test_dotnet_trace_keeps_indented_exception_line_in_words() -> None:
    record = record_from_text(DOTNET)
    assert record.exception == "System.NullReferenceException"
    words = word_document(record).split()
    assert {"null", "reference", "exception", "__exc_nullreferenceexception"} <= set(words)


def test_single_line_has_no_trace_but_exception_token() -> None:
    record = record_from_text("TypeError: Cannot read properties of undefined (reading 'x')")
    assert record.exception is None and record.frames == []
    assert "__exc_typeerror" in word_document(record).split()


def test_engineered_tokens() -> None:
    record = record_from_text(
        '{"level": "warn", "msg": "upstream answered 503 Service Unavailable", '
        '"http_status": 503, "productName": "Oat Milk"}')
    words = word_document(record).split()
    assert record.level == "WARN"
    assert {"__lvl_warn", "__http_503", "__http_5xx", "__key_product_name", "oat"} <= set(words)
    exit_words = word_document(record_from_text(
        "pos.service: Main process exited, code=killed, status=9/KILL")).split()
    assert {"__exit_9", "__exit_nonzero", "__sig_kill"} <= set(exit_words)


def test_normalise_splits_identifiers_and_drops_ids() -> None:
    assert normalise("HikariPool-1 SQLException ext4 id=8fa93bc0d1 connection_refused") == (
        "hikari pool sql exception ext id connection refused")
    record = record_from_text('{"level": "error", "msg": "Order 1234 failed"}')
    assert char_document(record) == "order 0000 failed"


def test_level_from_event_log_body() -> None:
    text = "Log Name: System\nSource: disk\nEvent ID: 7\nLevel: Error\nDescription: bad block"
    assert record_from_text(text).level == "ERROR"


def test_find_exception_without_trace() -> None:
    assert find_exception("nothing to see") is None
    assert find_exception("panic: runtime error: index out of range") == "panic"
