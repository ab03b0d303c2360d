"""One writer per database per process: every write runs on its thread, in order; the
reading connections refuse writes, so nothing can go around it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from stacklens_desktop.store import executor as executors
from stacklens_desktop.store import open_store


def test_writes_from_many_threads_run_on_one_thread_in_order(tmp_path: Path) -> None:
    first, second = open_store(tmp_path), open_store(tmp_path)
    assert first.executor is second.executor  # one writer for the file, whoever opened it
    seen: list[tuple[str, int]] = []

    def insert(n: int):  # noqa: ANN202
        def run(conn: Connection) -> None:
            seen.append((threading.current_thread().name, n))
            conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES (?, ?)", (f"k{n}", "v"))
        return run

    threads = [threading.Thread(target=lambda n=n: (first if n % 2 else second).write(insert(n)))
               for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with first.engine.connect() as conn:
        (count,) = conn.exec_driver_sql("SELECT COUNT(*) FROM setting").one()
    first.close()
    second.close()
    assert count == 40
    assert {name for name, _ in seen} == {f"stacklens-db-writer:{tmp_path / 'stacklens.db'}"}
    assert [n for _, n in seen] != []


def test_reading_connections_refuse_writes(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        with pytest.raises(OperationalError, match="readonly"), store.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('x', 'y')")
    finally:
        store.close()


def test_a_failed_write_rolls_back_and_the_writer_goes_on(tmp_path: Path) -> None:
    store = open_store(tmp_path)

    def half(conn: Connection) -> None:
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('a', '1')")
        raise ValueError("no")

    try:
        with pytest.raises(ValueError):
            store.write(half)
        store.write(lambda conn: conn.exec_driver_sql(
            "INSERT INTO setting (key, value) VALUES ('b', '2')"))
        with store.engine.connect() as conn:
            keys = [k for (k,) in conn.exec_driver_sql("SELECT key FROM setting")]
    finally:
        store.close()
    assert keys == ["b"]


def test_the_writer_thread_ends_with_the_last_store(tmp_path: Path) -> None:
    a, b = open_store(tmp_path), open_store(tmp_path)
    database = str(tmp_path / "stacklens.db")
    name = f"stacklens-db-writer:{database}"
    a.write(lambda conn: None)
    a.close()
    assert any(t.name == name and t.is_alive() for t in threading.enumerate())
    b.close()
    assert database not in executors._executors
    assert not any(t.name == name and t.is_alive() for t in threading.enumerate())
