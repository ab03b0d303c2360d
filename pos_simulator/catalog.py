"""The product catalog and the store set-up, loaded from ``resources/catalog.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pos_simulator.paths import resources_dir

CATALOG_FILE = "catalog.json"


@dataclass(frozen=True)
class Product:
    """One sellable item. ``price`` is ``None`` for a product nobody priced (id 999)."""

    id: int
    name: str
    price: Decimal | None
    stock: int
    barcode: str
    category: str

    def to_json(self) -> dict[str, Any]:
        """The API shape; ``quantity`` repeats the stock as the seed's API named it."""
        return {
            "id": self.id,
            "name": self.name,
            "price": float(self.price) if self.price is not None else None,
            "stock": self.stock,
            "quantity": self.stock,
            "barcode": self.barcode,
            "category": self.category,
        }


@dataclass(frozen=True)
class StoreInfo:
    """Who is selling: identifiers that every log payload carries, and the tax region."""

    store_id: str
    terminal_id: str
    region: str
    currency: str


@dataclass(frozen=True)
class Catalog:
    """Products, the store, the tax rates per region and regions opened without a rate."""

    products: tuple[Product, ...]
    store: StoreInfo
    tax_rates: dict[str, Decimal]
    unconfigured_regions: tuple[str, ...]

    def by_id(self, product_id: int) -> Product | None:
        return next((p for p in self.products if p.id == product_id), None)

    def by_barcode(self, barcode: str) -> Product | None:
        code = barcode.strip()
        return next((p for p in self.products if p.barcode == code), None)

    def priced(self) -> tuple[Product, ...]:
        return tuple(p for p in self.products if p.price is not None)


def default_catalog_path() -> Path:
    return resources_dir() / CATALOG_FILE


def _product(raw: dict[str, Any]) -> Product:
    price = raw.get("price")
    return Product(
        id=int(raw["id"]),
        name=str(raw["name"]),
        price=None if price is None else Decimal(str(price)),
        stock=int(raw.get("stock", 0)),
        barcode=str(raw["barcode"]),
        category=str(raw.get("category", "general")),
    )


def parse_catalog(doc: dict[str, Any]) -> Catalog:
    """Build a :class:`Catalog` from the JSON document (``KeyError`` on a missing field)."""
    store = doc["store"]
    return Catalog(
        products=tuple(_product(p) for p in doc["products"]),
        store=StoreInfo(
            store_id=str(store["storeId"]),
            terminal_id=str(store["terminalId"]),
            region=str(store["region"]),
            currency=str(store.get("currency", "USD")),
        ),
        tax_rates={k: Decimal(str(v)) for k, v in doc["taxRates"].items()},
        unconfigured_regions=tuple(doc.get("unconfiguredRegions", ())),
    )


def load_catalog(path: Path | None = None) -> Catalog:
    with open(path or default_catalog_path(), encoding="utf-8") as fh:
        return parse_catalog(json.load(fh))
