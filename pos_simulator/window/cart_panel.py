"""The cart table, totals, payment choice and the "Place order" button."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pos_simulator.cart import Cart
from pos_simulator.payment import CardPayment, CashPayment, Payment
from pos_simulator.window.money import fmt_money

HEADERS = ("Product", "Qty", "Price", "Amount", "")


class CartPanel(QGroupBox):
    """Shows a :class:`Cart`; emits ``place_requested`` when the cashier places the order."""

    place_requested = Signal()

    def __init__(self, cart: Cart, tax_rate: Decimal, currency: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("Cart", parent)
        self._cart = cart
        self._tax_rate = tax_rate
        self._currency = currency
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for col in range(1, len(HEADERS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.subtotal = QLabel()
        self.tax = QLabel()
        self.total = QLabel()
        self.total.setFont(_big_bold(self.total.font(), 20))
        self.total.setWordWrap(True)  # "+ unpriced item" must not widen the till's window
        self.cash = QRadioButton("Cash")
        self.card = QRadioButton("Card")
        self.cash.setChecked(True)
        self._methods = QButtonGroup(self)
        self._methods.addButton(self.cash)
        self._methods.addButton(self.card)
        self.card_number = QLineEdit()
        self.card_number.setPlaceholderText("Card number")
        self.card_number.setEnabled(False)
        self.card.toggled.connect(self.card_number.setEnabled)
        self.place_button = QPushButton("Place order")
        self.place_button.setMinimumHeight(48)
        # fonts, not style sheets: a style sheet would pin the palette (light ↔ dark)
        self.place_button.setFont(_big_bold(self.place_button.font(), 16))
        self.place_button.clicked.connect(self.place_requested)
        self.clear_button = QPushButton("Clear cart")
        self.clear_button.clicked.connect(self._clear)
        self._build_layout()
        self.refresh()

    def _build_layout(self) -> None:
        totals = QFormLayout()
        totals.addRow("Subtotal", self.subtotal)
        totals.addRow(f"Tax ({self._tax_rate * 100:.3f}%)", self.tax)
        totals.addRow("Total", self.total)
        methods = QHBoxLayout()
        methods.addWidget(self.cash)
        methods.addWidget(self.card)
        methods.addWidget(self.card_number, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.place_button, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(totals)
        layout.addLayout(methods)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        """Rebuild the rows from the cart (a cart has a handful of lines)."""
        lines = self._cart.lines
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            product = line.product
            self.table.setItem(row, 0, QTableWidgetItem(product.name))
            spin = QSpinBox()
            spin.setRange(0, 99)
            spin.setValue(line.quantity)
            spin.valueChanged.connect(lambda qty, pid=product.id: self._set_qty(pid, qty))
            self.table.setCellWidget(row, 1, spin)
            self.table.setItem(row, 2, QTableWidgetItem(fmt_money(product.price, self._currency)))
            self.table.setItem(row, 3, QTableWidgetItem(fmt_money(line.amount, self._currency)))
            remove = QToolButton()
            remove.setText("✕")
            remove.setAutoRaise(True)
            remove.setToolTip(f"Remove {product.name}")
            remove.clicked.connect(lambda _=False, pid=product.id: self._remove(pid))
            self.table.setCellWidget(row, 4, remove)
        self._refresh_totals()

    def _refresh_totals(self) -> None:
        for row, line in enumerate(self._cart.lines):
            item = self.table.item(row, 3)
            if item is not None:
                item.setText(fmt_money(line.amount, self._currency))
        totals = self._cart.totals(self._tax_rate)
        self.subtotal.setText(fmt_money(totals.subtotal, self._currency))
        self.tax.setText(fmt_money(totals.tax, self._currency))
        suffix = "  + unpriced item" if self._cart.has_unpriced() else ""
        self.total.setText(fmt_money(totals.total, self._currency) + suffix)

    def payment(self) -> Payment:
        if self.card.isChecked():
            return CardPayment(self.card_number.text())
        return CashPayment()

    def set_busy(self, busy: bool) -> None:
        self.place_button.setEnabled(not busy)
        self.place_button.setText("Processing…" if busy else "Place order")

    def _set_qty(self, product_id: int, quantity: int) -> None:
        self._cart.set_quantity(product_id, quantity)
        if quantity <= 0:  # the row goes; rebuild after the spin box's signal returns
            QTimer.singleShot(0, self.refresh)
        else:
            self._refresh_totals()

    def _remove(self, product_id: int) -> None:
        self._cart.remove(product_id)
        QTimer.singleShot(0, self.refresh)  # not while the clicked button is on the stack

    def _clear(self) -> None:
        self._cart.clear()
        self.refresh()


def _big_bold(font: QFont, pixels: int) -> QFont:
    big = QFont(font)
    big.setPixelSize(pixels)
    big.setBold(True)
    return big
