"""The built-in Jira sandbox, for the self-test: the one place this package imports it."""

from __future__ import annotations

from stacklens_desktop.jira_sandbox import JiraSandbox

__all__ = ["JiraSandbox"]
