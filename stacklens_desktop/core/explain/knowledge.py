"""The knowledge base: readable JSON files in ``resources/knowledge/``, one per error type.

Each file holds the type's ``default`` explanation and a list of ``entries`` tried in
order. An entry matches when one of its ``patterns`` (regexes, case-insensitive) is found
in the template or the message, and, when it lists ``fields_any``, one of those fields has
a value. ``placeholders.json`` holds aliases and fallbacks for placeholder names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from stacklens_desktop.core.classify.labels import ERROR_TYPES
from stacklens_desktop.paths import resources_dir


@dataclass(frozen=True)
class Entry:
    id: str
    root_cause: str
    resolution_steps: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...] = ()
    fields_any: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnowledgeBase:
    defaults: dict[str, Entry]
    entries: dict[str, tuple[Entry, ...]]
    aliases: dict[str, list[str]] = field(default_factory=dict)
    fallbacks: dict[str, str] = field(default_factory=dict)


def default_knowledge_dir() -> Path:
    return resources_dir() / "knowledge"


def _entry(raw: dict[str, Any], where: str) -> Entry:
    try:
        steps = tuple(str(s) for s in raw["resolution_steps"])
        if not steps or not str(raw["root_cause"]).strip():
            raise ValueError("empty root cause or steps")
        patterns = tuple(re.compile(p, re.I) for p in raw.get("patterns", []))
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ValueError(f"bad knowledge entry {where}: {exc}") from None
    return Entry(str(raw.get("id", "default")), str(raw["root_cause"]), steps, patterns,
                 tuple(raw.get("fields_any", [])))


@lru_cache(maxsize=4)
def load_knowledge(directory: Path | None = None) -> KnowledgeBase:
    """Read and check every file; a missing type or a bad entry raises ``ValueError``."""
    directory = directory or default_knowledge_dir()
    defaults: dict[str, Entry] = {}
    entries: dict[str, tuple[Entry, ...]] = {}
    for error_type in ERROR_TYPES:
        path = directory / f"{error_type}.json"
        if not path.exists():
            raise ValueError(f"knowledge base has no file for {error_type}: {path}")
        data = json.loads(path.read_text(encoding="utf-8"))
        defaults[error_type] = _entry(data["default"], f"{path.name}:default")
        entries[error_type] = tuple(_entry(raw, f"{path.name}:{i}")
                                    for i, raw in enumerate(data.get("entries", [])))
    extra = json.loads((directory / "placeholders.json").read_text(encoding="utf-8"))
    return KnowledgeBase(defaults, entries, extra.get("aliases", {}), extra.get("fallbacks", {}))


def match_entry(kb: KnowledgeBase, error_type: str, texts: list[str],
                has_field: Any) -> tuple[Entry, dict[str, str]]:
    """The first matching entry of ``error_type`` (else its default) and named groups."""
    for entry in kb.entries.get(error_type, ()):
        if entry.fields_any and not any(has_field(f) for f in entry.fields_any):
            continue
        for pattern in entry.patterns:
            for text in texts:
                found = pattern.search(text)
                if found:
                    groups = {k: v for k, v in found.groupdict().items() if v}
                    return entry, groups
    return kb.defaults.get(error_type, kb.defaults["other"]), {}
