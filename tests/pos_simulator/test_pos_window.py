"""The till window driven like a cashier: clicks, a scanner's keystrokes, the fault menu."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from pos_helpers import log_lines
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_simulator.http_api import PosHttpServer
from pos_simulator.runtime import ShopOptions, TillFactory
from pos_simulator.shop import Latency
from pos_simulator.window.main_window import PosWindow

NO_LATENCY = Latency()


def make_window(qtbot: QtBot, log_path: Path, latency: Latency = NO_LATENCY) -> PosWindow:
    window = PosWindow(TillFactory(ShopOptions(log_path=log_path, latency=latency)), log_path)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture()
def window(qtbot: QtBot, log_path: Path) -> Iterator[PosWindow]:
    win = make_window(qtbot, log_path)
    yield win
    win.close()


def click_product(qtbot: QtBot, window: PosWindow, product_id: int, times: int = 1) -> None:
    for _ in range(times):
        qtbot.mouseClick(window.grid.buttons[product_id], Qt.MouseButton.LeftButton)


def place(qtbot: QtBot, window: PosWindow) -> None:
    rows = window.history.table.rowCount()
    qtbot.mouseClick(window.cart_panel.place_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.history.table.rowCount() == rows + 1, timeout=5000)
    qtbot.waitUntil(lambda: window.cart_panel.place_button.isEnabled(), timeout=5000)


def test_product_grid_shows_prices_and_no_price(window: PosWindow) -> None:
    assert "$2.50" in window.grid.buttons[1].text()
    assert "Premium Item\nno price" in window.grid.buttons[999].text()
    assert len(window.grid.buttons) >= 13


def test_click_products_and_place_order(qtbot: QtBot, window: PosWindow, log_path: Path) -> None:
    click_product(qtbot, window, 1, times=2)
    click_product(qtbot, window, 5)
    table = window.cart_panel.table
    assert table.rowCount() == 2 and table.item(0, 0).text() == "Coffee"
    assert table.cellWidget(0, 1).value() == 2
    assert window.cart_panel.total.text() == "$8.66"
    place(qtbot, window)
    row = window.history.row_texts(0)
    assert row[2:6] == ["till", "3", "$8.66", "COMPLETED"]
    assert row[6] == "POS-03-000001"
    assert window.cart_panel.table.rowCount() == 0  # the cart is cleared after a sale
    lines = log_lines(log_path)
    assert any("[INFO] Order placed: " in ln and '"total":8.66' in ln for ln in lines)
    qtbot.waitUntil(lambda: window.lines_label.text() == f"{len(lines)} lines written")
    assert window.log_label.toolTip() == str(log_path)  # the name shows, the path on hover
    assert window.log_label.text() == f"Log: {log_path.name}"
    assert "completed" in window.statusBar().currentMessage()
    assert "39 in stock" in window.grid.buttons[5].text()  # 40 croissants, one sold


def test_premium_item_fails_with_the_seed_line(
    qtbot: QtBot, window: PosWindow, log_path: Path
) -> None:
    click_product(qtbot, window, 1)
    click_product(qtbot, window, 999, times=2)
    assert "unpriced" in window.cart_panel.total.text()
    place(qtbot, window)
    assert window.history.row_texts(0)[5] == "FAILED · MISSING_PRICE"
    assert "MISSING_PRICE" in window.statusBar().currentMessage()
    assert window.cart_panel.table.rowCount() == 2  # kept so the cashier can fix it
    errors = [ln for ln in log_lines(log_path) if "[ERROR] Product has no price: " in ln]
    assert len(errors) == 1
    assert '"productId":999,"productName":"Premium Item","code":"MISSING_PRICE","quantity":2' in (
        errors[0]
    )


def test_barcode_field_and_enter_add_the_product(
    qtbot: QtBot, window: PosWindow, log_path: Path
) -> None:
    field = window.grid.barcode
    assert field.hasFocus() or window.focusWidget() in (None, field)
    qtbot.keyClicks(field, "4001234500010")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == ""
    assert window.cart_panel.table.item(0, 0).text() == "Coffee"
    qtbot.keyClicks(field, "999999")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "Unknown barcode 999999" in window.statusBar().currentMessage()
    assert any("[WARN] Unknown barcode scanned: " in ln for ln in log_lines(log_path))
    assert window.cart_panel.table.rowCount() == 1


def test_fault_menu_injects_a_stack_trace(
    qtbot: QtBot, window: PosWindow, log_path: Path
) -> None:
    actions = window.fault_menu.actions()
    action = next(a for a in actions if a.objectName() == "fault-db-lock-timeout")
    action.trigger()
    assert action.isChecked()
    click_product(qtbot, window, 2)
    place(qtbot, window)
    assert window.history.row_texts(0)[5] == "FAILED · DB_LOCK_TIMEOUT"
    text = log_path.read_text()
    assert "Caused by: java.sql.SQLTransactionRollbackException" in text
    action.trigger()
    place(qtbot, window)
    assert window.history.row_texts(0)[5] == "COMPLETED"


def test_printer_offline_completes_with_a_warning(
    qtbot: QtBot, window: PosWindow, log_path: Path
) -> None:
    printer = next(f for f in window.fault_actions if f.code == "PRINTER_OFFLINE")
    window.fault_actions[printer].setChecked(True)
    click_product(qtbot, window, 3)
    place(qtbot, window)
    assert window.history.row_texts(0)[5] == "COMPLETED · PRINTER_OFFLINE"
    assert "till.printer.PrinterOffline" in log_path.read_text()


def test_card_payment_is_masked(qtbot: QtBot, window: PosWindow, log_path: Path) -> None:
    panel = window.cart_panel
    assert not panel.card_number.isEnabled()
    qtbot.mouseClick(panel.card, Qt.MouseButton.LeftButton)
    assert panel.card_number.isEnabled()
    qtbot.keyClicks(panel.card_number, "5555 5555 5555 4444")
    click_product(qtbot, window, 6)
    place(qtbot, window)
    text = log_path.read_text()
    assert '"cardNumber":"************4444"' in text and "5555 5555 5555 4444" not in text


def test_quantity_spin_updates_the_total(qtbot: QtBot, window: PosWindow) -> None:
    click_product(qtbot, window, 1)
    spin = window.cart_panel.table.cellWidget(0, 1)
    spin.setValue(4)
    assert window.cart_panel.total.text() == "$10.89"  # 10.00 + 0.8875 -> 0.89
    spin.setValue(0)
    qtbot.waitUntil(lambda: window.cart_panel.table.rowCount() == 0)
    assert window.cart_panel.total.text() == "$0.00"


def test_slow_gateway_does_not_freeze_the_window(qtbot: QtBot, log_path: Path) -> None:
    window = make_window(qtbot, log_path, Latency(card_auth_s=0.6))
    qtbot.mouseClick(window.cart_panel.card, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.cart_panel.card_number, "4111111111111111")
    click_product(qtbot, window, 1)
    started = time.monotonic()
    qtbot.mouseClick(window.cart_panel.place_button, Qt.MouseButton.LeftButton)
    assert time.monotonic() - started < 0.3  # the click returned while the card authorises
    assert window.cart_panel.place_button.text() == "Processing…"
    click_product(qtbot, window, 2)  # the window still takes input meanwhile
    assert window.cart_panel.table.rowCount() == 2
    # the result arrives on the GUI thread through a queued signal, which re-enables the button
    qtbot.waitUntil(lambda: window.cart_panel.place_button.isEnabled(), timeout=5000)
    assert time.monotonic() - started >= 0.5
    assert window.history.table.rowCount() == 1
    assert window.history.row_texts(0)[5] == "COMPLETED"
    cart = window.cart_panel.table
    assert cart.rowCount() == 1 and cart.item(0, 0).text() == "Tea"  # added while processing
    window.close()


def test_unwritable_log_dir_shows_a_clear_message(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("not a directory")  # root ignores chmod; a file as parent always fails
    window = make_window(qtbot, blocker / "data" / "pos.log")
    assert window.banner.isVisible()
    assert "The POS log cannot be written" in window.banner.text()
    assert str(blocker / "data" / "pos.log") in window.banner.text()
    assert not window.cart_panel.isEnabled()
    assert window.log_label.text() == "Log: unavailable"
    good = tmp_path / "good" / "pos.log"
    window.open_log(good)  # what File → Choose log file… does
    assert not window.banner.isVisible() and window.cart_panel.isEnabled()
    click_product(qtbot, window, 1)
    place(qtbot, window)
    assert "Order placed" in good.read_text()
    window.close()


def test_http_orders_show_in_the_history(qtbot: QtBot, window: PosWindow) -> None:
    assert window.shop is not None
    server = PosHttpServer(window.shop, port=0)
    server.start()
    try:
        body = {"items": [{"productId": 2, "quantity": 3}]}
        response = requests.post(f"{server.url}/api/orders", json=body, timeout=10)
        assert response.status_code == 201
        qtbot.waitUntil(lambda: window.history.table.rowCount() == 1, timeout=5000)
        assert window.history.row_texts(0)[2] == "api"
        qtbot.waitUntil(lambda: "97 in stock" in window.grid.buttons[2].text())
    finally:
        server.stop()
