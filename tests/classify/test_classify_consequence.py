"""Consequence and scope cues, and the quiet-notice rule."""

from __future__ import annotations

import pytest

from stacklens_desktop.core.classify.consequence import consequence_tokens


@pytest.mark.parametrize(("text", "level", "expected"), [
    ("Deployment pos-api has 0 of 8 replicas available", "WARN", "__scope_none_of_n"),
    ("3 of 3 attempts failed, giving up", "ERROR", "__scope_n_of_n"),
    ("2/5 nodes answered", "WARN", "__scope_some_of_n"),
    ("0/3 nodes are available: 3 Insufficient memory", "WARN", "__scope_none_of_n"),
    ("health check failed 5 times in a row", "ERROR", "__scope_in_a_row"),
    ("pos-api.service: Start request repeated too quickly.", None, "__cons_startup_fail"),
    ("Out of memory: Killed process 4121 (java)", None, "__cons_killed"),
    ("Main process exited, code=killed, status=9/KILL", None, "__cons_killed"),
    ("message moved to dead-letter queue after 5 attempts", "WARN", "__cons_dead_letter"),
    ("upload failed, will retry in 30 s", "WARN", "__cons_will_retry"),
    ("payment succeeded on retry", "WARN", "__cons_recovered"),
    ("could not write: No space left on device", "ERROR", "__cons_writes_blocked"),
    ("MISCONF Redis is configured to save RDB snapshots", None, "__cons_writes_blocked"),
    ("tax service down, falling back to cached rates", "WARN", "__cons_still_serving"),
    ("batch done: errors=0 killed: 0", "INFO", "__cons_zero_failures"),
    ("blk_update_request: I/O error, dev sda, sector 81244", None, "__cons_type_io"),
    ("new row violates check constraint \"qty_positive\"", "ERROR", "__cons_type_constraint"),
    ("invalid byte sequence for encoding \"UTF8\": 0xe9", "ERROR", "__cons_type_charset"),
    ("open() \"/etc/nginx/conf.d/ssl.conf\" failed (2: No such file or directory)", "ERROR",
     "__cons_type_config_path"),
    ("invalid memory address or nil pointer dereference", "ERROR", "__cons_type_null"),
    ("upstream timed out (110: Connection timed out) while reading response header from "
     "upstream", "ERROR", "__cons_type_upstream"),
])
def test_cues(text: str, level: str | None, expected: str) -> None:
    assert expected in consequence_tokens(text, level)


def test_times_and_percentages_are_not_counts() -> None:
    assert consequence_tokens("run at 10:00, 24/7 schedule, 50 of 100%", "INFO").count(
        "__scope_some_of_n") <= 1
    assert "__scope_n_of_n" not in consequence_tokens("between 12/12 and 24/24", "INFO")


@pytest.mark.parametrize(("text", "level", "quiet"), [
    ("Log every 3, iteration 19", "INFO", True),
    ("Configuration Notice: CA certificate is self signed", "NOTICE", True),
    ("checkout stats: orders=4121 failed=0 errors=0", "INFO", True),
    ("Started PosApiApplication in 7.4 seconds", "INFO", True),
    ("Deployment pos-api has 0 of 8 replicas available", "INFO", False),
    ("payment failed for order ORD-1", "INFO", False),
    ("disk 97% full on /var/lib/postgresql", "INFO", False),
    ("Log every 3, iteration 19", "WARN", False),  # above a notice level
    ("Log every 3, iteration 19", None, False),  # no level word
])
def test_a_notice_that_names_no_failure_is_marked(text: str, level: str | None,
                                                  quiet: bool) -> None:
    """A feature, not a rule: a hard cap at low for these cost 0.003 severity macro-F1 on
    leave-one-set-out and 0.016 on the grouped CV (INFO lines about outages worded without
    failure words: "customers locked out", "0 labels printed", "selling at 0.000")."""
    assert ("__quiet_notice" in consequence_tokens(text, level)) is quiet


def test_a_short_quiet_notice_is_at_most_low() -> None:
    import numpy as np

    from stacklens_desktop.core.classify.quiet import cap_quiet, is_quiet
    from stacklens_desktop.core.record import Record

    glog = Record(text="I1206 10:00:01.123456  4121 worker.cc:88] Log every 3, iteration 19",
                  message="Log every 3, iteration 19", level="INFO")
    failing = Record(text="I1206 payment failed", message="payment failed", level="INFO")
    long_trap = Record(text="x", level="INFO", message="release 4.12.0 rolled out to 40 "
                       "stores; lanes rebooting in a loop (boot count 58), 0 self-checkout "
                       "lanes usable")
    assert is_quiet(glog) and not is_quiet(failing) and not is_quiet(long_trap)
    classes = ["critical", "high", "low", "medium"]
    p = np.array([[0.7, 0.2, 0.05, 0.05]] * 3)
    capped = cap_quiet(p, classes, [glog, failing, long_trap])
    assert capped[0].tolist() == [0.0, 0.0, 1.0, 0.0]
    assert capped[1:].tolist() == p[1:].tolist() and p[0, 0] == 0.7  # input untouched


def test_both_predictors_keep_the_issues_notices_quiet(model, tmp_path) -> None:  # noqa: ANN001
    from stacklens_desktop.core.classify import record_from_text
    from stacklens_desktop.core.classify.export import export

    texts = ["I1206 10:00:01.123456  4121 worker.cc:88] Log every 3, iteration 19",
             "Dec  6 10:00:01 pos-mac-07 configd[412]: Configuration Notice: CA certificate "
             "is self signed"]
    records = [record_from_text(t) for t in texts]
    for predictor in (model, export(model)):
        assert [p.severity for p in predictor.predict(records)] == ["low", "low"]
