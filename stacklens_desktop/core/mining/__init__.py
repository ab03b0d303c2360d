"""Template mining: group messages into patterns with parameters.

``TemplateMiner().add(message) -> MineResult(cluster_id, template, parameters, fingerprint,
changed_from, merged_from)``. See :mod:`.miner` for the flow and :mod:`.index` for the
clustering.
"""

from stacklens_desktop.core.mining.cluster import Cluster
from stacklens_desktop.core.mining.config import MinerConfig
from stacklens_desktop.core.mining.miner import TemplateMiner
from stacklens_desktop.core.mining.result import MineResult

__all__ = ["Cluster", "MineResult", "MinerConfig", "TemplateMiner"]
