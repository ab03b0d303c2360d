"""Explanations: a root cause and ordered resolution steps for a pattern (no Qt).

:func:`explain` looks the pattern up in the knowledge base (``resources/knowledge/``) for
its error type, falls back to the type's default explanation, and fills placeholders from
the pattern's parameters, structured fields and record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stacklens_desktop.core.explain.knowledge import load_knowledge, match_entry
from stacklens_desktop.core.explain.render import Filler
from stacklens_desktop.core.explain.values import collect, fill_template, key_of
from stacklens_desktop.core.record import Record


@dataclass(frozen=True)
class Explanation:
    root_cause: str
    resolution_steps: list[str] = field(default_factory=list)
    #: which knowledge entry answered (``type/entry-id``, or ``type/default``)
    source: str = ""


def explain(template: str, error_type: str, parameters: Sequence[str] = (),
            fields: Mapping[str, Any] | None = None, record: Record | None = None,
            knowledge_dir: Path | None = None) -> Explanation:
    """Root cause and steps for a pattern of ``error_type`` (unknown types: ``other``)."""
    kb = load_knowledge(knowledge_dir)
    if error_type not in kb.defaults:
        error_type = "other"
    fields = fields or {}
    values = collect(template, parameters, fields, record)
    texts = [template, fill_template(template, parameters)]
    if record is not None:
        texts += [record.message, record.text[:2000]]
    entry, groups = match_entry(kb, error_type, texts, lambda name: key_of(name) in values)
    # structured values win over what the entry's regex captured from the text
    values = {**{key_of(k): v for k, v in groups.items()}, **values}
    filler = Filler(values, kb.aliases, kb.fallbacks)
    return Explanation(filler.render(entry.root_cause),
                       [filler.render(step) for step in entry.resolution_steps],
                       f"{error_type}/{entry.id}")


__all__ = ["Explanation", "explain"]
