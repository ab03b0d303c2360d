"""Bad input on the command line: one line saying why, exit 2, nothing else lost."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.cli.test_analyze_cli import stacklens, write_pos_log
from tests.cli.test_watch_cli import _stop, _watch

ERROR = "2024-05-01 10:00:00,123 ERROR [main] c.s.Till - Printer offline on till 7\n"


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_a_corrupt_gzip_among_several_files(tmp_path: Path) -> None:
    good = tmp_path / "pos.log"
    write_pos_log(good)
    blob = gzip.compress(good.read_bytes())
    bad = tmp_path / "old.log.gz"
    bad.write_bytes(blob[: len(blob) // 2] + b"\x00garbage")
    result = stacklens("analyze", str(bad), str(good), data_dir=tmp_path / "p")
    assert result.returncode == 2
    assert "old.log.gz" in _one_line(result.stderr)
    assert f"{good}: " in result.stdout  # the other file was analysed and printed


def test_templates_reads_like_analyze(tmp_path: Path) -> None:
    gz = tmp_path / "t.log.gz"
    gz.write_bytes(gzip.compress(b"till 1 up\ntill 2 up\n"))
    u16 = tmp_path / "u16.log"
    u16.write_bytes("till 3 up\r\ntill 4 up\r\n".encode("utf-16"))
    for path in (gz, u16):
        done = stacklens("templates", "--raw", str(path), data_dir=tmp_path / "p")
        assert done.returncode == 0, done.stderr
        assert [row.split("\t")[2] for row in done.stdout.splitlines()] == ["till <*> up"] * 2
    binary = tmp_path / "core.log"
    binary.write_bytes(bytes(range(256)) * 4)
    done = stacklens("templates", "--raw", str(binary), data_dir=tmp_path / "p")
    assert done.returncode == 2 and "binary" in _one_line(done.stderr)


def test_classify_stops_at_bad_bytes_keeping_the_verdicts_made(tmp_path: Path) -> None:
    lines = json.dumps(ERROR).encode() + b"\n" + b'"bad \xff\xfe bytes"\n' + \
        json.dumps(ERROR).encode() + b"\n"
    done = subprocess.run(
        [sys.executable, "-m", "stacklens_desktop", "classify", "--data-dir",
         str(tmp_path / "p")], input=lines, capture_output=True, timeout=300,
        env={**os.environ})
    assert done.returncode == 2
    assert "line 2: not UTF-8" in _one_line(done.stderr.decode())
    verdicts = [json.loads(row) for row in done.stdout.decode().splitlines()]
    assert len(verdicts) == 1 and verdicts[0]["severity"]


def test_sandbox_port_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stacklens_desktop", "jira", "sandbox", "--port", "99999"],
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "port must be 0-65535" in done.stderr


def test_watch_on_a_glob_matching_nothing_says_it_is_waiting(tmp_path: Path) -> None:
    pattern = str(tmp_path / "logs" / "*.log")
    proc = _watch(tmp_path / "p", pattern)
    try:
        said = [proc.stderr.readline().strip() for _ in range(1)]
        while said[-1] and "waiting" not in said[-1] and len(said) < 20:
            said.append(proc.stderr.readline().strip())
        assert said[-1] == f"source {pattern}: waiting (no file matches yet)", said
    finally:
        _stop(proc)
    assert proc.returncode == 0


def test_a_record_cut_at_the_size_limit_is_reported(tmp_path: Path) -> None:
    log = tmp_path / "dump.log"
    frames = "".join(f"\tat com.shop.Frame.number{i}(Frame.java:1)\n" for i in range(12_000))
    log.write_text(ERROR + frames + ERROR.replace("ERROR", "INFO "))
    done = stacklens("analyze", str(log), data_dir=tmp_path / "p")
    assert done.returncode == 0, done.stderr
    assert f"{log}: 1 record over 256 KiB cut at that size" in done.stdout
    doc = json.loads(stacklens("analyze", str(log), "--json", data_dir=tmp_path / "q").stdout)
    assert doc["notes"] == [f"{log}: 1 record over 256 KiB cut at that size (the rest of "
                            "each is not analysed)"]


def test_a_file_truncated_while_it_is_analysed_is_reported(tmp_path: Path) -> None:
    from stacklens_desktop.cli.cmd_analyze import import_notes
    from stacklens_desktop.importer import import_file
    from stacklens_desktop.intelligence import build_judge
    from stacklens_desktop.store import open_store

    log = tmp_path / "pos.log"
    log.write_text(ERROR * 200_000)  # several chunks: progress is called between them

    def truncate_on_first_progress(done: int, total: int) -> None:
        if log.stat().st_size:
            log.write_text("")

    store = open_store(tmp_path / "p")
    try:
        summary = import_file(store, log, build_judge(tmp_path / "p", store.engine),
                              progress=truncate_on_first_progress)
    finally:
        store.close()
    assert summary.shrank
    assert any("shrank while it was read" in note for note in import_notes(summary))


def test_templates_on_a_gzip_damaged_midway_is_one_line(tmp_path: Path) -> None:
    text = "".join(f"till {n} printed receipt {n * 7}\n" for n in range(200_000)).encode()
    blob = gzip.compress(text)
    log = tmp_path / "old.log.gz"
    log.write_bytes(blob[: len(blob) // 2])  # cut short: fine at the start, broken later
    done = stacklens("templates", "--raw", str(log), data_dir=tmp_path / "p")
    assert done.returncode == 2
    assert "old.log.gz" in _one_line(done.stderr)
