"""The same record gets the same verdict whatever file it is in: among records of its own
format, among records of another format, among lines of assorted styles (a file read
generically) or alone. The verdict is the record's (read on its own, as the model was
trained), not the file's.

Not covered (not guaranteed): one message written with different headers by different
software (natively, through syslog, as JSON); the model sees different level words and
fields there, and may judge them differently."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from stacklens_desktop.core.analyzer import Analyzer, PatternJudge
from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.scanner import RawRecord
from stacklens_desktop.intelligence import build_judge

#: (level word, message) as different software writes them
MESSAGES = [
    ("LOG", "could not load root certificate file \"/etc/ssl/pos/root.crt\": CA certificate "
            "is self signed"),
    ("ERROR", "upstream timed out (110: Connection timed out) while reading response header "
              "from upstream, client: 10.0.4.17, server: pos-api"),
    ("WARNING", "IP address '10.0.0.9' could not be resolved: Name or service not known"),
    ("ERROR", "deadlock detected while updating tuple (12,7) in relation \"stock_levels\""),
    ("FATAL", "sorry, too many clients already"),
    ("ERROR", "payment gateway returned 503, order ORD-881 failed after 3 retries"),
    ("ERROR", "Product has no price: productId=999 productName=\"Premium Item\""),
    ("WARNING", "Out of memory: Killed process 4121 (java) total-vm:8123456kB"),
]
_LEVEL = {"LOG": "INFO", "WARNING": "WARN"}

#: how each kind of file writes a (level, message), numbered
STYLES: dict[str, Callable[[str, str, int], str]] = {
    "postgres": lambda lv, m, n: f"2026-11-27 03:14:{n:02d}.412 UTC [41{n:02d}] {lv}:  {m}",
    "syslog": lambda lv, m, n: f"Nov 27 03:14:{n:02d} pos-db-01 postgres[41{n:02d}]: {lv}:  {m}",
    "json": lambda lv, m, n: json.dumps({"time": f"2026-11-27T03:14:{n:02d}Z",
                                         "level": _LEVEL.get(lv, lv).lower(), "msg": m}),
    "pos": lambda lv, m, n: f"2026-11-27T03:14:{n:02d}.000Z [{_LEVEL.get(lv, lv)}] {m}",
}
NEIGHBOURS = [("LOG", "checkpoint starting: time"), ("LOG", "connection received: host=10.0.3.7")]
ASSORTED = ["boot sequence complete", "--- backup window opens ---", "disk check: 0 issues"]


def _verdict(judge: PatternJudge, lines: list[str], line: str) -> tuple[str, str]:
    """The verdict on ``line`` when the file holding ``lines`` is analyzed (each line one
    record: which lines the scanner passes on is not what this is about)."""
    fmt = detect_format(lines)
    raws = [RawRecord(text.encode(), n * 300, n + 1) for n, text in enumerate(lines)]
    analyzer = Analyzer(fmt=fmt, judge=judge)
    mined = analyzer.prepare(raws)
    analyzer.build(mined, None)
    [item] = [m for m in mined if m.record.text == line]
    verdict = analyzer.judged[item.fingerprint]
    return verdict.severity, verdict.error_type


def _files(level: str, message: str) -> list[dict[str, tuple[list[str], str]]]:
    """For each style's line of the message: the files holding that same line."""
    out = []
    for style, write in STYLES.items():
        line = write(level, message, 5)
        own = [write(lv, m, n) for n, (lv, m) in enumerate(NEIGHBOURS)]
        other = next(w for name, w in STYLES.items() if name != style)
        foreign = [other(lv, m, n) for n, (lv, m) in enumerate(NEIGHBOURS)]
        out.append({"own format": ([own[0], line, own[1]], line),
                    "another format": ([*foreign, line, *foreign], line),
                    "assorted": ([*ASSORTED, line, *ASSORTED], line),
                    "alone": ([line], line)})
    return out


@pytest.mark.usefixtures("model")
def test_the_same_record_gets_the_same_verdict_in_any_file(model_data_dir: Path) -> None:
    judge = build_judge(model_data_dir)
    differ = []
    for level, message in MESSAGES:
        for files in _files(level, message):
            verdicts = {name: _verdict(judge, lines, line)
                        for name, (lines, line) in files.items()}
            if len(set(verdicts.values())) != 1:
                differ.append((files["alone"][1][:60], verdicts))
    assert not differ, differ
