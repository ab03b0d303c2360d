"""The POS window (PySide6). The only Qt code of the simulator."""
