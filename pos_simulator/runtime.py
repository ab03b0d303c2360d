"""Building a ready till: catalog, log writer and shop from the command-line options."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from pos_simulator.catalog import Catalog, load_catalog
from pos_simulator.faults import FaultSwitches
from pos_simulator.logwriter import DEFAULT_BACKUPS, DEFAULT_MAX_BYTES, PosLogWriter
from pos_simulator.shop import Latency, Shop


@dataclass(frozen=True)
class ShopOptions:
    log_path: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    backups: int = DEFAULT_BACKUPS
    latency: Latency = Latency()
    seed: int | None = None
    catalog_path: Path | None = None


def open_shop(
    options: ShopOptions, catalog: Catalog | None = None, switches: FaultSwitches | None = None
) -> Shop:
    """Raises :class:`~pos_simulator.logwriter.LogUnavailableError` if the log can't be opened."""
    writer = PosLogWriter(options.log_path, options.max_bytes, options.backups)
    return Shop(
        catalog or load_catalog(options.catalog_path),
        writer,
        switches=switches,
        latency=options.latency,
        rng=random.Random(options.seed),
    )
