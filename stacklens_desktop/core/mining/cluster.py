"""A cluster: the messages of one pattern, and the template that covers them all."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from stacklens_desktop.core.fingerprint import template_fingerprint
from stacklens_desktop.core.mining.masking import MASK

Skeleton = tuple[str | None, ...]
_REVISIONS = itertools.count(1)


@dataclass(slots=True)
class Cluster:
    """Template tokens keep a token where all members agree and ``<*>`` elsewhere.

    ``skeleton`` is the clustering key (wording tokens, ``None`` for variables);
    ``generalised`` are the positions made variable by merging sibling clusters.
    """

    cluster_id: int
    tokens: list[str]
    skeleton: Skeleton
    size: int = 0
    generalised: frozenset[int] = frozenset()
    template: str = field(init=False, default="")
    fingerprint: str = field(init=False, default="")
    #: Process-wide unique stamp of the current tokens (cached per-message facts check it).
    revision: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute the template text and fingerprint after the tokens changed."""
        self.template = " ".join(self.tokens)
        self.fingerprint = template_fingerprint(self.template)
        self.revision = next(_REVISIONS)

    def absorb(self, tokens: list[str] | tuple[str, ...]) -> bool:
        """Generalise the template to cover ``tokens``; True when the template changed."""
        mine = self.tokens
        changed = False
        for index, token in enumerate(tokens):
            if mine[index] != token and mine[index] != MASK:
                mine[index] = MASK
                changed = True
        if changed:
            self.refresh()
        return changed

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.cluster_id,
            "tokens": list(self.tokens),
            "skeleton": list(self.skeleton),
            "size": self.size,
            "generalised": sorted(self.generalised),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cluster:
        return cls(
            cluster_id=int(data["id"]),
            tokens=[str(token) for token in data["tokens"]],
            skeleton=tuple(data["skeleton"]),
            size=int(data["size"]),
            generalised=frozenset(int(p) for p in data["generalised"]),
        )
