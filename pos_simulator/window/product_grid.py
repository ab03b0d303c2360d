"""Product buttons with name, price and stock, and the barcode field a scanner types into."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos_simulator.catalog import Catalog, Product
from pos_simulator.window.money import fmt_money

COLUMNS = 3
#: a red that reads on the light and on the dark button colour
UNPRICED_TEXT = "#d64541"


class ProductGrid(QGroupBox):
    """Emits ``product_chosen(product_id)`` on a click, ``barcode_entered(text)`` on Enter."""

    product_chosen = Signal(int)
    barcode_entered = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__("Products", parent)
        self._catalog = catalog
        self.buttons: dict[int, QPushButton] = {}
        self.barcode = QLineEdit()
        self.barcode.setPlaceholderText("Scan or type a barcode, then Enter")
        self.barcode.setClearButtonEnabled(True)
        self.barcode.returnPressed.connect(self._on_barcode)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setSpacing(8)
        for index, product in enumerate(catalog.products):
            button = self._make_button(product)
            grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            self.buttons[product.id] = button
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        # every column shows: the grid is never narrower than its buttons (no sideways scroll)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(grid_host.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width()
                               + 2 * scroll.frameWidth())
        layout = QVBoxLayout(self)
        layout.addWidget(self.barcode)
        layout.addWidget(scroll)

    def _make_button(self, product: Product) -> QPushButton:
        button = QPushButton()
        button.setObjectName(f"product-{product.id}")
        button.setMinimumSize(128, 72)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep focus in the barcode field
        button.clicked.connect(lambda _=False, pid=product.id: self.product_chosen.emit(pid))
        if product.price is None:  # red text, the palette's button (light and dark)
            palette = button.palette()
            palette.setColor(QPalette.ColorRole.ButtonText, QColor(UNPRICED_TEXT))
            button.setPalette(palette)
        self._label(button, product, product.stock)
        return button

    def _label(self, button: QPushButton, product: Product, on_hand: int) -> None:
        price = fmt_money(product.price, self._catalog.store.currency)
        button.setText(f"{product.name}\n{price}\n{on_hand} in stock")
        button.setToolTip(f"#{product.id} · {product.category} · barcode {product.barcode}")

    def update_stock(self, on_hand: dict[int, int]) -> None:
        for product in self._catalog.products:
            self._label(self.buttons[product.id], product, on_hand.get(product.id, 0))

    def _on_barcode(self) -> None:
        text = self.barcode.text().strip()
        self.barcode.clear()
        if text:
            self.barcode_entered.emit(text)
