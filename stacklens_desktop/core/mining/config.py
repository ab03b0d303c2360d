"""Settings of the template miner: one configuration for every log."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class MinerConfig:
    """Tuning of :class:`~stacklens_desktop.core.mining.miner.TemplateMiner`.

    ``sibling_threshold``: how many clusters that differ in one wording token only (same
    length, same everything else) it takes to decide that this token is a variable and
    merge them; two or three variants are usually distinct events (``opened``/``closed``).
    ``keyword_sibling_threshold``: the same when every variant is an event keyword
    (upper-case words, -ed/-ing verb forms: ``GET``/``POST``, ``Started``/``Stopped``).
    ``sibling_min_constants``: wording tokens that must remain after such a merge (so
    one-word messages never merge into a bare ``<*>``).
    ``relaxed_min_constants``: a message whose wording token sits where a cluster already
    has a variable joins it only if that many wording tokens still match.
    ``loose_min_words``: clusters of different lengths with the same wording (variables
    dropped) are one pattern when that wording has at least this many words.
    ``cache_size``: masked messages remembered (a repeated line is one dict hit).
    """

    sibling_threshold: int = 4
    sibling_min_constants: int = 2
    keyword_sibling_threshold: int = 6
    relaxed_min_constants: int = 2
    loose_min_words: int = 2
    cache_size: int = 50_000

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MinerConfig:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)
