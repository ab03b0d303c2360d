"""A point-of-sale simulator whose log StackLens watches.

The shop logic (catalog, orders, tax, payment, faults, the log writer) is plain Python; only
``pos_simulator.window`` imports Qt.
"""

__version__ = "0.1.0"
