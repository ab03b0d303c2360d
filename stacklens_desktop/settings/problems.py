"""Validation failures as sentences for the dialog and the command line."""

from __future__ import annotations

from pydantic import ValidationError

from stacklens_desktop.errors import ExpectedFailure

#: How a field is named to the user when pydantic's own message is shown.
LABELS = {
    "base_url": "Jira URL", "username": "Jira user", "project_key": "Project key",
    "issue_type": "Issue type", "deployment": "Deployment", "priority_map": "Priority map",
    "custom_fields": "Field mapping", "connect_timeout": "Connect timeout",
    "read_timeout": "Read timeout", "enabled": "Automation on/off", "rules": "Thresholds",
    "min_occurrences": "Minimum occurrences", "window_minutes": "Occurrence window",
    "comment_throttle_minutes": "Comment throttle", "regression_mode": "Regression behaviour",
    "extra_keys": "Scrubbed keys", "extra_patterns": "Scrubbed patterns", "paths": "Sources",
}


class SettingsError(ExpectedFailure, ValueError):
    """The settings cannot be saved; ``problems`` are whole sentences."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def sentences(exc: ValidationError) -> list[str]:
    """One sentence per failure: our validators' own text, else "<field>: <reason>."."""
    out: list[str] = []
    for error in exc.errors(include_url=False):
        if error["type"] == "value_error":
            text = str(error.get("ctx", {}).get("error", error["msg"]))
        else:
            where = LABELS.get(str(error["loc"][0]), str(error["loc"][0])) if error["loc"] \
                else "Settings"
            text = f"{where}: {error['msg'].rstrip('.')}."
        if text not in out:
            out.append(text)
    return out
