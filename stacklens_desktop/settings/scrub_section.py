"""The user's scrubbing options (card data and the built-in keys are scrubbed regardless)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, StrictBool, ValidationInfo, field_validator

from stacklens_desktop.core.scrub.rules import ScrubRules, pattern_problem


class ScrubSection(BaseModel):
    """Saving refuses a pattern that does not compile or matches the empty text; loading
    (context ``lenient``) leaves such a pattern out: scrubbing never stops over a setting."""

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)

    extra_keys: tuple[str, ...] = ()
    extra_patterns: tuple[str, ...] = ()
    emails: StrictBool = True

    @field_validator("extra_keys")
    @classmethod
    def _keys(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        if any(not k for k in value) and not _lenient(info):
            raise ValueError("A scrubbed key must not be empty.")
        return tuple(k for k in value if k)

    @field_validator("extra_patterns")
    @classmethod
    def _patterns(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        problems = [f"Pattern {p!r} is not usable: {why}." for p in value
                    if (why := pattern_problem(p))]
        if problems and not _lenient(info):
            raise ValueError(" ".join(problems))
        return tuple(p for p in value if not pattern_problem(p))

    def to_runtime(self) -> ScrubRules:
        return ScrubRules(extra_keys=self.extra_keys, extra_patterns=self.extra_patterns,
                          emails=self.emails)

    @staticmethod
    def fields_of(rules: ScrubRules) -> dict[str, Any]:
        """The saved fields of ``rules`` (the hash salt stays the app's), not yet validated."""
        return {"extra_keys": rules.extra_keys, "extra_patterns": rules.extra_patterns,
                "emails": rules.emails}


def _lenient(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("lenient"))
