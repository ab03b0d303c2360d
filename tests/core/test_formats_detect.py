"""Detection on the sample logs, and the contract between parse() and the scan regexes."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from stacklens_desktop.core.formats import (
    FORMATS,
    GENERIC,
    LogFormat,
    detect_format,
    format_by_name,
    parse_any,
    parse_line,
)
from stacklens_desktop.core.formats.levels import ALIASES, is_warn_or_above
from stacklens_desktop.core.record import LEVELS

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
#: sample file → the format it must be detected as.
EXPECTED = {
    "pos.log": "pos", "pos-application.log": "pos",
    "python.log": "python", "python-basic.log": "python-basic",
    "log4j.log": "log4j", "logback.log": "log4j", "spring-boot.log": "spring-boot",
    "jsonlines.log": "jsonlines", "logfmt.log": "logfmt", "syslog.log": "syslog",
    "syslog-5424.log": "syslog-5424", "nginx-error.log": "nginx-error",
    "apache-error.log": "apache-error", "generic.log": "generic",
    "serilog.log": "serilog", "nlog.log": "nlog", "ruby-logger.log": "ruby-logger",
    "klog.log": "klog", "celery.log": "python", "gunicorn.log": "python",
    "dotnet-console.log": "dotnet-console", "sqlserver-errorlog.log": "sqlserver-errorlog",
    "windows-events.log": "windows-event-text",
}


def _lines(name: str) -> list[str]:
    return (SAMPLES / name).read_text(encoding="utf-8").splitlines()


def test_every_sample_file_is_covered() -> None:
    assert sorted(p.name for p in SAMPLES.glob("*.log")) == sorted(EXPECTED)


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_sample_detection(name: str, expected: str) -> None:
    assert detect_format(_lines(name)).name == expected


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_headers_are_starts_and_levels_are_normalised(name: str) -> None:
    fmt = detect_format(_lines(name))
    for line in _lines(name):
        header = fmt.parse(line)
        if header is None:
            assert not fmt.start.match(line.encode()), line
            continue
        assert header.level is None or header.level in LEVELS
        if fmt is not GENERIC and fmt.name != "generic":
            assert fmt.start.match(line.encode()), line


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_warn_regex_finds_every_warn_line_of_the_samples(name: str) -> None:
    """Scanner contract: each match starts inside a line; no WARN+ header is missed."""
    lines = _lines(name)
    fmt = detect_format(lines)
    chunk = ("\n".join(lines) + "\n").encode()
    hit_lines = {chunk.count(b"\n", 0, m.start()) for m in fmt.warn_or_above.finditer(chunk)}
    for index, line in enumerate(lines):
        header = fmt.parse(line)
        if header is not None and is_warn_or_above(header.level):
            assert index in hit_lines, line
        elif index in hit_lines and header is not None:
            pytest.fail(f"{name}: hit on a line below WARN: {line}")


#: One header line per format, ``{L}`` standing for the level word.
TEMPLATES = {
    "pos": "2026-11-25T10:00:00.000Z [{L}] msg",
    "spring-boot": "2026-11-25T10:00:00.123+00:00 {L} 1 --- [main] c.s.Foo : msg",
    "log4j": "2026-11-25 10:00:00,123 {L} [main] c.s.Foo - msg",
    "python": "2026-11-25 10:00:00,123 - app - {L} - msg",
    "python-basic": "{L}:app:msg",
    "nginx-error": "2026/11/25 10:00:00 [{L}] 1#1: msg",
    "apache-error": "[Wed Nov 25 10:00:00 2026] [core:{L}] [pid 1] msg",
    "jsonlines": '{{"level": "{L}", "msg": "m"}}',
    "logfmt": "level={L} msg=m",
    "generic": "[{L}] msg",
}


def _spellings() -> list[str]:
    words = sorted(ALIASES)
    return [form for word in words for form in (word, word.lower(), word.title())]


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_warn_regex_agrees_with_parse_for_every_level_spelling(name: str) -> None:
    fmt = format_by_name(name)
    for word in _spellings():
        line = TEMPLATES[name].replace("{L}", word).replace("{{", "{").replace("}}", "}")
        header = fmt.parse(line)
        found = fmt.warn_or_above.search(line.encode()) is not None
        if header is None:
            continue
        if is_warn_or_above(header.level):
            assert found, (line, header.level)
        elif name != "generic":  # generic's scan ignores context: a superset by design
            assert not found, (line, header.level)


def test_detection_edge_cases() -> None:
    assert detect_format([]) is GENERIC
    assert detect_format(["", "   "]) is GENERIC
    assert detect_format(["just words", "more words"]).name == "generic"
    # one header and a long stack trace: frames do not count against the format
    lines = ["2026-11-25 10:00:00,001 ERROR [main] c.s.Foo - boom",
             "java.lang.IllegalStateException: boom"]
    lines += [f"\tat c.s.Foo.m{i}(Foo.java:{i})" for i in range(60)]
    assert detect_format(lines).name == "log4j"
    # a few accidental matches in an unknown log are not enough
    noise = [f"line {i} of something else" for i in range(20)] + ["ERROR:x:y"]
    assert detect_format(noise).name == "generic"


def test_format_names_are_unique_and_scan_regexes_are_bytes() -> None:
    names = [fmt.name for fmt in FORMATS]
    assert len(names) == len(set(names))
    for fmt in (*FORMATS, GENERIC):
        assert isinstance(fmt, LogFormat)
        assert isinstance(fmt.start.pattern, bytes) and fmt.start.flags & re.MULTILINE
        assert isinstance(fmt.warn_or_above.pattern, bytes)
    with pytest.raises(KeyError):
        format_by_name("nope")


def test_parse_compiles_nothing_per_call_and_is_cheap() -> None:
    lines = {name: detect_format(_lines(name)) for name in EXPECTED}
    re.purge()
    started = time.perf_counter()
    parsed = 0
    for _ in range(200):
        for name, fmt in lines.items():
            for line in _lines(name)[:8]:
                fmt.parse(line)
                parsed += 1
    elapsed = time.perf_counter() - started
    assert not getattr(re, "_cache", {}), "a regex was compiled while parsing"
    # ~20k lines incl. file reads; parsing alone runs at several 100k lines/s on 2 cores.
    assert elapsed < 2.0, f"{parsed} lines took {elapsed:.2f}s"


@pytest.mark.parametrize("body", ["[" * 200_000, '{"a":' * 40_000 + "}", "[a] " * 50_000,
                                  ", client: " * 20_000, " " * 200_000 + "x"])
def test_long_hostile_lines_parse_in_linear_time(body: str) -> None:
    heads = [TEMPLATES[name].replace("{L}", "ERROR").split("msg")[0] for name in TEMPLATES]
    heads += ["<11>1 2026-11-25T10:00:00Z h app - - ", "Nov 25 10:00:00 h app: "]
    started = time.perf_counter()
    for head in heads:
        line = head + body
        for fmt in (*FORMATS, GENERIC):
            fmt.parse(line)
    elapsed = time.perf_counter() - started
    assert elapsed < 10.0, f"{elapsed:.1f}s: a regex backtracks on long lines"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_parse_line_reads_a_lone_line_as_one_line_detection_would(name: str) -> None:
    for line in _lines(name):
        assert parse_line(line) == parse_any(line, detect_format([line])), line
