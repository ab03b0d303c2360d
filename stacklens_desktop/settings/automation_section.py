"""The saved automation policy: when a pattern is filed, updated or reopened in Jira."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from stacklens_desktop.jira.policy import (
    DEFAULT_RULES,
    AutomationConfig,
    RegressionMode,
    SeverityRule,
)
from stacklens_desktop.settings.jira_section import SEVERITIES


class SeverityThreshold(BaseModel):
    """Whether a severity is filed, and the confidence it must exceed (None: any)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    file: StrictBool
    confidence_above: float | None = None

    @field_validator("confidence_above")
    @classmethod
    def _fraction(cls, value: float | None) -> float | None:
        if value is not None and not 0 <= value < 1:
            raise ValueError("A confidence threshold must be from 0 up to (not including) 1 "
                             f"(got {value:g}).")
        return value


def _default_rules() -> dict[str, SeverityThreshold]:
    return {name: SeverityThreshold(file=r.file, confidence_above=r.confidence_above)
            for name, r in DEFAULT_RULES.items()}


class AutomationSection(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    enabled: StrictBool = True
    rules: dict[str, SeverityThreshold] = Field(default_factory=_default_rules)
    min_occurrences: int = 1
    window_minutes: float = 60.0
    comment_throttle_minutes: float = 15.0
    regression_mode: Literal["reopen", "new_linked"] = "reopen"
    resolve_pattern_on_done: StrictBool = True

    @field_validator("rules")
    @classmethod
    def _severities(cls, value: dict[str, SeverityThreshold]) -> dict[str, SeverityThreshold]:
        unknown = sorted(set(value) - set(SEVERITIES))
        if unknown:
            raise ValueError(f"Unknown severities in the policy: {', '.join(unknown)} "
                             f"(use {', '.join(SEVERITIES)}).")
        return {**_default_rules(), **value}

    @field_validator("min_occurrences")
    @classmethod
    def _at_least_one(cls, value: int) -> int:
        if value < 1:
            raise ValueError(f"Minimum occurrences must be at least 1 (got {value}).")
        return value

    @field_validator("window_minutes")
    @classmethod
    def _window(cls, value: float) -> float:
        if value <= 0:
            raise ValueError(f"The occurrence window must be longer than 0 minutes "
                             f"(got {value:g}).")
        return value

    @field_validator("comment_throttle_minutes")
    @classmethod
    def _throttle(cls, value: float) -> float:
        if value < 0:
            raise ValueError(f"The comment throttle must not be negative (got {value:g}).")
        return value

    def to_runtime(self) -> AutomationConfig:
        return AutomationConfig(
            enabled=self.enabled,
            rules={name: SeverityRule(r.file, r.confidence_above)
                   for name, r in self.rules.items()},
            min_occurrences=self.min_occurrences,
            window=timedelta(minutes=self.window_minutes),
            comment_throttle=timedelta(minutes=self.comment_throttle_minutes),
            regression_mode=RegressionMode(self.regression_mode),
            resolve_pattern_on_done=self.resolve_pattern_on_done)

    @staticmethod
    def fields_of(config: AutomationConfig) -> dict[str, Any]:
        """The saved fields of ``config``, not yet validated."""
        return {
            "enabled": config.enabled,
            "rules": {name: {"file": r.file, "confidence_above": r.confidence_above}
                      for name, r in config.rules.items()},
            "min_occurrences": config.min_occurrences,
            "window_minutes": config.window.total_seconds() / 60,
            "comment_throttle_minutes": config.comment_throttle.total_seconds() / 60,
            "regression_mode": config.regression_mode.value,
            "resolve_pattern_on_done": config.resolve_pattern_on_done,
        }
