"""nginx and Apache httpd error logs."""

from __future__ import annotations

import pytest

from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.formats.apache import APACHE_ERROR
from stacklens_desktop.core.formats.nginx import NGINX_ERROR, split_context

NGINX_LINE = (
    '2026/11/25 10:00:00 [error] 1234#1234: *5 connect() failed (111: Connection refused) '
    'while connecting to upstream, client: 1.2.3.4, server: x, request: "GET / HTTP/1.1", '
    'upstream: "http://127.0.0.1:8080/", host: "x"'
)


def test_nginx_context_pairs_become_fields() -> None:
    header = NGINX_ERROR.parse(NGINX_LINE)
    assert header is not None
    assert (header.timestamp, header.level, header.source) == (
        "2026-11-25T10:00:00", "ERROR", "nginx")
    assert header.message == (
        "connect() failed (111: Connection refused) while connecting to upstream")
    assert header.fields == {
        "pid": 1234, "tid": 1234, "connection": 5, "client": "1.2.3.4", "server": "x",
        "request": "GET / HTTP/1.1", "upstream": "http://127.0.0.1:8080/", "host": "x",
    }


@pytest.mark.parametrize(("word", "level"), [
    ("debug", "DEBUG"), ("info", "INFO"), ("notice", "NOTICE"), ("warn", "WARN"),
    ("error", "ERROR"), ("crit", "FATAL"), ("alert", "FATAL"), ("emerg", "FATAL"),
])
def test_nginx_levels(word: str, level: str) -> None:
    line = f"2026/11/25 10:00:00 [{word}] 7#7: worker process 8 exited on signal 9"
    header = NGINX_ERROR.parse(line)
    assert header is not None and header.level == level
    assert header.message == "worker process 8 exited on signal 9"
    assert bool(NGINX_ERROR.warn_or_above.search(line.encode())) == (
        level in ("WARN", "ERROR", "FATAL"))


def test_nginx_message_without_context_or_with_commas_is_kept() -> None:
    assert split_context("a, b, c") == ("a, b, c", {})
    message = 'open() "/x" failed (2: No such file), client: 1.2.3.4, server: s, host: "h"'
    assert split_context(message) == ('open() "/x" failed (2: No such file)',
                                      {"client": "1.2.3.4", "server": "s", "host": "h"})
    broken = 'upstream timed out, client: 1.2.3.4, then free text'
    assert split_context(broken) == (broken, {})


def test_nginx_stream_module_byte_counts_stay_in_the_message() -> None:
    line = ("2026/11/25 10:00:00 [info] 7#7: *3 upstream disconnected, bytes from/to "
            "client:120/0, bytes from/to upstream:0/120 while proxying upstream, "
            "client: 10.0.4.17, server: 0.0.0.0:5432, upstream: \"10.0.0.5:5432\"")
    header = NGINX_ERROR.parse(line)
    assert header is not None
    assert header.message == ("upstream disconnected, bytes from/to client:120/0, bytes "
                              "from/to upstream:0/120 while proxying upstream")
    assert header.fields == {"pid": 7, "tid": 7, "connection": 3, "client": "10.0.4.17",
                             "server": "0.0.0.0:5432", "upstream": "10.0.0.5:5432"}


def test_apache_24_line() -> None:
    line = ("[Wed Nov 25 10:00:00.123456 2026] [core:error] [pid 1234:tid 5678] "
            "[client 1.2.3.4:5678] AH00124: Request exceeded the limit of 10 internal redirects")
    header = APACHE_ERROR.parse(line)
    assert header is not None
    assert (header.timestamp, header.level, header.source, header.message) == (
        "2026-11-25T10:00:00.123456", "ERROR", "core",
        "Request exceeded the limit of 10 internal redirects")
    assert header.fields == {"pid": 1234, "tid": 5678, "client": "1.2.3.4:5678",
                             "code": "AH00124"}


def test_apache_os_error_before_client_and_22_style() -> None:
    line = ("[Wed Nov 25 10:00:04.551023 2026] [proxy:error] [pid 912:tid 140388] "
            "(111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:8080 failed")
    header = APACHE_ERROR.parse(line)
    assert header is not None
    assert header.message == (
        "(111)Connection refused: http: attempt to connect to 127.0.0.1:8080 failed")
    assert header.fields["code"] == "AH00957"
    old = APACHE_ERROR.parse("[Wed Nov 25 10:00:14 2026] [error] [client 10.0.4.20] "
                             "File does not exist: /var/www/html/robots.txt")
    assert old is not None
    assert (old.timestamp, old.level, old.source, old.fields) == (
        "2026-11-25T10:00:14", "ERROR", None, {"client": "10.0.4.20"})


@pytest.mark.parametrize(("word", "level", "warn"), [
    ("core:warn", "WARN", True), ("ssl:crit", "FATAL", True), ("mpm_event:notice", "NOTICE",
                                                                 False),
    ("rewrite:trace3", "TRACE", False), (":error", "ERROR", True), ("info", "INFO", False),
])
def test_apache_levels(word: str, level: str, warn: bool) -> None:
    line = f"[Wed Nov 25 10:00:00 2026] [{word}] [pid 1] x"
    header = APACHE_ERROR.parse(line)
    assert header is not None and header.level == level
    assert bool(APACHE_ERROR.warn_or_above.search(line.encode())) is warn


def test_detection() -> None:
    assert detect_format([NGINX_LINE]).name == "nginx-error"
    assert detect_format(["[Wed Nov 25 10:00:14 2026] [error] [client 1.2.3.4] x"]).name == (
        "apache-error")
