"""What the miner answers for one message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class MineResult:
    """The pattern of one message.

    ``changed_from`` is the previous fingerprint of the cluster when this message
    generalised its template (the store re-keys the pattern). ``merged_from`` lists every
    fingerprint that this message retired: the changed one and those of clusters merged
    into this one, so the store can fold their patterns together.
    """

    cluster_id: int
    template: str
    parameters: list[str]
    fingerprint: str
    changed_from: str | None = None
    merged_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Pattern:
    """A pattern as it stands: id, template, fingerprint and how many messages it has."""

    cluster_id: int
    template: str
    fingerprint: str
    size: int
