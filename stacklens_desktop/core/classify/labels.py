"""The label sets of ../shared/TAXONOMY.md, in a fixed order (most severe first)."""

from __future__ import annotations

SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low")
ERROR_TYPES: tuple[str, ...] = (
    "data_validation", "not_found", "database", "network", "external_service", "auth",
    "resource_exhaustion", "null_reference", "configuration", "concurrency", "parsing",
    "hardware_device", "other",
)


def check_labels(severity: str, error_type: str) -> None:
    """Raise ``ValueError`` for a label outside the taxonomy."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}; expected one of {SEVERITIES}")
    if error_type not in ERROR_TYPES:
        raise ValueError(f"unknown error type {error_type!r}; expected one of {ERROR_TYPES}")
