"""The streaming template miner: message in, pattern (cluster, template, parameters) out.

Flow of one message: mask the variable parts (one regex pass), look the masked text up in
a cache (a repeated line stops here), else tokenize it and place it in the cluster index
(:mod:`.index`), then group clusters of different lengths into patterns (:mod:`.groups`).
"""

from __future__ import annotations

from typing import Any

from stacklens_desktop.core.mining.config import MinerConfig
from stacklens_desktop.core.mining.groups import PatternGroups
from stacklens_desktop.core.mining.index import ClusterIndex
from stacklens_desktop.core.mining.masking import mask
from stacklens_desktop.core.mining.result import MineResult, Pattern
from stacklens_desktop.core.mining.tokens import is_variable, restore, skeleton, tokenize

STATE_VERSION = 1
#: Longer messages are masked each time (bounds the exact-message cache's memory).
_MAX_CACHED_MESSAGE = 512

#: What the cache keeps per masked message: its first cluster id, tokens, runs, mask counts,
#: and ``[cluster revision, template == tokens]`` (then the masked values are
#: the parameters as they are, the common case).
_Entry = tuple[int, tuple[str, ...], tuple[int, ...], tuple[int, ...], list[Any]]


class TemplateMiner:
    """Mine templates from a stream of messages.

    >>> miner = TemplateMiner()
    >>> miner.add("Product 999 has no price").parameters
    ['999']
    >>> miner.add("Product 12 has no price").template
    'Product <*> has no price'
    """

    def __init__(self, config: MinerConfig | None = None) -> None:
        self.config = config or MinerConfig()
        self._index = ClusterIndex(self.config)
        self._groups = PatternGroups(self._index.resolve, self.config.loose_min_words)
        self._cache: dict[str, _Entry] = {}
        #: exact message -> its masking: error messages repeat verbatim, and masking is the
        #: costliest step of a repeated line (a pure function, so caching it changes nothing)
        self._masked: dict[str, tuple[str, tuple[str, ...]]] = {}

    def add(self, message: str) -> MineResult:
        """Mine one message and return its pattern as of now."""
        known = self._masked.get(message)
        if known is None:
            masked, found = mask(message)
            if len(message) <= _MAX_CACHED_MESSAGE:
                if len(self._masked) >= self.config.cache_size:
                    self._masked.clear()
                self._masked[message] = masked, tuple(found)
            values = found
        else:
            masked, values = known[0], list(known[1])
        entry = self._cache.get(masked)
        retired: list[str] = []
        if entry is None:
            entry, root, retired = self._place(masked)
            cluster = self._index.resolve(entry[0])
        else:
            cluster = self._index.resolve(entry[0])
            root = self._groups.find(cluster.cluster_id)
        cluster.size += 1
        template, fingerprint = self._groups.shown(root)
        same = entry[4]
        if same[0] != cluster.revision:
            same[:] = [cluster.revision, list(entry[1]) == cluster.tokens]
        if not same[1]:
            values = _parameters(cluster.tokens, entry[1], entry[2], entry[3], values)
        return MineResult(
            root,
            template,
            values,
            fingerprint,
            retired[0] if retired else None,
            tuple(retired),
        )

    def _place(self, masked: str) -> tuple[_Entry, int, list[str]]:
        """Cluster a masked message seen for the first time (and cache it).

        Returns the cache entry, the pattern id and the fingerprints this placement retired.
        """
        tokens, runs = tokenize(masked)
        placement = self._index.place(tokens, skeleton(tokens))
        cluster = placement.cluster
        retired: list[str] = []
        if placement.changed:
            root, retired = self._groups.update(cluster, placement.absorbed)
        else:
            root = self._groups.find(cluster.cluster_id)
        counts = tuple(token.count("<*>") for token in tokens)
        entry = (cluster.cluster_id, tokens, runs, counts, [-1, False])
        if len(self._cache) >= self.config.cache_size:
            self._cache.clear()
        self._cache[masked] = entry
        return entry, root, retired

    def pattern(self, cluster_id: int) -> Pattern:
        """The pattern a cluster id belongs to now (merges and grouping included)."""
        root = self._groups.find(self._index.resolve(cluster_id).cluster_id)
        template, fingerprint = self._groups.shown(root)
        size = sum(c.size for c in self._groups.members(root))
        return Pattern(root, template, fingerprint, size)

    def template_of(self, cluster_id: int) -> str:
        """The current template of a pattern (or of the one it was merged into)."""
        return self.pattern(cluster_id).template

    @property
    def cluster_count(self) -> int:
        """Live clusters (each costs about 5 KB with its caches)."""
        return len(self._index.clusters)

    def clusters(self) -> list[Pattern]:
        """The current patterns, by id."""
        return [self.pattern(root) for root in self._groups.roots()]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able snapshot; :meth:`from_dict` resumes mining from it."""
        return {
            "version": STATE_VERSION,
            "config": self.config.to_dict(),
            "index": self._index.to_dict(),
            "groups": self._groups.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TemplateMiner:
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported miner state version {data.get('version')!r}")
        miner = cls(MinerConfig.from_dict(data.get("config", {})))
        miner._index.load(data["index"])
        miner._groups.load(data.get("groups", {}))
        return miner


def _parameters(
    template: list[str],
    tokens: tuple[str, ...],
    runs: tuple[int, ...],
    counts: tuple[int, ...],
    values: list[str],
) -> list[str]:
    """Values of a message's variable parts, in order, against its cluster's template.

    Where the template keeps the masked token (or the token is only masks and punctuation),
    its masked values are the parameters; where the template has generalised a token with
    words in it, the whole original token is one parameter.
    """
    parameters: list[str] = []
    cursor = 0
    for kept, token, run, count in zip(template, tokens, runs, counts, strict=True):
        used = count * run
        if kept == token or (used and is_variable(token)):
            if used:
                parameters.extend(values[cursor : cursor + used])
        else:
            parameters.append(restore(token, run, values[cursor : cursor + used]))
        cursor += used
    return parameters
