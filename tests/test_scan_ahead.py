"""The forked scanning process prepares exactly what the importer would prepare itself."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from stacklens_desktop.core.analyzer import Analyzer
from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.reading import UnreadableFileError, open_log, read_text_sample
from stacklens_desktop.core.scanner import RecordScanner
from stacklens_desktop.importer import import_file
from stacklens_desktop.intelligence import build_judge
from stacklens_desktop.paths import database_path
from stacklens_desktop.scan_ahead import (
    Prepared,
    ScanAhead,
    ScanAheadError,
    peek_resume_point,
    prepare_chunks,
)
from stacklens_desktop.scan_ahead import outbox as outbox_module
from stacklens_desktop.scan_ahead.outbox import Outbox
from stacklens_desktop.store import open_store
from tests.bench.loggen import generate


@pytest.fixture(scope="module")
def big_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 10 MB: three 4 MiB chunks, records (stack traces too) across their seams."""
    path = tmp_path_factory.mktemp("logs") / "pos.log"
    generate(path, 100_000, error_share=0.2)
    return path


def _in_process(path: Path, start: int = 0, first_line_no: int = 1) -> list[Prepared]:
    fmt = detect_format(read_text_sample(path))
    with open_log(path) as stream:
        return list(prepare_chunks(stream, start, RecordScanner(fmt, first_line_no),
                                   Analyzer(fmt=fmt, judge=None)))


def _forked(path: Path, start: int = 0, first_line_no: int = 1) -> list[Prepared]:
    ahead = ScanAhead(path, start, first_line_no, detect_format(read_text_sample(path)))
    try:
        return list(ahead.results())
    finally:
        ahead.close()


def _summary(items: list[Prepared]) -> list[tuple]:
    return [(item.lines, item.offset, item.read_to,
             [(m.fingerprint, m.template, m.params, m.merged_from, m.record.offset,
               m.record.line_no, m.record.text, m.record.level, m.record.fields,
               m.record.frames) for m in item.mined])
            for item in items]


def test_forked_equals_in_process(big_log: Path) -> None:
    here, there = _in_process(big_log), _forked(big_log)
    assert len(here) >= 3
    assert sum(len(i.mined) for i in there) > 15_000
    assert _summary(there) == _summary(here)


def test_forked_from_a_resume_point(big_log: Path) -> None:
    first = _in_process(big_log)[0]  # resume where the first commit would stop
    lines = first.lines
    assert _summary(_forked(big_log, first.offset, lines + 1)) == _summary(
        _in_process(big_log, first.offset, lines + 1))


def test_damaged_input_in_the_child_is_the_importers_readable_error(tmp_path: Path,
                                                                    big_log: Path) -> None:
    damaged = tmp_path / "pos.log.gz"
    blob = gzip.compress(big_log.read_bytes())
    damaged.write_bytes(blob[: len(blob) // 2])  # a download cut in the middle
    ahead = ScanAhead(damaged, 0, 1, detect_format(read_text_sample(big_log)))
    try:
        with pytest.raises(UnreadableFileError, match="pos.log.gz: unreadable after"):
            list(ahead.results())
    finally:
        ahead.close()


def test_a_child_that_dies_is_a_readable_error(big_log: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outbox_module, "OUTBOX_BYTES", 1)  # it waits for us after a chunk
    ahead = ScanAhead(big_log, 0, 1, detect_format(read_text_sample(big_log)))
    try:
        assert ahead._pid is not None
        os.kill(ahead._pid, signal.SIGKILL)
        with pytest.raises(ScanAheadError, match="ended unexpectedly"):
            list(ahead.results())
    finally:
        ahead.close()


def test_importer_drops_a_child_reading_a_file_since_rotated(tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    generate(log, 2_000, error_share=0.2)
    old = ScanAhead(log, 0, 1, detect_format(read_text_sample(log)))
    log.rename(tmp_path / "pos.log.1")
    log.write_text('2026-11-26T10:00:00.000Z [ERROR] Product has no price: '
                   '{"productId":999,"productName":"Premium Item"}\n')
    store = open_store(tmp_path / "profile")
    try:
        summary = import_file(store, log, build_judge(tmp_path / "profile", store.engine),
                              ahead=old)
    finally:
        store.close()
    assert (summary.lines, summary.errors) == (1, 1)  # the new file, not the child's


def test_close_stops_and_reaps_a_child_that_still_works(big_log: Path) -> None:
    ahead = ScanAhead(big_log, 0, 1, detect_format(read_text_sample(big_log)))
    next(iter(ahead.results()))
    pid = ahead._pid
    assert pid is not None
    ahead.close()
    ahead.close()  # twice is harmless
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie left behind


def test_importer_drops_a_child_that_started_elsewhere(tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    generate(log, 3_000, error_share=0.2)
    store = open_store(tmp_path / "profile")
    try:
        judge = build_judge(tmp_path / "profile", store.engine)
        first = import_file(store, log, judge)
        with log.open("a", encoding="utf-8") as out:
            out.write('2026-11-26T10:00:00.000Z [ERROR] Product has no price: '
                      '{"productId":999,"productName":"Premium Item"}\n')
        stale = ScanAhead(log, 0, 1, detect_format(read_text_sample(log)))  # from the start
        second = import_file(store, log, judge, ahead=stale)
    finally:
        store.close()
    assert first.errors > 100
    assert (second.resumed_from, second.lines, second.errors) == (
        log.stat().st_size - len(log.read_text().splitlines(True)[-1].encode()), 1, 1)


def test_peek_resume_point_reads_what_the_store_says(tmp_path: Path) -> None:
    profile, log = tmp_path / "profile", tmp_path / "pos.log"
    generate(log, 2_000)
    info = log.stat()
    assert peek_resume_point(database_path(profile), str(log), info.st_ino, info.st_size) == (
        0, 0)  # no database yet
    store = open_store(profile)
    try:
        import_file(store, log, build_judge(profile, store.engine))
    finally:
        store.close()
    size = info.st_size
    assert peek_resume_point(database_path(profile), str(log), info.st_ino, size) == (
        size, 2_000)
    assert peek_resume_point(database_path(profile), str(log), info.st_ino + 1, size) == (0, 0)
    assert peek_resume_point(database_path(profile), str(log), info.st_ino, size - 1) == (0, 0)


def _analyze(log: Path, profile: Path, scan_ahead: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "stacklens_desktop", "analyze", str(log), "--json",
         "--data-dir", str(profile)], capture_output=True, text=True, timeout=300, check=True,
        env={**os.environ, "STACKLENS_SCAN_AHEAD": scan_ahead})
    return json.loads(done.stdout)


def test_cli_gives_the_same_answer_both_ways_also_when_resuming(tmp_path: Path,
                                                                big_log: Path) -> None:
    log = tmp_path / "pos.log"
    data = big_log.read_bytes()
    log.write_bytes(data[: len(data) // 2])
    runs: dict[str, list[dict]] = {}
    for mode in ("0", "1"):
        log.write_bytes(data[: len(data) // 2])
        first = _analyze(log, tmp_path / f"profile-{mode}", mode)
        log.write_bytes(data)  # the rest arrives: the second run resumes
        runs[mode] = [first, _analyze(log, tmp_path / f"profile-{mode}", mode)]
    assert runs["1"] == runs["0"]
    assert runs["1"][1]["lines"] > 40_000 and runs["1"][1]["errors"] > 5_000


def test_outbox_bounds_what_the_child_holds() -> None:
    outbox = Outbox(limit=100)
    outbox.put(b"a" * 60)
    late = threading.Thread(target=outbox.put, args=(b"b" * 60,))
    late.start()
    late.join(timeout=0.2)
    assert late.is_alive()  # 120 bytes would exceed the limit: the producer waits
    assert outbox.get() == b"a" * 60
    late.join(timeout=10)
    assert not late.is_alive()
    assert outbox.get() == b"b" * 60


def test_a_tiny_outbox_still_delivers_everything(big_log: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outbox_module, "OUTBOX_BYTES", 1)  # the forked child inherits it
    assert _summary(_forked(big_log)) == _summary(_in_process(big_log))
