"""``stacklens templates`` end to end: the real CLI in a subprocess on files in a temp dir."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def templates(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stacklens_desktop", "templates", *args,
         "--data-dir", str(data_dir)],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )


def rows(stdout: str) -> list[tuple[int, int, str]]:
    out = []
    for line in stdout.splitlines():
        number, pattern, template = line.split("\t")
        out.append((int(number), int(pattern), template))
    return out


def test_raw_prints_every_line_with_its_final_pattern(tmp_path: Path) -> None:
    log = tmp_path / "messages.log"
    log.write_text(
        "Till 3 connected\nProduct 999 has no price\nProduct 12 has no price\n"
        "Till 4 connected\n\nProduct 7 has no price\n",
        encoding="utf-8",
    )
    done = templates(str(log), "--raw", data_dir=tmp_path / "profile")
    assert done.returncode == 0, done.stderr
    got = rows(done.stdout)
    assert [r[0] for r in got] == [1, 2, 3, 4, 5, 6]
    product = {r[1] for r in got if r[0] in (2, 3, 6)}
    assert len(product) == 1
    assert got[1][2] == "Product <*> has no price"
    assert got[0][1] == got[3][1] and got[0][2] == "Till <*> connected"
    assert got[4][2] == "" and got[4][1] not in product


def test_final_template_is_printed_even_for_lines_mined_before_it_generalised(
    tmp_path: Path,
) -> None:
    log = tmp_path / "sync.log"
    log.write_text("Sync of 3 items done\nSync of 4 items 12 KB done\n", encoding="utf-8")
    got = rows(templates(str(log), "--raw", data_dir=tmp_path / "p").stdout)
    assert got[0][1:] == got[1][1:] == (got[0][1], "Sync of <*> items <*> done")


def test_without_raw_the_header_is_parsed_off(tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    log.write_bytes(
        b'2026-11-25T10:00:00.000Z [ERROR] Product 999 has no price: {"sku": 1}\r\n'
        b'2026-11-25T10:00:05.000Z [ERROR] Product 12 has no price: {"sku": 2}\r\n'
        b"2026-11-25T10:00:09.000Z [INFO] Till 3 opened by \xff\xfe\r\n"
    )
    done = templates(str(log), data_dir=tmp_path / "profile")
    assert done.returncode == 0, done.stderr
    got = rows(done.stdout)
    assert got[0][1] == got[1][1]
    assert got[0][2].startswith("Product <*> has no price")
    assert "2026" not in done.stdout and "[ERROR]" not in done.stdout
    assert got[2][2].startswith("Till <*> opened by")  # invalid UTF-8 replaced, not fatal


def test_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    done = templates(str(tmp_path / "nope.log"), "--raw", data_dir=tmp_path / "p")
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "nope.log" in done.stderr and "no such file" in done.stderr


def test_a_directory_is_refused_with_exit_2(tmp_path: Path) -> None:
    done = templates(str(tmp_path), data_dir=tmp_path / "p")
    assert done.returncode == 2
    assert "is a directory, not a log file" in done.stderr  # the words analyze uses
