"""What the window's flat table models share: a list of row objects under fixed columns."""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QMetaMethod,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class RowListModel(QAbstractTableModel, Generic[RowT]):
    """Rows in ``self._rows``; subclasses answer :meth:`cell` for one row and role."""

    columns: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject | None
        super().__init__(parent)
        self._rows: list[RowT] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def index(self, row: int, column: int,
              parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt override
        """One call into Python instead of two: Qt's own ``index`` asks ``rowCount`` and
        ``columnCount`` (both Python here) for every index, and a proxy asks for an index
        of this model for each cell and role it paints (half of a paint's time)."""
        if parent.isValid() or not (0 <= row < len(self._rows)
                                    and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return self.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: RowT, column: int, role: int) -> object:
        raise NotImplementedError

    def row_at(self, row: int) -> RowT:
        return self._rows[row]


class PagedRowModel(RowListModel[RowT]):
    """Rows paged in from the store as the view scrolls (``canFetchMore``/``fetchMore``);
    the store worker answers ``page_wanted`` and the owner feeds the page back."""

    #: (cursor or None for the first page, limit): the model wants the next page.
    page_wanted = Signal(object, int)
    page_size = 500

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject | None
        super().__init__(parent)
        self._exhausted = False
        self._fetching = False
        self._page_signal = QMetaMethod.fromSignal(self.page_wanted)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        """Also False while nothing answers ``page_wanted``: a view shown before its window's
        store was connected asked for a page then, and waited for it for ever."""
        return (not parent.isValid() and not self._exhausted and not self._fetching
                and self.isSignalConnected(self._page_signal))

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        self.page_wanted.emit(self.cursor(), self.page_size)

    def cursor(self) -> int | None:
        """Where the next page starts (the smallest id loaded; None: nothing yet)."""
        raise NotImplementedError
