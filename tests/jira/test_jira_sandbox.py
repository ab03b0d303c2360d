"""The sandbox itself: Jira's answers to bad input, JQL, persistence, admin endpoints."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.jira_sandbox.adf_check import structural_problems, uses_schema
from stacklens_desktop.jira_sandbox.jql import JqlError, parse

GOOD_DOC = {
    "type": "doc",
    "version": 1,
    "content": [{"type": "paragraph", "content": [{"type": "text", "text": "hi"}]}],
}


def _post(server: JiraSandbox, path: str, body: object) -> requests.Response:
    return requests.post(
        f"{server.url}{path}", json=body, timeout=5, auth=(server.user.email, server.user.token)
    )


def _issue(summary: str = "s", description: object = GOOD_DOC, **extra: object) -> dict:
    fields = {
        "project": {"key": "DEMO"},
        "issuetype": {"name": "Bug"},
        "summary": summary,
        "description": description,
        **extra,
    }
    return {"fields": fields}


@pytest.mark.parametrize(
    ("description", "fragment"),
    [
        ("plain string", "must be an Atlassian Document"),
        ({"type": "doc", "version": 3, "content": []}, "Invalid Atlassian Document"),
        (
            {"type": "doc", "version": 1, "content": [{"type": "text", "text": "x"}]},
            "Invalid Atlassian Document",
        ),
        (
            {
                "type": "doc",
                "version": 1,
                "content": [{"type": "paragraph", "content": [{"type": "text", "text": ""}]}],
            },
            "Invalid Atlassian Document",
        ),
    ],
)
def test_invalid_adf_is_a_400_with_field_errors(
    raw_sandbox: JiraSandbox, description: object, fragment: str
) -> None:
    response = _post(raw_sandbox, "/rest/api/3/issue", _issue(description=description))
    assert response.status_code == 400
    assert fragment in response.json()["errors"]["description"]
    assert raw_sandbox.state.issues == {}


def test_v2_wants_strings_and_jira_field_rules(raw_sandbox: JiraSandbox) -> None:
    assert _post(raw_sandbox, "/rest/api/2/issue", _issue()).json()["errors"] == {
        "description": "Operation value must be a string"
    }
    errors = _post(
        raw_sandbox,
        "/rest/api/3/issue",
        _issue(
            summary="x" * 256,
            labels=["has space"],
            priority={"name": "Urgent!"},
            assignee={"name": "bob"},
        ),
    ).json()["errors"]
    assert errors["summary"] == "Summary can't exceed 255 characters."
    assert "contains spaces" in errors["labels"]
    assert "priority" in errors and "GDPR strict mode" in errors["assignee"]
    task = _issue(priority={"name": "High"})
    task["fields"]["issuetype"] = {"name": "Task"}
    assert (
        "not on the appropriate screen"
        in _post(raw_sandbox, "/rest/api/3/issue", task).json()["errors"]["priority"]
    )


def test_search_jql_rules(raw_sandbox: JiraSandbox) -> None:
    unbounded = _post(raw_sandbox, "/rest/api/3/search/jql", {"jql": "ORDER BY created DESC"})
    assert unbounded.status_code == 400 and "Unbounded" in unbounded.json()["errorMessages"][0]
    start_at = _post(raw_sandbox, "/rest/api/3/search/jql", {"jql": "project = DEMO", "startAt": 0})
    assert start_at.status_code == 400
    for n in range(3):
        _post(raw_sandbox, "/rest/api/3/issue", _issue(summary=f"n{n}", labels=["x"]))
    first = _post(
        raw_sandbox, "/rest/api/3/search/jql", {"jql": 'labels = "x" ORDER BY key', "maxResults": 2}
    ).json()
    assert first["issues"] == [{"id": "10000"}, {"id": "10001"}]  # ids only by default
    assert first["isLast"] is False
    second = _post(
        raw_sandbox,
        "/rest/api/3/search/jql",
        {
            "jql": 'labels = "x" ORDER BY key',
            "maxResults": 2,
            "nextPageToken": first["nextPageToken"],
        },
    ).json()
    assert [i["id"] for i in second["issues"]] == ["10002"] and second["isLast"] is True
    assert "nextPageToken" not in second
    bad = _post(
        raw_sandbox,
        "/rest/api/3/search/jql",
        {"jql": "project = DEMO", "nextPageToken": first["nextPageToken"]},
    )
    assert bad.status_code == 400


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('project = DEMO AND labels = "stacklens-ab"', ["DEMO-1"]),
        ("key in (DEMO-1, DEMO-2)", ["DEMO-2", "DEMO-1"]),
        ("project = DEMO AND statusCategory != done ORDER BY key ASC", ["DEMO-1"]),
        ("project = DEMO AND statusCategory = Done", ["DEMO-2"]),
        ('labels in (other, "stacklens-ab") ORDER BY created ASC', ["DEMO-1", "DEMO-2"]),
        ("project = POS", []),
        ('labels = "STACKLENS-AB"', []),  # labels are case-sensitive
    ],
)
def test_jql_subset(query: str, expected: list[str]) -> None:
    issues = [
        {
            "id": "10000",
            "key": "DEMO-1",
            "project": "DEMO",
            "issuetype": "10004",
            "status": "10000",
            "fields": {"labels": ["stacklens-ab"]},
            "created": 1.0,
        },
        {
            "id": "10001",
            "key": "DEMO-2",
            "project": "DEMO",
            "issuetype": "10004",
            "status": "10001",
            "fields": {"labels": ["other"]},
            "created": 2.0,
        },
    ]
    parsed = parse(query)
    assert [i["key"] for i in parsed.sort([i for i in issues if parsed.matches(i)])] == expected


@pytest.mark.parametrize("query", ["", "ORDER BY key", 'labels = "x', "foo = 1", "project ~ x"])
def test_jql_errors(query: str) -> None:
    with pytest.raises(JqlError):
        parse(query)


def test_state_persists_across_restarts(tmp_path: Path) -> None:
    state_file = tmp_path / "jira.json"
    with JiraSandbox(state_file=state_file) as first:
        key = _post(first, "/rest/api/3/issue", _issue(labels=["keep"])).json()["key"]
        _post(first, f"/rest/api/3/issue/{key}/comment", {"body": GOOD_DOC})
    with JiraSandbox(state_file=state_file) as second:
        issue = second.state.find(key)
        assert issue is not None and issue["fields"]["labels"] == ["keep"]
        assert len(issue["comments"]) == 1
        assert _post(second, "/rest/api/3/issue", _issue()).json()["key"] == "DEMO-2"


def test_browse_page_and_admin_endpoints(raw_sandbox: JiraSandbox) -> None:
    key = _post(raw_sandbox, "/rest/api/3/issue", _issue(summary="<b>Price</b>")).json()["key"]
    page = requests.get(f"{raw_sandbox.url}/browse/{key}", timeout=5)
    assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]
    assert "&lt;b&gt;Price&lt;/b&gt;" in page.text and "To Do" in page.text
    assert requests.get(f"{raw_sandbox.url}/browse/DEMO-99", timeout=5).status_code == 404

    admin = f"{raw_sandbox.url}/_sandbox"
    assert requests.post(f"{admin}/reset", timeout=5).status_code == 401  # no token
    token = {"X-Sandbox-Token": raw_sandbox.user.token}
    assert requests.post(f"{admin}/faults", json={"kind": "nope"}, headers=token,
                         timeout=5).status_code == 400
    rules = requests.post(
        f"{admin}/faults",
        timeout=5,
        headers=token,
        json={"rules": [{"kind": "status", "status": 500, "path": "/myself", "times": 2}]},
    ).json()["rules"]
    assert rules[0]["status"] == 500
    me = requests.get(
        f"{raw_sandbox.url}/rest/api/3/myself",
        timeout=5,
        auth=(raw_sandbox.user.email, raw_sandbox.user.token),
    )
    assert me.status_code == 500
    logged = requests.get(f"{admin}/requests", headers=token, timeout=5).json()["requests"]
    assert [r["status"] for r in logged] == [201, 200, 404, 500]
    assert all(
        "Authorization" not in str(r) and raw_sandbox.user.token not in str(r) for r in logged
    )
    assert requests.delete(f"{admin}/faults", headers=token, timeout=5).status_code == 204
    assert requests.post(f"{admin}/reset", headers=token, timeout=5).status_code == 204
    assert raw_sandbox.state.issues == {}


def test_wrong_credentials_are_401_on_cloud_and_dc() -> None:
    with JiraSandbox() as cloud, JiraSandbox(flavor="datacenter") as dc:
        wrong = requests.get(f"{cloud.url}/rest/api/3/myself", auth=("a", "b"), timeout=5)
        assert wrong.status_code == 401 and "authenticated" in wrong.json()["message"]
        basic_pat = requests.get(
            f"{dc.url}/rest/api/2/myself", timeout=5, auth=(dc.user.name, dc.user.token)
        )
        assert basic_pat.status_code == 401  # a PAT only works as Bearer
        assert basic_pat.headers["X-Seraph-LoginReason"] == "AUTHENTICATED_FAILED"
        assert requests.get(f"{dc.url}/rest/api/3/myself", timeout=5).status_code == 404


def test_structural_fallback_catches_common_mistakes() -> None:
    assert structural_problems(GOOD_DOC) == []
    assert structural_problems("text") != []
    assert any("version" in p for p in structural_problems({**GOOD_DOC, "version": 3}))
    bad_item = {
        "type": "doc",
        "version": 1,
        "content": [
            {
                "type": "bulletList",
                "content": [{"type": "listItem", "content": [{"type": "text", "text": "x"}]}],
            }
        ],
    }
    assert any("not allowed" in p for p in structural_problems(bad_item))
    marked = {
        "type": "doc",
        "version": 1,
        "content": [
            {
                "type": "codeBlock",
                "content": [{"type": "text", "text": "x", "marks": [{"type": "strong"}]}],
            }
        ],
    }
    assert any("marks" in p for p in structural_problems(marked))
    assert uses_schema()  # the schema shipped in the package (jsonschema: a dev dependency)
