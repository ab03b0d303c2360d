"""Retries against real sandbox faults: Retry-After honoured site-wide, no blind re-posts."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import defaultdict

import pytest
from conftest import make_client

from stacklens_desktop.jira import errors, jql
from stacklens_desktop.jira.backoff import RetryPolicy, SiteBackoff, parse_retry_after
from stacklens_desktop.jira.client import JiraClient
from stacklens_desktop.jira.payloads import TicketOptions, build_create_payload
from stacklens_desktop.jira.report import TicketReport
from stacklens_desktop.jira_sandbox import JiraSandbox

IN_FLIGHT = 0.05  # margin for the 429 to be processed by its thread before others look


def _body(client: JiraClient, report: TicketReport, fingerprint: str) -> dict:
    one = dataclasses.replace(report, fingerprint=fingerprint)
    return build_create_payload(one, TicketOptions("DEMO"), client.deployment).body


def _retry_after_violations(sandbox: JiraSandbox) -> list[str]:
    """Requests sent inside a Retry-After window by a client that already knew about it.

    Each client thread has its own keep-alive connection, and sends its next request only
    after the previous answer arrived. So a request "knew" of a 429 when the previous answer
    on its connection was the 429 itself, or came after it (plus a small margin for the 429's
    thread to record the pause). Requests already on their way are legitimately early.
    """
    log = sandbox.requests()
    windows = [
        (e.seq, e.answered_mono, e.answered_mono + e.retry_after)
        for e in log
        if e.status == 429 and e.retry_after and e.answered_mono
    ]
    by_peer: dict[str, list] = defaultdict(list)
    for entry in log:
        by_peer[entry.peer].append(entry)
    out = []
    for entries in by_peer.values():
        for previous, current in zip(entries, entries[1:], strict=False):
            for seq, start, end in windows:
                margin = 0.0 if previous.seq == seq else IN_FLIGHT
                knew = (
                    previous.answered_mono is not None and previous.answered_mono >= start + margin
                )
                if knew and current.mono < end:
                    out.append(f"#{current.seq} {end - current.mono:.3f}s early (429 #{seq})")
    return out


def test_429_storm_all_tickets_filed_once_and_retry_after_respected(
    sandbox: JiraSandbox, report: TicketReport
) -> None:
    sandbox.add_fault(kind="rate_limit", retry_after=1, skip=2)
    sandbox.add_fault(kind="rate_limit", retry_after=1, skip=6)
    sandbox.add_fault(kind="rate_limit", retry_after=2, skip=10)
    shared = SiteBackoff()
    failures: list[BaseException] = []

    def worker(index: int) -> None:
        client = make_client(sandbox, backoff=shared)
        try:
            for n in range(4):
                client.create_issue(_body(client, report, f"fp{index}x{n}"))
        except BaseException as exc:  # surfaced by the assertion below
            failures.append(exc)
        finally:
            client.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    labels = [
        label
        for i in sandbox.state.issues.values()
        for label in i["fields"]["labels"]
        if label.startswith("stacklens-fp")
    ]
    assert sorted(labels) == sorted(f"stacklens-fp{i}x{n}" for i in range(4) for n in range(4))
    limited = [e for e in sandbox.requests() if e.status == 429]
    assert len([e for e in limited if e.fault == "rate_limit"]) == 3
    assert _retry_after_violations(sandbox) == []


class _IgnoresRetryAfter(SiteBackoff):
    def wait_ready(self, cancelled: object = None) -> None:
        return None


def test_the_check_catches_a_client_that_ignores_retry_after(
    sandbox: JiraSandbox, report: TicketReport
) -> None:
    """The storm assertion has teeth: a client that does not wait is reported."""
    client = make_client(sandbox, backoff=_IgnoresRetryAfter())
    sandbox.add_fault(kind="rate_limit", retry_after=1)
    with pytest.raises(errors.JiraRateLimitedError):
        client.create_issue(_body(client, report, "impatient"))
    assert _retry_after_violations(sandbox)
    assert any(e.early for e in sandbox.requests())


def test_single_client_never_sends_inside_the_window(
    client: JiraClient, sandbox: JiraSandbox, report: TicketReport
) -> None:
    sandbox.add_fault(kind="rate_limit", retry_after=1, times=2)
    ref = client.create_issue(_body(client, report, "single"))
    log = sandbox.requests()
    assert [e.status for e in log] == [429, 429, 201]
    assert not any(e.early for e in log)
    for before, after in zip(log, log[1:], strict=False):
        assert after.mono - before.answered_mono >= 1.0
    assert sandbox.state.find(ref.key) is not None


def test_503_with_retry_after_is_retried_without_is_not(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    sandbox.add_fault(kind="status", status=503, retry_after=0.3, path="/myself")
    assert client.myself().display_name
    assert [e.status for e in sandbox.requests("/myself")] == [503, 200]
    sandbox.add_fault(kind="status", status=503, path="/myself")
    with pytest.raises(errors.JiraServerError):
        client.myself()


def test_429_without_retry_after_backs_off_exponentially(sandbox: JiraSandbox) -> None:
    policy = RetryPolicy(max_retries=5, base_delay=0.1, max_delay=0.3, jitter=0.0)
    client = make_client(sandbox, policy=policy)
    sandbox.add_fault(kind="status", status=429, path="/myself", times=3)
    client.myself()
    log = sandbox.requests("/myself")
    gaps = [b.mono - a.answered_mono for a, b in zip(log, log[1:], strict=False)]
    assert [e.status for e in log] == [429, 429, 429, 200]
    assert gaps[0] >= 0.1 and gaps[1] >= 0.2 and gaps[2] >= 0.3  # 0.1, 0.2, capped 0.3
    assert gaps[2] < 0.3 + 0.2


def test_rate_limit_exhausted_raises_with_retry_after(sandbox: JiraSandbox) -> None:
    client = make_client(sandbox, policy=RetryPolicy(max_retries=1))
    sandbox.add_fault(kind="status", status=429, retry_after=0.2, times=None, path="/myself")
    with pytest.raises(errors.JiraRateLimitedError) as caught:
        client.myself()
    assert caught.value.retry_after == pytest.approx(0.2)
    assert len(sandbox.requests("/myself")) == 2


def test_long_retry_after_fails_fast_and_blocks_the_site(sandbox: JiraSandbox) -> None:
    """A pause longer than max_wait is not slept through: the outbox reschedules instead."""
    shared = SiteBackoff()
    client = make_client(sandbox, backoff=shared, policy=RetryPolicy(max_wait=2.0))
    sandbox.add_fault(kind="status", status=429, retry_after=120, path="/myself")
    with pytest.raises(errors.JiraRateLimitedError) as caught:
        client.myself()
    assert caught.value.retry_after == 120
    other = make_client(sandbox, backoff=shared, policy=RetryPolicy(max_wait=2.0))
    with pytest.raises(errors.JiraRateLimitedError, match="not sent") as early:
        other.fields()
    assert early.value.retry_after > 100
    assert sandbox.requests("/field") == []


def test_one_backoff_is_shared_by_clients_of_a_site(sandbox: JiraSandbox) -> None:
    """A 429 seen by one client pauses another client of the same site."""
    shared = SiteBackoff()
    first, second = make_client(sandbox, backoff=shared), make_client(sandbox, backoff=shared)
    sandbox.add_fault(kind="rate_limit", retry_after=1, path="/myself")
    waiting = threading.Thread(target=first.myself)
    waiting.start()
    deadline = time.monotonic() + 5
    while shared.remaining() == 0 and time.monotonic() < deadline:
        time.sleep(0.005)  # poll for the 429 to be seen by the first client
    second.fields()  # a different endpoint, a different client: still has to wait
    waiting.join(timeout=5)
    limited = sandbox.requests("/myself")[0]
    field_call = sandbox.requests("/field")[0]
    assert limited.status == 429
    assert field_call.mono - limited.answered_mono >= 1.0


def test_dropped_answer_on_create_is_ambiguous_and_found_by_label(
    client: JiraClient, sandbox: JiraSandbox, report: TicketReport
) -> None:
    sandbox.add_fault(kind="drop_after", method="POST", path="/issue$")
    with pytest.raises(errors.AmbiguousWriteError, match="outcome unknown"):
        client.create_issue(_body(client, report, "dropped"))
    assert len(sandbox.requests("/rest/api/3/issue")) == 1  # not re-posted
    found = client.search(jql.label_query("DEMO", "stacklens-dropped"))
    assert len(found) == 1 and sandbox.state.find(found[0].key) is not None


def test_dropped_before_processing_is_also_ambiguous_and_search_finds_nothing(
    client: JiraClient, sandbox: JiraSandbox, report: TicketReport
) -> None:
    sandbox.add_fault(kind="drop_before", method="POST", path="/comment")
    key = client.create_issue(_body(client, report, "c")).key
    with pytest.raises(errors.AmbiguousWriteError):
        client.add_comment(key, {"type": "doc", "version": 1, "content": []})
    assert sandbox.state.find(key)["comments"] == []


def test_read_timeout_on_create_is_ambiguous(sandbox: JiraSandbox, report: TicketReport) -> None:
    client = make_client(sandbox, timeout=(1.0, 0.3))
    sandbox.add_fault(kind="slow", delay=0.8, method="POST", path="/issue$")
    with pytest.raises(errors.AmbiguousWriteError, match="read timeout"):
        client.create_issue(_body(client, report, "slow"))


def test_idempotent_reads_retry_network_failures(sandbox: JiraSandbox) -> None:
    client = make_client(sandbox, timeout=(1.0, 0.3))
    sandbox.add_fault(kind="drop_before", path="/myself")
    sandbox.add_fault(kind="slow", delay=0.6, path="/myself")
    assert client.myself().email == sandbox.user.email
    assert len(sandbox.requests("/myself")) == 3


def test_refused_connection_is_a_connection_error_not_ambiguous(report: TicketReport) -> None:
    with JiraSandbox() as server:
        client = make_client(server)
        url = server.url
    body = _body(client, report, "never-sent")
    with pytest.raises(errors.JiraConnectionError, match="refused") as caught:
        client.create_issue(body)
    assert not isinstance(caught.value, errors.AmbiguousWriteError)
    assert url in client.transport.base_url


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", 5.0),
        (" 0 ", 0.0),
        ("1.5", 1.5),
        (None, None),
        ("soon", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value) == expected


def test_delays_never_undercut_retry_after() -> None:
    import random

    policy = RetryPolicy()
    rng = random.Random(7)
    for retry_after in (0.0, 1.0, 7.0, 30.0):
        delays = [policy.retry_after_delay(retry_after, rng) for _ in range(200)]
        assert min(delays) > retry_after
    assert max(policy.exponential_delay(n, rng) for n in range(10)) <= policy.max_delay
