"""Readable, distinct errors for every failure class, and never the token in any text."""

from __future__ import annotations

import logging

import pytest
import requests
from conftest import make_client

from stacklens_desktop.jira import errors
from stacklens_desktop.jira.client import JiraClient
from stacklens_desktop.jira.error_body import parse_error_body
from stacklens_desktop.jira.payloads import TicketOptions, build_create_payload
from stacklens_desktop.jira.report import TicketReport
from stacklens_desktop.jira_sandbox import JiraSandbox

SECRET = "ATATT3xSuperSecretToken0123456789"


def test_401_wrong_token_is_an_auth_error_without_the_token(sandbox: JiraSandbox) -> None:
    client = make_client(sandbox, token=SECRET)
    with pytest.raises(errors.JiraAuthError) as caught:
        client.myself()
    exc = caught.value
    assert exc.status == 401 and exc.code == "auth"
    assert "authentication failed" in exc.message
    assert "Client must be authenticated" in exc.message
    for text in (
        str(exc),
        repr(exc),
        repr(client),
        repr(client.transport),
        repr(client.transport.auth),
        str(exc.__dict__),
    ):
        assert SECRET not in text
    assert len(sandbox.requests("/myself")) == 1  # 401 is never retried


def test_403_404_410_are_told_apart(client: JiraClient, sandbox: JiraSandbox) -> None:
    with pytest.raises(errors.JiraNotFoundError, match="not visible to this user") as missing:
        client.get_issue("DEMO-999")
    assert missing.value.error_messages == [
        "Issue does not exist or you do not have permission to see it."
    ]

    sandbox.add_fault(kind="status", status=403, path="/myself")
    with pytest.raises(errors.JiraForbiddenError, match="HTTP 403") as forbidden:
        client.myself()
    assert forbidden.value.code == "forbidden"

    with pytest.raises(errors.JiraGoneError, match="removed") as gone:
        client.transport.json("POST", "/rest/api/3/search", body={"jql": "project = DEMO"})
    assert "search/jql" in gone.value.message


def test_wrong_project_gives_field_errors(client: JiraClient, report: TicketReport) -> None:
    payload = build_create_payload(report, TicketOptions("NOPE"), client.deployment)
    with pytest.raises(errors.JiraRequestError) as caught:
        client.create_issue(payload.body)
    assert caught.value.field_errors == {"project": "valid project is required"}
    assert "project: valid project is required" in caught.value.message


def test_summary_with_newline_is_a_400_with_the_field(
    client: JiraClient, report: TicketReport
) -> None:
    payload = build_create_payload(report, TicketOptions("DEMO"), client.deployment)
    payload.body["fields"]["summary"] = "two\nlines"
    with pytest.raises(errors.JiraRequestError) as caught:
        client.create_issue(payload.body)
    assert "newline" in caught.value.field_errors["summary"]


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_on_reads_are_not_retried_without_retry_after(
    client: JiraClient, sandbox: JiraSandbox, status: int
) -> None:
    sandbox.add_fault(kind="status", status=status, path="/myself")
    with pytest.raises(errors.JiraServerError) as caught:
        client.myself()
    assert caught.value.status == status
    assert len(sandbox.requests("/myself")) == 1


def test_html_gateway_error_on_create_is_ambiguous(
    client: JiraClient, sandbox: JiraSandbox, report: TicketReport
) -> None:
    sandbox.add_fault(kind="status", status=504, method="POST", path="/issue$")
    payload = build_create_payload(report, TicketOptions("DEMO"), client.deployment)
    with pytest.raises(errors.AmbiguousWriteError, match="504 Gateway Timeout"):
        client.create_issue(payload.body)


def test_browser_user_agent_would_fail_xsrf(raw_sandbox: JiraSandbox) -> None:
    """Why the client sends its own UA: Jira refuses browser-like writes."""
    auth = (raw_sandbox.user.email, raw_sandbox.user.token)
    response = requests.post(
        f"{raw_sandbox.url}/rest/api/3/issue",
        json={"fields": {}},
        auth=auth,
        headers={"User-Agent": "Mozilla/5.0"},
        timeout=5,
    )
    assert response.status_code == 403 and response.text == "XSRF check failed"


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ('{"errorMessages":["a"],"errors":{"summary":"b"}}', "application/json", "a; summary: b"),
        (
            '{"message":"Client must be authenticated","status-code":401}',
            "application/json",
            "Client must be authenticated",
        ),
        ('{"errorMessage":"old style"}', "", "old style"),
        (
            "<status><status-code>401</status-code><message>Not authed</message></status>",
            "application/xml",
            "Not authed",
        ),
        (
            "<html><head><title>502 Bad Gateway</title></head><body>x</body></html>",
            "text/html",
            "502 Bad Gateway",
        ),
        ("<html><body><h1>Oops</h1><script>x()</script></body></html>", "text/html", "Oops"),
        ("XSRF check failed", "text/plain", "XSRF check failed"),
        ("{not json", "application/json", "{not json"),
        ("", "", ""),
    ],
)
def test_error_bodies_are_parsed_defensively(body: str, content_type: str, expected: str) -> None:
    assert parse_error_body(body.encode(), content_type).detail() == expected


def test_token_never_in_exceptions_or_logs(
    sandbox: JiraSandbox, report: TicketReport, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sandbox.user.token = SECRET
    good = make_client(sandbox)
    texts: list[str] = []
    sandbox.add_fault(kind="rate_limit", retry_after=0.1, times=1)
    sandbox.add_fault(
        kind="status", status=500, body={"errorMessages": [f"echo {SECRET}"]}, path="/myself"
    )
    sandbox.add_fault(kind="drop_after", method="POST", path="/issue$")
    for call in (
        good.myself,
        lambda: good.create_issue(
            build_create_payload(report, TicketOptions("DEMO"), good.deployment).body
        ),
        lambda: make_client(sandbox, token=SECRET + "x").myself(),
        lambda: good.get_issue("DEMO-404"),
    ):
        with pytest.raises(errors.JiraError) as caught:
            call()
        texts += [str(caught.value), repr(caught.value)]
    assert any("echo ***" in t for t in texts)  # scrubbed even when Jira echoes it
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Retry-After" in logged
    for text in [*texts, logged]:
        assert SECRET not in text
