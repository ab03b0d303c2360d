"""The automation log's wording: each logged decision as an outcome and a label."""

from __future__ import annotations

import pytest

from stacklens_desktop.jira.outcomes import outcome


@pytest.mark.parametrize(("decision", "code", "reason", "group", "label"), [
    ("filed", "filed", "filed DEMO-1", "created", "created"),
    ("adopted", "adopted", "adopted DEMO-1", "created", "created (existing issue adopted)"),
    ("commented", "commented", "commented on DEMO-1: 3 new", "updated", "updated"),
    ("reopened", "reopened", "reopened DEMO-1", "updated", "updated: reopened"),
    ("none", "severity_not_filed", "low severity is not filed automatically", "skipped",
     "skipped: low severity"),
    ("none", "muted", "the pattern is muted", "skipped", "skipped: muted"),
    ("none", "coalesced", "the pending update will include these", "skipped",
     "skipped: throttled"),
    ("none", "too_few_occurrences", "1 occurrence within 1 h; 2 needed", "skipped",
     "skipped: below minimum"),
    ("none", "below_confidence", "medium with confidence 0.76", "skipped",
     "skipped: low confidence"),
    ("comment", "comment", "2 new occurrences, not before 10:15:00 (throttle)", "queued",
     "throttled: the update waits"),
    ("create", "file", "critical with any confidence", "queued", "queued: file ticket"),
    ("failed", "create_fail", "create: POST /rest/api/3/issue -> HTTP 400 (rejected)",
     "failed", "failed: HTTP 400 (rejected)"),
    ("retry", "create_retry", "Jira unreachable", "failed",
     "failed, will retry: Jira unreachable"),
    ("status", "status_done", "DEMO-1 is now Done", "status", "status synced"),
    ("none", "something_new", "a reason", "skipped", "skipped: something new"),
])
def test_outcome(decision: str, code: str, reason: str, group: str, label: str) -> None:
    result = outcome(decision, code, reason)
    assert (result.group, result.label) == (group, label)
