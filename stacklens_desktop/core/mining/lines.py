"""Mine every line of a text stream and report each line's FINAL pattern.

Used by ``stacklens templates`` and by the accuracy benchmark (the same code path). A
cluster can still generalise or merge after a line was mined, so the first pass keeps only
the cluster id per line (8 bytes a line) and the second resolves it once all lines are in.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from stacklens_desktop.core.mining.miner import TemplateMiner


@dataclass(frozen=True, slots=True)
class LineTemplate:
    """The final pattern of one input line (``line_no`` counts from 1)."""

    line_no: int
    pattern_id: int
    template: str


def strip_newline(line: str) -> str:
    """A line without its ``\\n`` / ``\\r\\n`` ending."""
    return line.rstrip("\r\n")


def mine_lines(
    lines: Iterable[str],
    message_of: Callable[[str], str] | None = None,
    miner: TemplateMiner | None = None,
) -> Iterator[LineTemplate]:
    """Mine all ``lines`` (``message_of`` picks the message of a line; default: the line).

    The generator mines everything before it yields the first result.
    """
    miner = miner or TemplateMiner()
    add = miner.add
    ids = array("q")
    for line in lines:
        text = strip_newline(line)
        ids.append(add(message_of(text) if message_of else text).cluster_id)
    final: dict[int, tuple[int, str]] = {}
    for number, cluster_id in enumerate(ids, start=1):
        found = final.get(cluster_id)
        if found is None:
            pattern = miner.pattern(cluster_id)
            found = final[cluster_id] = (pattern.cluster_id, pattern.template)
        yield LineTemplate(number, found[0], found[1])
