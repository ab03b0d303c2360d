"""Building bounded, correctly quoted JQL for the two searches StackLens needs.

Dedupe uses exact label matches (``labels = "stacklens-<fp>"``), never text search (``~`` is a
tokenised word search and produced duplicates elsewhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ISSUE_KEY = re.compile(r"^[A-Z][A-Z0-9_]*-\d+$")


def quote(value: str) -> str:
    """A JQL string literal: double quotes, with ``\\`` and ``"`` escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def label_query(project_key: str, label: str) -> str:
    """Issues of a project carrying one exact label, oldest first (the original ticket)."""
    return f"project = {quote(project_key)} AND labels = {quote(label)} ORDER BY created ASC"


def keys_query(keys: Iterable[str]) -> str:
    """Issues by key, e.g. for a status refresh of one page of tickets."""
    valid = [k for k in keys if _ISSUE_KEY.match(k)]
    if not valid:
        raise ValueError("no valid issue keys")
    return f"key in ({', '.join(valid)})"
