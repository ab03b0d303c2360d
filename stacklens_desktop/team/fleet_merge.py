"""The fleet merge: group the fleet's patterns as one miner would, had it seen every host.

Each agent mines its own host's messages. A token that differs per host — a till's printer,
a store's payment terminal — is a constant on every host, so fifty tills make fifty patterns
(and fifty tickets) of one fault. The automation holder feeds every pattern's template, in
id order, to one :class:`TemplateMiner` with the agents' own settings; where the miner puts
several stored patterns into one pattern, they are folded into the pattern row of its
template (``store/team/merges.py``): the same rule a single host applies, over the fleet.
"""

from __future__ import annotations

from sqlalchemy import Connection

from stacklens_desktop.core.classify.labels import SEVERITIES
from stacklens_desktop.core.mining import MinerConfig, TemplateMiner
from stacklens_desktop.store.team import merges

#: Patterns folded in one pass at most: a fold moves the members' events and per-host rows,
#: which agents' shipments wait for; a large backlog (a store that ran without the merge) is
#: folded over several passes instead of one long transaction (tests/bench/RESULTS.md).
MAX_FOLDED_PER_PASS = 100


class FleetMerger:
    """Kept by the automation holder between passes; a new holder starts from the store."""

    def __init__(self, config: MinerConfig | None = None,
                 budget: int = MAX_FOLDED_PER_PASS) -> None:
        self._miner = TemplateMiner(config)
        self._budget = budget
        self._last_id = 0  # the newest pattern fed to the miner
        self._cluster: dict[int, int] = {}  # pattern id -> the miner's cluster of its template
        self._severity: dict[int, str] = {}
        #: patterns the last pass left for the next one (its budget was used up)
        self._waiting: frozenset[int] = frozenset()

    @property
    def behind(self) -> bool:
        """Groups wait for the next pass (this one used its budget)."""
        return bool(self._waiting)

    @property
    def waiting(self) -> frozenset[int]:
        """Patterns that will be folded by a later pass: not to be decided on meanwhile
        (a ticket filed for one now would be a second ticket of the fold's target)."""
        return self._waiting

    def run(self, conn: Connection) -> list[int]:
        """One pass in the caller's transaction; returns the ids of the patterns that gained
        counts (folds, and late rows swept onto their targets)."""
        touched = set(merges.sweep(conn))
        fresh = merges.candidates(conn, self._last_id)
        for item in fresh:
            self._cluster[item.id] = self._miner.add(item.template).cluster_id
            self._severity[item.id] = item.severity
            self._last_id = max(self._last_id, item.id)
        if fresh or self._waiting:
            touched.update(self._fold_groups(conn))
        return sorted(touched)

    def _groups(self) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = {}
        for pattern_id, cluster in self._cluster.items():
            groups.setdefault(self._miner.pattern(cluster).cluster_id, []).append(pattern_id)
        return {root: ids for root, ids in groups.items() if len(ids) > 1}

    def _fold_groups(self, conn: Connection) -> list[int]:
        targets: list[int] = []
        budget = self._budget
        waiting: set[int] = set()
        for root, ids in self._groups().items():
            if budget <= 0:
                waiting.update(ids)
                continue
            shown = self._miner.pattern(root)
            like = min(ids, key=lambda i: (_rank(self._severity.get(i)), i))
            target = merges.ensure_target(conn, shown.fingerprint, shown.template, like)
            members = sorted(i for i in ids if i != target)
            if len(members) > budget:
                members, later = members[:budget], members[budget:]
                waiting.update(later)
            budget -= len(members)
            merges.fold(conn, members, target)
            for member in members:
                self._cluster.pop(member, None)
            self._cluster[target] = root
            self._severity.setdefault(target, self._severity.get(like, "low"))
            targets.append(target)
        self._waiting = frozenset(waiting)
        return targets


def _rank(severity: str | None) -> int:
    """critical first: a merged pattern is judged by its gravest member."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)
