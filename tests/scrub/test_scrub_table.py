"""The redaction table (tests/scrub/cases.py) checked where a secret could end up: the
scrubbed text, the rows ``stacklens analyze`` stores (events, patterns, templates), Jira
create bodies and comments (ADF and wiki), built from the store and straight from the raw
line, and ``stacklens watch --jsonl``. Words that are not values stay readable."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from stacklens_desktop.core.scrub import DEFAULT_RULES, Scrubber, ScrubRules, scrub_text
from stacklens_desktop.jira.models import Deployment
from stacklens_desktop.jira.payloads import TicketOptions, build_comment, build_create_payload
from stacklens_desktop.jira.report import OccurrenceUpdate, TicketReport
from tests.scrub.cases import CASES, Case, leaks, log_line
from tests.scrub.sinks import cli, jira_bodies, stored_rows, watch_jsonl

Sinks = dict[str, list[str]]


@pytest.fixture(scope="module")
def case_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    log = tmp_path_factory.mktemp("table") / "pos-application.log"
    log.write_text("".join(log_line(i, case) for i, case in enumerate(CASES)))
    return log


@pytest.fixture(scope="module")
def sinks(case_log: Path, tmp_path_factory: pytest.TempPathFactory) -> Sinks:
    profile = tmp_path_factory.mktemp("analyze")
    cli("analyze", str(case_log), "--data-dir", str(profile))
    db = profile / "stacklens.db"
    out = {**stored_rows(db), **jira_bodies(db)}
    assert len(out["event raw"]) == len(CASES), "every line is stored once"
    watched = watch_jsonl(case_log, tmp_path_factory.mktemp("watch"), len(CASES))
    out["watch --jsonl"] = watched.splitlines()
    assert len(out["watch --jsonl"]) == len(CASES)
    return out


def _ids(case: Case) -> str:
    return case.name


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 80
    assert sum(1 for c in CASES if c.keep) >= 20


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_scrubbed_text(case: Case) -> None:
    out = scrub_text(case.message)
    for secret in case.secrets:
        assert not leaks(out, secret), out
        assert "#" in out or "[" in out
    for word in case.keep:
        assert word in out
    assert scrub_text(out) == out, "scrubbing twice changes nothing"


@pytest.mark.parametrize("case", [c for c in CASES if c.secrets], ids=_ids)
def test_no_secret_in_any_sink(case: Case, sinks: Sinks) -> None:
    for sink, texts in sinks.items():
        blob = "\n".join(texts)
        for secret in case.secrets:
            assert not leaks(blob, secret), f"{secret!r} reached {sink}"


@pytest.mark.parametrize("case", [c for c in CASES if c.keep], ids=_ids)
def test_words_stay_in_stored_rows_and_jsonl(case: Case, sinks: Sinks) -> None:
    stored, printed = "\n".join(sinks["event raw"]), "\n".join(sinks["watch --jsonl"])
    message = case.message.split(": {")[0]  # --jsonl prints the message, not the payload
    for word in case.keep:
        assert word in stored
        if word in message:
            assert word in printed


def _raw_report(case: Case) -> tuple[TicketReport, OccurrenceUpdate]:
    """A report straight from the unscrubbed line: the Jira pass must scrub on its own,
    field names included in the parameter table."""
    params: dict[str, tuple[str, ...]] = {"message": (case.message,)}
    start = case.message.find("{")
    if start >= 0:
        try:
            payload = json.loads(case.message[start:])
        except ValueError:
            payload = {}
        params.update({k: (v if isinstance(v, str) else json.dumps(v),)
                       for k, v in payload.items()})
    report = TicketReport(
        fingerprint="f00d", template=case.message, severity="high", error_type="auth",
        confidence=0.9, count=1, first_seen=None, last_seen=None, samples=(case.message,),
        stack_trace=case.message, root_cause=case.message, parameters_sample=params,
        headline=case.message)
    update = OccurrenceUpdate(fingerprint="f00d", count_since_last=1, total_count=2,
                              last_seen=None, new_parameter_values=params,
                              samples=(case.message,))
    return report, update


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_jira_pass_scrubs_raw_text_and_parameter_table(case: Case) -> None:
    report, update = _raw_report(case)
    options = TicketOptions(project_key="DEMO")
    for deployment in Deployment:
        body = json.dumps(build_create_payload(report, options, deployment).body,
                          ensure_ascii=False)
        comment = json.dumps(build_comment(update, deployment), ensure_ascii=False)
        for secret in case.secrets:
            assert not leaks(body, secret), (deployment, body)
            assert not leaks(comment, secret), (deployment, comment)
        if deployment is Deployment.CLOUD:
            for word in case.keep:
                assert word.replace('"', '\\"') in body


def test_marks_keep_shape_and_a_stable_hash() -> None:
    once = scrub_text('login password=hunter2 card 4111 1111 1111 1111')
    assert once == scrub_text('login password=hunter2 card 4111 1111 1111 1111')
    assert "[card ••••1111]" in once and "[password #" in once
    other = scrub_text("login password=hunter3")
    assert other.split("#")[1] != once.split("#")[1], "different values, different hashes"
    assert scrub_text("pin=1234") == "pin=[pin]", "few-valued secrets carry no hash"


def test_rules_add_keys_and_patterns_and_switch_emails() -> None:
    rules = ScrubRules(extra_keys=("till_code",), extra_patterns=(r"\bEMP-\d{5}\b",),
                       emails=False)
    scrub = Scrubber(rules)
    out = scrub.text("till_code=8812 by EMP-00042 mail jane@example.com")
    assert "8812" not in out and "EMP-00042" not in out
    assert "jane@example.com" in out
    assert "jane@example.com" not in Scrubber(DEFAULT_RULES).text("mail jane@example.com")


def test_a_bad_extra_pattern_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not a valid regular expression"):
        Scrubber(ScrubRules(extra_patterns=("EMP-(",)))


def test_no_rule_turns_off_card_cvv_and_track_scrubbing() -> None:
    fields = {f.name for f in dataclasses.fields(ScrubRules)}
    assert fields == {"extra_keys", "extra_patterns", "emails", "hash_salt"}
    loosest = Scrubber(ScrubRules(emails=False))
    out = loosest.text("card 4111111111111111 cvv=123 track ;4111111111111111=2512101?")
    assert "4111111111111111" not in out and "123" not in out and "2512101" not in out


def test_structured_fields_are_judged_by_name() -> None:
    scrub = Scrubber()
    fields = {"user": "bob", "password": "pw-1", "card": {"cvv": 123, "pan": 4111111111111111},
              "tries": [{"pin": "9876"}], "ok": True, "passwordPolicy": "strict"}
    out = scrub.fields(fields)
    assert out["user"] == "bob" and out["ok"] is True and out["passwordPolicy"] == "strict"
    assert out["password"].startswith("[password #")
    assert out["card"] == {"cvv": "[cvv]", "pan": "[card ••••1111]"}
    assert out["tries"] == [{"pin": "[pin]"}]
