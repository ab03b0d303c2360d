"""Syslog RFC 3164 (with and without priority, RFC 3339 files) and RFC 5424."""

from __future__ import annotations

import pytest

from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.formats.syslog import SYSLOG, SYSLOG_5424, pri_level, structured_data


def test_rfc3164_with_priority() -> None:
    header = SYSLOG.parse("<34>Oct 11 22:14:15 mymachine su[123]: 'su root' failed for lonvick")
    assert header is not None
    assert (header.level, header.timestamp, header.host, header.source, header.message) == (
        "FATAL", "Oct 11 22:14:15", "mymachine", "su", "'su root' failed for lonvick")
    assert header.fields == {"pid": 123}


def test_var_log_syslog_line_without_priority_takes_keyword_level() -> None:
    header = SYSLOG.parse("Nov  5 10:00:00 host program[42]: error: disk full")
    assert header is not None
    assert (header.timestamp, header.host, header.source, header.level, header.message) == (
        "Nov  5 10:00:00", "host", "program", "ERROR", "error: disk full")
    plain = SYSLOG.parse("Nov 25 10:00:00 host systemd[1]: Started Session 4 of user pos.")
    assert plain is not None and plain.level is None


def test_rsyslog_rfc3339_file_and_tag_without_pid() -> None:
    header = SYSLOG.parse("2026-11-25T10:00:00.123456+01:00 pos-42 kernel: usb 1-2: reset")
    assert header is not None
    assert (header.timestamp, header.host, header.source, header.message, header.fields) == (
        "2026-11-25T10:00:00.123456+01:00", "pos-42", "kernel", "usb 1-2: reset", {})


@pytest.mark.parametrize(("pri", "level"), [
    ("0", "FATAL"), ("11", "ERROR"), ("12", "WARN"), ("13", "NOTICE"), ("14", "INFO"),
    ("15", "DEBUG"), ("191", "DEBUG"), ("192", None), (None, None),
])
def test_priority_to_level(pri: str | None, level: str | None) -> None:
    assert pri_level(pri) == level


def test_rfc5424_with_structured_data() -> None:
    line = ('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 '
            '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"]'
            '[examplePriority@32473 class="high"] An application event log entry...')
    header = SYSLOG_5424.parse(line)
    assert header is not None
    assert (header.level, header.timestamp, header.host, header.source, header.message) == (
        "NOTICE", "2003-10-11T22:14:15.003Z", "mymachine.example.com", "evntslog",
        "An application event log entry...")
    assert header.fields == {
        "msgid": "ID47",
        "exampleSDID@32473": {"iut": "3", "eventSource": "Application", "eventID": "1011"},
        "examplePriority@32473": {"class": "high"},
    }


def test_rfc5424_nil_values_escapes_and_bom() -> None:
    line = ('<11>1 - - app 99 - [x@1 note="a \\"quoted\\" \\] bracket"] \ufeffdisk failed')
    header = SYSLOG_5424.parse(line)
    assert header is not None
    assert (header.timestamp, header.host, header.level, header.message) == (
        None, None, "ERROR", "disk failed")
    assert header.fields == {"procid": "99", "x@1": {"note": 'a "quoted" ] bracket'}}
    no_msg = SYSLOG_5424.parse("<14>1 2026-11-25T10:00:00Z h app - - -")
    assert no_msg is not None and no_msg.message == "" and no_msg.fields == {}


def test_structured_data_parser_alone() -> None:
    assert structured_data('[a b="1"][c]') == {"a": {"b": "1"}, "c": {}}


def test_rfc5424_is_not_read_as_3164() -> None:
    assert SYSLOG.parse("<165>1 2003-10-11T22:14:15.003Z host app - - - msg") is None
    assert SYSLOG_5424.parse("<34>Oct 11 22:14:15 mymachine su: failed") is None


def test_warn_regexes_use_the_priority() -> None:
    warn = [b"<11>1 2026-11-25T10:00:00Z h a - - - x", b"<12>Oct 11 22:14:15 h a: x",
            b"<165>1 2026-11-25T10:00:00Z h a - - - error: but notice"]
    assert [bool(SYSLOG_5424.warn_or_above.search(line)) for line in warn] == [True, True, False]


def test_detection_specializes_the_scan_per_file() -> None:
    with_pri = ["<34>Oct 11 22:14:15 mymachine su[1]: x", "<13>Oct 11 22:14:16 m cron[2]: y"]
    fmt = detect_format(with_pri)
    assert fmt.name == "syslog"
    assert not fmt.warn_or_above.search(b"<13>Oct 11 22:14:16 m cron[2]: ERROR in text")
    plain = ["Nov 25 10:00:00 h a[1]: ok", "Nov 25 10:00:01 h a[1]: WARNING low disk"]
    fmt = detect_format(plain)
    assert fmt.name == "syslog"
    assert fmt.warn_or_above.search(plain[1].encode())
    assert not fmt.warn_or_above.search(plain[0].encode())


def test_an_address_after_the_host_is_not_a_syslog_tag() -> None:
    """AWS ELB lines start with an RFC 3339 stamp and a name, like rsyslog's files, but
    what follows is an address, not a program: the format is not syslog."""
    from stacklens_desktop.core.formats import detect_format

    elb = ('2014-02-15T23:39:43.945958Z my-test-loadbalancer 192.168.131.39:2817 '
           '10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/'
           ' HTTP/1.1"')
    assert detect_format([elb]).name != "syslog"
    tagged = "2014-02-15T23:39:43.945958Z pos-7 sshd[22]: Accepted publickey for till"
    assert detect_format([tagged]).name == "syslog"
