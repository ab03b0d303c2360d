"""Find the ticket a pattern already has in Jira, by its exact ``stacklens-<fingerprint>`` label.

Run before every create: it finds a ticket filed earlier, by another machine, or by a create
whose answer was lost (``AmbiguousWriteError``, or a crash between the 201 and the local
commit). On Cloud the newest local ticket ids go in ``reconcileIssues`` so that issues created
a moment ago are seen even before the search index has them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from stacklens_desktop.jira.client import JiraClient
from stacklens_desktop.jira.jql import label_query
from stacklens_desktop.jira.models import IssueState
from stacklens_desktop.jira.payloads import dedupe_label

SEARCH_FIELDS = ("summary", "status", "labels")


def find_existing(
    client: JiraClient,
    project_key: str,
    fingerprint: str,
    *,
    reconcile_ids: Sequence[str] = (),
    exclude_keys: Collection[str] = (),
    open_only: bool = False,
) -> IssueState | None:
    """The oldest matching issue (not excluded; with ``open_only``, not done), or None."""
    label = dedupe_label(fingerprint)
    found = client.search(
        label_query(project_key, label),
        fields=SEARCH_FIELDS,
        reconcile_ids=reconcile_ids if client.is_cloud else (),
        page_size=20,
        max_pages=5,
    )
    for issue in found:
        if label not in issue.labels or issue.key in exclude_keys:
            continue  # search returned something else (defensive) or an earlier ticket
        if open_only and issue.is_done:
            continue
        return issue
    return None
