"""The till window: products, cart, payment, history, fault injection and log status."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pos_simulator.cart import Cart
from pos_simulator.catalog import Catalog
from pos_simulator.faults import FaultSwitches
from pos_simulator.logwriter import LogUnavailableError
from pos_simulator.orders import LineRequest, OrderRequest, OrderResult
from pos_simulator.pricing import TaxRateMissing, tax_rate_for
from pos_simulator.runtime import TillFactory
from pos_simulator.shop import Shop
from pos_simulator.window.cart_panel import CartPanel
from pos_simulator.window.fault_menu import build_fault_menu
from pos_simulator.window.history_panel import HistoryPanel
from pos_simulator.window.money import fmt_money
from pos_simulator.window.order_worker import OrderWorker
from pos_simulator.window.product_grid import ProductGrid

STATUS_REFRESH_MS = 250
BANNER_STYLE = "background:#fde7e9; color:#8a1c1c; padding:8px; border:1px solid #e3a3a8;"


class _ResultBridge(QObject):
    """Carries shop results from any thread (HTTP, worker) to the GUI thread.

    Signals:
        order_done(OrderResult)
    """

    order_done = Signal(object)


class PosWindow(QMainWindow):
    """The till opens its log at ``log_path``; if it cannot, the window says so and waits.

    Given a running ``shop`` (the StackLens demo, whose background traffic goes through the
    same shop), the window sells through it instead: one log writer, and the shop's owner
    closes its log."""

    _place = Signal(object, object)  # (Shop, OrderRequest) to the worker

    def __init__(self, factory: TillFactory, log_path: Path, shop: Shop | None = None) -> None:
        super().__init__()
        self.setWindowTitle("POS Simulator — Till")
        self.resize(1200, 820)
        self.catalog: Catalog = shop.catalog if shop is not None else factory.catalog
        self.cart = Cart()
        self.switches = shop.switches if shop is not None else FaultSwitches()
        self.shop: Shop | None = None
        self._shared = shop
        self._factory = factory
        self._pending: tuple[LineRequest, ...] = ()
        self._bridge = _ResultBridge()
        self._bridge.order_done.connect(self._on_order_done)
        self._listener = self._bridge.order_done.emit  # the same callable to remove later
        self._build_widgets()
        self._build_menus()
        self._start_worker()
        if shop is not None:
            self._use_shop(shop)
        else:
            self.open_log(log_path)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._refresh_status)
        self._timer.start(STATUS_REFRESH_MS)
        self.grid.barcode.setFocus()

    # -- construction ----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        store = self.catalog.store
        try:
            rate = tax_rate_for(self.catalog.tax_rates, store.region)
        except TaxRateMissing:
            rate = self.catalog.tax_rates.get(store.region, Decimal(0))  # the till still opens
        self.grid = ProductGrid(self.catalog)
        self.cart_panel = CartPanel(self.cart, rate, store.currency)
        self.history = HistoryPanel(store.currency)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setVisible(False)
        self.grid.product_chosen.connect(self._add_product)
        self.grid.barcode_entered.connect(self._scan)
        self.cart_panel.place_requested.connect(self.place_order)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.grid)
        top.addWidget(self.cart_panel)
        top.setSizes([640, 560])
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(self.history)
        body.setSizes([560, 240])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)
        self.log_label = QLabel()
        self.lines_label = QLabel()
        self.http_label = QLabel()
        for label in (self.log_label, self.lines_label, self.http_label):
            self.statusBar().addPermanentWidget(label)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.place_order)
        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(self.grid.barcode.setFocus)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        choose = QAction("Choose log file…", self)
        choose.triggered.connect(self._choose_log)
        file_menu.addAction(choose)
        file_menu.addSeparator()
        quit_action = QAction("Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.fault_menu, self.fault_actions = build_fault_menu(self, self.switches)
        self.menuBar().addMenu(self.fault_menu)

    def _start_worker(self) -> None:
        self._thread = QThread(self)
        self._thread.setObjectName("pos-order-worker")
        self._worker = OrderWorker()
        self._worker.moveToThread(self._thread)
        self._place.connect(self._worker.place)
        self._worker.finished.connect(self._on_placed)
        self._worker.failed.connect(self._on_worker_failed)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()

    # -- the log ---------------------------------------------------------------------------

    def open_log(self, path: Path) -> None:
        try:
            log = self._factory.open_log(path)
        except LogUnavailableError as exc:
            self._show_log_error(str(exc))
            return
        if self.shop is None:
            self._use_shop(self._factory.make_shop(log, self.switches))
            return
        self.shop.replace_log(log)
        self._log_opened(self.shop)

    def _use_shop(self, shop: Shop) -> None:
        self.shop = shop
        shop.add_listener(self._listener)
        self._log_opened(shop)

    def _log_opened(self, shop: Shop) -> None:
        shop.log_started("window", logFile=str(shop.log.path))
        self.banner.setVisible(False)
        self.cart_panel.setEnabled(True)
        self.log_label.setText(f"Log: {shop.log.path.name}")
        self.log_label.setToolTip(str(shop.log.path))
        self.grid.update_stock(shop.inventory.snapshot())
        self._refresh_status()

    def _show_log_error(self, message: str) -> None:
        self.banner.setText(
            f"<b>The POS log cannot be written.</b> {message}<br>"
            "Orders are disabled. Choose another file with File → Choose log file…"
        )
        self.banner.setVisible(True)
        self.cart_panel.setEnabled(self.shop is not None)
        self.statusBar().showMessage(message)
        self.log_label.setText("Log: unavailable")

    def _choose_log(self) -> None:
        if self._shared is not None:
            self.statusBar().showMessage("This till writes the log StackLens watches", 5000)
            return
        start = str(self.shop.log.path) if self.shop else ""
        path, _ = QFileDialog.getSaveFileName(self, "POS log file", start, "Logs (*.log)")
        if path:
            self.open_log(Path(path))

    def _refresh_status(self) -> None:
        lines = self.shop.log.lines_written if self.shop else 0
        self.lines_label.setText(f"{lines:,} line{'' if lines == 1 else 's'} written")

    def set_http_url(self, url: str | None) -> None:
        self.http_label.setText(f"API: {url}" if url else "")

    # -- selling ---------------------------------------------------------------------------

    @Slot(int)
    def _add_product(self, product_id: int) -> None:
        product = self.catalog.by_id(product_id)
        if product is not None:
            self.cart.add(product)
            self.cart_panel.refresh()

    @Slot(str)
    def _scan(self, barcode: str) -> None:
        if self.shop is None:
            self.statusBar().showMessage("Scanning is disabled: the POS log is not writable")
            return
        try:
            product = self.shop.scan(barcode)
        except LogUnavailableError as exc:
            self._show_log_error(str(exc))
            return
        if product is None:
            self.statusBar().showMessage(f"Unknown barcode {barcode}", 5000)
            return
        self.cart.add(product)
        self.cart_panel.refresh()
        self.statusBar().showMessage(f"Added {product.name}", 3000)

    @Slot()
    def place_order(self) -> None:
        if self.shop is None or not self.cart_panel.place_button.isEnabled():
            return
        if not len(self.cart):
            self.statusBar().showMessage("The cart is empty", 3000)
            return
        request = OrderRequest(items=self.cart.items(), payment=self.cart_panel.payment())
        self._pending = request.items
        self.cart_panel.set_busy(True)
        self.statusBar().showMessage("Processing order…")
        self._place.emit(self.shop, request)

    @Slot(object)
    def _on_placed(self, result: OrderResult) -> None:
        self.cart_panel.set_busy(False)
        if result.ok:
            self.cart.remove_sold(self._pending)
            self.cart_panel.refresh()
            note = f" ({result.message})" if result.code else ""
            total = fmt_money(result.total, self.catalog.store.currency)
            self.statusBar().showMessage(
                f"Order {result.order_id} completed: {total}, receipt {result.receipt_no}{note}"
            )
        else:
            self.statusBar().showMessage(
                f"Order {result.order_id} failed: {result.code} — {result.message}"
            )
        self._refresh_status()

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        self.cart_panel.set_busy(False)
        self._show_log_error(message)

    @Slot(object)
    def _on_order_done(self, result: OrderResult) -> None:
        self.history.add(result)
        if self.shop is not None:
            self.grid.update_stock(self.shop.inventory.snapshot())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._timer.stop()
        self._thread.quit()
        self._thread.wait(5000)
        if self.shop is not None:
            self.shop.remove_listener(self._listener)
            if self._shared is None:  # a shared shop's log is its owner's to close
                self.shop.log.close()  # an HTTP request after this gets a clean 500
        super().closeEvent(event)
