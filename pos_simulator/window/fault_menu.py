"""The "Faults" menu: one checkable action per fault, bound to the shop's switches."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from pos_simulator.faults import Fault, FaultSwitches


def build_fault_menu(
    parent: QWidget, switches: FaultSwitches
) -> tuple[QMenu, dict[Fault, QAction]]:
    """A checked action forces its fault on every order until unchecked."""
    menu = QMenu("&Faults", parent)
    menu.setToolTipsVisible(True)
    actions: dict[Fault, QAction] = {}
    for fault in Fault:
        action = QAction(fault.label, menu)
        action.setCheckable(True)
        action.setObjectName(f"fault-{fault.cli_name}")
        action.setToolTip(f"Log code {fault.code}")
        action.toggled.connect(lambda on, f=fault: switches.set(f, on))
        menu.addAction(action)
        actions[fault] = action
    menu.addSeparator()
    clear = QAction("Switch all off", menu)

    def switch_all_off() -> None:
        for each in actions.values():
            each.setChecked(False)

    clear.triggered.connect(switch_all_off)
    menu.addAction(clear)
    return menu, actions
