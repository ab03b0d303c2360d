"""Patterns: clusters of different lengths that are one event.

Clusters are keyed by their token count, so a variable that spans a varying number of
tokens (``0 bytes sent`` / ``1190 bytes (1.16 KB) sent``, a path with a space) splits an
event. Clusters whose templates have the same wording once the variable tokens are dropped
(the *loose key*) form one pattern. The pattern's template puts one ``<*>`` in every gap
where any member has a variable, so it does not depend on which form came first.
Union-find over cluster ids; the smallest id is the pattern id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from stacklens_desktop.core.fingerprint import template_fingerprint
from stacklens_desktop.core.mining.cluster import Cluster
from stacklens_desktop.core.mining.masking import MASK

LooseKey = tuple[str, ...]
_LETTER = re.compile(r"[A-Za-z]").search


#: Stands in the loose key for a word position that sibling merging made variable: such
#: a value is always there, unlike a masked value that may span any number of tokens.
_WORD_VARIABLE = "\x00"


#: Brackets around a masked value make it a token of its own (``(<*>)``, ``[<*>]``).
_BRACKETS = re.compile(r"[()\[\]{}]").search


def _masked_value(cluster: Cluster, index: int) -> bool:
    """A bare masked value (``<*>``, ``<*>,``, ``<*>-<*>.<*>``): it may be there or not in
    one event. A masked value in brackets of its own (``(<*>)``, ``[<*>]``) is structure: a
    message with it is another event than one without (Loghub-2.0's convention)."""
    if cluster.skeleton[index] is not None or index in cluster.generalised:
        return False
    return _BRACKETS(cluster.tokens[index].replace(MASK, "")) is None


def loose_key(cluster: Cluster) -> LooseKey:
    """The wording of a cluster: its template without the masked-value tokens."""
    return tuple(
        _WORD_VARIABLE if token == MASK else token
        for index, token in enumerate(cluster.tokens)
        if not _masked_value(cluster, index)
    )


def gap_template(clusters: Sequence[Cluster]) -> str:
    """One template for clusters sharing a loose key: ``<*>`` in every masked-value gap."""
    key = loose_key(clusters[0])
    gaps = [False] * (len(key) + 1)
    for cluster in clusters:
        position = 0
        for index in range(len(cluster.tokens)):
            if _masked_value(cluster, index):
                gaps[position] = True
            else:
                position += 1
    out: list[str] = []
    for index, token in enumerate(key):
        if gaps[index]:
            out.append(MASK)
        out.append(MASK if token == _WORD_VARIABLE else token)
    if gaps[-1]:
        out.append(MASK)
    return " ".join(out)


class PatternGroups:
    """Which pattern each cluster belongs to, and each pattern's template."""

    def __init__(self, resolve: Callable[[int], Cluster], min_words: int) -> None:
        self._resolve = resolve
        self._min_words = min_words
        self._parent: dict[int, int] = {}
        self._members: dict[int, set[int]] = {}
        self._by_key: dict[LooseKey, int] = {}
        self._shown: dict[int, tuple[str, str]] = {}

    def find(self, cluster_id: int) -> int:
        """The pattern id of a cluster (its own id until it is grouped)."""
        parent = self._parent.get(cluster_id, cluster_id)
        if parent == cluster_id:
            return cluster_id
        root = self.find(parent)
        self._parent[cluster_id] = root
        return root

    def shown(self, root: int) -> tuple[str, str]:
        """``(template, fingerprint)`` of a pattern."""
        found = self._shown.get(root)
        if found is None:
            found = self._shown[root] = self._compute(root)
        return found

    def members(self, root: int) -> list[Cluster]:
        """The live clusters of a pattern, by id."""
        live = {c.cluster_id: c for c in map(self._resolve, self._members.get(root, {root}))}
        return [live[i] for i in sorted(live)]

    def _compute(self, root: int) -> tuple[str, str]:
        clusters = self.members(root)
        if len(clusters) == 1:
            return clusters[0].template, clusters[0].fingerprint
        keys = {loose_key(c) for c in clusters}
        if len(keys) == 1:
            template = gap_template(clusters)
        else:  # a member generalised since it joined: show the most general form
            template = min(c.template for c in clusters)
        return template, template_fingerprint(template)

    def update(self, cluster: Cluster, absorbed: Sequence[int]) -> tuple[int, list[str]]:
        """Group a new or changed cluster; return its pattern and the retired fingerprints."""
        cid = cluster.cluster_id
        touched = [cid, *absorbed]
        key = loose_key(cluster)
        words = sum(1 for token in key if _LETTER(token))
        other = self._by_key.get(key) if words >= self._min_words else None
        if other is not None:
            touched.append(other)
        before = {self.find(i) for i in touched if i in self._parent}
        previous = {self._shown[r][1] for r in before if r in self._shown}
        if cid not in self._parent:
            self._parent[cid] = cid
            self._members[cid] = {cid}
        for dead in absorbed:
            if dead in self._parent:
                self._union(cid, dead)
        if other is not None:
            self._union(cid, other)
        elif words >= self._min_words:
            self._by_key[key] = cid
        root = self.find(cid)
        for stale in before | {root}:
            self._shown.pop(stale, None)
        fingerprint = self.shown(root)[1]
        return root, sorted(p for p in previous if p != fingerprint)

    def _union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        root, child = min(ra, rb), max(ra, rb)
        self._parent[child] = root
        self._members[root] |= self._members.pop(child, {child})
        self._shown.pop(child, None)
        self._shown.pop(root, None)

    def roots(self) -> list[int]:
        return sorted(self._members)

    def to_dict(self) -> dict[str, Any]:
        return {
            "parent": {str(c): p for c, p in sorted(self._parent.items()) if c != p},
            "keys": [[list(key), cid] for key, cid in sorted(self._by_key.items())],
            "clusters": sorted(self._parent),
        }

    def load(self, data: dict[str, Any]) -> None:
        self._parent = {int(c): int(c) for c in data.get("clusters", [])}
        self._parent.update({int(c): int(p) for c, p in data.get("parent", {}).items()})
        self._by_key = {tuple(key): int(cid) for key, cid in data.get("keys", [])}
        self._members = {}
        for cid in self._parent:
            self._members.setdefault(self.find(cid), set()).add(cid)
        self._shown = {}
