"""The client against the sandbox over real HTTP (Cloud v3 and Data Center v2 flavours)."""

from __future__ import annotations

import json

import pytest
from conftest import make_client

from stacklens_desktop.jira import jql
from stacklens_desktop.jira.client import JiraClient
from stacklens_desktop.jira.errors import JiraConfigError, NoTransitionError
from stacklens_desktop.jira.metadata import MetadataCache, prepare_create
from stacklens_desktop.jira.models import Deployment
from stacklens_desktop.jira.payloads import TicketOptions, build_comment
from stacklens_desktop.jira.report import OccurrenceUpdate, TicketReport
from stacklens_desktop.jira.transport import USER_AGENT
from stacklens_desktop.jira_sandbox import JiraSandbox


def _file(client: JiraClient, report: TicketReport, **options: object) -> str:
    payload = prepare_create(MetadataCache(client), report, TicketOptions("DEMO", **options))
    return client.create_issue(payload.body).key


def test_connect_detects_cloud_and_reads_myself(sandbox: JiraSandbox) -> None:
    client = JiraClient.connect(sandbox.url, sandbox.user.email, sandbox.user.token)
    assert client.deployment is Deployment.CLOUD
    me = client.myself()
    assert me.account_id == sandbox.user.account_id and me.email == sandbox.user.email
    probe = sandbox.requests("/serverInfo")[0]
    assert probe.path == "/rest/api/2/serverInfo" and probe.auth_scheme == ""
    assert all(e.user_agent == USER_AGENT for e in sandbox.requests())
    assert USER_AGENT.startswith("StackLens/") and "Mozilla" not in USER_AGENT


def test_connect_detects_data_center(dc_sandbox: JiraSandbox) -> None:
    client = JiraClient.connect(dc_sandbox.url, "demo", dc_sandbox.user.token)
    assert client.deployment is Deployment.DATA_CENTER
    assert client.myself().name == "demo"
    assert dc_sandbox.requests("/myself")[0].auth_scheme == "Bearer"


def test_connect_without_token_is_a_config_error(sandbox: JiraSandbox) -> None:
    with pytest.raises(JiraConfigError):
        JiraClient.connect(sandbox.url, "someone", "")


def test_file_the_missing_price_ticket(
    client: JiraClient, sandbox: JiraSandbox, report: TicketReport
) -> None:
    key = _file(
        client,
        report,
        assignee=sandbox.user.account_id,
        components=["Checkout"],
        custom_fields={"Error Fingerprint": "{fingerprint}"},
    )
    stored = sandbox.state.find(key)
    assert stored is not None
    fields = stored["fields"]
    assert (
        fields["summary"] == '[HIGH] data_validation: Product "Premium Item" (ID 999) has no price'
    )
    assert fields["labels"] == [
        "stacklens",
        "stacklens-3a9c0f12d4",
        "severity-high",
        "type-data_validation",
    ]
    assert fields["priority"] == "2"  # High
    assert fields["assignee"] == sandbox.user.account_id
    assert fields["customfield_10050"] == "3a9c0f12d4"
    assert fields["description"]["type"] == "doc"
    state = client.get_issue(key)
    assert (state.status, state.category) == ("To Do", "new")


def test_task_screen_without_priority_still_files(
    client: JiraClient, sandbox: JiraSandbox, report: TicketReport
) -> None:
    cache = MetadataCache(client)
    payload = prepare_create(cache, report, TicketOptions("DEMO", issue_type="task"))
    assert "priority" in payload.dropped
    key = client.create_issue(payload.body).key
    assert sandbox.state.find(key)["issuetype"] == "10002"
    with pytest.raises(JiraConfigError, match="no issue type 'Epic'"):
        cache.issue_type("DEMO", "Epic")


def test_edit_comment_and_transitions_by_category(
    client: JiraClient, sandbox: JiraSandbox, report: TicketReport
) -> None:
    key = _file(client, report)
    client.edit_issue(key, update={"labels": [{"add": "triaged"}]})
    client.edit_issue(key, fields={"summary": "[HIGH] data_validation: renamed"})
    assert client.get_issue(key).labels[-1] == "triaged"
    update = OccurrenceUpdate("3a9c0f12d4", 41, 53, report.last_seen)
    comment_id = client.add_comment(key, build_comment(update, client.deployment))
    assert comment_id and sandbox.state.find(key)["comments"][0]["id"] == comment_id

    done = client.transition_to_category(key, "done")
    assert done.to_category == "done" and client.get_issue(key).is_done
    reopened = client.transition_to_category(key, ("new", "indeterminate"))
    assert reopened.to_category == "new"
    assert client.get_issue(key).category == "new"
    with pytest.raises(NoTransitionError):
        client.transition_to_category(key, "no-such-category")
    posted = [e.body for e in sandbox.requests("/transitions") if e.method == "POST"]
    assert posted == [{"transition": {"id": "31"}}, {"transition": {"id": "11"}}]


def test_search_pages_with_next_page_token(
    client: JiraClient, sandbox: JiraSandbox, report: TicketReport
) -> None:
    keys = [_file(client, report) for _ in range(7)]
    found = client.search(jql.label_query("DEMO", "stacklens-3a9c0f12d4"), page_size=3)
    assert [f.key for f in found] == keys
    assert all(f.category == "new" and f.summary for f in found)
    bodies = [e.body for e in sandbox.requests("/search/jql")]
    assert len(bodies) == 3
    assert "nextPageToken" not in bodies[0]
    assert bodies[1]["nextPageToken"] and bodies[2]["nextPageToken"] != bodies[1]["nextPageToken"]
    assert all(b["fields"] == ["summary", "status", "labels"] for b in bodies)
    by_key = client.search(jql.keys_query(keys[:2]))
    assert {f.key for f in by_key} == set(keys[:2])


def test_reconcile_issues_sees_a_fresh_create_despite_index_lag(
    client: JiraClient, sandbox: JiraSandbox, report: TicketReport
) -> None:
    sandbox.app.index_lag = 60.0
    key = _file(client, report)
    issue_id = sandbox.state.find(key)["id"]
    query = jql.label_query("DEMO", "stacklens-3a9c0f12d4")
    assert client.search(query) == []
    found = client.search(query, reconcile_ids=[issue_id])
    assert [f.key for f in found] == [key]
    assert sandbox.requests("/search/jql")[-1].body["reconcileIssues"] == [int(issue_id)]


def test_metadata_fields_and_createmeta(client: JiraClient) -> None:
    fields = {f.name: f for f in client.fields()}
    assert fields["Error Fingerprint"].id == "customfield_10050"
    assert fields["Error Details"].custom_type.endswith(":textarea")
    types = client.create_issue_types("DEMO")
    assert [t.name for t in types] == ["Bug", "Task"]
    screen = client.create_fields("DEMO", "10004")
    assert screen["summary"].required and "High" in screen["priority"].allowed_names


def test_data_center_round_trip(dc_sandbox: JiraSandbox, report: TicketReport) -> None:
    client = make_client(dc_sandbox)
    key = _file(client, report, assignee="demo")
    stored = dc_sandbox.state.find(key)
    assert isinstance(stored["fields"]["description"], str)
    assert "{noformat}" in stored["fields"]["description"]
    assert stored["fields"]["assignee"] == "demo"
    client.add_comment(key, build_comment(OccurrenceUpdate("x", 1, 2, None), client.deployment))
    assert isinstance(dc_sandbox.state.find(key)["comments"][0]["body"], str)
    for _ in range(4):
        _file(client, report)
    found = client.search(jql.label_query("DEMO", "stacklens-3a9c0f12d4"), page_size=2)
    assert len(found) == 5
    searches = [e.body for e in dc_sandbox.requests("/rest/api/2/search")]
    assert [b["startAt"] for b in searches] == [0, 2, 4]
    assert client.transition_to_category(key, "done").to_status == "Done"
    assert all(e.path.startswith("/rest/api/2/") for e in dc_sandbox.requests("/rest/api"))
    sent = json.dumps([e.body for e in dc_sandbox.requests()], ensure_ascii=False)
    assert "4111" not in sent.replace(
        "[card ••••1111]", ""
    )
