"""Regression corpus of real logs: what StackLens reads in each file stays as recorded.

Files from public projects' test data (licences in ``SOURCES.md``): 33 files, 20+ formats
(web access logs, syslog, RFC 5424, bunyan JSON, rsyncd, vsftpd, MySQL slow log, MongoDB,
Redis, HAProxy, Squid, Nagios, Exim, Bro, Bacula, Cisco ASA, AWS, and bare stack traces of
Java, Python, Go, .NET, Ruby/Rails, Node, PHP, Dart). For each: the format detected, lines,
records handed on (error candidates), their levels, first and last time, distinct patterns.

A change that alters one of these on purpose records the new figures with
``python -m tests.corpus.reallogs.observe > tests/corpus/reallogs/expected.json`` and says
why in its commit.
"""

from __future__ import annotations

import json

import pytest

from tests.corpus.reallogs.observe import EXPECTED, HERE, corpus_files, observe

RECORDED = json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_corpus_is_as_large_as_promised() -> None:
    files = corpus_files()
    assert len(files) >= 30 and set(files) == set(RECORDED)
    sources = (HERE / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in sources for name in files), "every file has its licence noted"


@pytest.mark.parametrize("name", corpus_files())
def test_file_reads_as_recorded(name: str) -> None:
    assert observe(name) == RECORDED[name]


@pytest.mark.parametrize(("name", "records"), [
    ("detect-exceptions/java.log", 3),  # printStackTrace output: one record per trace
    ("detect-exceptions/python.log", 1),  # the traceback through its final line
    ("detect-exceptions/go.log", 3),  # panic dumps with goroutines
    ("detect-exceptions/csharp.log", 3),  # inner exceptions and async stack joins
    ("detect-exceptions/ruby.log", 2),  # Rails writes its exceptions one space in
    ("detect-exceptions/node.log", 3),
    ("detect-exceptions/php.log", 2),
])
def test_bare_traces_are_one_record_each(name: str, records: int) -> None:
    assert observe(name)["records"] == records


def test_year_less_syslog_gets_the_reference_year() -> None:
    assert observe("mtail/sftp_chroot.log")["first"] == "2026-08-19T02:16:39"
