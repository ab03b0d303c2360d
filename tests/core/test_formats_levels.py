"""Level normalisation, timestamp conversion and the regex helpers."""

from __future__ import annotations

import random
import re

import pytest

from stacklens_desktop.core.formats.levels import (
    ALIASES,
    normalize_level,
    numeric_level,
    spellings,
    warn_words,
)
from stacklens_desktop.core.formats.regexutil import start_regex, without_groups, word_trie
from stacklens_desktop.core.formats.timestamps import iso_any, iso_ctime, iso_epoch, iso_ymd
from stacklens_desktop.core.record import LEVELS


@pytest.mark.parametrize(("word", "level"), [
    ("WARNING", "WARN"), ("warn", "WARN"), ("CRITICAL", "FATAL"), ("Severe", "FATAL"),
    ("emerg", "FATAL"), ("ALERT", "FATAL"), ("crit", "FATAL"), ("panic", "FATAL"),
    ("err", "ERROR"), ("notice", "NOTICE"), ("FINE", "DEBUG"), ("FINER", "TRACE"),
    ("FINEST", "TRACE"), ("trace5", "TRACE"), ("informational", "INFO"), (" info ", "INFO"),
    ("3", "ERROR"), ("50", "ERROR"), ("AUDIT", None), ("", None),
])
def test_normalize_level(word: str, level: str | None) -> None:
    assert normalize_level(word) == level


def test_every_alias_maps_onto_record_levels() -> None:
    assert set(ALIASES.values()) <= set(LEVELS)


@pytest.mark.parametrize(("value", "level"), [
    (0, "FATAL"), (2, "FATAL"), (3, "ERROR"), (4, "WARN"), (5, "NOTICE"), (7, "DEBUG"),
    (8, None), (10, "TRACE"), (35, "INFO"), (45, "WARN"), (60, "FATAL"), (70, None), (-1, None),
])
def test_numeric_levels(value: int, level: str | None) -> None:
    assert numeric_level(value) == level


def test_spellings_and_warn_words() -> None:
    table = spellings(("upper", "lower"), ("INFO", "WARNING", "ERR"))
    assert table == {"INFO": "INFO", "info": "INFO", "WARNING": "WARN", "warning": "WARN",
                     "ERR": "ERROR", "err": "ERROR"}
    assert sorted(warn_words(table)) == ["ERR", "WARNING", "err", "warning"]


def test_word_trie_matches_exactly_the_words() -> None:
    rng = random.Random(7)
    for _ in range(50):
        words = {"".join(rng.choice("abAB") for _ in range(rng.randint(1, 5)))
                 for _ in range(rng.randint(1, 12))}
        regex = re.compile(f"(?:{word_trie(words)})$")
        for candidate in {"".join(rng.choice("abAB") for _ in range(rng.randint(0, 6)))
                          for _ in range(200)} | words:
            assert bool(regex.match(candidate)) is (candidate in words), (words, candidate)


def test_pattern_helpers() -> None:
    assert without_groups(r"(?P<ts>\d+) (?P<msg>.*)") == r"(?:\d+) (?:.*)"
    regex = start_regex(r"\d")
    assert regex.flags & re.MULTILINE and regex.pattern == rb"^(?:\d)"
    assert [m.start() for m in regex.finditer(b"1a\nb\n2c")] == [0, 5]


@pytest.mark.parametrize(("written", "iso"), [
    ("2026-11-25T10:00:00.000Z", "2026-11-25T10:00:00.000Z"),
    ("2026-11-25 10:00:00,123", "2026-11-25T10:00:00.123"),
    ("2026/11/25 10:00:00", "2026-11-25T10:00:00"),
    ("2026-11-25 10:00:00.123 +0100", "2026-11-25T10:00:00.123+0100"),
    ("2026-11-25T10:00:00,5+01:00", "2026-11-25T10:00:00.5+01:00"),
])
def test_iso_ymd(written: str, iso: str) -> None:
    assert iso_ymd(written) == iso


def test_iso_ctime_and_epoch() -> None:
    assert iso_ctime("Wed Nov 25 10:00:00.123456 2026") == "2026-11-25T10:00:00.123456"
    assert iso_ctime("Wed Nov  5 10:00:00 2026") == "2026-11-05T10:00:00"
    assert iso_ctime("Wed Foo 25 10:00:00 2026") == "Wed Foo 25 10:00:00 2026"
    for value in (1795600800, 1795600800000, 1795600800000000, 1795600800000000000):
        assert iso_epoch(value) == "2026-11-25T10:00:00.000Z"
    assert iso_epoch(1e30) is None


@pytest.mark.parametrize(("value", "iso"), [
    (1795600800.25, "2026-11-25T10:00:00.250Z"),
    ("1795600800", "2026-11-25T10:00:00.000Z"),
    ("2026-11-25 10:00:00", "2026-11-25T10:00:00"),
    ({"$date": "2026-11-25T10:00:00.000Z"}, "2026-11-25T10:00:00.000Z"),
    ({"epochSecond": 1795600800, "nanoOfSecond": 0}, "2026-11-25T10:00:00.000Z"),
    ("yesterday at noon", "yesterday at noon"),
    (True, None), (None, None), ("", None), ({"other": 1}, None),
])
def test_iso_any(value: object, iso: str | None) -> None:
    assert iso_any(value) == iso
