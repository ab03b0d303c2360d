"""The streaming template miner: message in, pattern (cluster, template, parameters) out."""

from __future__ import annotations

from typing import Any

from stacklens_desktop.core.mining.cluster import Cluster
from stacklens_desktop.core.mining.config import MinerConfig
from stacklens_desktop.core.mining.index import ClusterIndex
from stacklens_desktop.core.mining.masking import mask
from stacklens_desktop.core.mining.result import MineResult
from stacklens_desktop.core.mining.tokens import restore, skeleton, tokenize

STATE_VERSION = 1

#: What the cache keeps per masked message: its first cluster id, tokens, runs, mask counts.
_Entry = tuple[int, tuple[str, ...], tuple[int, ...], tuple[int, ...]]


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
        self._cache: dict[str, _Entry] = {}

    def add(self, message: str) -> MineResult:
        """Mine one message and return its pattern as of now."""
        masked, values = mask(message)
        entry = self._cache.get(masked)
        changed_from: str | None = None
        retired: tuple[str, ...] = ()
        if entry is None:
            tokens, runs = tokenize(masked)
            placement = self._index.place(tokens, skeleton(tokens))
            cluster = placement.cluster
            changed_from, retired = placement.changed_from, placement.retired
            counts = tuple(token.count("<*>") for token in tokens)
            if len(self._cache) >= self.config.cache_size:
                self._cache.clear()
            self._cache[masked] = (cluster.cluster_id, tokens, runs, counts)
        else:
            cluster = self._index.resolve(entry[0])
            tokens, runs, counts = entry[1], entry[2], entry[3]
        cluster.size += 1
        parameters = _parameters(cluster.tokens, tokens, runs, counts, values)
        return MineResult(
            cluster.cluster_id,
            cluster.template,
            parameters,
            cluster.fingerprint,
            changed_from,
            retired,
        )

    def template_of(self, cluster_id: int) -> str:
        """The current template of a cluster (or of the cluster it was merged into)."""
        return self._index.resolve(cluster_id).template

    def cluster_of(self, cluster_id: int) -> Cluster:
        """The live cluster that ``cluster_id`` is now (merges leave aliases)."""
        return self._index.resolve(cluster_id)

    def clusters(self) -> list[Cluster]:
        """The live clusters, by id."""
        return sorted(self._index.clusters.values(), key=lambda c: c.cluster_id)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able snapshot; :meth:`from_dict` resumes mining from it."""
        return {
            "version": STATE_VERSION,
            "config": self.config.to_dict(),
            "index": self._index.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TemplateMiner:
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported miner state version {data.get('version')!r}")
        miner = cls(MinerConfig.from_dict(data.get("config", {})))
        miner._index.load(data["index"])
        return miner


def _parameters(
    template: list[str],
    tokens: tuple[str, ...],
    runs: tuple[int, ...],
    counts: tuple[int, ...],
    values: list[str],
) -> list[str]:
    """Values of a message's variable parts, in order, against the cluster's template.

    Where the template keeps the masked token, its masked values are the parameters; where
    the template has generalised the token, the whole original token is one parameter.
    """
    if len(template) == len(tokens) and all(t == m for t, m in zip(template, tokens)):
        return values
    parameters: list[str] = []
    cursor = 0
    for kept, token, run, count in zip(template, tokens, runs, counts, strict=True):
        used = count * run
        if kept == token:
            parameters.extend(values[cursor : cursor + used])
        else:
            parameters.append(restore(token, run, values[cursor : cursor + used]))
        cursor += used
    return parameters
