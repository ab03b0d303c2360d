"""The tailer refuses content it cannot follow as text, with a reason, and reads the rest."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from stacklens_desktop.watch import EventKind, SourceState, StartAt, Tailer


@pytest.mark.parametrize("content, reason", [
    (codecs.BOM_UTF16_LE + "ERROR boom\r\n".encode("utf-16-le") * 20, "UTF-16"),
    ("2026-11-25 ERROR boom\n".encode("utf-16-be") * 20, "UTF-16"),
    (bytes(range(256)) * 40, "binary"),
])
def test_utf16_or_binary_is_an_error_state_with_the_reason(tmp_path: Path, content: bytes,
                                                          reason: str) -> None:
    log = tmp_path / "ERRORLOG"
    log.write_bytes(content)
    with Tailer(log, StartAt.BEGINNING) as t:
        r = t.poll()
        assert r.lines == [] and r.state is SourceState.ERROR and reason in r.reason
        assert r.kinds == [EventKind.ERROR]
        again = t.poll()
        assert again.lines == [] and again.kinds == []  # still refused, reported once


def test_a_log_that_starts_empty_is_checked_once_it_has_content(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"")
    with Tailer(log, StartAt.BEGINNING) as t:
        assert t.poll().state is SourceState.WATCHING
        log.write_bytes(codecs.BOM_UTF16_LE + "ERROR x\n".encode("utf-16-le"))
        r = t.poll()
        assert r.lines == [] and r.state is SourceState.ERROR and "UTF-16" in r.reason


def test_a_block_of_nuls_between_lines_does_not_stop_the_tail(tmp_path: Path) -> None:
    log = tmp_path / "till.log"  # a till switched off mid-write
    log.write_bytes(b"before\n" + bytes(2048) + b"\nafter\n")
    with Tailer(log, StartAt.BEGINNING) as t:
        r = t.poll()
        assert r.state is SourceState.WATCHING
        assert r.lines[0] == b"before" and r.lines[-1] == b"after"
