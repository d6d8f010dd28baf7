"""The event list: a table model over the index that shows only what passes the filters.

Rows are a numpy array of event positions, so filtering or sorting 100k events is a
few array operations rather than 100k Python calls (as QSortFilterProxyModel would be).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ..chronology.date_text import describe_event_date
from ..chronology.timeline_index import TimelineIndex

DATE, TITLE, CATEGORY = range(3)
COLUMN_NAMES = ("Date", "Title", "Category")  # (what a screen reader says of each header)
HEADERS = COLUMN_NAMES[:CATEGORY] + ("",)  # the category is a colour swatch, its name in the tooltip
HEADER_TIPS = ("Sort by date", "Sort by title", "Category: the colour of its lane. Click to sort by category")
WIDEST_DATE = "00 May 0000, 00:00"  # the Date column is at least this wide: a day and a time, months in three letters
WIDEST_FITTED_DATE = "00 May 0000–00 May 0000 or 0000"  # and at most this, to fit the dates a chronology holds
DATES_LOOKED_AT = 5_000  # events whose dates the column is fitted to: the first, in date order
_DISPLAY, _TOOLTIP, _DECORATION, _ACCESSIBLE_TEXT = (  # (as the ints Qt hands multiData)
    int(role) for role in (Qt.DisplayRole, Qt.ToolTipRole, Qt.DecorationRole, Qt.AccessibleTextRole))


def dates_to_fit(events: list) -> set[str]:
    """The short date texts of the first `DATES_LOOKED_AT` events (`describe_event_date`), which
    the Date column is made wide enough for: a span ("19 Mar–31 Oct 2011") or two dates sources
    disagree on ("13 Jul 2014 or Aug 2014") is wider than a day and a time."""
    return {describe_event_date(event, short=True) for event in events[:DATES_LOOKED_AT]}


class EventListModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.index_: TimelineIndex | None = None
        self.rows = np.zeros(0, np.intp)
        self.mask: np.ndarray | None = None
        self.sort_column, self.sort_order = DATE, Qt.AscendingOrder
        self._orders: dict[int, np.ndarray] = {}
        self._row_of: np.ndarray | None = None

    def set_index(self, index: TimelineIndex | None) -> None:
        self.beginResetModel()
        self.index_, self.mask, self._orders = index, None, {}
        self._rebuild()
        self.endResetModel()

    def set_mask(self, mask: np.ndarray | None) -> None:
        self.beginResetModel()
        self.mask = mask
        self._rebuild()
        self.endResetModel()

    def _order(self, column: int) -> np.ndarray:
        """Event positions sorted by a column (dates are the index's own order)."""
        if column not in self._orders:
            events = self.index_.events
            if column == DATE:
                order = self.index_.in_order
            elif column == TITLE:
                order = np.array(sorted(range(len(events)), key=lambda i: events[i].title.casefold()), np.intp)
            else:
                labels = self.index_.category_labels
                order = np.array(sorted(range(len(events)), key=lambda i: labels[events[i].category].casefold()), np.intp)
            self._orders[column] = order
        return self._orders[column]

    def _rebuild(self) -> None:
        if self.index_ is None:
            self.rows = np.zeros(0, np.intp)
            self._row_of = None
            return
        order = self._order(self.sort_column)
        if self.sort_order == Qt.DescendingOrder:
            order = order[::-1]
        self.rows = order if self.mask is None else order[self.mask[order]]
        self._row_of = None

    def row_of(self, position: int) -> int:
        """The row showing event `position`, or -1 when it is filtered out."""
        if self.index_ is None or position < 0:
            return -1
        if self._row_of is None:
            self._row_of = np.full(len(self.index_), -1, np.intp)
            self._row_of[self.rows] = np.arange(len(self.rows))
        return int(self._row_of[position])

    def position_at(self, row: int) -> int:
        return int(self.rows[row]) if 0 <= row < len(self.rows) else -1

    # --- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role in (Qt.DisplayRole, Qt.ToolTipRole):
            return HEADERS[section] if role == Qt.DisplayRole else HEADER_TIPS[section]
        if orientation == Qt.Horizontal and role == Qt.AccessibleTextRole:
            return COLUMN_NAMES[section]  # (a screen reader names the swatch column too)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        return self._answer(self.index_.events[int(self.rows[index.row()])], index.column(), int(role))

    def multiData(self, index: QModelIndex | QPersistentModelIndex, roles) -> None:  # noqa: N802 - Qt's name
        """`data` for every role a view asks of a cell, in one call: the list's delegate asks
        seven (font, alignment, colours…), and each call from Qt into Python cost more than its
        answer (a list repaint made some 1,700 of them: 10-25 ms, the most of a first paint's)."""
        if not index.isValid():
            for asked in roles:
                asked.clearData()  # (a view may hand over a span it used before)
            return
        event, column, answer = self.index_.events[int(self.rows[index.row()])], index.column(), self._answer
        for asked in roles:
            asked.setData(answer(event, column, asked.role()))

    def _answer(self, event, column: int, role: int):
        if role == _DISPLAY or role == _TOOLTIP:
            if column == DATE:  # months in three letters in the narrow column; the tooltip as written and in full
                return describe_event_date(event, short=True) if role == _DISPLAY else f"{event.written} — {describe_event_date(event)}"
            if column == TITLE:
                return event.title if len(event.title) <= 1000 else event.title[:1000] + "…"
            return self.index_.category_labels[event.category] if role == _TOOLTIP else None
        if role == _ACCESSIBLE_TEXT and column == CATEGORY:
            return self.index_.category_labels[event.category]
        if role == _DECORATION and column == CATEGORY:
            return QColor(self.index_.category_colors[event.category])
        return None

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.sort_order = column, order
        self._rebuild()
        self.layoutChanged.emit()
