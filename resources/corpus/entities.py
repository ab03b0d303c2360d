"""Entity pools and slot filling for the corpus generator (all values invented by us).

A message phrasing such as ``"Product {product} (id {pid}) has no price"`` names slots in
braces; :func:`fill` replaces each slot with a value drawn from the pools below, the same
value for every occurrence of one slot within one message.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable

PRODUCTS = [
    "Premium Item", "Organic Bananas 1kg", "Espresso Beans 500g", "Oat Milk Barista",
    "Sourdough Loaf", "USB-C Cable 2m", "Gift Card 50", "Baby Wipes 72pk", "Sparkling Water 6x1L",
    "Dark Chocolate 85%", "Kids Rain Jacket", "LED Bulb E27", "Olive Oil Extra Virgin",
    "Wireless Mouse", "Greek Yogurt 0%", "Dog Food Adult 12kg", "Basmati Rice 5kg",
    "Trail Running Shoe", "Cotton T-Shirt M", "Paracetamol 500mg", "Frozen Pizza Margherita",
    "Garden Hose 25m", "Notebook A5 Dotted", "Phone Case Clear", "Red Wine Merlot 750ml",
]
STORES = ["store-0142", "store-0007", "S-221", "store-1093", "BR-Leeds-04", "store-0318", "S-017"]
TILLS = ["till-07", "till-01", "POS-3", "lane-12", "till-22", "register-5", "SCO-4", "till-15"]
HOSTS = [
    "db-prod-01", "api-3.internal", "pos-backend-2", "inventory.internal", "pg-primary.lan",
    "mysql-replica-2", "redis-cache-01", "web-04", "orders-svc-7f9c", "sync-worker-1",
    "edge-lb-02", "hq-gateway", "catalog-api.prod", "mq-broker-1", "batch-01",
]
SERVICES = [
    "tax-service", "loyalty-api", "inventory-svc", "pricing-service", "customer-profile",
    "fraud-check", "address-lookup", "promotions-api", "erp-connector", "delivery-quotes",
    "exchange-rates", "gift-card-service",
]
GATEWAYS = ["Adyen", "Stripe", "Worldpay", "Braintree", "Checkout.com", "Global Payments"]
DATABASES = ["orders", "inventory", "pos_main", "loyalty", "catalog", "reporting", "payments"]
TABLES = [
    "order_lines", "products", "payments", "customers", "stock_levels", "price_list",
    "receipts", "shifts", "promotions", "refunds", "gift_cards", "audit_log",
]
COLUMNS = [
    "price", "customer_id", "unit_price", "quantity", "tax_code", "store_id", "barcode",
    "currency", "discount_pct", "created_at", "email", "vat_rate",
]
USERS = ["svc_sync", "jdoe", "cashier17", "mgr_anna", "pos_app", "report_ro", "svc_export",
         "kwilliams", "admin", "etl_loader", "cashier03"]
ENV_VARS = ["DATABASE_URL", "TAX_API_KEY", "PAYMENT_MERCHANT_ID", "REDIS_URL", "STORE_ID",
            "JWT_SECRET", "SMTP_HOST", "KAFKA_BROKERS", "PRINTER_PROFILE", "LOYALTY_API_URL"]
REGIONS = ["CA-ON", "DE-BY", "US-TX", "FR-IDF", "GB-SCT", "US-NY", "AU-NSW", "ES-CT"]
PRINTERS = ["Epson TM-T88VI", "Star TSP143IIIU", "Bixolon SRP-350III", "Epson TM-m30II"]
READERS = ["Verifone P400", "Ingenico Lane/3000", "PAX A920", "Ingenico Move/5000"]
SCANNERS = ["Zebra DS2208", "Honeywell Voyager 1250g", "Datalogic QD2430", "Zebra LI4278"]
DEVICES = ["/dev/usb/lp0", "COM3", "/dev/ttyUSB0", "/dev/ttyACM1", "USB001", "/dev/hidraw2"]
JOBS = ["nightly-price-sync", "inventory-export", "loyalty-batch", "eod-settlement",
        "catalog-import", "sales-report", "stock-reconciliation", "receipt-archive"]
FILES = ["prices.csv", "catalog_2024-05-01.json", "stock.xml", "promotions.json",
         "settlement_0501.csv", "customers.ndjson", "tax_rates.json", "orders_export.csv"]
QUEUES = ["order-events", "receipts", "stock-updates", "payment-callbacks", "audit"]
PATHS = ["/var/lib/postgresql/data", "/opt/pos/config/app.yaml", "/srv/exports",
         "/var/log/pos", "/data/mysql", "/etc/pos/printers.json", "/var/spool/receipts",
         "/opt/app/uploads", "/etc/ssl/pos/cert.pem"]
URLS = ["/api/v1/orders", "/api/v1/cart/items", "/api/v2/payments/authorize", "/checkout",
        "/api/v1/products/search", "/api/v1/refunds", "/api/v1/loyalty/points", "/health",
        "/api/v1/receipts", "/api/v1/stock"]
BAD_URLS = ["/favicon.ico", "/wp-login.php", "/.env", "/api/v1/prodcts", "/old-promo.html",
            "/robots.txt", "/images/banner_summer.png", "/admin/phpinfo"]
CONTAINERS = ["pos-api", "orders-worker", "pricing", "nginx-edge", "sync-agent", "receipt-svc"]
PROCESSES = ["java", "python3", "node", "postgres", "mysqld", "gunicorn", "uwsgi"]
FIELDS = ["total", "lines", "customer", "price", "sku", "payment", "address", "tender"]
CURRENCIES = ["EUR", "USD", "GBP", "CAD", "AUD"]
PROMOS = ["SUMMER24", "BOGO-DRINKS", "LOYAL10", "WEEKEND5", "STAFF15"]
VERSIONS = ["2.14.0", "3.1.2", "1.9.7", "4.0.0-rc1", "2.15.3"]
LOCKS = ["inventory", "order_seq", "cart:{cart}", "stock_levels", "shift_close", "price_update"]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _ip(rng: random.Random) -> str:
    return f"10.{rng.randint(0, 40)}.{rng.randint(0, 255)}.{rng.randint(2, 254)}"


#: slot name -> value maker
SLOTS: dict[str, Callable[[random.Random], str]] = {
    "product": lambda r: r.choice(PRODUCTS),
    "pid": lambda r: str(r.choice([r.randint(100, 999), r.randint(1000, 99999)])),
    "sku": lambda r: f"SKU-{_digits(r, 5)}",
    "barcode": lambda r: _digits(r, 13),
    "order": lambda r: r.choice([f"ORD-2024-{_digits(r, 6)}", f"{_digits(r, 8)}",
                                 f"o_{_hex(r, 10)}"]),
    "txn": lambda r: r.choice([f"txn_{_hex(r, 12)}", f"T{_digits(r, 10)}", f"pi_{_hex(r, 14)}"]),
    "cart": lambda r: f"cart-{_hex(r, 8)}",
    "store": lambda r: r.choice(STORES),
    "till": lambda r: r.choice(TILLS),
    "host": lambda r: r.choice(HOSTS),
    "ip": _ip,
    "port": lambda r: r.choice(["5432", "3306", "6379", "443", "8080", "9092", "27017", "8443"]),
    "svc": lambda r: r.choice(SERVICES),
    "gw": lambda r: r.choice(GATEWAYS),
    "db": lambda r: r.choice(DATABASES),
    "table": lambda r: r.choice(TABLES),
    "col": lambda r: r.choice(COLUMNS),
    "user": lambda r: r.choice(USERS),
    "env": lambda r: r.choice(ENV_VARS),
    "region": lambda r: r.choice(REGIONS),
    "printer": lambda r: r.choice(PRINTERS),
    "reader": lambda r: r.choice(READERS),
    "scanner": lambda r: r.choice(SCANNERS),
    "device": lambda r: r.choice(DEVICES),
    "job": lambda r: r.choice(JOBS),
    "file": lambda r: r.choice(FILES),
    "queue": lambda r: r.choice(QUEUES),
    "path": lambda r: r.choice(PATHS),
    "url": lambda r: r.choice(URLS),
    "badurl": lambda r: r.choice(BAD_URLS),
    "container": lambda r: r.choice(CONTAINERS),
    "proc": lambda r: r.choice(PROCESSES),
    "field": lambda r: r.choice(FIELDS),
    "cur": lambda r: r.choice(CURRENCIES),
    "promo": lambda r: r.choice(PROMOS),
    "version": lambda r: r.choice(VERSIONS),
    "lock": lambda r: r.choice(LOCKS).replace("{cart}", _hex(r, 6)),
    "pidnum": lambda r: str(r.randint(300, 65000)),
    "n": lambda r: str(r.randint(2, 9)),
    "m": lambda r: str(r.choice([10, 20, 32, 50, 64, 100])),
    "big": lambda r: str(r.randint(120, 9000)),
    "ms": lambda r: str(r.choice([1500, 2000, 3000, 5000, 8000, 10000, 15000, 30000, 60000])),
    "sec": lambda r: str(r.randint(3, 180)),
    "pct": lambda r: str(r.randint(85, 99)),
    "amount": lambda r: f"{r.randint(1, 400)}.{r.randint(0, 99):02d}",
    "last4": lambda r: _digits(r, 4),
    "line": lambda r: str(r.randint(1, 4000)),
    "pos": lambda r: str(r.randint(0, 900)),
    "code": lambda r: r.choice(["05", "51", "91", "96", "14", "54"]),
    "mem": lambda r: r.choice(["256Mi", "512Mi", "1Gi", "2Gi", "768Mi"]),
    "hex": lambda r: _hex(r, 8),
    "email": lambda r: f"{r.choice(['ana', 'li.wei', 'tom', 'k.smith', 'noor'])}@example.com",
    "block": lambda r: str(r.randint(100000, 99999999)),
    "gb": lambda r: str(r.randint(2, 80)),
}


class _Filler(dict):  # type: ignore[type-arg]
    """A mapping that draws a value the first time a slot is asked for, then keeps it."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self._rng = rng

    def __missing__(self, key: str) -> str:
        maker = SLOTS.get(key)
        if maker is None:
            raise KeyError(f"unknown slot {{{key}}}")
        value = maker(self._rng)
        self[key] = value
        return value


def fill(template: str, rng: random.Random, values: dict[str, str] | None = None) -> str:
    """Fill ``template``'s slots; ``values`` pins slots shared with a stack trace."""
    filler = _Filler(rng)
    if values:
        filler.update(values)
    return template.format_map(filler)


def filler(rng: random.Random) -> _Filler:
    """A fresh slot mapping, to share values between a message and its trace."""
    return _Filler(rng)
