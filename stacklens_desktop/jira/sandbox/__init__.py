"""A local Jira-compatible HTTP server for demo mode and tests (see :mod:`.server`)."""

from stacklens_desktop.jira.sandbox.server import JiraSandbox
from stacklens_desktop.jira.sandbox.state import SandboxUser

__all__ = ["JiraSandbox", "SandboxUser"]
