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


class TillFactory:
    """Opens log writers and builds the shop; the window uses it to switch log files."""

    def __init__(self, options: ShopOptions, catalog: Catalog | None = None) -> None:
        self.options = options
        self.catalog = catalog or load_catalog(options.catalog_path)

    def open_log(self, path: Path) -> PosLogWriter:
        """Raises :class:`~pos_simulator.logwriter.LogUnavailableError`."""
        return PosLogWriter(path, self.options.max_bytes, self.options.backups)

    def make_shop(self, log: PosLogWriter, switches: FaultSwitches | None = None) -> Shop:
        return Shop(
            self.catalog,
            log,
            switches=switches,
            latency=self.options.latency,
            rng=random.Random(self.options.seed),
        )


def open_shop(
    options: ShopOptions, catalog: Catalog | None = None, switches: FaultSwitches | None = None
) -> Shop:
    """Raises :class:`~pos_simulator.logwriter.LogUnavailableError` if the log can't be opened."""
    factory = TillFactory(options, catalog)
    return factory.make_shop(factory.open_log(options.log_path), switches)
