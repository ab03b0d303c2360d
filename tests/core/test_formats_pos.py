"""The POS terminals' format: header, JSON payload into fields, edge cases."""

from __future__ import annotations

import pytest

from stacklens_desktop.core.formats import detect_format, parse_any
from stacklens_desktop.core.formats.payload import split_payload
from stacklens_desktop.core.formats.pos import POS

SEED_LINE = (
    '2026-11-25T10:00:00.000Z [ERROR] Product has no price: {"productId":999,'
    '"productName":"Premium Item","orderId":"ORD-1001","code":"MISSING_PRICE"}'
)


def test_seed_line_payload_becomes_fields_and_leaves_the_message() -> None:
    header = POS.parse(SEED_LINE)
    assert header is not None
    assert header.timestamp == "2026-11-25T10:00:00.000Z"
    assert header.level == "ERROR"
    assert header.message == "Product has no price"
    assert header.fields == {
        "productId": 999, "productName": "Premium Item", "orderId": "ORD-1001",
        "code": "MISSING_PRICE",
    }


def test_line_without_payload_parses() -> None:
    header = POS.parse("2026-11-25T10:00:09.300Z [WARN] Receipt printer offline")
    assert header is not None
    assert (header.level, header.message, header.fields) == ("WARN", "Receipt printer offline", {})


def test_invalid_json_payload_stays_in_the_message() -> None:
    line = "2026-11-25T10:00:12.640Z [ERROR] Payload broken: {productId: 999,}"
    header = POS.parse(line)
    assert header is not None
    assert header.message == "Payload broken: {productId: 999,}"
    assert header.fields == {}


def test_braces_inside_the_message_are_not_mistaken_for_the_payload() -> None:
    line = '2026-11-25T10:00:00.000Z [ERROR] Template {name} failed: {"template":"receipt"}'
    header = POS.parse(line)
    assert header is not None
    assert header.message == "Template {name} failed"
    assert header.fields == {"template": "receipt"}


def test_nested_payload_and_trailing_spaces() -> None:
    line = '2026-11-25T10:00:00.000Z [ERROR] Sync failed: {"store":{"id":42},"tries":[1,2]}  \r\n'
    header = POS.parse(line)
    assert header is not None
    assert header.message == "Sync failed"
    assert header.fields == {"store": {"id": 42}, "tries": [1, 2]}


def test_payload_only_line_takes_its_message_key() -> None:
    header = POS.parse('2026-11-25T10:00:00.000Z [INFO] {"message":"heartbeat","seq":7}')
    assert header is not None
    assert header.message == "heartbeat"
    assert header.fields == {"message": "heartbeat", "seq": 7}


@pytest.mark.parametrize(
    ("word", "level"),
    [("ERROR", "ERROR"), ("WARN", "WARN"), ("WARNING", "WARN"), ("INFO", "INFO"),
     ("DEBUG", "DEBUG"), ("FATAL", "FATAL"), ("CRITICAL", "FATAL"), ("error", "ERROR"),
     ("AUDIT", None)],
)
def test_level_words(word: str, level: str | None) -> None:
    header = POS.parse(f"2026-11-25T10:00:00+01:00 [{word}] x")
    assert header is not None and header.level == level


@pytest.mark.parametrize(
    "line",
    [
        "2026-11-25 10:00:00,000 [ERROR] space instead of T is not the POS format",
        "[ERROR] no timestamp",
        '\tat com.shop.Foo.bar(Foo.java:1)',
        "",
    ],
)
def test_other_lines_are_not_pos_headers(line: str) -> None:
    assert POS.parse(line) is None
    assert POS.start.match(line.encode()) is None


def test_scan_regexes_on_a_chunk() -> None:
    chunk = (
        b"2026-11-25T10:00:00.000Z [INFO] fine\n"
        + SEED_LINE.encode() + b"\n"
        + b"java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\n"
        + b"2026-11-25T10:00:02.000Z [WARN] slow\n"
    )
    starts = [m.start() for m in POS.start.finditer(chunk)]
    assert [chunk[s:s + 24] for s in starts] == [
        b"2026-11-25T10:00:00.000Z", b"2026-11-25T10:00:00.000Z", b"2026-11-25T10:00:02.000Z",
    ]
    hits = [chunk[chunk.rfind(b"\n", 0, m.start()) + 1:].split(b"\n")[0]
            for m in POS.warn_or_above.finditer(chunk)]
    assert hits == [SEED_LINE.encode(), b"2026-11-25T10:00:02.000Z [WARN] slow"]


def test_detected_and_parsed_through_parse_any() -> None:
    fmt = detect_format([SEED_LINE, "2026-11-25T10:00:01.000Z [INFO] ok"])
    assert fmt.name == "pos"
    assert parse_any(SEED_LINE, fmt).fields["productId"] == 999


def test_split_payload_gives_up_on_non_objects() -> None:
    assert split_payload("values: [1, 2]") == ("values: [1, 2]", None)
    assert split_payload('count: {"a": 1} trailing') == ('count: {"a": 1} trailing', None)
