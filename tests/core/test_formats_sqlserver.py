"""SQL Server's ERRORLOG: an error's number line and its text line are one record, whose
message is the text; the level follows the severity; UTF-16 files are analyzed end to end."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from stacklens_desktop.core.analyzer import to_record
from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.formats.sqlserver import SQLSERVER_ERRORLOG
from stacklens_desktop.core.scanner import RecordScanner

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / \
    "sqlserver-errorlog.log"
LOGIN = [
    "2026-11-25 10:01:12.45 Logon       Error: 18456, Severity: 14, State: 8.",
    "2026-11-25 10:01:12.45 Logon       Login failed for user 'pos_sync'. [CLIENT: 10.8.0.21]",
]
INFO = "2026-11-25 10:00:05.31 spid9s      Starting up database 'posdb'."


@pytest.mark.parametrize(("severity", "level"), [(10, "INFO"), (14, "ERROR"), (17, "ERROR"),
                                                 (24, "FATAL")])
def test_error_line_reads_as_fields_and_a_level_by_severity(severity: int, level: str) -> None:
    header = SQLSERVER_ERRORLOG.parse(
        f"2026-11-25 10:15:00.90 spid51      Error: 823, Severity: {severity}, State: 2.")
    assert header is not None
    assert (header.level, header.message, header.source) == (level, "", "spid51")
    assert header.fields == {"error": 823, "severity": severity, "state": 2}
    assert header.timestamp == "2026-11-25T10:15:00.90"


def test_other_lines_have_no_level_and_keep_their_text() -> None:
    header = SQLSERVER_ERRORLOG.parse(INFO)
    assert header is not None
    assert (header.level, header.source, header.message) == (
        None, "spid9s", "Starting up database 'posdb'.")


def test_detected_and_not_taken_for_other_logs() -> None:
    assert detect_format(SAMPLE.read_text().splitlines()).name == "sqlserver-errorlog"
    python = ["2026-11-25 10:00:00,123 ERROR app.db: connection lost"] * 3
    assert detect_format(python).name == "python"


def _scan(data: bytes, *cuts: int) -> list[bytes]:
    """Records of ``data`` fed in pieces cut at ``cuts`` (line boundaries)."""
    scanner = RecordScanner(SQLSERVER_ERRORLOG)
    bounds = [0, *cuts, len(data)]
    records = [r for a, b in zip(bounds, bounds[1:], strict=False)
               for r in scanner.feed(a, data[a:b]).records]
    return [r.data for r in records + scanner.finish().records]


def test_the_error_line_and_its_text_are_one_record_even_across_chunks() -> None:
    data = ("\n".join([INFO, *LOGIN, INFO, *LOGIN]) + "\n").encode()
    pair = "\n".join(LOGIN).encode()
    assert _scan(data) == [pair, pair]
    between = data.rindex(LOGIN[1].encode())  # a chunk ends between the two lines
    assert _scan(data, between) == [pair, pair]


def test_the_records_message_is_the_error_text() -> None:
    scanner = RecordScanner(SQLSERVER_ERRORLOG)
    scanner.feed(0, ("\n".join(LOGIN) + "\n").encode())
    (raw,) = scanner.finish().records
    record = to_record(raw, SQLSERVER_ERRORLOG)
    assert record.message == "Login failed for user 'pos_sync'. [CLIENT: 10.8.0.21]"
    assert record.level == "ERROR" and record.fields["error"] == 18456


def test_analyze_a_utf16_errorlog(tmp_path: Path) -> None:
    log = tmp_path / "ERRORLOG"
    log.write_bytes(codecs.BOM_UTF16_LE + SAMPLE.read_text().replace("\n", "\r\n")
                    .encode("utf-16-le"))
    out = subprocess.run(
        [sys.executable, "-m", "stacklens_desktop", "analyze", str(log), "--json",
         "--data-dir", str(tmp_path / "p")], capture_output=True, text=True, check=True).stdout
    document = json.loads(out)
    templates = {p["template"]: p for p in document["patterns"]}
    assert document["errors"] == 5  # severity 10 (informational) is not an error
    deadlock = next(p for t, p in templates.items() if "deadlock victim" in t)
    assert deadlock["error_type"] == "concurrency"
    assert any(t.startswith("The transaction log for database") for t in templates)
    assert not any("Severity" in t for t in templates)
