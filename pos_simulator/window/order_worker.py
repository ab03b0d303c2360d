"""Places orders off the GUI thread (card authorisation may wait on a slow gateway)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from pos_simulator.logwriter import LogUnavailableError
from pos_simulator.orders import OrderRequest, OrderResult
from pos_simulator.shop import Shop


class OrderWorker(QObject):
    """Lives in a QThread; never touches widgets.

    Signals:
        finished(OrderResult): the order went through the till (completed or failed).
        failed(str): the order could not be processed at all (e.g. the log is unwritable).
    """

    finished = Signal(object)
    failed = Signal(str)

    @Slot(object, object)
    def place(self, shop: Shop, request: OrderRequest) -> None:
        try:
            result: OrderResult = shop.place_order(request)
        except LogUnavailableError as exc:
            self.failed.emit(str(exc))
            return
        self.finished.emit(result)
