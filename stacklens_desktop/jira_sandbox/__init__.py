"""A local Jira-compatible HTTP server for demo mode and tests (see :mod:`.server`)."""

from stacklens_desktop.jira_sandbox.server import JiraSandbox
from stacklens_desktop.jira_sandbox.state import SandboxUser

__all__ = ["JiraSandbox", "SandboxUser"]
