"""What survives a restart of the window: geometry, toolbar, splitters, the table's columns
(widths, order, sort), the filters and the selected tab. Kept in an INI file in the profile
(QSettings), so each profile — and each test — has its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

FILE_NAME = "window.ini"


def open_settings(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / FILE_NAME), QSettings.Format.IniFormat)


def read_bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def read_str(settings: QSettings, key: str, default: str = "") -> str:
    value = settings.value(key, default)
    return value if isinstance(value, str) else default


def read_int(settings: QSettings, key: str, default: int = 0) -> int:
    value = settings.value(key, default)  # an int, or a str read back from the file
    if not isinstance(value, int | str):
        return default
    try:
        return int(value)
    except ValueError:
        return default
