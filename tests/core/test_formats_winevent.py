"""Windows event logs exported as text (wevtutil): the record's header comes from its body."""

from __future__ import annotations

from pathlib import Path

from stacklens_desktop.core.analyzer import to_record
from stacklens_desktop.core.classify import record_from_text
from stacklens_desktop.core.formats import Header, detect_format
from stacklens_desktop.core.formats.winevent import WINDOWS_EVENT_TEXT
from stacklens_desktop.core.scanner import RecordScanner

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "windows-events.log"


def _records() -> list:
    scanner = RecordScanner(WINDOWS_EVENT_TEXT)
    result = scanner.feed(0, SAMPLE.read_bytes())
    return [to_record(raw, WINDOWS_EVENT_TEXT)
            for raw in result.records + scanner.finish().records]


def test_detected_and_each_warning_or_worse_event_is_one_record() -> None:
    assert detect_format(SAMPLE.read_text().splitlines()) is WINDOWS_EVENT_TEXT
    records = _records()
    assert [r.level for r in records] == ["ERROR", "ERROR", "WARN", "FATAL"]  # not Information
    assert all(r.text.startswith("Event[") for r in records)


def test_the_body_gives_time_source_host_fields_and_message() -> None:
    service = _records()[0]
    assert service.timestamp == "2026-11-25T10:04:12.5510000Z"
    assert (service.source, service.host) == ("Service Control Manager", "TILL-07.store42.local")
    assert service.fields == {"log": "System", "event_id": 7031, "keyword": "Classic"}
    assert service.message.startswith("The POS Sync service terminated unexpectedly.")


def test_classification_reads_the_same_message_and_level() -> None:
    text = SAMPLE.read_text().split("\n\n")[1]
    record = record_from_text(text)
    assert record.level == "ERROR" and record.fields["event_id"] == 7031
    assert record.message.startswith("The POS Sync service terminated unexpectedly.")


def test_a_record_that_is_not_an_event_export_is_left_as_it_is() -> None:
    assert WINDOWS_EVENT_TEXT.parse("  Level: Error") is None
    header = Header(message="")
    assert WINDOWS_EVENT_TEXT.complete(header, "something else\n  Level: Error") is header
