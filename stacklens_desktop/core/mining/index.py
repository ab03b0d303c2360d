"""Where a message's tokens go: find its cluster, or create one and merge siblings.

The index is Drain's tree flattened into dictionaries. Drain descends by length, then by
leading tokens, then compares against the clusters of a leaf; here the key is the whole
*skeleton* (the wording tokens in place, variables as ``None``), so a lookup is one dict
hit and the outcome does not depend on which line came first. Wording tokens that are
in fact values (user names, host names without digits) are found afterwards: when enough
clusters differ in one position only, that position is a variable and they merge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from stacklens_desktop.core.mining.cluster import Cluster, Skeleton
from stacklens_desktop.core.mining.config import MinerConfig
from stacklens_desktop.core.mining.tokens import is_keyword

_LETTER = re.compile(r"[A-Za-z]").search


@dataclass(slots=True)
class Placement:
    """The cluster a message landed in: whether its template changed, and the ids of the
    clusters merged into it by this placement."""

    cluster: Cluster
    changed: bool = False
    absorbed: tuple[int, ...] = ()


def _with_variable(skel: Skeleton, positions: frozenset[int] | tuple[int, ...]) -> Skeleton:
    return tuple(None if index in positions else token for index, token in enumerate(skel))


def _constants(skel: Skeleton) -> list[int]:
    return [index for index, token in enumerate(skel) if token is not None]


def _wording(skel: Skeleton) -> int:
    """How many tokens carry words (a letter), as opposed to bare shapes like ``<*>)``."""
    return sum(1 for token in skel if token is not None and _LETTER(token) is not None)


class ClusterIndex:
    """All clusters, looked up by skeleton; merged clusters leave an alias behind."""

    def __init__(self, config: MinerConfig) -> None:
        self.config = config
        self._reset()

    def _reset(self) -> None:
        self.clusters: dict[int, Cluster] = {}
        self.aliases: dict[int, int] = {}
        self.next_id = 1
        self._by_skeleton: dict[Skeleton, int] = {}
        # keyed by hash(skeleton with one position made variable): a cluster of n tokens
        # has n such keys, and n tuples of n tokens each would cost O(n^2) memory
        self._siblings: dict[int, set[int]] = {}
        self._generalised: dict[int, set[frozenset[int]]] = {}

    # -- lookups -------------------------------------------------------------------------
    def resolve(self, cluster_id: int) -> Cluster:
        """The live cluster that ``cluster_id`` is, or was merged into."""
        target = cluster_id
        while target in self.aliases:
            target = self.aliases[target]
        if target != cluster_id and self.aliases.get(cluster_id) != target:
            self.aliases[cluster_id] = target
        return self.clusters[target]

    def _find(self, skel: Skeleton) -> Cluster | None:
        found = self._by_skeleton.get(skel)
        if found is not None:
            return self.clusters[found]
        for positions in self._generalised.get(len(skel), ()):
            found = self._by_skeleton.get(_with_variable(skel, positions))
            if found is not None:
                return self.clusters[found]
        if _wording(skel) - 1 >= self.config.relaxed_min_constants:
            for position in _constants(skel):
                found = self._by_skeleton.get(_with_variable(skel, (position,)))
                if found is not None:
                    return self.clusters[found]
        return None

    # -- placing a message ---------------------------------------------------------------
    def place(self, tokens: tuple[str, ...], skel: Skeleton) -> Placement:
        """Put one (new, not cached) masked message into its cluster."""
        cluster = self._find(skel)
        if cluster is not None:
            return Placement(cluster, cluster.absorb(tokens))
        cluster = Cluster(self.next_id, list(tokens), skel)
        self.next_id += 1
        self._register(cluster)
        absorbed: list[int] = []
        survivor = self._settle(cluster, absorbed)
        return Placement(survivor, True, tuple(absorbed))

    def _register(self, cluster: Cluster) -> None:
        self.clusters[cluster.cluster_id] = cluster
        self._by_skeleton[cluster.skeleton] = cluster.cluster_id
        for position in _constants(cluster.skeleton):
            key = _with_variable(cluster.skeleton, (position,))
            self._siblings.setdefault(hash(key), set()).add(cluster.cluster_id)
        if cluster.generalised:
            self._generalised.setdefault(len(cluster.tokens), set()).add(cluster.generalised)

    def _unregister(self, cluster: Cluster) -> None:
        del self.clusters[cluster.cluster_id]
        if self._by_skeleton.get(cluster.skeleton) == cluster.cluster_id:
            del self._by_skeleton[cluster.skeleton]
        for position in _constants(cluster.skeleton):
            key = _with_variable(cluster.skeleton, (position,))
            group = self._siblings.get(hash(key))
            if group is not None:
                group.discard(cluster.cluster_id)
                if not group:
                    del self._siblings[hash(key)]

    # -- merging -------------------------------------------------------------------------
    def _settle(self, cluster: Cluster, absorbed: list[int]) -> Cluster:
        """Merge ``cluster`` with the clusters it completes a group with, until stable."""
        while True:
            merged = self._merge_step(cluster, absorbed)
            if merged is None:
                return cluster
            cluster = merged

    def _merge_step(self, cluster: Cluster, absorbed: list[int]) -> Cluster | None:
        skel = cluster.skeleton
        # Clusters with a wording token where this one has a variable: they are its values.
        below = self._siblings.get(hash(skel))
        if below and _wording(skel) >= self.config.relaxed_min_constants:
            members = [cluster, *(self.clusters[i] for i in sorted(below))]
            return self._merge(members, skel, cluster.generalised, absorbed)
        if _wording(skel) <= self.config.sibling_min_constants:
            return None
        for position in _constants(skel):
            key = _with_variable(skel, (position,))
            group = self._siblings.get(hash(key), set())
            anchor = self._by_skeleton.get(key)
            count = len(group) + (anchor is not None)
            if count < self._threshold(group, position):
                continue
            ids = sorted(group | ({anchor} if anchor is not None else set()))
            members = [self.clusters[i] for i in ids]
            generalised = frozenset().union(*(m.generalised for m in members)) | {position}
            return self._merge(members, key, generalised, absorbed)
        return None

    def _threshold(self, group: set[int], position: int) -> int:
        """Siblings needed to merge: more when every variant reads like an event keyword."""
        values = (self.clusters[i].skeleton[position] or "" for i in group)
        if all(is_keyword(value) for value in values):
            return self.config.keyword_sibling_threshold
        return self.config.sibling_threshold

    def _merge(
        self,
        members: list[Cluster],
        key: Skeleton,
        generalised: frozenset[int],
        absorbed: list[int],
    ) -> Cluster:
        survivor_id = min(member.cluster_id for member in members)
        merged = Cluster(survivor_id, list(members[0].tokens), key, generalised=generalised)
        for member in members:
            merged.absorb(member.tokens)
            merged.size += member.size
        for member in members:
            self._unregister(member)
            if member.cluster_id != survivor_id:
                self.aliases[member.cluster_id] = survivor_id
                absorbed.append(member.cluster_id)
        self._register(merged)
        return merged

    # -- persistence ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "next_id": self.next_id,
            "clusters": [c.to_dict() for c in sorted(self.clusters.values(), key=_by_id)],
            "aliases": {str(dead): alive for dead, alive in sorted(self.aliases.items())},
        }

    def load(self, data: dict[str, Any]) -> None:
        """Replace the state with a saved one (see :meth:`to_dict`)."""
        self._reset()
        for item in data.get("clusters", []):
            self._register(Cluster.from_dict(item))
        self.aliases = {int(dead): int(alive) for dead, alive in data.get("aliases", {}).items()}
        self.next_id = int(data.get("next_id", max(self.clusters, default=0) + 1))


def _by_id(cluster: Cluster) -> int:
    return cluster.cluster_id
