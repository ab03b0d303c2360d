"""The generic fallback: leading timestamp, level by keyword, whole line as message."""

from __future__ import annotations

import pytest

from stacklens_desktop.core.formats import GENERIC, parse_any
from stacklens_desktop.core.formats.keywords import keyword_level
from stacklens_desktop.core.formats.pos import POS


@pytest.mark.parametrize(("text", "level"), [
    ("something ERROR happened", "ERROR"),
    ("[error] lower-case in brackets", "ERROR"),
    ("<Warn> title case in angle brackets", "WARN"),
    ("npm ERR! code E404", "ERROR"),
    ("copy failed: error: Input/output error", "ERROR"),
    ("Error: ENOENT: no such file or directory", "ERROR"),
    ("warning: deprecated option", "WARN"),
    ("level=warning msg=x", "WARN"),
    ("severity: CRITICAL disk", "FATAL"),
    ("SEVERE: servlet failed", "FATAL"),
    ("INFO retrying after ERROR", "INFO"),  # the leftmost keyword wins
    ("no errors today, ERRORS=0, error_count=0, TERROR", None),
    ("an error occurred", None),  # a bare lower-case word is not a level
    ("WARNING-free zone", None),
    ("", None),
])
def test_keyword_level(text: str, level: str | None) -> None:
    assert keyword_level(text) == level


@pytest.mark.parametrize(("line", "ts", "message"), [
    ("2026-11-25 10:00:00 ERROR something", "2026-11-25T10:00:00", "ERROR something"),
    ("[2026-11-25 10:00:00] WARN snapshot slow", "2026-11-25T10:00:00", "WARN snapshot slow"),
    ("2026/11/25 10:00:00.5 | job done", "2026-11-25T10:00:00.5", "job done"),
    ("Wed Nov 25 10:00:00 2026 - ERROR x", "2026-11-25T10:00:00", "ERROR x"),
    ("Nov 25 10:00:00 box thing", "Nov 25 10:00:00", "box thing"),
    ("(10:00:00.123) FATAL halt", "10:00:00.123", "FATAL halt"),
    ("25/Nov/2026:10:00:00 +0000 request", "25/Nov/2026:10:00:00 +0000", "request"),
    ("plain line, no time", None, "plain line, no time"),
    ("12:30 is not a timestamp", None, "12:30 is not a timestamp"),
])
def test_leading_timestamp_is_split_off(line: str, ts: str | None, message: str) -> None:
    header = GENERIC.parse(line)
    assert (header.timestamp, header.message) == (ts, message)


def test_parse_any_never_returns_none() -> None:
    for line in ["", "   ", "\x00\x01 binary-ish", "Caused by: x", "ERROR"]:
        header = parse_any(line)
        assert header is not None
    assert parse_any("ERROR").level == "ERROR"


def test_parse_any_falls_back_when_the_format_does_not_match() -> None:
    line = "2026-11-25 10:00:00 something FATAL in another shape"
    assert POS.parse(line) is None
    header = parse_any(line, POS)
    assert (header.timestamp, header.level) == ("2026-11-25T10:00:00", "FATAL")
    pos_line = "2026-11-25T10:00:00.000Z [WARN] slow"
    assert parse_any(pos_line, POS).message == "slow"


@pytest.mark.parametrize(("line", "starts"), [
    ("plain first line", True),
    ("  indented continuation", False),
    ("\tat com.shop.Foo.bar(Foo.java:12)", False),
    ("Caused by: java.io.IOException: x", False),
    ("Traceback (most recent call last):", False),
    ("ValueError: bad value", False),
    ("java.lang.IllegalStateException: boom", False),
    ("Error: top-level Node error", True),
    ("}", False),
    ("", False),
])
def test_generic_start_without_timestamps(line: str, starts: bool) -> None:
    assert bool(GENERIC.start.match(line.encode())) is starts


def test_timestamped_files_start_records_only_at_timestamps() -> None:
    sample = ["[2026-11-25 10:00:00] one", "[2026-11-25 10:00:01] two", "continued text"]
    fmt = GENERIC.specialize(sample)
    assert fmt.start.match(b"[2026-11-25 10:00:00] one")
    assert fmt.start.match(b"continued text") is None
    untimed = GENERIC.specialize(["a", "b", "2026-11-25 10:00:00 c"])
    assert untimed is GENERIC


def test_generic_warn_regex_is_a_superset_of_keyword_levels() -> None:
    lines = ["x ERROR y", "[warn] y", "fatal: y", "level=Error", "INFO ok", "all good"]
    found = [bool(GENERIC.warn_or_above.search(line.encode())) for line in lines]
    assert found == [True, True, True, True, False, False]
